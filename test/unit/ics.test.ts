import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_KINDS, type Deadline, type DeadlineKind } from '../../shared/domain/deadline.ts';
import { escapeText, foldLine, renderIcs } from '../../shared/domain/ics.ts';
import { natureOf } from '../../shared/domain/reminder-schedule.ts';
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
  nature: (kind: DeadlineKind) => natureOf(kind, { eventKinds: DEFAULT_EVENT_KINDS }),
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
        ' @erfurt.example>\\nBetrag: 1.234\\,56 €\\nhttps://fristen.erfurt.example/an',
        ' traege/A1#frist-A1.final_report',
        'CATEGORIES:Verwendungsnachweis',
        'URL:https://fristen.erfurt.example/antraege/A1#frist-A1.final_report',
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
          'Betrag: 1.234,56 €\nhttps://fristen.erfurt.example/antraege/A1#frist-A1.final_report',
        allDay: true,
        start: '2026-06-30',
        end: '2026-07-01',
        url: 'https://fristen.erfurt.example/antraege/A1#frist-A1.final_report',
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

  it('names an event a Termin on its day, a duty a Frist due that day', () => {
    const fundingEnd: Deadline = { ...finalReport, id: 'A1.funding_period_end', kind: 'funding_period_end' };
    const [event] = parseCalendar(renderIcs([fundingEnd], options)).events;

    expect(event).toMatchObject({
      summary: 'Termin: Ende des Bewilligungszeitraums – Quartiersplanungskoordination Erfurt',
      description: expect.stringMatching(/^Am 30\.06\.2026\n/),
      url: 'https://fristen.erfurt.example/antraege/A1#frist-A1.funding_period_end',
    });
  });

  it('links each kind of record to its page in the web app', () => {
    const link = deadlineLink('https://fristen.erfurt.example');
    const of = (type: Deadline['subject']['type'], id: string) => ({
      ...finalReport,
      id,
      subject: { ...finalReport.subject, type, id: 'R1' },
    });

    expect(link(of('position', 'R1.contract_end'))).toBe(
      'https://fristen.erfurt.example/stellen/R1#frist-R1.contract_end',
    );
    expect(link(of('task', 'R1.task_due'))).toBe(
      'https://fristen.erfurt.example/aufgaben/R1#frist-R1.task_due',
    );
    expect(link(of('concept', 'R1.milestone_due.M1'))).toBe(
      'https://fristen.erfurt.example/konzepte/R1#frist-R1.milestone_due.M1',
    );
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
