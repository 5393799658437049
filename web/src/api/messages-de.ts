import { formatDate, formatMoney } from '../format/german.ts';

/**
 * The API speaks English; people here read German. The common messages are translated by
 * pattern; anything else falls back to a German sentence that quotes the API's own text, so a
 * new rule of the API is never hidden, only not yet translated.
 */
type Rule = [RegExp, (...groups: string[]) => string];

const TASK_STATUS_DE: Record<string, string> = {
  done: 'erledigte',
  cancelled: 'abgebrochene',
};

/** "19000000" (cents, as the API writes them in its messages) → 190.000,00 € */
const euros = (cents: string) => formatMoney(Number(cents));
/** A date of the API's message (YYYY-MM-DD) the German way. */
const day = (date: string) => formatDate(date);

const FIELD_RULES: Rule[] = [
  [/^Invalid input: expected \w+, received undefined$/, () => 'Bitte ausfüllen.'],
  [/^Invalid input: expected number, received \w+$/, () => 'Bitte eine Zahl eingeben.'],
  [/^Invalid input: expected string, received \w+$/, () => 'Bitte einen Text eingeben.'],
  [/^Invalid option: expected one of/, () => 'Bitte einen der angebotenen Werte wählen.'],
  [/^must not be empty$/, () => 'Bitte ausfüllen.'],
  [/^must be a date YYYY-MM-DD$/, () => 'Bitte ein Datum im Format TT.MM.JJJJ eingeben.'],
  [/^is not a real calendar date$/, () => 'Dieses Datum gibt es nicht.'],
  [/^must not be in the future$/, () => 'Das Datum darf nicht in der Zukunft liegen.'],
  [
    /^must not be before the last entry \((\d{4}-\d{2}-\d{2})\)$/,
    (day) => `Das Datum darf nicht vor dem letzten Eintrag (${formatDate(day)}) liegen.`,
  ],
  [
    /^must not be lower than (\d+), the percent of the last entry$/,
    (percent) => `Der Fortschritt darf nicht unter ${percent} % sinken, dem Stand des letzten Eintrags.`,
  ],
  [
    /^must be 100 to finish the task$/,
    () => 'Um die Aufgabe abzuschließen, muss der Fortschritt 100 % sein.',
  ],
  [/^must be a whole number$/, () => 'Bitte eine ganze Zahl eingeben.'],
  [/^must be at least (-?[\d.]+)( byte)?$/, (min) => `Der Wert muss mindestens ${min} sein.`],
  [/^must be at most (-?[\d.]+)$/, (max) => `Der Wert darf höchstens ${max} sein.`],
  [/^must not be negative$/, () => 'Der Wert darf nicht negativ sein.'],
  [/^must not exceed (\d+) per entry$/, (max) => `Höchstens ${max} Stunden je Eintrag.`],
  [/^must have at most two decimals$/, () => 'Höchstens zwei Nachkommastellen.'],
  [/^must not be before from$/, () => 'Das Ende darf nicht vor dem Beginn liegen.'],
  [/^must not be before start$/, () => 'Das Ende darf nicht vor dem Beginn liegen.'],
  [
    /^is not an allowed type/,
    () => 'Diese Dateiart ist nicht erlaubt (PDF, PNG, JPEG, ODF, Word, Excel, Text, CSV).',
  ],
  [/^must not contain path or control characters$/, () => 'Der Dateiname enthält unzulässige Zeichen.'],
  [/^Too big: expected string to have <=(\d+) characters$/, (max) => `Höchstens ${max} Zeichen.`],
  // Reminder days of a deadline, and the day it was done.
  [/^must be whole days$/, () => 'Bitte ganze Tage eingeben.'],
  [
    /^must be 0 \(on the day\) or more days before it$/,
    () => 'Bitte 0 (am Tag selbst) oder eine Zahl von Tagen vorher eingeben.',
  ],
  [/^must be at most (\d+) days before$/, (max) => `Höchstens ${max} Tage vorher.`],
  [/^name at least one day$/, () => 'Bitte mindestens einen Tag nennen.'],
  [/^name at most (\d+) days$/, (max) => `Höchstens ${max} Tage nennen.`],
  [/^must name each day once$/, () => 'Bitte jeden Tag nur einmal nennen.'],
  [/^must not be after today$/, () => 'Das Datum darf nicht nach heute liegen.'],
  [/^goes with status achieved$/, () => 'Ein Datum gehört nur zu einem erreichten Meilenstein.'],
  // Funding: applications, notices, funds calls, statements of use, positions, programmes.
  [/^must be more than 0$/, () => 'Der Betrag muss größer als 0 sein.'],
  [/^must not exceed the eligible costs$/, () => 'Darf die zuwendungsfähigen Ausgaben nicht übersteigen.'],
  [
    /^requested \+ own contribution must equal the eligible costs under this programme$/,
    () => 'Beantragter Betrag und Eigenanteil müssen zusammen die zuwendungsfähigen Ausgaben ergeben.',
  ],
  [/^must not exceed the requested amount$/, () => 'Darf den beantragten Betrag nicht übersteigen.'],
  [/^must lie inside the requested funding period$/, () => 'Muss im beantragten Zeitraum liegen.'],
  [/^approval needs the grant notice$/, () => 'Zur Bewilligung gehört der Zuwendungsbescheid.'],
  [/^a revocation records the repayment claim$/, () => 'Zum Widerruf gehört der Rückforderungsbetrag.'],
  [
    /^must lie in the funding period (\S+) – (\S+)$/,
    (start, end) => `Das Datum muss im Bewilligungszeitraum (${day(start)} – ${day(end)}) liegen.`,
  ],
  [
    /^must lie between (\S+) and (\S+)$/,
    (from, to) => `Das Datum muss zwischen ${day(from)} und ${day(to)} liegen.`,
  ],
  [/^must not be before calledOn$/, () => 'Der Eingang kann nicht vor dem Abruf liegen.'],
  [/^must not be before the payout$/, () => 'Die Verwendung kann nicht vor dem Eingang des Geldes liegen.'],
  [
    /^must not add up to more than the (\d+) cents called$/,
    (cents) => `Zusammen darf nicht mehr verwendet werden als abgerufen (${euros(cents)}).`,
  ],
  [
    /^must not be below the (\d+) cents already called$/,
    (cents) => `Darf nicht unter dem schon Abgerufenen (${euros(cents)}) liegen.`,
  ],
  [/^must not be before the previous notice$/, () => 'Darf nicht vor dem vorigen Bescheid liegen.'],
  [
    /^a filled position names its holder$/,
    () => 'Bitte die Stelleninhaberin oder den Stelleninhaber nennen.',
  ],
  [/^only when filling the position$/, () => 'Nur beim Besetzen der Stelle.'],
  [
    /^must not be before the last staffing step \((\S+)\)$/,
    (date) => `Darf nicht vor dem letzten Besetzungsschritt (${day(date)}) liegen.`,
  ],
  [/^must lie in the position's term/, () => 'Muss in der Laufzeit der Stelle liegen.'],
  [/^source shares and own share must add up to 10000$/, () => 'Die Anteile müssen zusammen 100 % ergeben.'],
  [/^each source may appear once$/, () => 'Jede Quelle darf nur einmal vorkommen.'],
  [
    /^eligible costs of (\d+) cents are below the programme's minimum \(Bagatellgrenze\) of (\d+) cents$/,
    (_actual, minimum) => `Unter der Bagatellgrenze des Programms (${euros(minimum)}).`,
  ],
  [
    /^the funding period spans (\d+) months, more than the programme's (\d+)$/,
    (months, max) => `Der Zeitraum umfasst ${months} Monate, das Programm erlaubt höchstens ${max}.`,
  ],
  [
    /^an own share of (\d+) cents is below the programme's ([\d.]+) % of the eligible costs, (\d+) cents$/,
    (_actual, percent, cents) =>
      `Der Eigenanteil muss mindestens ${percent.replace('.', ',')} % der Ausgaben betragen (${euros(cents)}).`,
  ],
];

const DETAIL_RULES: Rule[] = [
  [
    /^Progress cannot be logged on a (\w+) task; reopen it first$/,
    (status) =>
      `Für eine ${TASK_STATUS_DE[status ?? ''] ?? 'abgeschlossene'} Aufgabe kann kein Fortschritt mehr eingetragen werden. Sie müsste zuerst wieder geöffnet werden.`,
  ],
  [
    /^Only the assignee of task \S+ or an admin may change it$/,
    () =>
      'Diese Aufgabe ist einer anderen Person zugewiesen: Nur sie oder die Administration darf Fortschritt eintragen.',
  ],
  [
    /^This needs one of the roles: (.+)$/,
    (roles) => `Dafür fehlt Ihnen die Berechtigung (nötige Rolle: ${roles}).`,
  ],
  [
    /^A valid bearer token is required$/,
    () => 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
  ],
  [/not allowed: (\w+) → (\w+)/, () => 'Dieser Statuswechsel ist nicht erlaubt.'],
  [/ cannot go from \w+ to \w+$/, () => 'Dieser Statuswechsel ist beim jetzigen Stand nicht erlaubt.'],
  [
    /was changed since you read it/,
    () =>
      'Jemand hat den Datensatz inzwischen geändert. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  ],
  [
    /^Only (\d+) cents of the approval for (\d{4}) are still available$/,
    (cents, year) => `Für das Haushaltsjahr ${year} sind nur noch ${euros(cents)} abrufbar.`,
  ],
  [
    /^Only (\d+) cents of the approval are still available$/,
    (cents) => `Es sind nur noch ${euros(cents)} abrufbar.`,
  ],
  [
    /^An application is closed only after its final statement of use is accepted$/,
    () => 'Eine Förderung wird erst abgeschlossen, wenn der Verwendungsnachweis angenommen ist.',
  ],
  [/^Only a draft can be edited/, () => 'Nur ein Entwurf kann bearbeitet werden.'],
  [
    /^Funds can be called only on an approved application/,
    () => 'Mittel können nur für einen bewilligten Antrag abgerufen werden.',
  ],
  [
    /^The application breaks the programme's limits/,
    () => 'Der Antrag hält die Grenzen des Programms nicht ein (siehe die markierten Felder).',
  ],
  [
    /^spendBy must lie between/,
    () => 'Das Datum „Zu verwenden bis“ liegt außerhalb dessen, was der Bescheid erlaubt.',
  ],
  [
    /^Only the deadline's owner or an admin may change it$/,
    () => 'Diese Frist darf nur die verantwortliche Person oder die Administration ändern.',
  ],
  [/^This deadline is done already$/, () => 'Diese Frist ist schon erledigt.'],
  [
    /^This deadline is an event/,
    () => 'Diese Frist ist ein Termin: Sie tritt an ihrem Tag ein und wird von niemandem erledigt.',
  ],
  [
    /^There is no report on this milestone to hand in/,
    () =>
      'Zu diesem Meilenstein gibt es noch keinen Bericht: Bitte schreiben Sie ihn zuerst auf der Seite des Konzepts.',
  ],
  [
    /^A vacancy is done when the position is filled/,
    () =>
      'Eine unbesetzte Stelle ist erledigt, sobald sie besetzt ist: Bitte die Besetzung auf der Seite der Stelle erfassen.',
  ],
  [/^The (.+) is not valid$/, () => 'Bitte prüfen Sie die markierten Felder.'],
  [/^The request is not valid$/, () => 'Bitte prüfen Sie die markierten Felder.'],
];

const STATUS_FALLBACK: Record<number, string> = {
  400: 'Die Eingabe wurde nicht angenommen.',
  401: 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
  403: 'Dafür fehlt Ihnen die Berechtigung.',
  404: 'Diesen Datensatz gibt es nicht (mehr).',
  409: 'Das geht beim jetzigen Stand des Datensatzes nicht.',
  412: 'Jemand hat den Datensatz inzwischen geändert. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
  413: 'Die Datei ist zu groß.',
  422: 'Die Anfrage konnte nicht verarbeitet werden.',
  428: 'Die Anfrage konnte nicht verarbeitet werden.',
  503: 'Der Dienst ist gerade überlastet. Bitte versuchen Sie es gleich noch einmal.',
};

function translate(rules: Rule[], text: string): string | undefined {
  for (const [pattern, german] of rules) {
    const match = pattern.exec(text);
    if (match) return german(...match.slice(1).map((group) => group ?? ''));
  }
  return undefined;
}

/** A field message of the API in German; untranslated ones keep the API's text in quotes. */
export function fieldMessageDe(message: string): string {
  return translate(FIELD_RULES, message) ?? `Der Wert wurde nicht angenommen („${message}“).`;
}

/** The reason of a refusal in German. */
export function detailDe(status: number, detail: string | undefined): string {
  const known = detail ? translate(DETAIL_RULES, detail) : undefined;
  if (known) return known;
  const fallback = STATUS_FALLBACK[status] ?? 'Etwas ist schiefgegangen.';
  return detail ? `${fallback} (Hinweis des Systems: „${detail}“)` : fallback;
}
