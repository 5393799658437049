import { describe, expect, it } from 'vitest';
import { baseRateOn, baseRatesWith, PUBLISHED_BASE_RATES } from '../../shared/domain/base-rates.ts';
import { interestCents, interestRateOn, spendingClock } from '../../shared/domain/interest.ts';

const RATES = PUBLISHED_BASE_RATES;

describe('the Basiszinssatz (§ 247 BGB) in force on a day', () => {
  it('is the published rate that applies from that day or the last day before', () => {
    expect(baseRateOn('2023-06-30', RATES)).toBe(162);
    expect(baseRateOn('2023-07-01', RATES)).toBe(312);
    expect(baseRateOn('2024-01-01', RATES)).toBe(362);
    expect(baseRateOn('2025-12-31', RATES)).toBe(127);
    expect(baseRateOn('2020-05-05', RATES)).toBe(-88);
  });

  it('takes a newer rate from configuration, and refuses one that is not newer', () => {
    const rates = baseRatesWith({ from: '2026-01-01', basisPoints: 150 });
    expect(baseRateOn('2026-03-01', rates)).toBe(150);
    expect(() => baseRatesWith({ from: '2025-07-01', basisPoints: 150 })).toThrow(/after 2025-07-01/);
  });

  it('makes the interest rate 5 points above it (§ 49a (3) VwVfG), never below 0', () => {
    expect(interestRateOn('2024-03-05', RATES)).toBe(862);
    expect(interestRateOn('2020-05-05', RATES)).toBe(412);
    expect(interestRateOn('2026-01-01', [{ from: '2026-01-01', basisPoints: -600 }])).toBe(0);
  });
});

describe('interest per day at the rate of each day (§ 49a (4) VwVfG)', () => {
  it('counts each day at the rate in force that day, across the 1 July change', () => {
    // 50 000 € from 5 March to 5 August 2024: 118 days at 8.62 %, 35 days at 8.37 %
    // = (5 000 000 × (862 × 118 + 837 × 35)) / (10 000 × 365) = 1 794,67 €
    expect(interestCents(5_000_000, '2024-03-05', '2024-08-05', RATES)).toBe(179_467);
  });

  it('is the flat computation within one rate period', () => {
    // 100 € × 6.27 % × 73/365 = 1.254 € → 125 cents
    expect(interestCents(10_000, '2025-07-01', '2025-09-12', RATES)).toBe(125);
  });

  it('is nothing for no days, no money or a period the wrong way round', () => {
    expect(interestCents(5_000_000, '2024-03-05', '2024-03-05', RATES)).toBe(0);
    expect(interestCents(0, '2024-03-05', '2024-08-05', RATES)).toBe(0);
    expect(interestCents(5_000_000, '2024-08-05', '2024-03-05', RATES)).toBe(0);
  });

  it('rounds half up once, at the end', () => {
    // 10 cents × 5 % for 365 days = 0.5 cent → 1
    expect(interestCents(10, '2021-01-01', '2022-01-01', [{ from: '2000-01-01', basisPoints: 0 }])).toBe(1);
    expect(interestCents(1, '2021-01-01', '2022-01-01', [{ from: '2000-01-01', basisPoints: 0 }])).toBe(0);
  });
});

describe('the spending clock of a funds call', () => {
  const call = {
    amountCents: 5_000_000,
    calledOn: '2024-03-01',
    receivedOn: '2024-03-05',
    spendBy: '2024-05-05',
  };

  it('counts the days left and puts nothing at risk before the spend-by date', () => {
    expect(spendingClock({ ...call, spent: [] }, '2024-04-05', RATES)).toMatchObject({
      daysLeft: 30,
      overdue: false,
      unspentCents: 5_000_000,
      interestAtRiskCents: 0,
    });
  });

  it('puts interest at risk on the unused money from payout once the date has passed', () => {
    const clock = spendingClock({ ...call, spent: [] }, '2024-08-05', RATES);
    expect(clock).toMatchObject({ overdue: true, daysLeft: -92, interestRateBasisPoints: 837 });
    expect(clock.interestAtRiskCents).toBe(179_467);
  });

  it('puts no interest on a part used in time, only on the part used late, from payout until its use', () => {
    const partly = {
      ...call,
      spent: [
        { on: '2024-05-01', amountCents: 3_000_000 },
        { on: '2024-08-05', amountCents: 2_000_000 },
      ],
    };
    const clock = spendingClock(partly, '2024-09-01', RATES);
    expect(clock).toMatchObject({ overdue: false, unspentCents: 0, daysLeft: 0 });
    expect(clock.interestAtRiskCents).toBe(interestCents(2_000_000, '2024-03-05', '2024-08-05', RATES));
  });

  it('adds the part still unused to what was used late', () => {
    const partly = { ...call, spent: [{ on: '2024-06-05', amountCents: 1_000_000 }] };
    const clock = spendingClock(partly, '2024-08-05', RATES);
    expect(clock.unspentCents).toBe(4_000_000);
    expect(clock.interestAtRiskCents).toBe(
      interestCents(1_000_000, '2024-03-05', '2024-06-05', RATES) +
        interestCents(4_000_000, '2024-03-05', '2024-08-05', RATES),
    );
  });

  it('runs from the call date when no payout date is known', () => {
    const clock = spendingClock({ ...call, receivedOn: null, spent: [] }, '2024-08-05', RATES);
    expect(clock.interestAtRiskCents).toBe(interestCents(5_000_000, '2024-03-01', '2024-08-05', RATES));
  });
});
