import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../client/index.ts';
import { erfurtNotice } from '../fixtures/applications.ts';
import { positionBody } from '../fixtures/positions.ts';
import { fundingSteps } from '../support/funding.ts';
import { parseCalendar } from '../support/ical.ts';
import { openApiDocument } from '../support/openapi-paths.ts';
import { type OutboxMail, outboxes, readOutbox } from '../support/outbox.ts';
import { createTestApi, dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

// The Erfurt application's funding period ends on 31.12.2025: an event by default. The clock
// is set to the day of each reminder run, as the daily job would see it.
const ANNA = 'anna.finanz@erfurt.example';
const EVENT_LINE = '- Ende des Bewilligungszeitraums: Quartiersplanungskoordination Erfurt';
const outboxDirs = outboxes();
afterAll(outboxDirs.removeAll);

/** A test API whose clock reads 06:00 UTC of `day.today`, which the test moves. */
async function apiOnDays(env: Record<string, string> = {}) {
  const day = { today: '2025-12-01' };
  const api = outboxDirs.track(await createTestApi({ clock: () => new Date(`${day.today}T06:00:00Z`) }, env));
  /** Runs the reminders as the daily job would on `date` (the clock moves there too). */
  const runOn = async (date: string) => {
    day.today = date;
    return expectAnswer(await api.client('admin').POST('/v1/reminders/run', { body: { date } }), 200);
  };
  return { api, day, runOn };
}

/** The lines of a digest's plain text about the reminder `title` (its title line and what follows it). */
function entryOf(mail: OutboxMail, title: string): string[] {
  const lines = (mail.mail.text ?? '').split('\n');
  const start = lines.indexOf(title);
  if (start === -1) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith('  '));
  return [title, ...rest.slice(0, end === -1 ? rest.length : end).map((line) => line.trim())];
}

/** The mails sent since `before` mails were in the outbox. */
const mailsAfter = async (api: TestApi, before: number) => (await readOutbox(api.outboxDir)).slice(before);

const readDeadline = async (client: ApiClient, id: string) =>
  dataOf(await client.GET('/v1/deadlines/{id}', { params: { path: { id } } }));

const overdueKinds = async (client: ApiClient) =>
  dataOf(
    await client.GET('/v1/deadlines', { params: { query: { status: 'overdue', limit: 100 } } }),
  ).items.map((deadline) => `${deadline.kind} ${deadline.dueOn}`);

/** The reminders sent of one kind, as `dueOn@offset`. */
const sentOf = async (api: TestApi, kind: string) =>
  dataOf(
    await api.client('admin').GET('/v1/reminders', { params: { query: { status: 'sent', limit: 100 } } }),
  )
    .items.filter((reminder) => reminder.kind === kind)
    .map((reminder) => `${reminder.dueOn}@${reminder.offsetDays}`)
    .sort();

