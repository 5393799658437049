import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../client/index.ts';
import { fundingSteps } from '../support/funding.ts';
import { createTestApi, dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

// One record's deadlines, as its page in the web app lists them: the Erfurt grant of the README
// with a funds call, next to a second grant whose deadlines must not show up.
const TODAY = '2026-12-01';
let api: TestApi;
let viewer: ApiClient;
let applicationId: string;
let otherId: string;
let callId: string;

beforeAll(async () => {
  api = await createTestApi({ clock: () => new Date(`${TODAY}T08:00:00Z`) });
  viewer = api.client('viewer');
  const steps = fundingSteps(api);
  const programId = await steps.program();
  applicationId = (await steps.approved(programId)).id;
  otherId = (await steps.approved(programId)).id;
  const body = { amountCents: 5_000_000, calledOn: '2023-03-01', receivedOn: '2023-03-06' };
  const call = await steps.anna.POST('/v1/applications/{id}/funds-calls', {
    params: { path: { id: applicationId } },
    body,
  });
  callId = expectAnswer(call, 201).id;
});

type RecordQuery = {
  subjectType?: 'application' | 'position' | 'task' | 'concept';
  subjectId?: string;
  status?: 'open' | 'done' | 'overdue';
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
};
const ofRecord = (query: RecordQuery) => viewer.GET('/v1/deadlines', { params: { query } });

/** Counts the DynamoDB reads a request makes, by command. */
function countReads() {
  const commands: string[] = [];
  api.deps.store.table.doc.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(context.commandName ?? '');
      return next(args);
    },
    { step: 'initialize', name: `readCounter${Math.random()}` },
  );
  return commands;
}

describe("one record's deadlines (GET /v1/deadlines?subjectType=…&subjectId=…)", () => {
  it("lists the application's own (done ones too), its statements' and its funds call's deadlines, whatever their dates, and no other record's", async () => {
    const { items, nextCursor } = dataOf(
      await ofRecord({ subjectType: 'application', subjectId: applicationId, limit: 100 }),
    );
    expect(nextCursor).toBeNull();
    expect(items.every((deadline) => deadline.subject.id === applicationId)).toBe(true);
    expect(items.map((deadline) => `${deadline.dueOn} ${deadline.kind}`).sort()).toEqual([
      '2022-10-31 submission',
      '2023-05-06 spend_by',
      '2024-04-30 interim_report',
      '2025-04-30 interim_report',
      '2025-12-31 funding_period_end',
      '2026-06-30 final_report',
    ]);
    const spendBy = items.find((deadline) => deadline.kind === 'spend_by');
    expect(spendBy).toMatchObject({
      nature: 'duty',
      amountCents: 5_000_000,
      subject: { page: `/antraege/${applicationId}#frist-${spendBy?.id}` },
    });
    expect(spendBy?.id).toContain(callId);
    // § 49a (4) VwVfG on 50.000 € received 06.03.2023, unused since its spend-by day.
    expect(spendBy?.interestAtRiskCents).toBe(1_361_818);
    expect(items.find((deadline) => deadline.kind === 'funding_period_end')?.nature).toBe('event');
    expect(items.find((deadline) => deadline.kind === 'submission')?.status).toBe('done');

    const other = dataOf(await ofRecord({ subjectType: 'application', subjectId: otherId, limit: 100 }));
    // The other grant has no funds call, hence no spend-by date; none of the first one's deadlines.
    expect(other.items.map((deadline) => `${deadline.dueOn} ${deadline.kind}`).sort()).toEqual([
      '2022-10-31 submission',
      '2024-04-30 interim_report',
      '2025-04-30 interim_report',
      '2025-12-31 funding_period_end',
      '2026-06-30 final_report',
    ]);
    expect(other.items.every((deadline) => deadline.subject.id === otherId)).toBe(true);
  });

  it("is one Query on the record's partition, the deadline prefix of its sort keys", async () => {
    const commands = countReads();
    const input: unknown[] = [];
    api.deps.store.table.doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') input.push(args.input);
        return next(args);
      },
      { step: 'initialize', name: `queryInput${Math.random()}` },
    );
    dataOf(await ofRecord({ subjectType: 'application', subjectId: applicationId, limit: 100 }));
    expect(commands.filter((command) => command !== 'GetItemCommand')).toEqual(['QueryCommand']);
    expect(input).toEqual([
      expect.objectContaining({
        KeyConditionExpression: expect.stringContaining('begins_with'),
        ExpressionAttributeValues: expect.objectContaining({ ':pk': `APP#${applicationId}` }),
      }),
    ]);
    expect(JSON.stringify(input)).toContain('DEADLINE#');
    expect(JSON.stringify(input)).not.toContain('IndexName');
  });

  it('narrows by status and window, and pages', async () => {
    const open = dataOf(
      await ofRecord({ subjectType: 'application', subjectId: applicationId, status: 'overdue', limit: 100 }),
    ).items;
    expect(open.map((deadline) => deadline.kind).sort()).toEqual([
      'final_report',
      'interim_report',
      'interim_report',
      'spend_by',
    ]);
    const window = dataOf(
      await ofRecord({
        subjectType: 'application',
        subjectId: applicationId,
        from: '2025-01-01',
        to: '2025-12-31',
        limit: 100,
      }),
    ).items;
    expect(window.map((deadline) => deadline.dueOn).sort()).toEqual(['2025-04-30', '2025-12-31']);

    const first = dataOf(await ofRecord({ subjectType: 'application', subjectId: applicationId, limit: 2 }));
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = dataOf(
      await ofRecord({
        subjectType: 'application',
        subjectId: applicationId,
        limit: 100,
        cursor: first.nextCursor ?? '',
      }),
    );
    expect(rest.items).toHaveLength(4);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...first.items, ...rest.items].map((deadline) => deadline.id)).size).toBe(6);
  });

  it('an unknown record has none', async () => {
    const { items } = dataOf(
      await ofRecord({ subjectType: 'task', subjectId: '01JC0Z6XKX2P4T3C8Y5W7QF9AB' }),
    );
    expect(items).toEqual([]);
  });

  it('refuses one of the two without the other, and an id that is no record id (400)', async () => {
    const onlyType = await ofRecord({ subjectType: 'application' });
    expect(onlyType.response.status).toBe(400);
    expect(onlyType.error).toMatchObject({ errors: [{ path: 'subjectId' }] });
    const onlyId = await ofRecord({ subjectId: applicationId });
    expect(onlyId.response.status).toBe(400);
    expect(onlyId.error).toMatchObject({ errors: [{ path: 'subjectType' }] });
    const junk = await ofRecord({ subjectType: 'application', subjectId: 'APP#x' });
    expect(junk.response.status).toBe(400);
    const unknownType = await api
      .raw('viewer')
      .get(`/v1/deadlines?subjectType=grant&subjectId=${applicationId}`);
    expect(unknownType.status).toBe(400);
  });
});
