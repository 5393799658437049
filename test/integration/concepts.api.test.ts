import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, Query, RequestBody, Schemas } from '../../client/index.ts';
import {
  ALEX,
  type CoordinationSteps,
  conceptBody,
  coordinationApi,
  holdTransactionsUntil,
  KIM,
  milestoneBody,
  putPosition,
  recordErfurtProcess,
  reportBody,
} from '../fixtures/coordinator.ts';
import { dataOf, type TestApi } from '../support/test-api.ts';

type Milestone = Schemas['Milestone'];

let api: TestApi;
let steps: CoordinationSteps;
let viewer: ApiClient;

beforeAll(async () => {
  ({ api, steps, viewer } = await coordinationApi({ clock: () => new Date('2024-01-15T09:00:00Z') }));
});

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const conceptPath = (id: string) => ({ path: { id } });
const milestonePath = (milestone: Pick<Milestone, 'conceptId' | 'id'>) => ({
  path: { id: milestone.conceptId, milestoneId: milestone.id },
});
/** The raw path of a milestone, for the requests that go through the raw client. */
const rawMilestonePath = (milestone: Pick<Milestone, 'conceptId' | 'id'>) =>
  `/v1/concepts/${milestone.conceptId}/milestones/${milestone.id}`;
/** Kim's raw client, for the requests below that the document cannot express. */
const rawKim = () => api.raw('coordinator', KIM.email);

type MilestoneChange = RequestBody<'/v1/concepts/{id}/milestones/{milestoneId}', 'patch'>;

const conceptHistory = async (conceptId: string) =>
  dataOf(await viewer.GET('/v1/concepts/{id}/history', { params: conceptPath(conceptId) })).items;
const reportsOf = async (milestone: Milestone) =>
  dataOf(
    await viewer.GET('/v1/concepts/{id}/milestones/{milestoneId}/reports', {
      params: milestonePath(milestone),
    }),
  ).items;

const deadlines = async (query: Query<'/v1/deadlines', 'get'>) =>
  dataOf(await viewer.GET('/v1/deadlines', { params: { query } })).items;

/** The concept's deadlines as `kind@dueOn:status owner`, by due date. */
async function conceptDeadlines(conceptId: string) {
  return (await deadlines({ from: '2023-01-01', to: '2024-12-31', limit: 100 }))
    .filter((deadline) => deadline.subject.id === conceptId)
    .map((deadline) => `${deadline.kind}@${deadline.dueOn}:${deadline.status} ${deadline.owner.email}`);
}

async function partition(conceptId: string) {
  const params = conceptPath(conceptId);
  const [concept, milestones, history] = await Promise.all([
    viewer.GET('/v1/concepts/{id}', { params }),
    viewer.GET('/v1/concepts/{id}/milestones', { params }),
    viewer.GET('/v1/concepts/{id}/history', { params }),
  ]);
  return {
    concept: dataOf(concept),
    milestones: dataOf(milestones).items,
    history: dataOf(history).items,
    deadlines: await conceptDeadlines(conceptId),
  };
}

