import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, Query } from '../../client/index.ts';
import { feedTokenEntity } from '../../shared/store/feed-token.keys.ts';
import { sampleDeadline, seedDeadlines } from '../support/deadlines.ts';
import { fundingSteps } from '../support/funding.ts';
import { parseCalendar } from '../support/ical.ts';
import { outboxes } from '../support/outbox.ts';
import { createTestApi, dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let viewer: ApiClient;
let applicationId: string;
const outboxDirs = outboxes();
afterAll(outboxDirs.removeAll);

beforeAll(async () => {
  api = outboxDirs.track(await createTestApi({ clock: () => new Date('2026-06-01T08:00:00Z') }));
  viewer = api.client('viewer');
  const steps = fundingSteps(api);
  applicationId = (await steps.approved(await steps.program())).id;
  await seedDeadlines(api.database.doc, api.database.tableName, [
    sampleDeadline(1, { kind: 'spend_by', id: 'APP000001.spend_by.C1', dueOn: '2026-07-15' }),
    sampleDeadline(2, { dueOn: '2026-08-31', status: 'done' }),
  ]);
});

/** The calendar of open deadlines as text (as the viewer unless told). */
const calendar = (query: Query<'/v1/deadlines.ics', 'get'> = {}, client = viewer) =>
  client.GET('/v1/deadlines.ics', { params: { query }, parseAs: 'text' });

/** The feed behind a calendar token's URL, read without any Authorization header. */
const feed = (file: string, query: Query<'/calendar/{file}', 'get'> = {}) =>
  api.anonymous().GET('/calendar/{file}', { params: { path: { file }, query }, parseAs: 'text' });

describe('GET /v1/deadlines.ics', () => {
  it('serves open deadlines as all-day events a calendar parser reads', async () => {
    const { data, response } = await calendar();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { events } = parseCalendar(data ?? '');
    expect(events.map((event) => event.uid).sort()).toEqual(
      [
        'APP000001.spend_by.C1@foerdertracker',
        `${applicationId}.final_report@foerdertracker`,
        `${applicationId}.funding_period_end@foerdertracker`,
        // Overdue since 30 April 2024, and still open: in the feed until it is closed.
        `${applicationId}.interim_report.2023@foerdertracker`,
        `${applicationId}.interim_report.2024@foerdertracker`,
      ].sort(),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        uid: `${applicationId}.final_report@foerdertracker`,
        summary: 'Frist: Verwendungsnachweis – Quartiersplanungskoordination Erfurt',
        allDay: true,
        start: '2026-06-30',
        end: '2026-07-01',
      }),
    );
  });

  it('keeps the UIDs stable from one fetch to the next', async () => {
    const uids = async () => parseCalendar(dataOf(await calendar())).events.map((event) => event.uid);

    expect(await uids()).toEqual(await uids());
  });

  it('filters by owner and by kind', async () => {
    const byOwner = dataOf(await calendar({ owner: 'Person1@erfurt.example' }));
    const byKind = dataOf(await calendar({ kind: 'final_report' }));

    expect(parseCalendar(byOwner).events.map((event) => event.summary)).toEqual([
      'Frist: Mittelverwendung – Förderantrag 1',
    ]);
    expect(parseCalendar(byKind).events.map((event) => event.uid)).toEqual([
      `${applicationId}.final_report@foerdertracker`,
    ]);
  });

  it('needs a bearer token, and refuses an unknown kind', async () => {
    expect((await calendar({}, api.anonymous())).response.status).toBe(401);
    // Raw: `lunch` is no kind the document knows.
    expect((await api.raw('viewer').get('/v1/deadlines.ics?kind=lunch')).status).toBe(400);
  });
});

