/** Performance marks of Meine Aufgaben, read by `npm run bench` (scripts/bench/web.ts). */
export const TASKS_DATA_ARRIVED = 'meine-aufgaben:daten-da';
export const TASKS_RENDERED = 'meine-aufgaben:angezeigt';
/** Performance marks of the Übersicht: the summary parsed, and every chart drawn. */
export const DASHBOARD_DATA_ARRIVED = 'uebersicht:daten-da';
export const DASHBOARD_CHARTS_DRAWN = 'uebersicht:diagramme-gezeichnet';
