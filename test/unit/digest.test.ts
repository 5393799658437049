import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../shared/domain/deadline.ts';
import { type DigestInput, renderDigest } from '../../shared/domain/digest.ts';

const anna = { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' };
const qpk = {
  type: 'application' as const,
  id: 'A1',
  title: 'Quartiersplanungskoordination Erfurt',
};
const deadline = (overrides: Partial<Deadline>): Deadline => ({
  id: 'A1.final_report',
  kind: 'final_report',
  dueOn: '2026-06-30',
  subject: qpk,
  owner: anna,
  status: 'open',
  ...overrides,
});

const input: DigestInput = {
  recipient: { email: anna.email, name: anna.name },
  today: '2026-06-01',
  // The edge decides where a record lives; here the final report has a page of its own.
  link: (deadline) =>
    `https://fristen.erfurt.example/v1/applications/A1${deadline.subject.partId ? `/reports/${deadline.subject.partId}` : ''}`,
  items: [
    {
      stage: 30,
      deadline: deadline({ subject: { ...qpk, partId: 'final' } }),
    },
    {
      stage: -28,
      deadline: deadline({ id: 'A1.interim_report.2025', kind: 'interim_report', dueOn: '2026-04-30' }),
    },
    {
      stage: 7,
      deadline: deadline({
        id: 'A1.spend_by.C1',
        kind: 'spend_by',
        dueOn: '2026-06-05',
        amountCents: 123_456,
        owner: { name: 'Kim <Koordination>', email: 'kim@erfurt.example' },
        subject: { ...qpk, title: 'Miete & Nebenkosten "2026"' },
      }),
    },
  ],
};

const FOOTER =
  'Diese Nachricht hat der Fördertracker automatisch versandt. Er erinnert an jede Frist in festen ' +
  'Abständen vorher, am Fälligkeitstag und danach regelmäßig, bis sie als erledigt vermerkt ist.';

describe('the German reminder digest', () => {
  it('names the counts per group and the day in the subject', () => {
    expect(renderDigest(input).subject).toBe(
      'Fördertracker: Fristen am 01.06.2026 – 1 überfällig, 1 diese Woche, 1 demnächst',
    );
  });

  it('renders the plain text grouped by urgency, with German dates, amounts and links', () => {
    expect(renderDigest(input).text).toBe(
      [
        'Guten Tag Anna Finanz,',
        '',
        'hier ist Ihre Fristenübersicht aus dem Fördertracker vom 01.06.2026.',
        '',
        'Überfällig (1)',
        '- Zwischennachweis: Quartiersplanungskoordination Erfurt',
        '  fällig am 30.04.2026 (seit 32 Tagen überfällig)',
        '  https://fristen.erfurt.example/v1/applications/A1',
        '',
        'Diese Woche (1)',
        '- Mittelverwendung: Miete & Nebenkosten "2026"',
        '  fällig am 05.06.2026 (in 4 Tagen)',
        '  Betrag: 1.234,56 €',
        '  Verantwortlich: Kim <Koordination> <kim@erfurt.example>',
        '  https://fristen.erfurt.example/v1/applications/A1',
        '',
        'Demnächst (1)',
        '- Verwendungsnachweis: Quartiersplanungskoordination Erfurt',
        '  fällig am 30.06.2026 (in 29 Tagen)',
        '  https://fristen.erfurt.example/v1/applications/A1/reports/final',
        '',
        '-- ',
        FOOTER,
        '',
      ].join('\n'),
    );
  });

  it('renders the same content as HTML, escaping every text and link', () => {
    expect(renderDigest(input).html).toBe(
      [
        '<!doctype html>',
        '<html lang="de">',
        '<head><meta charset="utf-8"><title>Fördertracker: Fristen am 01.06.2026 – 1 überfällig, 1 diese Woche, 1 demnächst</title></head>',
        '<body style="font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.4;">',
        '<p>Guten Tag Anna Finanz,</p>',
        '<p>hier ist Ihre Fristenübersicht aus dem Fördertracker vom 01.06.2026.</p>',
        '<h2 style="font-size: 16px; margin: 20px 0 8px;">Überfällig (1)</h2>',
        '<ul style="padding-left: 20px;">',
        '<li style="margin-bottom: 8px;"><a href="https://fristen.erfurt.example/v1/applications/A1">Zwischennachweis: Quartiersplanungskoordination Erfurt</a><br>fällig am 30.04.2026 (seit 32 Tagen überfällig)</li>',
        '</ul>',
        '<h2 style="font-size: 16px; margin: 20px 0 8px;">Diese Woche (1)</h2>',
        '<ul style="padding-left: 20px;">',
        '<li style="margin-bottom: 8px;"><a href="https://fristen.erfurt.example/v1/applications/A1">Mittelverwendung: Miete &amp; Nebenkosten &quot;2026&quot;</a><br>fällig am 05.06.2026 (in 4 Tagen)<br>Betrag: 1.234,56 €<br>Verantwortlich: Kim &lt;Koordination&gt; &lt;kim@erfurt.example&gt;</li>',
        '</ul>',
        '<h2 style="font-size: 16px; margin: 20px 0 8px;">Demnächst (1)</h2>',
        '<ul style="padding-left: 20px;">',
        '<li style="margin-bottom: 8px;"><a href="https://fristen.erfurt.example/v1/applications/A1/reports/final">Verwendungsnachweis: Quartiersplanungskoordination Erfurt</a><br>fällig am 30.06.2026 (in 29 Tagen)</li>',
        '</ul>',
        `<p style="color: #555555; font-size: 12px;">${FOOTER}</p>`,
        '</body>',
        '</html>',
        '',
      ].join('\n'),
    );
  });

  it('says heute, morgen and seit 1 Tag, greets a mailbox without a name and leaves empty groups out', () => {
    const digest = renderDigest({
      ...input,
      recipient: { email: 'foerdermittel@erfurt.example' },
      items: [
        { stage: 0, deadline: deadline({ id: 'a', dueOn: '2026-06-01' }) },
        { stage: 1, deadline: deadline({ id: 'b', dueOn: '2026-06-02' }) },
        { stage: 0, deadline: deadline({ id: 'c', dueOn: '2026-05-31' }) },
      ],
    });

    expect(digest.subject).toBe('Fördertracker: Fristen am 01.06.2026 – 1 überfällig, 2 diese Woche');
    expect(digest.text).toContain('Guten Tag,\n');
    expect(digest.text).toContain('fällig am 31.05.2026 (seit 1 Tag überfällig)');
    expect(digest.text).toContain('fällig am 01.06.2026 (heute)');
    expect(digest.text).toContain('fällig am 02.06.2026 (morgen)');
    expect(digest.text).toContain('Verantwortlich: Anna Finanz <anna.finanz@erfurt.example>');
    expect(digest.text).not.toContain('Demnächst');
  });

  it('counts a deadline due in exactly 7 days as this week and one in 8 days as upcoming', () => {
    const digest = renderDigest({
      ...input,
      items: [
        { stage: 7, deadline: deadline({ id: 'a', dueOn: '2026-06-08' }) },
        { stage: 14, deadline: deadline({ id: 'b', dueOn: '2026-06-09' }) },
      ],
    });

    expect(digest.subject).toBe('Fördertracker: Fristen am 01.06.2026 – 1 diese Woche, 1 demnächst');
  });
});