describe('calendar tokens for calendar apps', () => {
  const kim = () => api.client('coordinator', 'kim.koordination@erfurt.example');
  const createToken = async (body: { name?: string }, client = kim()) =>
    client.POST('/v1/calendar-tokens', { body });
  const tokenPath = (id: string) => ({ path: { id } });

  it('creates a token whose URL serves the feed without any Authorization header', async () => {
    const answer = await createToken({ name: 'Outlook Büro' });
    const created = expectAnswer(answer, 201);

    expect(created).toMatchObject({
      name: 'Outlook Büro',
      ownerEmail: 'kim.koordination@erfurt.example',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(created.url).toBe(`http://localhost:3000/calendar/${created.token}.ics`);
    expect(answer.response.headers.get('location')).toBe(`/v1/calendar-tokens/${created.id}`);

    const served = await feed(`${created.token}.ics`, { kind: 'final_report' });
    expect(served.response.status).toBe(200);
    expect(parseCalendar(served.data ?? '').events.map((event) => event.summary)).toEqual([
      'Frist: Verwendungsnachweis – Quartiersplanungskoordination Erfurt',
    ]);
  });

  it('stores only a hash of the token, never the token itself', async () => {
    const created = dataOf(await createToken({}));
    const { Items = [] } = await api.database.doc.send(
      new ScanCommand({ TableName: api.database.tableName }),
    );

    expect(created.name).toBe('Kalender');
    expect(JSON.stringify(Items)).not.toContain(created.token);
    expect(Items.filter((item) => item.entity === feedTokenEntity.tag).length).toBeGreaterThan(0);
  });

  it('lists only your own tokens, without their secrets', async () => {
    const mine = dataOf(await kim().GET('/v1/calendar-tokens'));
    const theirs = dataOf(
      await api.client('viewer', 'someone.else@erfurt.example').GET('/v1/calendar-tokens'),
    );

    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    for (const item of mine.items)
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'name', 'ownerEmail', 'ownerSub']);
    expect(theirs.items).toEqual([]);
  });

  it('revokes a token: its URL stops working at once, and nobody else can revoke it', async () => {
    const created = dataOf(await createToken({ name: 'Handy' }));
    const params = tokenPath(created.id);
    const revoke = (client: ApiClient) => client.DELETE('/v1/calendar-tokens/{id}', { params });

    expect((await revoke(api.client('admin', 'admin@erfurt.example'))).response.status).toBe(404);
    expect((await kim().GET('/v1/calendar-tokens/{id}', { params })).data?.name).toBe('Handy');
    expect((await revoke(kim())).response.status).toBe(204);
    expect((await feed(`${created.token}.ics`)).response.status).toBe(404);
    expect((await kim().GET('/v1/calendar-tokens/{id}', { params })).response.status).toBe(404);
  });

  it('answers 404 for an unknown or malformed token', async () => {
    expect((await feed(`${'A'.repeat(43)}.ics`)).response.status).toBe(404);
    expect((await feed('not-a-token.ics')).response.status).toBe(404);
    expect((await feed('feed')).response.status).toBe(404);
  });
});

describe('secrets stay out of logs and stored responses', () => {
  it('never stores a new feed token for idempotent replay', async () => {
    // Raw: the document names no Idempotency-Key for this POST, though the API honours it.
    const headers = { 'idempotency-key': 'feed-token-once' };
    const first = await api.raw('viewer').post('/v1/calendar-tokens', { name: 'Outlook' }, headers);
    const second = await api.raw('viewer').post('/v1/calendar-tokens', { name: 'Outlook' }, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    const stored = await api.database.doc.send(new ScanCommand({ TableName: api.database.tableName }));
    expect(JSON.stringify(stored.Items)).not.toContain(first.json.token);
  });

  it('redacts the feed token from logged paths', async () => {
    const { redactSecrets } = await import('../../functions/api/platform/request-context.ts');
    expect(redactSecrets('/calendar/abcDEF123_-x.ics')).toBe('/calendar/[redacted]');
    expect(redactSecrets('/v1/programs')).toBe('/v1/programs');
  });
});
