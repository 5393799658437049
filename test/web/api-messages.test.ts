import { describe, expect, it } from 'vitest';
import { ApiProblem, reasonOf, SessionExpired } from '../../web/src/api/problem.ts';

const validation = (errors: { path: string; message: string }[]) =>
  new ApiProblem(400, {
    type: 'urn:foerdertracker:problem:validation',
    status: 400,
    detail: 'The request is not valid',
    errors,
  });

describe('refusals of the API in German', () => {
  it('translates the field messages of a progress entry, keyed by the field’s path', () => {
    const problem = validation([
      { path: 'percent', message: 'must not be lower than 60, the percent of the last entry' },
      { path: 'hours', message: 'Invalid input: expected number, received string' },
      { path: 'on', message: 'must not be before the last entry (2023-06-15)' },
      { path: 'note', message: 'must not be empty' },
    ]);
    expect(problem.reason).toBe('Bitte prüfen Sie die markierten Felder.');
    expect(problem.fieldErrors).toEqual({
      percent: ['Der Fortschritt darf nicht unter 60 % sinken, dem Stand des letzten Eintrags.'],
      hours: ['Bitte eine Zahl eingeben.'],
      on: ['Das Datum darf nicht vor dem letzten Eintrag (15.06.2023) liegen.'],
      note: ['Bitte ausfüllen.'],
    });
  });

  it('says each German message of a field once, even when the API names two checks with one meaning', () => {
    const problem = validation([
      { path: 'note', message: 'must not be empty' },
      { path: 'note', message: 'Invalid input: expected string, received undefined' },
    ]);
    expect(problem.fieldErrors.note).toEqual(['Bitte ausfüllen.']);
  });

  it('translates the reasons of a done task and of someone else’s task', () => {
    expect(
      new ApiProblem(409, { detail: 'Progress cannot be logged on a done task; reopen it first' }).reason,
    ).toBe(
      'Für eine erledigte Aufgabe kann kein Fortschritt mehr eingetragen werden. Sie müsste zuerst wieder geöffnet werden.',
    );
    expect(
      new ApiProblem(403, {
        detail: 'Only the assignee of task 01JC0Z6XKX2P4T3C8Y5W7QF9P0 or an admin may change it',
      }).reason,
    ).toBe(
      'Diese Aufgabe ist einer anderen Person zugewiesen: Nur sie oder die Administration darf Fortschritt eintragen.',
    );
  });

  it('falls back to German plus the API’s own words for what it does not know yet', () => {
    const problem = new ApiProblem(422, {
      detail: 'Something new',
      errors: [{ path: 'x', message: 'is odd' }],
    });
    expect(problem.reason).toBe(
      'Die Anfrage konnte nicht verarbeitet werden. (Hinweis des Systems: „Something new“)',
    );
    expect(problem.fieldErrors.x).toEqual(['Der Wert wurde nicht angenommen („is odd“).']);
  });

  it('names an expired session and a lost connection in German', () => {
    expect(reasonOf(new SessionExpired())).toMatch(/^Ihre Sitzung ist abgelaufen\./);
    expect(reasonOf(new TypeError('Failed to fetch'))).toMatch(/^Der Dienst ist nicht erreichbar\./);
  });
});

describe('refusals of the funding pages in German', () => {
  it('names amounts the German way, in euros, and dates as TT.MM.JJJJ', () => {
    expect(
      new ApiProblem(409, { detail: 'Only 800000 cents of the approval for 2024 are still available' })
        .reason,
    ).toBe('Für das Haushaltsjahr 2024 sind nur noch 8.000,00\u00a0€ abrufbar.');
    const problem = validation([
      { path: 'requestedCents', message: 'must not exceed the eligible costs' },
      { path: 'calledOn', message: 'must lie in the funding period 2023-01-01 – 2025-12-31' },
      { path: 'spent', message: 'must not add up to more than the 5000000 cents called' },
    ]);
    expect(problem.fieldErrors).toEqual({
      requestedCents: ['Darf die zuwendungsfähigen Ausgaben nicht übersteigen.'],
      calledOn: ['Das Datum muss im Bewilligungszeitraum (01.01.2023 – 31.12.2025) liegen.'],
      spent: ['Zusammen darf nicht mehr verwendet werden als abgerufen (50.000,00\u00a0€).'],
    });
  });

  it('says a status change is not allowed, and that someone else changed the record meanwhile', () => {
    expect(
      new ApiProblem(409, { detail: 'An application cannot go from approved to submitted' }).reason,
    ).toBe('Dieser Statuswechsel ist beim jetzigen Stand nicht erlaubt.');
    expect(
      new ApiProblem(412, { detail: 'The application was changed since you read it; reload and retry' })
        .reason,
    ).toMatch(/^Jemand hat den Datensatz inzwischen geändert/);
  });

  it('translates the refusals of reminder days and of a deadline marked done', () => {
    const problem = validation([
      { path: 'offsets.0', message: 'Invalid input: expected number, received string' },
      { path: 'offsets.1', message: 'must be at most 366 days before' },
      { path: 'offsets', message: 'must name each day once' },
      { path: 'on', message: 'must not be after today' },
    ]);
    expect(problem.fieldErrors).toEqual({
      'offsets.0': ['Bitte eine Zahl eingeben.'],
      'offsets.1': ['Höchstens 366 Tage vorher.'],
      offsets: ['Bitte jeden Tag nur einmal nennen.'],
      on: ['Das Datum darf nicht nach heute liegen.'],
    });
    expect(validation([{ path: 'offsets', message: 'name at least one day' }]).fieldErrors.offsets).toEqual([
      'Bitte mindestens einen Tag nennen.',
    ]);
    expect(new ApiProblem(409, { detail: 'This deadline is done already' }).reason).toBe(
      'Diese Frist ist schon erledigt.',
    );
    expect(
      new ApiProblem(409, {
        detail: 'This deadline is an event: it passes on its day and is not done by anyone',
      }).reason,
    ).toMatch(/^Diese Frist ist ein Termin/);
  });
});
