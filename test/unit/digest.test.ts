import { describe, expect, it } from 'vitest';
import { PUBLISHED_BASE_RATES } from '../../shared/domain/base-rates.ts';
import { DEFAULT_EVENT_KINDS, type Deadline } from '../../shared/domain/deadline.ts';
import { type DigestInput, renderDigest } from '../../shared/domain/digest.ts';
import { formatEuro } from '../../shared/domain/german-format.ts';
import { interestAtRisk } from '../../shared/domain/interest.ts';
import { natureOf } from '../../shared/domain/reminder-schedule.ts';

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
  overviewLink: 'https://fristen.erfurt.example/fristen',
  nature: (kind) => natureOf(kind, { eventKinds: DEFAULT_EVENT_KINDS }),
  interestAtRisk: (deadline) => interestAtRisk(deadline, '2026-06-01', PUBLISHED_BASE_RATES),
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
  'Abständen vorher, am Fälligkeitstag und danach regelmäßig, bis sie als erledigt vermerkt ist. ' +
  'Termine wie das Ende eines Bewilligungszeitraums kündigt er vorher an; an ihrem Tag sind sie vorbei. ' +
  'Wann Sie an eine Frist erinnert werden, stellen Sie auf der Seite der Frist ein.';

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
        '  Noch zu verwenden: 1.234,56 €',
        '  Verantwortlich: Kim <Koordination> <kim@erfurt.example>',
        '  https://fristen.erfurt.example/v1/applications/A1',
        '',
        'Demnächst (1)',
        '- Verwendungsnachweis: Quartiersplanungskoordination Erfurt',
        '  fällig am 30.06.2026 (in 29 Tagen)',
        '  https://fristen.erfurt.example/v1/applications/A1/reports/final',
        '',
        'Alle Ihre Fristen im Fördertracker: https://fristen.erfurt.example/fristen',
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
        '<h1 style="font-size: 20px; margin: 0 0 12px;">Ihre Fristen am 01.06.2026</h1>',
        '<p>Guten Tag Anna Finanz,</p>',
        '<p>hier ist Ihre Fristenübersicht aus dem Fördertracker vom 01.06.2026.</p>',
        '<h2 style="font-size: 16px; margin: 20px 0 8px;">Überfällig (1)</h2>',
        '<ul style="padding-left: 20px;">',
        '<li style="margin-bottom: 8px;"><a href="https://fristen.erfurt.example/v1/applications/A1">Zwischennachweis: Quartiersplanungskoordination Erfurt</a><br>fällig am 30.04.2026 (seit 32 Tagen überfällig)</li>',
        '</ul>',
        '<h2 style="font-size: 16px; margin: 20px 0 8px;">Diese Woche (1)</h2>',
        '<ul style="padding-left: 20px;">',
        '<li style="margin-bottom: 8px;"><a href="https://fristen.erfurt.example/v1/applications/A1">Mittelverwendung: Miete &amp; Nebenkosten &quot;2026&quot;</a><br>fällig am 05.06.2026 (in 4 Tagen)<br>Noch zu verwenden: 1.234,56 €<br>Verantwortlich: Kim &lt;Koordination&gt; &lt;kim@erfurt.example&gt;</li>',
        '</ul>',
        '<h2 style="font-size: 16px; margin: 20px 0 8px;">Demnächst (1)</h2>',
        '<ul style="padding-left: 20px;">',
        '<li style="margin-bottom: 8px;"><a href="https://fristen.erfurt.example/v1/applications/A1/reports/final">Verwendungsnachweis: Quartiersplanungskoordination Erfurt</a><br>fällig am 30.06.2026 (in 29 Tagen)</li>',
        '</ul>',
        '<p><a href="https://fristen.erfurt.example/fristen">Alle Ihre Fristen im Fördertracker</a></p>',
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

