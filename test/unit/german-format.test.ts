import { describe, expect, it } from 'vitest';
import { formatDecimalComma, formatEuro, formatGermanDate } from '../../shared/domain/german-format.ts';

describe('amounts in German: 1.234,56 €', () => {
  it.each([
    [0, '0,00 €'],
    [5, '0,05 €'],
    [99, '0,99 €'],
    [123_456, '1.234,56 €'],
    [123_456_789, '1.234.567,89 €'],
    [100_000_000_000, '1.000.000.000,00 €'],
    [-5, '-0,05 €'],
    [-123_456, '-1.234,56 €'],
  ])('writes %i cents as %s', (cents, text) => {
    expect(formatEuro(cents)).toBe(text);
  });
});

describe('amounts for German spreadsheets: 1234,56 without thousands separators', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [123_456_789, '1234567,89'],
    [-123_456, '-1234,56'],
  ])('writes %i cents as %s', (cents, text) => {
    expect(formatDecimalComma(cents)).toBe(text);
  });
});

describe('dates in German: 30.06.2026', () => {
  it('writes day, month and year with dots', () => {
    expect(formatGermanDate('2026-06-30')).toBe('30.06.2026');
  });
});
