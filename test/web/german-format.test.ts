import { describe, expect, it } from 'vitest';
import {
  addMonths,
  formatBasisPoints,
  formatDate,
  formatMoney,
  formatMoneyInput,
  formatPercent,
  germanDateToIso,
  germanMoneyToCents,
  germanNumber,
  monthOf,
  percentToBasisPoints,
  todayInBerlin,
} from '../../web/src/format/german.ts';

describe('German formats in the web app', () => {
  it('writes dates TT.MM.JJJJ, money 1.234,56 € and percent 60 %', () => {
    expect(formatDate('2023-03-31')).toBe('31.03.2023');
    expect(formatMoney(123456)).toBe('1.234,56\u00a0€');
    expect(formatPercent(60)).toBe('60\u00a0%');
  });

  it('shows an impossible date as it is instead of failing', () => {
    expect(formatDate('2026-13-31')).toBe('2026-13-31');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
  });

  it('reads German dates, and hands anything else on as typed (for the API to refuse)', () => {
    expect(germanDateToIso('31.12.2023')).toBe('2023-12-31');
    expect(germanDateToIso('1.2.23')).toBe('2023-02-01');
    expect(germanDateToIso('gestern')).toBe('gestern');
  });

  it('reads a German decimal comma, and hands anything else on as typed', () => {
    expect(germanNumber('1,5')).toBe(1.5);
    expect(germanNumber('1.234,25')).toBe(1234.25);
    expect(germanNumber('4.5')).toBe(4.5);
    expect(germanNumber(' 12 ')).toBe(12);
    expect(germanNumber('viel')).toBe('viel');
  });

  it('knows the month of a date and the day a month later, across year ends and short months', () => {
    expect(monthOf('2024-02-10')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-15', -24)).toBe('2024-03-15');
  });

  it('takes today in Europe/Berlin, not in UTC', () => {
    expect(todayInBerlin(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(todayInBerlin(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });
});

describe('money and shares typed the German way', () => {
  it('reads 1.234,56 and 250.000 as people here write them, in whole cents', () => {
    expect(germanMoneyToCents('1.234,56')).toBe(123_456);
    expect(germanMoneyToCents('250.000')).toBe(25_000_000);
    expect(germanMoneyToCents('250.000,00 €')).toBe(25_000_000);
    expect(germanMoneyToCents('1234,5')).toBe(123_450);
    expect(germanMoneyToCents(' 50000 ')).toBe(5_000_000);
  });

  it('hands anything that is not an amount on as typed, for the API to refuse', () => {
    expect(germanMoneyToCents('1,234.56')).toBe('1,234.56');
    expect(germanMoneyToCents('12,345')).toBe('12,345');
    expect(germanMoneyToCents('viel')).toBe('viel');
    expect(germanMoneyToCents('-5')).toBe('-5');
  });

  it('shows cents for editing without the currency sign, and shares in percent', () => {
    expect(formatMoneyInput(25_000_000)).toBe('250.000,00');
    expect(germanMoneyToCents(formatMoneyInput(123_456))).toBe(123_456);
    expect(formatBasisPoints(6000)).toBe('60\u00a0%');
    expect(formatBasisPoints(1250)).toBe('12,5\u00a0%');
    expect(percentToBasisPoints('60')).toBe(6000);
    expect(percentToBasisPoints('12,5 %')).toBe(1250);
    expect(percentToBasisPoints('sechzig')).toBe('sechzig');
  });
});
