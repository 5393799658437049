import type { Period } from './calendar-date.ts';
import type { Concept } from './concept.ts';
import { formatGermanDate } from './german-format.ts';
import type { Milestone, MilestoneKind } from './milestone.ts';
import type { MilestoneReport, ReportAudience } from './milestone-report.ts';
import { type ProgressEntry, TASK_AREAS, type Task, type TaskArea, type TaskStatus } from './task.ts';

/** What the Sachbericht is compiled from: a position's tasks with their entries, and its concepts. */
export interface NarrativeInput {
  position: { title: string };
  tasks: readonly {
    task: Pick<Task, 'id' | 'title' | 'area'>;
    entries: readonly Pick<ProgressEntry, 'id' | 'on' | 'note' | 'percent' | 'hours' | 'statusChange'>[];
  }[];
  concepts: readonly {
    concept: Pick<Concept, 'id' | 'title' | 'district'>;
    milestones: readonly Pick<Milestone, 'id' | 'title' | 'kind' | 'dueOn' | 'status' | 'achievedOn'>[];
    reports: readonly Pick<
      MilestoneReport,
      'id' | 'milestoneId' | 'summary' | 'audience' | 'status' | 'submittedOn' | 'decidedOn'
    >[];
  }[];
}

export const AREA_LABELS: Record<TaskArea, string> = {
  concept_planning: 'Konzeptentwicklung',
  coordination_networking: 'Koordination und Vernetzung',
  district_concepts: 'Begleitung der Stadtteilentwicklungskonzepte',
  other: 'Sonstiges',
};

const STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'offen',
  in_progress: 'in Bearbeitung',
  blocked: 'blockiert',
  done: 'erledigt',
  cancelled: 'abgebrochen',
};

const KIND_LABELS: Record<MilestoneKind, string> = {
  participation: 'Beteiligung',
  steering_feedback: 'Rückmeldung an ein Steuerungsgremium',
  council: 'Stadtratsbefassung',
  deliverable: 'Arbeitsergebnis',
  other: 'Sonstiges',
};

/** In the accusative, as in „Bericht an …“. */
const AUDIENCE_LABELS: Record<ReportAudience, string> = {
  steering_group: 'das Begleitgremium',
  council_social_policy_group: 'die AG der sozialpolitischen Sprecherinnen und Sprecher des Stadtrats',
  neighbourhood_work_circle: 'den Arbeitskreis Quartiersarbeit',
  city_council: 'den Stadtrat',
  other: 'ein weiteres Gremium',
};

const inPeriod = (date: string | null, period: Period): date is string =>
  date !== null && date >= period.start && date <= period.end;

const byDateThenTitle = (a: { date: string; title: string }, b: { date: string; title: string }) =>
  a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'de');

/** `2.5` → `2,5` */
const decimal = (value: number) => String(value).replace('.', ',');
const hoursText = (hours: number) => `${decimal(hours)} ${hours === 1 ? 'Stunde' : 'Stunden'}`;

/** Keeps a multi-line note inside its list item. */
const listText = (text: string) => text.trim().replace(/\r?\n/g, '\n  ');

/** `n` with its noun; one is spelled out, as German prose does. */
function counted(n: number, one: string, many: string, oneWord = 'ein'): string {
  return n === 1 ? `${oneWord} ${one}` : `${n} ${many}`;
}

/** „Es wurde kein Bericht“, „Es wurde ein Bericht“, „Es wurden 3 Berichte“ */
function thereWere(n: number, one: string, many: string): string {
  if (n === 0) return `Es wurde kein ${one}`;
  return `Es ${n === 1 ? 'wurde' : 'wurden'} ${counted(n, one, many)}`;
}

/** „keiner wurde verfehlt“, „einer wurde verfehlt“, „2 wurden verfehlt“ */
function ofThem(n: number, participle: string): string {
  if (n < 2) return `${n === 0 ? 'keiner' : 'einer'} wurde ${participle}`;
  return `${n} wurden ${participle}`;
}

