import { describe, expect, it } from 'vitest';
import { compileNarrative, type NarrativeInput } from '../../shared/domain/narrative.ts';

const period = { start: '2023-01-01', end: '2023-12-31' };

const entry = (
  id: string,
  on: string,
  percent: number,
  note: string,
  extra: Partial<NarrativeInput['tasks'][number]['entries'][number]> = {},
) => ({
  id,
  on,
  percent,
  note,
  hours: null,
  statusChange: null,
  ...extra,
});

const input: NarrativeInput = {
  position: { title: 'Quartiersplanungskoordination' },
  tasks: [
    {
      task: { id: 'T1', title: 'Rahmenkonzept integrierte Sozialraumplanung', area: 'concept_planning' },
      entries: [
        entry('E0', '2022-12-20', 5, 'Vor dem Zeitraum: Auftakt'),
        entry('E1', '2023-02-10', 20, 'Sozialstrukturdaten ausgewertet', {
          hours: 12,
          statusChange: { from: 'open', to: 'in_progress' },
        }),
        entry('E2', '2023-06-15', 60, 'Handlungsfelder abgestimmt:\nBildung, Wohnen, Teilhabe', { hours: 1 }),
        entry('E3', '2024-01-05', 80, 'Nach dem Zeitraum'),
      ],
    },
    {
      task: { id: 'T2', title: 'Arbeitskreis Quartiersarbeit aufbauen', area: 'coordination_networking' },
      entries: [
        entry('E4', '2023-09-20', 100, 'Geschäftsordnung beschlossen', {
          hours: 4.5,
          statusChange: { from: 'in_progress', to: 'done' },
        }),
        entry('E5', '2023-03-08', 30, 'Träger eingeladen', { statusChange: { from: 'open', to: 'blocked' } }),
      ],
    },
    {
      task: { id: 'T3', title: 'Austausch mit den Schulsozialarbeitern', area: 'coordination_networking' },
      entries: [entry('E6', '2023-03-08', 10, 'Erstes Treffen')],
    },
    {
      task: { id: 'T4', title: 'Beteiligung Erfurt-Nord begleiten', area: 'district_concepts' },
      entries: [entry('E7', '2022-11-30', 10, 'Nur im Vorjahr')],
    },
  ],
  concepts: [
    {
      concept: { id: 'C2', title: 'Stadtteilentwicklungskonzept Herrenberg', district: 'Herrenberg' },
      milestones: [
        {
          id: 'M9',
          title: 'Auftaktveranstaltung',
          kind: 'participation',
          dueOn: '2024-03-01',
          status: 'planned',
          achievedOn: null,
        },
      ],
      reports: [],
    },
    {
      concept: { id: 'C1', title: 'Stadtteilentwicklungskonzept Erfurt-Nord', district: 'Sozialraum Nord' },
      milestones: [
        {
          id: 'M2',
          title: 'Bürgerbeteiligung',
          kind: 'participation',
          dueOn: '2023-06-30',
          status: 'achieved',
          achievedOn: '2023-06-24',
        },
        {
          id: 'M1',
          title: 'Beteiligung der Ortsteile',
          kind: 'participation',
          dueOn: '2023-03-31',
          status: 'achieved',
          achievedOn: '2023-03-29',
        },
        {
          id: 'M3',
          title: 'Jugendforen mit BÄMM!',
          kind: 'participation',
          dueOn: '2023-09-30',
          status: 'missed',
          achievedOn: null,
        },
        {
          id: 'M4',
          title: 'Rückmeldung an die AG',
          kind: 'steering_feedback',
          dueOn: '2023-11-30',
          status: 'in_progress',
          achievedOn: null,
        },
        {
          id: 'M5',
          title: 'Vorjahresmeilenstein',
          kind: 'deliverable',
          dueOn: '2022-12-01',
          status: 'achieved',
          achievedOn: '2022-12-01',
        },
      ],
      reports: [
        {
          id: 'R1',
          milestoneId: 'M1',
          summary: 'Ortsteile beteiligt',
          audience: 'steering_group',
          status: 'accepted',
          submittedOn: '2023-04-20',
          decidedOn: '2023-05-10',
        },
        {
          id: 'R2',
          milestoneId: 'M4',
          summary: 'Zwischenstand für die AG',
          audience: 'council_social_policy_group',
          status: 'revision_requested',
          submittedOn: '2023-11-10',
          decidedOn: '2023-11-23',
        },
        {
          id: 'R3',
          milestoneId: 'M2',
          summary: 'Bürgerbeteiligung ausgewertet',
          audience: 'neighbourhood_work_circle',
          status: 'accepted',
          submittedOn: '2023-12-20',
          decidedOn: '2024-01-10',
        },
        {
          id: 'R4',
          milestoneId: 'M5',
          summary: 'Vorjahresbericht',
          audience: 'city_council',
          status: 'accepted',
          submittedOn: '2022-12-15',
          decidedOn: '2023-01-12',
        },
        {
          id: 'R5',
          milestoneId: 'M2',
          summary: 'Entwurf',
          audience: 'other',
          status: 'draft',
          submittedOn: null,
          decidedOn: null,
        },
      ],
    },
  ],
};