describe('an event (the end of the funding period, 31.12.2025) under the default configuration', () => {
  let api: TestApi;
  let runOn: (date: string) => Promise<{ eventsPassed: number; sent: number }>;
  let applicationId: string;
  let eventId: string;
  let viewer: ApiClient;

  const history = async () =>
    dataOf(
      await viewer.GET('/v1/applications/{id}/history', { params: { path: { id: applicationId } } }),
    ).items.filter((entry) => entry.deadline?.id === eventId);

  beforeAll(async () => {
    ({ api, runOn } = await apiOnDays());
    viewer = api.client('viewer');
    const steps = fundingSteps(api);
    applicationId = (await steps.approved(await steps.program())).id;
    eventId = `${applicationId}.funding_period_end`;
  });

  it('is read as an event, open before its day', async () => {
    expect(await readDeadline(viewer, eventId)).toMatchObject({
      id: eventId,
      kind: 'funding_period_end',
      dueOn: '2025-12-31',
      status: 'open',
      nature: 'event',
      subject: {
        type: 'application',
        id: applicationId,
        page: `/antraege/${applicationId}#frist-${eventId}`,
      },
    });
  });

  it('is announced 30 days ahead as a Termin, with a link to its page in the web app, and stays open', async () => {
    const summary = await runOn('2025-12-01');

    expect(summary.eventsPassed).toBe(0);
    const [mail] = await mailsAfter(api, 0);
    expect(mail?.to).toBe(ANNA);
    expect(entryOf(mail!, EVENT_LINE)).toEqual([
      EVENT_LINE,
      'Termin am 31.12.2025 (in 30 Tagen)',
      `http://localhost:3000/antraege/${applicationId}#frist-${eventId}`,
    ]);
    expect(mail?.mail.text).toContain('Alle Ihre Fristen im Fördertracker: http://localhost:3000/fristen');
    expect((await readDeadline(viewer, eventId)).status).toBe('open');
    expect(await history()).toEqual([]);
  });

  it('is a Termin in the calendar feed, linking to its page in the web app', async () => {
    const { data } = await viewer.GET('/v1/deadlines.ics', { params: { query: {} }, parseAs: 'text' });

    expect(parseCalendar(data ?? '').events).toContainEqual(
      expect.objectContaining({
        uid: `${eventId}@foerdertracker`,
        summary: 'Termin: Ende des Bewilligungszeitraums – Quartiersplanungskoordination Erfurt',
        start: '2025-12-31',
        url: `http://localhost:3000/antraege/${applicationId}#frist-${eventId}`,
      }),
    );
  });

  it('is announced on its day and closed by that run, with an entry in the application’s history', async () => {
    const before = (await readOutbox(api.outboxDir)).length;
    const summary = await runOn('2025-12-31');

    expect(summary.eventsPassed).toBe(1);
    // The count is part of the documented summary, not only of the answer.
    const { components } = await openApiDocument(api);
    expect(components?.schemas?.ReminderRunSummary).toMatchObject({
      required: expect.arrayContaining(['eventsPassed']),
      properties: { eventsPassed: { type: 'integer' } },
    });
    const [mail] = await mailsAfter(api, before);
    expect(entryOf(mail!, EVENT_LINE).slice(0, 2)).toEqual([EVENT_LINE, 'Termin am 31.12.2025 (heute)']);
    expect(await readDeadline(viewer, eventId)).toMatchObject({
      status: 'done',
      passedOn: '2025-12-31',
      closedAt: expect.any(String),
    });
    expect(await history()).toEqual([
      expect.objectContaining({
        action: 'deadline_passed',
        from: 'open',
        to: 'done',
        actor: expect.objectContaining({ sub: 'reminder-job' }),
        deadline: { id: eventId, kind: 'funding_period_end', dueOn: '2025-12-31' },
      }),
    ]);
  });

  it('is never overdue afterwards: no reminder in the weeks after, not in the overdue list', async () => {
    const before = (await readOutbox(api.outboxDir)).length;
    const later = [await runOn('2026-01-07'), await runOn('2026-01-14')];

    expect(later.map((summary) => summary.eventsPassed)).toEqual([0, 0]);
    const mails = await mailsAfter(api, before);
    // The statements of use still overdue are duties and are reminded of, one digest a run; the event is not.
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.reminders).not.toContain(EVENT_LINE);
      expect(mail.mail.text).not.toContain('31.12.2025');
    }
    expect(await sentOf(api, 'funding_period_end')).toEqual(['2025-12-31@0', '2025-12-31@30']);
    const overdue = await overdueKinds(viewer);
    expect(overdue).toContain('interim_report 2025-04-30');
    expect(overdue).not.toContain('funding_period_end 2025-12-31');
    const { data } = await viewer.GET('/v1/deadlines.ics', { params: { query: {} }, parseAs: 'text' });
    expect(parseCalendar(data ?? '').events.map((event) => event.uid)).not.toContain(
      `${eventId}@foerdertracker`,
    );
  });

  it('stays closed when its application changes but the date stays (a new owner, an amendment of the amount)', async () => {
    const anna = api.client('finance', ANNA);
    const version = async () =>
      dataOf(await anna.GET('/v1/applications/{id}', { params: { path: { id: applicationId } } })).version;
    const before = await readDeadline(viewer, eventId);
    const handedOver = await anna.PUT('/v1/applications/{id}/owner', {
      params: { path: { id: applicationId }, header: { 'if-match': `"${await version()}"` } },
      body: { name: 'Anna Finanz-Berger', email: ANNA },
    });
    expectAnswer(handedOver, 200);
    // An amendment that lowers the grant and keeps the period: the application's own deadlines
    // are derived again (with the new owner's name), the end of the period among them.
    const amended = await anna.POST('/v1/applications/{id}/amendments', {
      params: { path: { id: applicationId }, header: { 'if-match': `"${await version()}"` } },
      body: erfurtNotice({
        date: '2024-02-01',
        reference: 'TLVwA-SSR-2022-0815-Ä1',
        approvedCents: 18_000_000,
      }),
    });
    expectAnswer(amended, 200);

    const after = await readDeadline(viewer, eventId);
    expect(after).toMatchObject({
      status: 'done',
      dueOn: '2025-12-31',
      passedOn: '2025-12-31',
      closedAt: before.closedAt,
      owner: { name: 'Anna Finanz-Berger', email: ANNA },
    });
    expect(await overdueKinds(viewer)).not.toContain('funding_period_end 2025-12-31');
    const mailsBefore = (await readOutbox(api.outboxDir)).length;
    expect((await runOn('2026-01-21')).eventsPassed).toBe(0);
    for (const mail of await mailsAfter(api, mailsBefore)) expect(mail.reminders).not.toContain(EVENT_LINE);
    expect((await history()).map((entry) => entry.action)).toEqual(['deadline_passed']);
  });

  it('opens again when an amendment moves the end into the future, and is announced for its new day', async () => {
    const steps = fundingSteps(api);
    const application = dataOf(
      await steps.anna.GET('/v1/applications/{id}', { params: { path: { id: applicationId } } }),
    );
    const before = await readDeadline(viewer, eventId);
    await steps.amend(applicationId, application.version, '2026-12-31');

    const reopened = await readDeadline(viewer, eventId);
    expect(reopened).toMatchObject({ status: 'open', dueOn: '2026-12-31', nature: 'event' });
    expect(reopened.passedOn).toBeUndefined();
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.version).toBeGreaterThan(before.version);

    const mailsBefore = (await readOutbox(api.outboxDir)).length;
    const summary = await runOn('2026-12-01');
    expect(summary.eventsPassed).toBe(0);
    const [mail] = (await mailsAfter(api, mailsBefore)).filter((sent) => sent.reminders.includes(EVENT_LINE));
    expect(entryOf(mail!, EVENT_LINE)[1]).toBe('Termin am 31.12.2026 (in 30 Tagen)');

    // And on its new day it passes again.
    expect((await runOn('2026-12-31')).eventsPassed).toBe(1);
    expect(await readDeadline(viewer, eventId)).toMatchObject({ status: 'done', passedOn: '2026-12-31' });
    expect((await history()).map((entry) => `${entry.action} ${entry.deadline?.dueOn}`)).toEqual([
      'deadline_passed 2025-12-31',
      'deadline_passed 2026-12-31',
    ]);
  });
});

