import { type CalendarDate, daysBetween } from './calendar-date.ts';
import type { Deadline } from './deadline.ts';
import { formatEuro, formatGermanDate } from './german-format.ts';
import { DEADLINE_KIND_LABELS } from './labels.ts';

/** One reminder in a digest: the deadline and the stage (offset in days) being sent. */
export interface DigestItem {
  deadline: Deadline;
  stage: number;
}

export interface DigestInput {
  recipient: { email: string; name?: string | undefined };
  /** The run's calendar day (Europe/Berlin). */
  today: CalendarDate;
  items: readonly DigestItem[];
  /** The link to a deadline's record; built at the edge, which knows where records live. */
  link: (deadline: Deadline) => string;
}

export interface Digest {
  subject: string;
  text: string;
  html: string;
}

/** Due within this many days counts as "diese Woche". */
export const THIS_WEEK_DAYS = 7;

const GROUPS = [
  { title: 'Überfällig', short: 'überfällig', holds: (daysLeft: number) => daysLeft < 0 },
  {
    title: 'Diese Woche',
    short: 'diese Woche',
    holds: (daysLeft: number) => daysLeft >= 0 && daysLeft <= THIS_WEEK_DAYS,
  },
  { title: 'Demnächst', short: 'demnächst', holds: (daysLeft: number) => daysLeft > THIS_WEEK_DAYS },
] as const;

const FOOTER =
  'Diese Nachricht hat der Fördertracker automatisch versandt. Er erinnert an jede Frist in festen ' +
  'Abständen vorher, am Fälligkeitstag und danach regelmäßig, bis sie als erledigt vermerkt ist.';

function relative(daysLeft: number): string {
  if (daysLeft === 0) return 'heute';
  if (daysLeft === 1) return 'morgen';
  if (daysLeft > 1) return `in ${daysLeft} Tagen`;
  return `seit ${-daysLeft} ${daysLeft === -1 ? 'Tag' : 'Tagen'} überfällig`;
}

interface Line {
  title: string;
  due: string;
  details: string[];
  link: string;
}

function lineFor(item: DigestItem, input: DigestInput): Line {
  const { deadline } = item;
  const daysLeft = daysBetween(input.today, deadline.dueOn);
  const details: string[] = [];
  if (deadline.amountCents !== undefined) details.push(`Betrag: ${formatEuro(deadline.amountCents)}`);
  if (deadline.owner.email !== input.recipient.email) {
    details.push(`Verantwortlich: ${deadline.owner.name} <${deadline.owner.email}>`);
  }
  return {
    title: `${DEADLINE_KIND_LABELS[deadline.kind]}: ${deadline.subject.title}`,
    due: `fällig am ${formatGermanDate(deadline.dueOn)} (${relative(daysLeft)})`,
    details,
    link: input.link(deadline),
  };
}

function grouped(input: DigestInput) {
  const sorted = [...input.items].sort(
    (a, b) =>
      a.deadline.dueOn.localeCompare(b.deadline.dueOn) ||
      a.deadline.subject.title.localeCompare(b.deadline.subject.title, 'de') ||
      a.deadline.id.localeCompare(b.deadline.id),
  );
  return GROUPS.map((group) => ({
    ...group,
    lines: sorted
      .filter((item) => group.holds(daysBetween(input.today, item.deadline.dueOn)))
      .map((item) => lineFor(item, input)),
  })).filter((group) => group.lines.length > 0);
}

const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/**
 * One recipient's digest in German: subject, plain text and HTML, grouped into überfällig,
 * diese Woche (due within 7 days) and demnächst, with DD.MM.YYYY dates, amounts as
 * `1.234,56 €` and a link to each record. Pure: same input, same bytes.
 */
export function renderDigest(input: DigestInput): Digest {
  const groups = grouped(input);
  const date = formatGermanDate(input.today);
  const counts = groups.map((group) => `${group.lines.length} ${group.short}`).join(', ');
  const subject = `Fördertracker: Fristen am ${date} – ${counts}`;
  const greeting = input.recipient.name ? `Guten Tag ${input.recipient.name},` : 'Guten Tag,';
  const intro = `hier ist Ihre Fristenübersicht aus dem Fördertracker vom ${date}.`;

  const text = [
    greeting,
    '',
    intro,
    ...groups.flatMap((group) => [
      '',
      `${group.title} (${group.lines.length})`,
      ...group.lines.flatMap((line) => [
        `- ${line.title}`,
        `  ${line.due}`,
        ...line.details.map((detail) => `  ${detail}`),
        `  ${line.link}`,
      ]),
    ]),
    '',
    '-- ',
    FOOTER,
    '',
  ].join('\n');

  const html = [
    '<!doctype html>',
    '<html lang="de">',
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; line-height: 1.4;">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...groups.flatMap((group) => [
      `<h2 style="font-size: 16px; margin: 20px 0 8px;">${escapeHtml(group.title)} (${group.lines.length})</h2>`,
      '<ul style="padding-left: 20px;">',
      ...group.lines.map(
        (line) =>
          `<li style="margin-bottom: 8px;"><a href="${escapeHtml(line.link)}">${escapeHtml(line.title)}</a>` +
          `<br>${escapeHtml(line.due)}${line.details.map((detail) => `<br>${escapeHtml(detail)}`).join('')}</li>`,
      ),
      '</ul>',
    ]),
    `<p style="color: #555555; font-size: 12px;">${escapeHtml(FOOTER)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');

  return { subject, text, html };
}
