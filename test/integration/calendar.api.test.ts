import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedTokenEntity } from '../../shared/store/feed-token.keys.ts';
import { sampleDeadline, seedDeadlines } from '../support/deadlines.ts';
import { fundingSteps } from '../support/funding.ts';
import { parseCalendar } from '../support/ical.ts';
import { outboxes } from '../support/outbox.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let applicationId: string;
const outboxDirs = outboxes();
afterAll(outboxDirs.removeAll);

beforeAll(async () => {
  api = outboxDirs.track(await createTestApi({ clock: () => new Date('2026-06-01T08:00:00Z') }));
  const steps = fundingSteps(api);
  applicationId = (await steps.approved(await steps.program())).id;
  await seedDeadlines(api.database.doc, api.database.tableName, [
    sampleDeadline(1, { kind: 'spend_by', id: 'APP000001.spend_by.C1', dueOn: '2026-07-15' }),
    sampleDeadline(2, { dueOn: '2026-08-31', status: 'done' }),
  ]);
});

describe('GET /v1/deadlines.ics', () => {
  it('serves open deadlines as all-day events a calendar parser reads', async () => {
    const response = await api.as('viewer').get('/v1/deadlines.ics');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { events } = parseCalendar(response.text);
    expect(events.map((event) => event.uid).sort()).toEqual(
      [
        'APP000001.spend_by.C1@foerdertracker',
        `${applicationId}.final_report@foerdertracker`,
        `${applicationId}.funding_period_end@foerdertracker`,
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
    const uids = async () =>
      parseCalendar((await api.as('viewer').get('/v1/deadlines.ics')).text).events.map((event) => event.uid);

    expect(await uids()).toEqual(await uids());
  });

  it('filters by owner and by kind', async () => {
    const byOwner = await api.as('viewer').get('/v1/deadlines.ics?owner=Person1@erfurt.example');
    const byKind = await api.as('viewer').get('/v1/deadlines.ics?kind=final_report');

    expect(parseCalendar(byOwner.text).events.map((event) => event.summary)).toEqual([
      'Frist: Mittelverwendung – Förderantrag 1',
    ]);
    expect(parseCalendar(byKind.text).events.map((event) => event.uid)).toEqual([
      `${applicationId}.final_report@foerdertracker`,
    ]);
  });

  it('needs a bearer token, and refuses an unknown kind', async () => {
    expect((await api.call('GET', '/v1/deadlines.ics')).status).toBe(401);
    expect((await api.as('viewer').get('/v1/deadlines.ics?kind=lunch')).status).toBe(400);
  });
});

describe('calendar tokens for calendar apps', () => {
  const kim = () => api.as('coordinator', 'kim.koordination@erfurt.example');

  it('creates a token whose URL serves the feed without any Authorization header', async () => {
    const created = await kim().post('/v1/calendar-tokens', { name: 'Outlook Büro' });

    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Outlook Büro',
      ownerEmail: 'kim.koordination@erfurt.example',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(created.json.url).toBe(`http://localhost:3000/calendar/${created.json.token}.ics`);
    expect(created.headers.get('location')).toBe(`/v1/calendar-tokens/${created.json.id}`);

    const feed = await api.call('GET', `/calendar/${created.json.token}.ics?kind=final_report`);
    expect(feed.status).toBe(200);
    expect(parseCalendar(feed.text).events.map((event) => event.summary)).toEqual([
      'Frist: Verwendungsnachweis – Quartiersplanungskoordination Erfurt',
    ]);
  });

  it('stores only a hash of the token, never the token itself', async () => {
    const created = await kim().post('/v1/calendar-tokens', {});
    const { Items = [] } = await api.database.doc.send(
      new ScanCommand({ TableName: api.database.tableName }),
    );

    expect(created.json.name).toBe('Kalender');
    expect(JSON.stringify(Items)).not.toContain(created.json.token);
    expect(Items.filter((item) => item.entity === feedTokenEntity.tag).length).toBeGreaterThan(0);
  });

  it('lists only your own tokens, without their secrets', async () => {
    const mine = await kim().get('/v1/calendar-tokens');
    const theirs = await api.as('viewer', 'someone.else@erfurt.example').get('/v1/calendar-tokens');

    expect(mine.json.items.length).toBeGreaterThanOrEqual(2);
    for (const item of mine.json.items)
      expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'name', 'ownerEmail', 'ownerSub']);
    expect(theirs.json.items).toEqual([]);
  });

  it('revokes a token: its URL stops working at once, and nobody else can revoke it', async () => {
    const created = await kim().post('/v1/calendar-tokens', { name: 'Handy' });
    const path = `/v1/calendar-tokens/${created.json.id}`;

    expect((await api.as('admin', 'admin@erfurt.example').delete(path)).status).toBe(404);
    expect((await kim().get(path)).json.name).toBe('Handy');
    expect((await kim().delete(path)).status).toBe(204);
    expect((await api.call('GET', `/calendar/${created.json.token}.ics`)).status).toBe(404);
    expect((await kim().get(path)).status).toBe(404);
  });

  it('answers 404 for an unknown or malformed token', async () => {
    expect((await api.call('GET', `/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await api.call('GET', '/calendar/not-a-token.ics')).status).toBe(404);
    expect((await api.call('GET', '/calendar/feed')).status).toBe(404);
  });
});

describe('secrets stay out of logs and stored responses', () => {
  it('never stores a new feed token for idempotent replay', async () => {
    const headers = { 'idempotency-key': 'feed-token-once' };
    const first = await api.as('viewer').post('/v1/calendar-tokens', { name: 'Outlook' }, headers);
    const second = await api.as('viewer').post('/v1/calendar-tokens', { name: 'Outlook' }, headers);
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
