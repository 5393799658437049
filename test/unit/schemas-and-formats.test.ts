import { describe, expect, it } from 'vitest';
import { isRealDate, monthCount, periodSchema } from '../../shared/domain/calendar-date.ts';
import { updateOf } from '../../shared/domain/common-schemas.ts';
import type { Deadline } from '../../shared/domain/deadline.ts';
import { grantRulesSchema } from '../../shared/domain/grant-rules.ts';
import { renderIcs } from '../../shared/domain/ics.ts';
import {
  applyProgramPatch,
  createProgramSchema,
  newProgram,
  SOZIALSTRATEGIE_THUERINGEN,
} from '../../shared/domain/program.ts';
import * as z from '../../shared/zod.ts';
import { ERFURT_RULES } from '../fixtures/applications.ts';
import { errorOf } from '../support/app-error.ts';

describe('a calendar date is a day that exists, written as YYYY-MM-DD', () => {
  it.each(['2024-02-29', '2023-12-31', '2023-01-01'])('takes %s', (date) => {
    expect(isRealDate(date)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-12-32',
    '01.02.2023',
    '2023-1-01',
  ])('refuses %s', (date) => {
    expect(isRealDate(date)).toBe(false);
  });

  it('takes a period of one day and refuses one that ends the day before it starts', () => {
    expect(periodSchema.safeParse({ start: '2023-03-01', end: '2023-03-01' }).success).toBe(true);
    expect(periodSchema.safeParse({ start: '2023-03-02', end: '2023-03-01' }).error?.issues).toMatchObject([
      { path: ['end'], message: 'must not be before start' },
    ]);
  });

  it('counts the months a window touches, the first and the last included', () => {
    expect(monthCount('2023-01-31', '2023-02-01')).toBe(2);
    expect(monthCount('2023-12-01', '2024-01-31')).toBe(2);
    expect(monthCount('2023-05-10', '2023-05-20')).toBe(1);
  });
});

describe('an update changes at least one field; a note alone only goes into the history', () => {
  const update = updateOf(z.strictObject({ title: z.string(), note: z.string() }));

  it('refuses a note alone and nothing at all, takes a field with or without a note', () => {
    expect(update.safeParse({ note: 'nur eine Notiz' }).error?.issues).toMatchObject([
      { message: 'must change at least one field' },
    ]);
    expect(update.safeParse({}).success).toBe(false);
    expect(update.safeParse({ title: 'Neu' }).success).toBe(true);
    expect(update.safeParse({ title: 'Neu', note: 'umbenannt' }).success).toBe(true);
  });
});

describe('the final statement counted to the end of a month counts in months', () => {
  const withRule = (finalReportWithin: Record<string, unknown>) =>
    grantRulesSchema.safeParse({ ...ERFURT_RULES, finalReportWithin });

  it('takes end_of_month with months and same_day with any unit', () => {
    expect(withRule({ amount: 6, unit: 'months', counting: 'end_of_month' }).success).toBe(true);
    expect(withRule({ amount: 26, unit: 'weeks', counting: 'same_day' }).success).toBe(true);
    expect(withRule({ amount: 26, unit: 'weeks' }).data?.finalReportWithin).toEqual({
      amount: 26,
      unit: 'weeks',
      counting: 'same_day',
    });
  });

  it('refuses end_of_month in weeks or days, naming the counting', () => {
    expect(withRule({ amount: 26, unit: 'weeks', counting: 'end_of_month' }).error?.issues).toMatchObject([
      { path: ['finalReportWithin', 'counting'], message: 'end_of_month counts in months' },
    ]);
    expect(withRule({ amount: 180, unit: 'days', counting: 'end_of_month' }).success).toBe(false);
  });
});

describe('a programme as stored', () => {
  const fields = createProgramSchema.parse(SOZIALSTRATEGIE_THUERINGEN);

  it('is made with its id, version 1 and the time', () => {
    expect(newProgram(fields, { id: 'PR1', now: new Date('2022-09-01T08:00:00Z') })).toEqual({
      ...fields,
      id: 'PR1',
      version: 1,
      createdAt: '2022-09-01T08:00:00.000Z',
      updatedAt: '2022-09-01T08:00:00.000Z',
    });
  });

  it('says in the problem that the programme is not valid after a patch that breaks its shares', () => {
    expect(errorOf(() => applyProgramPatch(fields, { ownShareBasisPoints: 3000 }))).toMatchObject({
      kind: 'validation',
      message: 'The programme is not valid',
      errors: [{ path: 'sources', message: 'source shares and own share must add up to 10000' }],
    });
  });
});

describe('a calendar event names the money at stake, if any', () => {
  const deadline: Deadline = {
    id: 'A1.submission',
    kind: 'submission',
    dueOn: '2022-10-31',
    subject: { type: 'application', id: 'A1', title: 'QPK' },
    owner: { name: 'Anna Finanz', email: 'anna@erfurt.example' },
    status: 'open',
  };
  const options = {
    now: new Date('2022-10-01T04:00:00Z'),
    link: () => 'https://fristen.erfurt.example/A1',
    nature: () => 'duty' as const,
  };

  it('says the due day, the owner and the link, and no amount without one', () => {
    expect(renderIcs([deadline], options).split('\r\n')).toContain(
      'DESCRIPTION:Fällig am 31.10.2022\\nVerantwortlich: Anna Finanz <anna@erfurt',
    );
    expect(renderIcs([deadline], options).split('\r\n')).toContain(
      ' .example>\\nhttps://fristen.erfurt.example/A1',
    );
  });

  it('names an amount of 0 € too', () => {
    expect(renderIcs([{ ...deadline, amountCents: 0 }], options)).toContain('Betrag: 0\\,00 €');
  });
});