describe('what the digest says of events and of money', () => {
  it('announces an event as a Termin, not as something due', () => {
    const digest = renderDigest({
      ...input,
      items: [
        {
          stage: 30,
          deadline: deadline({
            id: 'A1.funding_period_end',
            kind: 'funding_period_end',
            dueOn: '2026-07-01',
          }),
        },
        {
          stage: 0,
          deadline: deadline({ id: 'P1.contract_end', kind: 'contract_end', dueOn: '2026-06-01' }),
        },
      ],
    });

    expect(digest.text).toContain(
      'Ende des Bewilligungszeitraums: Quartiersplanungskoordination Erfurt\n  Termin am 01.07.2026 (in 30 Tagen)',
    );
    expect(digest.text).toContain('Termin am 01.06.2026 (heute)');
    expect(digest.text).not.toContain('fällig');
  });

  it('names the money still to be spent and, once its day has passed, the interest it has drawn', () => {
    const overdue = deadline({
      id: 'A1.spend_by.C2',
      kind: 'spend_by',
      dueOn: '2026-04-01',
      amountCents: 10_000_000,
      interestFrom: '2026-03-01',
    });
    const digest = renderDigest({ ...input, items: [{ stage: -56, deadline: overdue }] });
    // 100,000.00 € from 1 March to 1 June 2026 (92 days) at 5 points above the base rate of 1.27 %.
    expect(interestAtRisk(overdue, '2026-06-01', PUBLISHED_BASE_RATES)).toBe(158_038);
    expect(digest.text).toContain(
      `  Noch zu verwenden: 100.000,00 €\n  Zinsen bis heute (§ 49a Abs. 4 VwVfG): ${formatEuro(158_038)}\n`,
    );
    expect(digest.html).toContain(
      `<br>Noch zu verwenden: 100.000,00 €<br>Zinsen bis heute (§ 49a Abs. 4 VwVfG): ${formatEuro(158_038)}`,
    );
  });

  it('calls an amount of any other deadline its Betrag and adds no interest', () => {
    const digest = renderDigest({
      ...input,
      items: [
        {
          stage: 7,
          deadline: deadline({
            kind: 'submission',
            id: 'A1.submission',
            amountCents: 5_000,
            dueOn: '2026-06-05',
          }),
        },
      ],
    });

    expect(digest.text).toContain('  Betrag: 50,00 €\n');
    expect(digest.text).not.toContain('Zinsen');
  });
});

describe('the order within a group of the digest', () => {
  it('lists by due date, then by title, then by deadline id', () => {
    // prepare: four deadlines this week, in no order
    const items = [
      { stage: 7, deadline: deadline({ id: 'd', dueOn: '2026-06-05', subject: { ...qpk, title: 'Beta' } }) },
      { stage: 7, deadline: deadline({ id: 'z', dueOn: '2026-06-03', subject: { ...qpk, title: 'Zeta' } }) },
      { stage: 7, deadline: deadline({ id: 'y', dueOn: '2026-06-05', subject: { ...qpk, title: 'Alpha' } }) },
      { stage: 7, deadline: deadline({ id: 'x', dueOn: '2026-06-05', subject: { ...qpk, title: 'Alpha' } }) },
    ];
    // act
    const digest = renderDigest({
      ...input,
      link: (due) => `https://fristen.erfurt.example/${due.id}`,
      items,
    });
    // assess
    const links = digest.text.split('\n').filter((line) => line.startsWith('  https://'));
    expect(links).toEqual([
      '  https://fristen.erfurt.example/z',
      '  https://fristen.erfurt.example/x',
      '  https://fristen.erfurt.example/y',
      '  https://fristen.erfurt.example/d',
    ]);
  });

  it('escapes an apostrophe in the HTML', () => {
    const items = [
      { stage: 7, deadline: deadline({ dueOn: '2026-06-05', subject: { ...qpk, title: "Kita 'Sonne'" } }) },
    ];
    expect(renderDigest({ ...input, items }).html).toContain('Verwendungsnachweis: Kita &#39;Sonne&#39;</a>');
  });
});