/** How every report of the Quartiersplanungskoordination for 2023 begins. */
const HEAD = [
  '# Sachbericht Quartiersplanungskoordination',
  '',
  '## Berichtszeitraum 01.01.2023 – 31.12.2023',
  '',
  '_Entwurf aus den Einträgen im Fördertracker; vor der Übernahme in den Zwischen- oder Verwendungsnachweis bitte prüfen und ergänzen._',
  '',
];

/** A task area in which nothing was noted in the period. */
const areaWithoutProgress = (area: string) => [
  `### ${area}`,
  '',
  'In diesem Aufgabenbereich wurden im Berichtszeitraum keine Fortschritte vermerkt.',
  '',
];

/** The whole report, line by line. */
const EXPECTED = [
  ...HEAD,
  'Dieser Entwurf fasst die Arbeit der Stelle „Quartiersplanungskoordination“ vom 01.01.2023 bis zum 31.12.2023 zusammen. Im Berichtszeitraum wurden 5 Fortschrittsvermerke zu 3 Aufgaben mit zusammen 17,5 Stunden erfasst. Es wurden 2 Meilensteine erreicht, einer wurde verfehlt. Es wurden 3 Meilensteinberichte eingereicht, 2 wurden angenommen.',
  '',
  '## Aufgaben und Fortschritt',
  '',
  '### Konzeptentwicklung',
  '',
  '**Rahmenkonzept integrierte Sozialraumplanung** (Stand zum Ende des Berichtszeitraums: 60 %)',
  '',
  '- 10.02.2023 (20 %, 12 Stunden): Sozialstrukturdaten ausgewertet',
  '- 15.06.2023 (60 %, 1 Stunde): Handlungsfelder abgestimmt:',
  '  Bildung, Wohnen, Teilhabe',
  '',
  '### Koordination und Vernetzung',
  '',
  '**Arbeitskreis Quartiersarbeit aufbauen** (Stand zum Ende des Berichtszeitraums: 100 %)',
  '',
  '- 08.03.2023 (30 %, Status: blockiert): Träger eingeladen',
  '- 20.09.2023 (100 %, 4,5 Stunden, Status: erledigt): Geschäftsordnung beschlossen',
  '',
  '**Austausch mit den Schulsozialarbeitern** (Stand zum Ende des Berichtszeitraums: 10 %)',
  '',
  '- 08.03.2023 (10 %): Erstes Treffen',
  '',
  ...areaWithoutProgress('Begleitung der Stadtteilentwicklungskonzepte'),
  ...areaWithoutProgress('Sonstiges'),
  '## Meilensteine',
  '',
  '### Stadtteilentwicklungskonzept Erfurt-Nord',
  '',
  'Gebiet: Sozialraum Nord.',
  '',
  'Erreichte Meilensteine:',
  '',
  '- 29.03.2023: Beteiligung der Ortsteile (Beteiligung)',
  '- 24.06.2023: Bürgerbeteiligung (Beteiligung)',
  '',
  'Nicht erreichte Meilensteine:',
  '',
  '- fällig am 30.09.2023: Jugendforen mit BÄMM! (Beteiligung)',
  '',
  '### Stadtteilentwicklungskonzept Herrenberg',
  '',
  'Gebiet: Herrenberg.',
  '',
  'Im Berichtszeitraum wurde kein Meilenstein erreicht oder verfehlt.',
  '',
  '## Meilensteinberichte',
  '',
  '- Bericht zum Meilenstein „Vorjahresmeilenstein“ an den Stadtrat: eingereicht am 15.12.2022, angenommen am 12.01.2023.',
  '  Vorjahresbericht',
  '- Bericht zum Meilenstein „Beteiligung der Ortsteile“ an das Begleitgremium: eingereicht am 20.04.2023, angenommen am 10.05.2023.',
  '  Ortsteile beteiligt',
  '- Bericht zum Meilenstein „Rückmeldung an die AG“ an die AG der sozialpolitischen Sprecherinnen und Sprecher des Stadtrats: eingereicht am 10.11.2023, Überarbeitung erbeten am 23.11.2023.',
  '  Zwischenstand für die AG',
  '- Bericht zum Meilenstein „Bürgerbeteiligung“ an den Arbeitskreis Quartiersarbeit: eingereicht am 20.12.2023, die Entscheidung stand zum Ende des Berichtszeitraums aus.',
  '  Bürgerbeteiligung ausgewertet',
].join('\n');

