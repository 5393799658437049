/** Performance marks of Meine Aufgaben, read by `npm run bench` (scripts/bench/web.ts). */
export const TASKS_DATA_ARRIVED = 'meine-aufgaben:daten-da';
export const TASKS_RENDERED = 'meine-aufgaben:angezeigt';