function progressSection(input: NarrativeInput, period: Period): string[] {
  const lines = ['## Aufgaben und Fortschritt', ''];
  for (const area of TASK_AREAS) {
    lines.push(`### ${AREA_LABELS[area]}`, '');
    const tasks = input.tasks
      .filter(({ task }) => task.area === area)
      .map(({ task, entries }) => ({
        task,
        entries: entries
          .filter((entry) => inPeriod(entry.on, period))
          .toSorted((a, b) => a.on.localeCompare(b.on) || a.id.localeCompare(b.id)),
      }))
      .filter(({ entries }) => entries.length > 0)
      .toSorted((a, b) =>
        byDateThenTitle(
          { date: a.entries[0]!.on, title: a.task.title },
          { date: b.entries[0]!.on, title: b.task.title },
        ),
      );
    if (tasks.length === 0) {
      lines.push('In diesem Aufgabenbereich wurden im Berichtszeitraum keine Fortschritte vermerkt.', '');
      continue;
    }
    for (const { task, entries } of tasks) {
      lines.push(
        `**${task.title}** (Stand zum Ende des Berichtszeitraums: ${entries.at(-1)!.percent} %)`,
        '',
      );
      for (const entry of entries) {
        const details = [`${entry.percent} %`];
        if (entry.hours !== null) details.push(hoursText(entry.hours));
        const change = entry.statusChange;
        // Starting work is implied by the entry itself; every other move is worth a word.
        if (change && !(change.from === 'open' && change.to === 'in_progress')) {
          details.push(`Status: ${STATUS_LABELS[change.to]}`);
        }
        lines.push(`- ${formatGermanDate(entry.on)} (${details.join(', ')}): ${listText(entry.note)}`);
      }
      lines.push('');
    }
  }
  return lines;
}

type MilestoneView = NarrativeInput['concepts'][number]['milestones'][number];

function milestoneList(milestones: { date: string; milestone: MilestoneView }[], prefix: string): string[] {
  return milestones
    .toSorted((a, b) =>
      byDateThenTitle({ ...a, title: a.milestone.title }, { ...b, title: b.milestone.title }),
    )
    .map(
      ({ date, milestone }) =>
        `- ${prefix}${formatGermanDate(date)}: ${milestone.title} (${KIND_LABELS[milestone.kind]})`,
    );
}

/** Per concept: the milestones reached in the period (by achievedOn) and those missed (by dueOn). */
function milestoneSection(input: NarrativeInput, period: Period) {
  const lines = ['## Meilensteine', ''];
  let reached = 0;
  let missed = 0;
  if (input.concepts.length === 0) {
    lines.push('Für die Stelle ist kein Stadtteilentwicklungskonzept erfasst.', '');
  }
  const concepts = input.concepts.toSorted((a, b) => a.concept.title.localeCompare(b.concept.title, 'de'));
  for (const { concept, milestones } of concepts) {
    lines.push(`### ${concept.title}`, '', `Gebiet: ${concept.district}.`, '');
    const achieved = milestones.flatMap((milestone) =>
      milestone.status === 'achieved' && inPeriod(milestone.achievedOn, period)
        ? [{ date: milestone.achievedOn, milestone }]
        : [],
    );
    const failed = milestones.flatMap((milestone) =>
      milestone.status === 'missed' && inPeriod(milestone.dueOn, period)
        ? [{ date: milestone.dueOn, milestone }]
        : [],
    );
    reached += achieved.length;
    missed += failed.length;
    if (achieved.length + failed.length === 0) {
      lines.push('Im Berichtszeitraum wurde kein Meilenstein erreicht oder verfehlt.', '');
      continue;
    }
    lines.push(
      ...(achieved.length
        ? ['Erreichte Meilensteine:', '', ...milestoneList(achieved, ''), '']
        : ['Im Berichtszeitraum wurde kein Meilenstein erreicht.', '']),
      ...(failed.length
        ? ['Nicht erreichte Meilensteine:', '', ...milestoneList(failed, 'fällig am '), '']
        : ['Kein Meilenstein wurde verfehlt.', '']),
    );
  }
  return { lines, reached, missed };
}

function decisionText(report: Pick<MilestoneReport, 'status' | 'decidedOn'>, period: Period): string {
  if (report.decidedOn === null || report.decidedOn > period.end) {
    return 'die Entscheidung stand zum Ende des Berichtszeitraums aus';
  }
  const on = formatGermanDate(report.decidedOn);
  return report.status === 'accepted' ? `angenommen am ${on}` : `Überarbeitung erbeten am ${on}`;
}