describe('an event past its day that no run has closed yet', () => {
  it('is in no overdue list, for everyone or for its owner, and not in the calendar feed', async () => {
    const { api, day } = await apiOnDays();
    const viewer = api.client('viewer');
    const steps = fundingSteps(api);
    const applicationId = (await steps.approved(await steps.program())).id;
    day.today = '2026-01-14';
    const id = `${applicationId}.funding_period_end`;
    expect(await readDeadline(viewer, id)).toMatchObject({ status: 'open', dueOn: '2025-12-31' });

    for (const owner of [undefined, ANNA]) {
      const overdue = dataOf(
        await viewer.GET('/v1/deadlines', {
          params: { query: { status: 'overdue', limit: 100, ...(owner ? { owner } : {}) } },
        }),
      ).items.map((deadline) => deadline.id);
      expect(overdue).toContain(`${applicationId}.interim_report.2024`);
      expect(overdue).not.toContain(id);
    }
    const { data } = await viewer.GET('/v1/deadlines.ics', { params: { query: {} }, parseAs: 'text' });
    const uids = parseCalendar(data ?? '').events.map((event) => event.uid);
    expect(uids).toContain(`${applicationId}.interim_report.2024@foerdertracker`);
    expect(uids).not.toContain(`${id}@foerdertracker`);
  });
});

