import { beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '../../shared/domain/application.ts';
import type { Deadline } from '../../shared/domain/deadline.ts';
import type { NoticeInput } from '../../shared/domain/notice.ts';
import { SOZIALSTRATEGIE_THUERINGEN } from '../../shared/domain/program.ts';
import type { WriteContext } from '../../shared/store/records.ts';
import type { Item, Key } from '../../shared/store/table.ts';
import { erfurtApplicationBody, erfurtNotice } from '../fixtures/applications.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

// A change that read a record's deadlines or reports, and another change that commits in between:
// the first must fail whole (409) and leave what the second wrote, never put a closed deadline or a
// submitted report back. The race is made deterministic by running the second change right after
// the first one's read returns.

let api: TestApi;
const context = (): WriteContext => ({
  actor: { sub: 'anna', email: 'anna.finanz@erfurt.example', roles: ['finance'] },
  now: new Date('2024-04-20T08:00:00Z'),
  newId: api.deps.newId,
});

beforeAll(async () => {
  api = await createTestApi({ clock: () => new Date('2024-04-20T08:00:00Z') });
});

async function approvedApplication(): Promise<Application> {
  const { programs, applications } = api.deps.store;
  const program = await programs.create(
    { ...SOZIALSTRATEGIE_THUERINGEN, requireBalancedCosts: true },
    context(),
  );
  const draft = await applications.create(erfurtApplicationBody(program.id) as never, context());
  const submitted = await applications.changeStatus(draft.id, 1, { to: 'submitted' }, context());
  return applications.changeStatus(
    draft.id,
    submitted.version,
    { to: 'approved', notice: erfurtNotice() as NoticeInput },
    context(),
  );
}

/** Runs `meanwhile` once, right after the first read that `isTheRead` recognises has returned. */
function commitAfterRead(isTheRead: (input: unknown) => boolean, meanwhile: () => Promise<unknown>) {
  const table = api.deps.store.table;
  const { queryAll, getMany } = table;
  let done = false;
  const after = async <T>(input: unknown, read: Promise<T>): Promise<T> => {
    const result = await read;
    if (!done && isTheRead(input)) {
      done = true;
      await meanwhile();
    }
    return result;
  };
  table.queryAll = (input) => after(input, queryAll.call(table, input));
  table.getMany = (keys) => after(keys, getMany.call(table, keys));
  return () => {
    table.queryAll = queryAll;
    table.getMany = getMany;
  };
}

const interimDeadline = async (application: Application) => {
  const item = await api.deps.store.table.get({
    pk: `APP#${application.id}`,
    sk: `DEADLINE#${application.id}.interim_report.2023`,
  });
  return item as (Item & Deadline) | undefined;
};

const submitInterim = (application: Application) =>
  api.deps.store.reports.update(
    application.id,
    'interim-2023',
    1,
    { status: 'submitted', submittedOn: '2024-04-19' },
    context(),
  );

describe('a change racing another on the same record’s deadlines', () => {
  it('refuses a hand-over that read a deadline which closed before it was saved; the deadline stays closed', async () => {
    const application = await approvedApplication();
    const restore = commitAfterRead(
      (input) => String((input as { sortKeyPrefix?: string }).sortKeyPrefix).startsWith('DEADLINE#'),
      () => submitInterim(application),
    );
    const newOwner = { name: 'Ben Nachfolger', email: 'ben.nachfolger@erfurt.example' };
    await expect(
      api.deps.store.applications.handOver(application.id, application.version, newOwner, context()),
    ).rejects.toMatchObject({ kind: 'conflict' });
    restore();

    const deadline = await interimDeadline(application);
    expect(deadline).toMatchObject({ status: 'done', owner: { email: 'anna.finanz@erfurt.example' } });
    expect(deadline?.gsi3pk).toBeUndefined();
    expect((await api.deps.store.applications.get(application.id)).owner.email).toBe(
      'anna.finanz@erfurt.example',
    );
  });

  it('refuses an amendment that read a report which was submitted before it was saved; the report stays submitted', async () => {
    // The amendment ends the period with 2023, so its schedule has no interim report for 2023 any more.
    const application = await approvedApplication();
    const restore = commitAfterRead(
      (input) => Array.isArray(input) && (input as Key[]).some((key) => key.sk.startsWith('REPORT#')),
      () => submitInterim(application),
    );
    await expect(
      api.deps.store.applications.amend(
        application.id,
        application.version,
        erfurtNotice({
          date: '2024-04-01',
          reference: 'TLVwA-SSR-2022-0815-Ä1',
          fundingPeriod: { start: '2023-01-01', end: '2023-12-31' },
        }) as NoticeInput,
        context(),
      ),
    ).rejects.toMatchObject({ kind: 'conflict' });
    restore();

    const report = await api.deps.store.reports.get(application.id, 'interim-2023');
    expect(report).toMatchObject({ status: 'submitted', submittedOn: '2024-04-19', version: 2 });
    expect(await interimDeadline(application)).toMatchObject({ status: 'done' });
    const after = await api.deps.store.applications.get(application.id);
    expect(after.notice?.version).toBe(1);
  });
});
