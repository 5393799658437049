import { addDays, addMonths, berlinDate } from '../../shared/domain/calendar-date.ts';
import { expectOk, type WebService } from './web-service.ts';

export const KIM = { name: 'Kim Koordination', email: 'kim.koordination@erfurt.example' };
export const ALEX = { name: 'Alex Sozialplanung', email: 'alex.sozialplanung@erfurt.example' };

/**
 * Kim's working world, recorded through the API as finance, Kim and an admin would: the funded
 * position, a district concept with milestones, her tasks (one overdue, one due today, one next
 * month, one done) and a colleague's task. Dates are relative to today, so "overdue" and "this
 * month" mean the same whenever the tests run.
 */
export async function recordKimsWorld(web: WebService) {
  const today = berlinDate(new Date());
  const finance = await web.as('finance', 'anna.finanz@erfurt.example');
  const kim = await web.as('coordinator', KIM.email);
  const admin = await web.as('admin', 'admin@erfurt.example');

  const position = await expectOk(
    finance.POST('/v1/positions', {
      body: {
        title: 'Quartiersplanungskoordination',
        fte: 1,
        payGrade: 'TVöD E 11',
        orgUnit: 'Amt für Soziales, Sozialplanung',
        start: addMonths(today, -12),
        owner: { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example' },
      },
    }),
  );
  const concept = await expectOk(
    kim.POST('/v1/concepts', {
      body: {
        district: 'Erfurt-Nord (Moskauer Platz, Rieth, Johannesplatz)',
        title: 'Stadtteilentwicklungskonzept Erfurt-Nord',
        owner: KIM,
        positionId: position.id,
      },
    }),
  );
  const milestone = (body: {
    title: string;
    kind: 'participation' | 'steering_feedback';
    dueOn: string;
    reportDueOn?: string;
  }) => expectOk(kim.POST('/v1/concepts/{id}/milestones', { params: { path: { id: concept.id } }, body }));
  const ortsteile = await milestone({
    title: 'Beteiligung der Ortsteile',
    kind: 'participation',
    dueOn: addDays(today, -5),
  });
  const arbeitsgruppe = await milestone({
    title: 'Rückmeldung an die AG der sozialpolitischen Sprecherinnen und Sprecher',
    kind: 'steering_feedback',
    dueOn: addDays(today, 40),
    reportDueOn: addDays(today, 30),
  });

  const task = (title: string, dueOn: string, extra: { conceptId?: string; assignee?: typeof KIM } = {}) =>
    expectOk(
      (extra.assignee === ALEX ? admin : kim).POST('/v1/tasks', {
        body: {
          title,
          area: extra.conceptId ? 'district_concepts' : 'concept_planning',
          positionId: position.id,
          dueOn,
          assignee: extra.assignee ?? KIM,
          ...(extra.conceptId ? { conceptId: extra.conceptId } : {}),
        },
      }),
    );
  const overdue = await task('Sozialraumanalyse aktualisieren', addDays(today, -10));
  const dueToday = await task('Arbeitskreis Quartiersarbeit vorbereiten', today);
  const nextMonth = await task('Beteiligungsverfahren Erfurt-Nord begleiten', addMonths(today, 1), {
    conceptId: concept.id,
  });
  const finished = await task('Jahresplanung abstimmen', addDays(today, -30));
  const colleagues = await task('Netzwerkkarte der Träger erstellen', addDays(today, 14), { assignee: ALEX });

  const progress = (
    id: string,
    body: { on: string; percent: number; note: string; hours?: number; status?: 'done' },
  ) => expectOk(kim.POST('/v1/tasks/{id}/progress', { params: { path: { id } }, body }));
  await progress(overdue.id, {
    on: addDays(today, -20),
    percent: 20,
    hours: 3,
    note: 'Daten der Sozialräume angefordert',
  });
  await progress(finished.id, {
    on: addDays(today, -31),
    percent: 100,
    status: 'done',
    note: 'Jahresplanung beschlossen',
  });

  return {
    today,
    position,
    concept,
    milestones: { ortsteile, arbeitsgruppe },
    tasks: { overdue, dueToday, nextMonth, finished, colleagues },
  };
}
export type KimsWorld = Awaited<ReturnType<typeof recordKimsWorld>>;