describe('a position’s events (the end of its contract and of its funding, 31.12.2025)', () => {
  it('pass on their day, stay closed when the position is edited, and the contract end opens again when it moves', async () => {
    const { api, runOn } = await apiOnDays();
    const viewer = api.client('viewer');
    const steps = fundingSteps(api);
    const applicationId = (await steps.approved(await steps.program())).id;
    const created = await steps.anna.POST('/v1/positions', { body: positionBody(applicationId) });
    const positionId = expectAnswer(created, 201).id;
    const contractEnd = `${positionId}.contract_end`;
    const fundingEnd = `${positionId}.position_funding_end`;
    const statusOf = async (id: string) => {
      const { status, dueOn, passedOn } = await readDeadline(viewer, id);
      return { status, dueOn, passedOn };
    };
    expect(await statusOf(contractEnd)).toEqual({ status: 'open', dueOn: '2025-12-31', passedOn: undefined });

    // The end of the funding period, of the position's funding and of its contract pass on one day.
    expect((await runOn('2025-12-31')).eventsPassed).toBe(3);
    const passed = { status: 'done', dueOn: '2025-12-31', passedOn: '2025-12-31' };
    expect(await statusOf(contractEnd)).toEqual(passed);
    expect(await statusOf(fundingEnd)).toEqual(passed);
    const positionHistory = async () =>
      dataOf(await viewer.GET('/v1/positions/{id}/history', { params: { path: { id: positionId } } }))
        .items.filter((entry) => entry.action === 'deadline_passed')
        .map((entry) => `${entry.deadline?.kind} ${entry.deadline?.dueOn}`)
        .sort();
    expect(await positionHistory()).toEqual(['contract_end 2025-12-31', 'position_funding_end 2025-12-31']);

    const version = async () =>
      dataOf(await viewer.GET('/v1/positions/{id}', { params: { path: { id: positionId } } })).version;
    const patch = async (body: { fte?: number; end?: string; title?: string }) =>
      expectAnswer(
        await steps.anna.PATCH('/v1/positions/{id}', {
          params: { path: { id: positionId }, header: { 'if-match': `"${await version()}"` } },
          body,
        }),
        200,
      );
    // A new title goes into every deadline of the position: the closed ones keep their day.
    await patch({ title: 'Sozialraumkoordination Erfurt-Nord', fte: 0.75 });
    expect(await statusOf(contractEnd)).toEqual(passed);
    expect(await statusOf(fundingEnd)).toEqual(passed);

    await patch({ end: '2026-12-31' });
    expect(await statusOf(contractEnd)).toEqual({ status: 'open', dueOn: '2026-12-31', passedOn: undefined });
    expect(await positionHistory()).toEqual(['contract_end 2025-12-31', 'position_funding_end 2025-12-31']);
  });
});

describe('REMINDER_EVENT_KINDS leaving out the end of the funding period', () => {
  it('makes it a duty again: overdue after its day, reminded of every week, never closed by the run', async () => {
    const { api, runOn } = await apiOnDays({ REMINDER_EVENT_KINDS: 'position_funding_end,contract_end' });
    const viewer = api.client('viewer');
    const steps = fundingSteps(api);
    const applicationId = (await steps.approved(await steps.program())).id;
    const id = `${applicationId}.funding_period_end`;

    expect((await readDeadline(viewer, id)).nature).toBe('duty');

    const first = await runOn('2026-01-07');
    const second = await runOn('2026-01-14');

    expect([first.eventsPassed, second.eventsPassed]).toEqual([0, 0]);
    const mails = await readOutbox(api.outboxDir);
    expect(mails.map((mail) => entryOf(mail, EVENT_LINE)[1])).toEqual([
      'fällig am 31.12.2025 (seit 7 Tagen überfällig)',
      'fällig am 31.12.2025 (seit 14 Tagen überfällig)',
    ]);
    expect(await sentOf(api, 'funding_period_end')).toEqual(['2025-12-31@-14', '2025-12-31@-7']);
    expect(await readDeadline(viewer, id)).toMatchObject({ status: 'open', nature: 'duty' });
    expect(await overdueKinds(viewer)).toContain('funding_period_end 2025-12-31');
  });

  it('leaves the kinds it names events', async () => {
    const { api } = await apiOnDays({ REMINDER_EVENT_KINDS: 'position_funding_end,contract_end' });
    const steps = fundingSteps(api);
    const applicationId = (await steps.approved(await steps.program())).id;
    expectAnswer(await steps.anna.POST('/v1/positions', { body: positionBody(applicationId) }), 201);
    const deadlines = dataOf(
      await api.client('viewer').GET('/v1/deadlines', {
        params: { query: { from: '2025-01-01', to: '2026-12-31', limit: 100 } },
      }),
    ).items;
    const natures = Object.fromEntries(deadlines.map((deadline) => [deadline.kind, deadline.nature]));
    expect(natures).toMatchObject({
      funding_period_end: 'duty',
      position_funding_end: 'event',
      contract_end: 'event',
      final_report: 'duty',
    });
  });
});
