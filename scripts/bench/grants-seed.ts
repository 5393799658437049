import { addDays, berlinDate } from '../../shared/domain/calendar-date.ts';
import { erfurtApplicationBody, erfurtNotice } from '../../test/fixtures/applications.ts';
import { positionBody } from '../../test/fixtures/positions.ts';
import { programBody } from '../../test/fixtures/programs.ts';
import { type Caller, expectStatus, type LocalTokens } from './app-client.ts';

/** Each template grant has this many funds calls; with its own deadlines that makes ten deadlines per grant. */
const CALLS = 5;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * Grants as a city has them today, recorded through the API: a three-year period around this
 * year, approved, five funds calls (the older ones spent, one of every ten grants with money
 * overdue), last year's interim statement submitted, and for the first two grants a position
 * (one filled, one vacant) with a cost plan: one position for every ten grants. Ten deadlines per grant, most still ahead. Copies
 * of these (copyRecords) make the large table; the dashboard then looks like a real one.
 */
export async function recordTemplateGrants(
  call: Caller,
  tokens: LocalTokens,
  count: number,
  /** The number of the first grant, to record more after some. */
  first = 0,
): Promise<void> {
  const today = berlinDate(new Date());
  const year = Number(today.slice(0, 4));
  const period = { start: `${year - 1}-01-01`, end: `${year + 1}-12-31` };
  const finance = (method: string, path: string, body: unknown, headers?: Record<string, string>) =>
    call(method, path, { token: tokens.finance, body, ...(headers ? { headers } : {}) });
  const program = expectStatus(
    await call('POST', '/v1/programs', {
      token: tokens.admin,
      body: programBody({ name: `Bench-Programm ${first + 1}–${first + count}` }),
    }),
    201,
    'programme',
  ).json.id as string;

  for (let index = first; index < first + count; index++) {
    const body = erfurtApplicationBody(program, {
      title: `Förderung ${String(index + 1).padStart(3, '0')}: Quartiersarbeit im Sozialraum ${index + 1}`,
      fundingPeriod: period,
      submissionDeadline: `${year - 2}-10-31`,
    });
    const id = expectStatus(await finance('POST', '/v1/applications', body), 201, 'application').json
      .id as string;
    const base = `/v1/applications/${id}`;
    expectStatus(await finance('POST', `${base}/status`, { to: 'submitted' }, ifMatch(1)), 200, 'submit');
    const notice = erfurtNotice({ date: `${year - 2}-12-15`, fundingPeriod: period });
    expectStatus(
      await finance('POST', `${base}/status`, { to: 'approved', notice }, ifMatch(2)),
      200,
      'approve',
    );

    // Older calls spent; one of every ten grants leaves a call unspent past its date; the newest is running.
    const recent = index % 10 === 0 ? -90 : -40;
    const calledOn = [
      `${year - 1}-03-01`,
      `${year - 1}-09-01`,
      `${year - 1}-12-01`,
      addDays(today, recent),
      addDays(today, -5),
    ];
    for (const [number, day] of calledOn.slice(0, CALLS).entries()) {
      const called = expectStatus(
        await finance('POST', `${base}/funds-calls`, { amountCents: 1_000_000, calledOn: day }),
        201,
        'funds call',
      ).json;
      const spent = number < 3 || (number === 3 && index % 10 !== 0);
      if (spent) {
        const spentOn = addDays(day, 20) < today ? addDays(day, 20) : today;
        const patch = { spentOn };
        expectStatus(
          await finance('PATCH', `${base}/funds-calls/${called.id}`, patch, ifMatch(1)),
          200,
          'spent',
        );
      }
    }
    const interim = { status: 'submitted', submittedOn: today };
    expectStatus(
      await finance('PATCH', `${base}/reports/interim-${year - 1}`, interim, ifMatch(1)),
      200,
      'interim',
    );

    if (index < 2) await recordPosition(finance, id, period, index === 1 ? addDays(today, -45) : undefined);
  }
}

async function recordPosition(
  finance: (
    method: string,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ) => ReturnType<Caller>,
  applicationId: string,
  period: { start: string; end: string },
  vacantSince: string | undefined,
) {
  const body = positionBody(applicationId, { start: period.start, end: period.end });
  const id = expectStatus(await finance('POST', '/v1/positions', body), 201, 'position').json.id as string;
  const staffing = `/v1/positions/${id}/staffing`;
  expectStatus(
    await finance('POST', staffing, { to: 'advertised', on: period.start }, ifMatch(1)),
    200,
    'advertise',
  );
  const holder = { name: 'Kim Koordination', email: 'kim.koordination@erfurt.example' };
  const filled = { to: 'filled', on: addDays(period.start, 60), holder };
  expectStatus(await finance('POST', staffing, filled, ifMatch(2)), 200, 'fill');
  if (vacantSince)
    expectStatus(
      await finance('POST', staffing, { to: 'vacant', on: vacantSince }, ifMatch(3)),
      200,
      'vacate',
    );
  const first = Number(period.start.slice(0, 4));
  for (let year = first; year <= Number(period.end.slice(0, 4)); year++) {
    const plan = { plannedGrossSalaryCents: 5_600_000 };
    expectStatus(await finance('PUT', `/v1/positions/${id}/cost-plan/${year}`, plan), 200, 'cost plan');
  }
}