describe('district concepts', () => {
  it('records a concept in preparation with ETag and Location', async () => {
    const { data: created, response } = await steps.kim.POST('/v1/concepts', { body: conceptBody() });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/concepts/${created?.id}`);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(created).toMatchObject({ status: 'preparation', owner: KIM, positionId: null, version: 1 });
    expect(created).not.toHaveProperty('revision');
    expect((await viewer.GET('/v1/concepts/{id}', { params: conceptPath(created!.id) })).data).toEqual(
      created,
    );
  });

  it.each([
    ['an unknown position', { positionId: '01JC0Z6XKX2P4T3C8Y5W7QF9AB' }, 'positionId'],
    ['an unknown status', { status: 'finished' }, 'status'],
    ['an empty district', { district: '' }, 'district'],
    ['an unknown field', { budgetCents: 1 }, ''],
  ])('refuses %s with 400', async (_case, overrides, path) => {
    // Raw: the bodies are wrong on purpose (an unknown status and an unknown field among them).
    const response = await rawKim().post('/v1/concepts', conceptBody(overrides));
    expect(response.status).toBe(400);
    if (path) expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it('refuses finance and viewer with 403, an unknown concept with 404', async () => {
    for (const role of ['finance', 'viewer'] as const) {
      expect((await api.client(role).POST('/v1/concepts', { body: conceptBody() })).response.status).toBe(
        403,
      );
    }
    const unknown = await viewer.GET('/v1/concepts/{id}', {
      params: conceptPath('01JC0Z6XKX2P4T3C8Y5W7QF9AB'),
    });
    expect(unknown.response.status).toBe(404);
  });

  it('lists by district, status and position', async () => {
    const positionId = await putPosition(api);
    const herrenberg = await steps.concept({ district: 'Herrenberg', positionId });
    const drafting = await steps.concept({ district: 'Herrenberg', status: 'drafting' });
    const ids = async (query: Query<'/v1/concepts', 'get'>) =>
      dataOf(await viewer.GET('/v1/concepts', { params: { query } })).items.map((concept) => concept.id);
    expect(await ids({ district: 'herrenberg', limit: 100 })).toEqual([herrenberg.id, drafting.id]);
    expect(await ids({ district: 'Herrenberg', status: 'drafting' })).toEqual([drafting.id]);
    expect(await ids({ positionId })).toEqual([herrenberg.id]);
  });

  it('moves through its phases with If-Match and refuses skipping one (409)', async () => {
    const concept = await steps.concept();
    const change = (body: RequestBody<'/v1/concepts/{id}', 'patch'>, header?: { 'if-match': string }) =>
      steps.kim.PATCH('/v1/concepts/{id}', { params: { ...conceptPath(concept.id), header }, body });
    expect((await change({ status: 'participation' })).response.status).toBe(428);
    expect((await change({ status: 'participation' }, ifMatch(2))).response.status).toBe(412);
    const moved = await change({ status: 'participation', note: 'Auftakt' }, ifMatch(1));
    expect(moved.data).toMatchObject({ status: 'participation', version: 2 });
    // Raw: the 409 names the allowed moves in `allowed`, which the Problem schema does not declare.
    const skipped = await rawKim().patch(
      `/v1/concepts/${concept.id}`,
      { status: 'implementation' },
      ifMatch(2),
    );
    expect(skipped.status).toBe(409);
    expect(skipped.json.allowed).toEqual(['drafting']);
  });

  it('hands its deadlines to a new owner and renames them with the concept', async () => {
    const concept = await steps.concept();
    await steps.milestone(concept.id);
    const changed = await steps.kim.PATCH('/v1/concepts/{id}', {
      params: { ...conceptPath(concept.id), header: ifMatch(1) },
      body: { owner: ALEX, title: 'Konzept Nord' },
    });
    expect(changed.response.status).toBe(200);
    expect(await conceptDeadlines(concept.id)).toEqual([
      `milestone_due@2023-03-31:open ${ALEX.email}`,
      `milestone_report_due@2023-04-30:open ${ALEX.email}`,
    ]);
    const onTheDay = await deadlines({ from: '2023-03-31', to: '2023-03-31', limit: 100 });
    const mine = onTheDay.find((deadline) => deadline.subject.id === concept.id);
    expect(mine?.subject.title).toBe('Konzept Nord: Beteiligung der Ortsteile');
  });
});

describe('milestones', () => {
  it('makes the due date and the report due date deadlines of the concept owner', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    expect(milestone).toMatchObject({
      status: 'planned',
      conceptId: concept.id,
      achievedOn: null,
      version: 1,
    });
    expect(await conceptDeadlines(concept.id)).toEqual([
      `milestone_due@2023-03-31:open ${KIM.email}`,
      `milestone_report_due@2023-04-30:open ${KIM.email}`,
    ]);
  });

  it('lists them by due date and reads one', async () => {
    const concept = await steps.concept();
    const late = await steps.milestone(concept.id, { title: 'Später', dueOn: '2023-09-30' });
    const early = await steps.milestone(concept.id, { title: 'Früher', dueOn: '2023-02-28' });
    const list = dataOf(
      await viewer.GET('/v1/concepts/{id}/milestones', { params: conceptPath(concept.id) }),
    );
    expect(list.items.map((milestone) => milestone.id)).toEqual([early.id, late.id]);
    const read = await viewer.GET('/v1/concepts/{id}/milestones/{milestoneId}', {
      params: milestonePath(late),
    });
    expect(read.data).toEqual(late);
    expect(read.response.headers.get('etag')).toBe('"1"');
  });

  it.each([
    ['a due date that is not a date', { dueOn: '2023-02-29' }, 'dueOn'],
    ['an unknown kind', { kind: 'party' }, 'kind'],
    ['a server-owned status', { status: 'achieved' }, ''],
  ])('refuses %s with 400 and creates nothing', async (_case, overrides, path) => {
    const concept = await steps.concept();
    // Raw: the bodies are wrong on purpose (an unknown kind and a server-owned field among them).
    const response = await rawKim().post(`/v1/concepts/${concept.id}/milestones`, milestoneBody(overrides));
    expect(response.status).toBe(400);
    if (path) expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
    expect(await partition(concept.id)).toMatchObject({ milestones: [], deadlines: [] });
  });

  it('closes the due-date deadline when achieved; the report deadline stays open', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    const achieved = await steps.patchMilestone(milestone, { status: 'achieved', achievedOn: '2023-03-29' });
    expect(achieved).toMatchObject({ status: 'achieved', achievedOn: '2023-03-29', version: 2 });
    expect(await conceptDeadlines(concept.id)).toEqual([
      `milestone_due@2023-03-31:done ${KIM.email}`,
      `milestone_report_due@2023-04-30:open ${KIM.email}`,
    ]);
  });

  it('closes the due-date deadline when missed, and keeps missed final', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id, { reportDueOn: null });
    const missed = await steps.patchMilestone(milestone, { status: 'missed', note: 'Termin ausgefallen' });
    expect(await conceptDeadlines(concept.id)).toEqual([`milestone_due@2023-03-31:done ${KIM.email}`]);
    // Raw: the 409 names `from` and `allowed`, which the Problem schema does not declare.
    const back = await rawKim().patch(
      rawMilestonePath(milestone),
      { status: 'in_progress' },
      ifMatch(missed.version),
    );
    expect(back.status).toBe(409);
    expect(back.json).toMatchObject({ from: 'missed', allowed: [] });
  });

  it('moves and removes deadlines with the dates', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    await steps.patchMilestone(milestone, { dueOn: '2023-04-15', reportDueOn: null });
    expect(await conceptDeadlines(concept.id)).toEqual([`milestone_due@2023-04-15:open ${KIM.email}`]);
  });

  it('refuses an achievedOn in the future and If-Match problems, changing nothing', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    const before = await partition(concept.id);
    const change = (body: MilestoneChange, header?: { 'if-match': string }) =>
      steps.kim.PATCH('/v1/concepts/{id}/milestones/{milestoneId}', {
        params: { ...milestonePath(milestone), header },
        body,
      });
    const future = await change({ status: 'achieved', achievedOn: '2024-02-01' }, ifMatch(1));
    expect(future.response.status).toBe(400);
    expect((await change({ status: 'achieved' })).response.status).toBe(428);
    expect((await change({ status: 'achieved' }, ifMatch(7))).response.status).toBe(412);
    expect(await partition(concept.id)).toEqual(before);
  });

  it('serializes writes of one concept: of two racing milestone changes one is saved, the other refused', async () => {
    const concept = await steps.concept();
    const first = await steps.milestone(concept.id, { reportDueOn: null });
    const second = await steps.milestone(concept.id, { dueOn: '2023-05-31', reportDueOn: null });
    const change = (milestone: Milestone, body: MilestoneChange) =>
      steps.kim.PATCH('/v1/concepts/{id}/milestones/{milestoneId}', {
        params: { ...milestonePath(milestone), header: ifMatch(1) },
        body,
      });
    const release = holdTransactionsUntil(api, 2);
    const results = await Promise.all([
      change(first, { status: 'achieved', achievedOn: '2023-03-30' }),
      change(second, { status: 'missed' }),
    ]).finally(release);
    expect(results.map((result) => result.response.status).sort()).toEqual([200, 409]);
    const after = await partition(concept.id);
    const settled = after.milestones.filter((milestone) => milestone.status !== 'planned');
    expect(settled).toHaveLength(1);
    expect(after.deadlines.filter((deadline) => deadline.includes(':done'))).toHaveLength(1);
    expect(after.history.filter((entry) => entry.action === 'milestone_status')).toHaveLength(1);
  });

  it('is not found under another concept', async () => {
    const mine = await steps.concept();
    const other = await steps.concept();
    const milestone = await steps.milestone(mine.id);
    const path = { path: { id: other.id, milestoneId: milestone.id } };
    const read = await viewer.GET('/v1/concepts/{id}/milestones/{milestoneId}', { params: path });
    expect(read.response.status).toBe(404);
    const changed = await steps.kim.PATCH('/v1/concepts/{id}/milestones/{milestoneId}', {
      params: { ...path, header: ifMatch(1) },
      body: { status: 'achieved' },
    });
    expect(changed.response.status).toBe(404);
  });
});

describe('milestone reports', () => {
  it('go draft → submitted → revision_requested → submitted → accepted, keeping the deadline in step', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    const reportDeadline = async () =>
      (await conceptDeadlines(concept.id)).find((deadline) => deadline.startsWith('milestone_report_due'));
    const draft = await steps.report(milestone);
    expect(draft).toMatchObject({ status: 'draft', submittedOn: null, milestoneId: milestone.id });
    expect(await reportDeadline()).toContain(':open');

    const submitted = await steps.patchReport(draft, { status: 'submitted', submittedOn: '2023-04-20' });
    expect(await reportDeadline()).toContain(':done');
    const sentBack = await steps.patchReport(submitted, {
      status: 'revision_requested',
      decidedOn: '2023-04-25',
      note: 'Kinder- und Jugendbeteiligung ergänzen',
    });
    expect(await reportDeadline()).toContain(':open');
    const revised = await steps.patchReport(sentBack, { body: '## Ergänzt' });
    const resubmitted = await steps.patchReport(revised, { status: 'submitted', submittedOn: '2023-04-28' });
    const accepted = await steps.patchReport(resubmitted, { status: 'accepted', decidedOn: '2023-05-10' });
    expect(accepted).toMatchObject({
      status: 'accepted',
      submittedOn: '2023-04-28',
      decidedOn: '2023-05-10',
    });
    expect(await reportDeadline()).toContain(':done');

    const history = await conceptHistory(concept.id);
    expect(
      history
        .filter((entry) => entry.action.startsWith('report'))
        .map((entry) => [entry.action, entry.from, entry.to].join(' ')),
    ).toEqual([
      'report_create  draft',
      'report_status draft submitted',
      'report_status submitted revision_requested',
      'report_update  ',
      'report_status revision_requested submitted',
      'report_status submitted accepted',
    ]);
  });

  it('lists and reads reports of a milestone', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    const report = await steps.report(milestone);
    expect(await reportsOf(milestone)).toEqual([report]);
    const read = await viewer.GET('/v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}', {
      params: { path: { ...milestonePath(milestone).path, reportId: report.id } },
    });
    expect(read.data).toEqual(report);
    expect(read.response.headers.get('etag')).toBe('"1"');
  });

  it('refuses a report on a milestone of another concept and creates nothing', async () => {
    const mine = await steps.concept();
    const other = await steps.concept();
    const milestone = await steps.milestone(mine.id);
    const before = await partition(other.id);
    const { response } = await steps.kim.POST('/v1/concepts/{id}/milestones/{milestoneId}/reports', {
      params: { path: { id: other.id, milestoneId: milestone.id } },
      body: reportBody(),
    });
    expect(response.status).toBe(404);
    expect(await partition(other.id)).toEqual(before);
    expect(await reportsOf(milestone)).toEqual([]);
  });

  it('refuses a move the machine does not allow (409) and edits of a submitted report', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    const draft = await steps.report(milestone);
    // Raw: the 409 names the allowed moves in `allowed`, which the Problem schema does not declare.
    const accept = await rawKim().patch(
      `${rawMilestonePath(milestone)}/reports/${draft.id}`,
      { status: 'accepted' },
      ifMatch(1),
    );
    expect(accept.status).toBe(409);
    expect(accept.json.allowed).toEqual(['submitted']);
    const submitted = await steps.patchReport(draft, { status: 'submitted' });
    expect(submitted.submittedOn).toBe('2024-01-15');
    const edit = await steps.kim.PATCH('/v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}', {
      params: { path: { ...milestonePath(milestone).path, reportId: draft.id }, header: ifMatch(2) },
      body: { summary: 'anders' },
    });
    expect(edit.response.status).toBe(409);
  });

  it.each([
    ['an unknown audience', { audience: 'press' }, 'audience'],
    ['an empty summary', { summary: '' }, 'summary'],
    ['an unknown field', { attachments: [] }, ''],
  ])('refuses %s with 400', async (_case, overrides, path) => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    // Raw: the bodies are wrong on purpose (an unknown audience and an unknown field among them).
    const response = await rawKim().post(`${rawMilestonePath(milestone)}/reports`, reportBody(overrides));
    expect(response.status).toBe(400);
    if (path) expect(response.json.errors.map((error: { path: string }) => error.path)).toContain(path);
  });

  it('refuses viewers and finance staff with 403', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    for (const role of ['viewer', 'finance'] as const) {
      const { response } = await api.client(role).POST('/v1/concepts/{id}/milestones/{milestoneId}/reports', {
        params: milestonePath(milestone),
        body: reportBody(),
      });
      expect(response.status).toBe(403);
    }
  });
});

describe('concept history', () => {
  it('names every step of the concept and its milestones', async () => {
    const concept = await steps.concept();
    const milestone = await steps.milestone(concept.id);
    await steps.patchMilestone(milestone, { status: 'in_progress' });
    await steps.kim.PATCH('/v1/concepts/{id}', {
      params: { ...conceptPath(concept.id), header: ifMatch(1) },
      body: { status: 'participation' },
    });
    const history = await conceptHistory(concept.id);
    expect(history.map((entry) => [entry.action, entry.from, entry.to].join(' '))).toEqual([
      'create  preparation',
      'milestone_create  planned',
      'milestone_status planned in_progress',
      'status preparation participation',
    ]);
  });
});

describe('the Erfurt process of 2023, recorded through the API', () => {
  let positionId: string;
  let recorded: Awaited<ReturnType<typeof recordErfurtProcess>>;

  beforeAll(async () => {
    positionId = await putPosition(api);
    recorded = await recordErfurtProcess(api, positionId);
  });

  /** The Sachbericht of a position (this one unless told) as Markdown text. */
  const narrative = (query: Query<'/v1/positions/{id}/narrative', 'get'>, id = positionId) =>
    viewer.GET('/v1/positions/{id}/narrative', { params: { path: { id }, query }, parseAs: 'text' });

  it('keeps every deadline in step: reached milestones and the submitted report are closed', async () => {
    expect(await conceptDeadlines(recorded.concept.id)).toEqual([
      `milestone_due@2023-03-31:done ${KIM.email}`,
      // The participation report of the Ortsteile was never written: its deadline is still open.
      `milestone_report_due@2023-04-30:open ${KIM.email}`,
      `milestone_due@2023-06-30:done ${KIM.email}`,
      `milestone_due@2023-09-30:done ${KIM.email}`,
      `milestone_report_due@2023-11-15:done ${KIM.email}`,
      `milestone_due@2023-11-30:done ${KIM.email}`,
    ]);
  });

  it('links the accompanying task to the concept', async () => {
    const linked = dataOf(
      await viewer.GET('/v1/tasks', { params: { query: { conceptId: recorded.concept.id } } }),
    );
    expect(linked.items.map((task) => task.title)).toEqual(['Beteiligungsverfahren Erfurt-Nord begleiten']);
  });

  it('compiles the 2023 narrative as German Markdown', async () => {
    const { data: text = '', response } = await narrative({ from: '2023-01-01', to: '2023-12-31' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(
      text.startsWith(
        '# Sachbericht Quartiersplanungskoordination\n\n## Berichtszeitraum 01.01.2023 – 31.12.2023\n',
      ),
    ).toBe(true);
    expect(text).toContain(
      'Im Berichtszeitraum wurden 6 Fortschrittsvermerke zu 3 Aufgaben mit zusammen 69 Stunden erfasst. Es wurden 4 Meilensteine erreicht, keiner wurde verfehlt. Es wurde ein Meilensteinbericht eingereicht, einer wurde angenommen.',
    );
    for (const area of [
      'Konzeptentwicklung',
      'Koordination und Vernetzung',
      'Begleitung der Stadtteilentwicklungskonzepte',
    ]) {
      expect(text).toMatch(new RegExp(`### ${area}\\n\\n\\*\\*`));
    }
    expect(text).toContain(
      '### Sonstiges\n\nIn diesem Aufgabenbereich wurden im Berichtszeitraum keine Fortschritte vermerkt.',
    );
    expect(text).toContain(
      '- 20.09.2023 (100 %, 4,5 Stunden, Status: erledigt): Arbeitskreis tagt regelmäßig',
    );
    expect(text).toContain('- 29.03.2023: Beteiligung der Ortsteile (Beteiligung)');
    expect(text).toContain('BÄMM!-Struktur des Stadtjugendrings (Beteiligung)');
    expect(text).toContain(
      'an die AG der sozialpolitischen Sprecherinnen und Sprecher des Stadtrats: eingereicht am 10.11.2023, angenommen am 23.11.2023.',
    );
  });

  it('compiles a period without activity in sentences, and refuses a bad period', async () => {
    const quiet = await narrative({ from: '2022-01-01', to: '2022-12-31' });
    expect(quiet.data).toContain('Im Berichtszeitraum wurden keine Fortschrittsvermerke erfasst.');
    const reversed = await narrative({ from: '2023-12-31', to: '2023-01-01' });
    expect(reversed.response.status).toBe(400);
    expect(reversed.error?.errors?.[0]?.path).toBe('to');
    // Raw: the document requires `to`; leaving it out is the point.
    expect(
      (await api.raw('viewer').get(`/v1/positions/${positionId}/narrative?from=2023-01-01`)).status,
    ).toBe(400);
    const unknown = await narrative({ from: '2023-01-01', to: '2023-12-31' }, '01JC0Z6XKX2P4T3C8Y5W7QF9AB');
    expect(unknown.response.status).toBe(404);
  });
});
