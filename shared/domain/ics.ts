import { addDays } from './calendar-date.ts';
import type { Deadline, DeadlineKind } from './deadline.ts';
import { formatEuro, formatGermanDate } from './german-format.ts';
import { DEADLINE_KIND_LABELS } from './labels.ts';

/**
 * iCalendar (RFC 5545) for deadlines, written by hand: a feed of all-day events needs a
 * few dozen lines, and this way every octet is under test (CRLF line ends, folding at 75
 * octets without splitting a UTF-8 character, TEXT escaping). ical-generator 11 declares
 * Node ≥ 22, and the local runtime is Node 20.
 */
export interface IcsOptions {
  /** DTSTAMP of every event: when the feed was generated. */
  now: Date;
  /** The link to a deadline's record; built at the edge, which knows where records live. */
  link: (deadline: Deadline) => string;
  /** Whether a kind is a duty (a Frist, due) or an event (a Termin that comes); configuration. */
  nature: (kind: DeadlineKind) => 'duty' | 'event';
  calendarName?: string;
}

const MAX_OCTETS = 75;
const utf8 = new TextEncoder();

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replaceAll(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1); continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8.encode(character).length;
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

const basicDate = (date: string) => date.replaceAll('-', '');
const basicTimestamp = (instant: Date) => `${instant.toISOString().slice(0, 19).replaceAll(/[-:]/g, '')}Z`;

/** "Frist: Verwendungsnachweis – Quartiersplanungskoordination Erfurt"; an event is a "Termin". */
export const eventSummary = (deadline: Deadline, nature: 'duty' | 'event') =>
  `${nature === 'event' ? 'Termin' : 'Frist'}: ${DEADLINE_KIND_LABELS[deadline.kind]} – ${deadline.subject.title}`;

function eventLines(deadline: Deadline, options: IcsOptions): string[] {
  const link = options.link(deadline);
  const nature = options.nature(deadline.kind);
  const description = [
    `${nature === 'event' ? 'Am' : 'Fällig am'} ${formatGermanDate(deadline.dueOn)}`,
    `Verantwortlich: ${deadline.owner.name} <${deadline.owner.email}>`,
    ...(deadline.amountCents === undefined ? [] : [`Betrag: ${formatEuro(deadline.amountCents)}`]),
    link,
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${deadline.id}@foerdertracker`,
    `DTSTAMP:${basicTimestamp(options.now)}`,
    // All-day: a DATE start and the exclusive next day as end, in no time zone at all.
    `DTSTART;VALUE=DATE:${basicDate(deadline.dueOn)}`,
    `DTEND;VALUE=DATE:${basicDate(addDays(deadline.dueOn, 1))}`,
    `SUMMARY:${escapeText(eventSummary(deadline, nature))}`,
    `DESCRIPTION:${escapeText(description)}`,
    `CATEGORIES:${escapeText(DEADLINE_KIND_LABELS[deadline.kind])}`,
    `URL:${link}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** A VCALENDAR with one all-day VEVENT per deadline; UIDs are stable, so clients update, not duplicate. */
export function renderIcs(deadlines: readonly Deadline[], options: IcsOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Foerdertracker//Fristen//DE',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.calendarName ?? 'Fördertracker – Fristen')}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT4H',
    'X-PUBLISHED-TTL:PT4H',
    ...deadlines.flatMap((deadline) => eventLines(deadline, options)),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
