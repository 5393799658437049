import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../shared/domain/deadline.ts';
import { escapeText, foldLine, renderIcs } from '../../shared/domain/ics.ts';
import { deadlineLink } from '../../shared/links.ts';
import { parseCalendar } from '../support/ical.ts';

const finalReport: Deadline = {
  id: 'A1.final_report',
  kind: 'final_report',
  dueOn: '2026-06-30',
  subject: {
    type: 'application',
    id: 'A1',
    title: 'Quartiersplanungskoordination Erfurt',
    partId: 'final',
  },
  owner: { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' },
  status: 'open',
  amountCents: 123_456,
};
const options = {
  now: new Date('2026-06-01T04:00:00Z'),
  link: deadlineLink('https://fristen.erfurt.example'),
};

describe('the iCalendar feed', () => {
  it('renders one all-day event per deadline, CRLF-terminated and folded at 75 octets', () => {
    expect(renderIcs([finalReport], options)).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Foerdertracker//Fristen//DE',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Fördertracker – Fristen',
        'REFRESH-INTERVAL;VALUE=DURATION:PT4H',
        'X-PUBLISHED-TTL:PT4H',
        'BEGIN:VEVENT',
        'UID:A1.final_report@foerdertracker',
        'DTSTAMP:20260601T040000Z',
        'DTSTART;VALUE=DATE:20260630',
        'DTEND;VALUE=DATE:20260701',
        'SUMMARY:Frist: Verwendungsnachweis – Quartiersplanungskoordination Erfurt',
        'DESCRIPTION:Fällig am 30.06.2026\\nVerantwortlich: Anna Finanz <anna.finanz',
        ' @erfurt.example>\\nBetrag: 1.234\\,56 €\\nhttps://fristen.erfurt.example/v1',
        ' /applications/A1/reports/final',
        'CATEGORIES:Verwendungsnachweis',
        'URL:https://fristen.erfurt.example/v1/applications/A1/reports/final',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('is read back by ical.js as all-day events with stable UIDs and German summaries', () => {
    const spendBy: Deadline = {
      ...finalReport,
      id: 'A1.spend_by.C2',
      kind: 'spend_by',
      dueOn: '2026-03-29',
      subject: { ...finalReport.subject, title: 'Abruf 2; Miete, Nebenkosten\\Strom' },
    };
    const calendar = parseCalendar(renderIcs([finalReport, spendBy], options));

    expect(calendar.name).toBe('Fördertracker – Fristen');
    expect(calendar.events).toEqual([
      {
        uid: 'A1.final_report@foerdertracker',
        summary: 'Frist: Verwendungsnachweis – Quartiersplanungskoordination Erfurt',
        description:
          'Fällig am 30.06.2026\nVerantwortlich: Anna Finanz <anna.finanz@erfurt.example>\n' +
          'Betrag: 1.234,56 €\nhttps://fristen.erfurt.example/v1/applications/A1/reports/final',
        allDay: true,
        start: '2026-06-30',
        end: '2026-07-01',
        url: 'https://fristen.erfurt.example/v1/applications/A1/reports/final',
      },
      expect.objectContaining({
        uid: 'A1.spend_by.C2@foerdertracker',
        summary: 'Frist: Mittelverwendung – Abruf 2; Miete, Nebenkosten\\Strom',
        allDay: true,
        // The day clocks go forward in Berlin stays that very day: dates carry no time zone.
        start: '2026-03-29',
        end: '2026-03-30',
      }),
    ]);
  });

  it('renders an empty calendar when nothing is open', () => {
    expect(parseCalendar(renderIcs([], options)).events).toEqual([]);
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds by octets without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'ü'.repeat(60)}`;
    const folded = foldLine(line).split('\r\n');

    for (const part of folded) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
  });
});