function reportSection(input: NarrativeInput, period: Period) {
  const items: { date: string; title: string; lines: string[] }[] = [];
  let submitted = 0;
  let accepted = 0;
  for (const { milestones, reports } of input.concepts) {
    for (const report of reports) {
      if (report.submittedOn === null) continue;
      if (!inPeriod(report.submittedOn, period) && !inPeriod(report.decidedOn, period)) continue;
      if (inPeriod(report.submittedOn, period)) submitted += 1;
      if (report.status === 'accepted' && inPeriod(report.decidedOn, period)) accepted += 1;
      const milestone = milestones.find((candidate) => candidate.id === report.milestoneId);
      const about = milestone ? `zum Meilenstein „${milestone.title}“ ` : '';
      items.push({
        date: report.submittedOn,
        title: milestone?.title ?? '',
        lines: [
          `- Bericht ${about}an ${AUDIENCE_LABELS[report.audience]}: eingereicht am ${formatGermanDate(report.submittedOn)}, ${decisionText(report, period)}.`,
          `  ${listText(report.summary)}`,
        ],
      });
    }
  }
  const body = items.length
    ? [...items.toSorted(byDateThenTitle).flatMap((item) => item.lines), '']
    : ['Im Berichtszeitraum wurde kein Meilensteinbericht eingereicht.', ''];
  return { lines: ['## Meilensteinberichte', '', ...body], submitted, accepted };
}

function summary(
  input: NarrativeInput,
  period: Period,
  counts: { reached: number; missed: number; submitted: number; accepted: number },
): string {
  const entries = input.tasks.flatMap(({ entries }) => entries.filter((entry) => inPeriod(entry.on, period)));
  const tasks = input.tasks.filter(({ entries }) =>
    entries.some((entry) => inPeriod(entry.on, period)),
  ).length;
  const hours = Math.round(entries.reduce((sum, entry) => sum + (entry.hours ?? 0), 0) * 100) / 100;
  const sentences = [
    `Dieser Entwurf fasst die Arbeit der Stelle „${input.position.title}“ vom ${formatGermanDate(period.start)} bis zum ${formatGermanDate(period.end)} zusammen.`,
  ];
  if (entries.length === 0) {
    sentences.push('Im Berichtszeitraum wurden keine Fortschrittsvermerke erfasst.');
  } else {
    const verb = entries.length === 1 ? 'wurde' : 'wurden';
    const effort = hours > 0 ? ` mit zusammen ${hoursText(hours)}` : '';
    sentences.push(
      `Im Berichtszeitraum ${verb} ${counted(entries.length, 'Fortschrittsvermerk', 'Fortschrittsvermerke')} zu ${counted(tasks, 'Aufgabe', 'Aufgaben', 'einer')}${effort} erfasst.`,
    );
  }
  sentences.push(
    counts.reached + counts.missed === 0
      ? 'Kein Meilenstein wurde im Berichtszeitraum erreicht oder verfehlt.'
      : `${thereWere(counts.reached, 'Meilenstein', 'Meilensteine')} erreicht, ${ofThem(counts.missed, 'verfehlt')}.`,
  );
  const accepted = counts.accepted === 0 ? '' : `, ${ofThem(counts.accepted, 'angenommen')}`;
  sentences.push(
    `${thereWere(counts.submitted, 'Meilensteinbericht', 'Meilensteinberichte')} eingereicht${accepted}.`,
  );
  return sentences.join(' ');
}

/**
 * Compiles the draft narrative report (Sachbericht) of a position for a period, in German
 * Markdown: a summary, the period's progress entries by area, the milestones reached or missed
 * and the milestone reports submitted or decided. Pure: the same input gives the same text.
 */
export function compileNarrative(input: NarrativeInput, period: Period): string {
  const milestones = milestoneSection(input, period);
  const reports = reportSection(input, period);
  const lines = [
    `# Sachbericht ${input.position.title}`,
    '',
    `## Berichtszeitraum ${formatGermanDate(period.start)} – ${formatGermanDate(period.end)}`,
    '',
    '_Entwurf aus den Einträgen im Fördertracker; vor der Übernahme in den Zwischen- oder Verwendungsnachweis bitte prüfen und ergänzen._',
    '',
    summary(input, period, { ...milestones, ...reports }),
    '',
    ...progressSection(input, period),
    ...milestones.lines,
    ...reports.lines,
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