describe('the narrative report (Sachbericht)', () => {
  it('compiles a fixed input into exactly this German Markdown', () => {
    expect(compileNarrative(input, period)).toBe(`${EXPECTED}\n`);
  });

  it('says in a sentence that a section is empty', () => {
    const empty = compileNarrative(
      { position: { title: 'Quartiersplanungskoordination' }, tasks: [], concepts: [] },
      period,
    );
    expect(empty).toBe(
      [
        ...HEAD,
        'Dieser Entwurf fasst die Arbeit der Stelle „Quartiersplanungskoordination“ vom 01.01.2023 bis zum 31.12.2023 zusammen. Im Berichtszeitraum wurden keine Fortschrittsvermerke erfasst. Kein Meilenstein wurde im Berichtszeitraum erreicht oder verfehlt. Es wurde kein Meilensteinbericht eingereicht.',
        '',
        '## Aufgaben und Fortschritt',
        '',
        ...areaWithoutProgress('Konzeptentwicklung'),
        ...areaWithoutProgress('Koordination und Vernetzung'),
        ...areaWithoutProgress('Begleitung der Stadtteilentwicklungskonzepte'),
        ...areaWithoutProgress('Sonstiges'),
        '## Meilensteine',
        '',
        'Für die Stelle ist kein Stadtteilentwicklungskonzept erfasst.',
        '',
        '## Meilensteinberichte',
        '',
        'Im Berichtszeitraum wurde kein Meilensteinbericht eingereicht.',
        '',
      ].join('\n'),
    );
  });

  it('counts the first and the last day of the period in, the days around it out', () => {
    const edges: NarrativeInput = {
      position: { title: 'QPK' },
      tasks: [
        {
          task: { id: 'T1', title: 'Aufgabe', area: 'other' },
          entries: [
            entry('E1', '2022-12-31', 1, 'davor'),
            entry('E2', '2023-01-01', 2, 'erster Tag', { hours: 1 }),
            entry('E3', '2023-12-31', 3, 'letzter Tag'),
            entry('E4', '2024-01-01', 4, 'danach'),
          ],
        },
      ],
      concepts: [],
    };
    const text = compileNarrative(edges, period);
    expect(text).toContain('wurden 2 Fortschrittsvermerke zu einer Aufgabe mit zusammen 1 Stunde erfasst.');
    expect(text).toContain('**Aufgabe** (Stand zum Ende des Berichtszeitraums: 3 %)');
    expect(text).toContain('- 01.01.2023 (2 %, 1 Stunde): erster Tag\n- 31.12.2023 (3 %): letzter Tag\n');
    expect(text).not.toMatch(/davor|danach/);
  });
});
