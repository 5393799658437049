import type { GrantRules, Program } from '../../api/types.ts';
import {
  formatDecimal,
  formatMoneyInput,
  germanMoneyToCents,
  germanNumber,
  percentToBasisPoints,
} from '../../format/german.ts';
import { asSubmitted } from '../../forms/submitted.ts';

type Source = GrantRules['sources'][number]['source'];
export const SOURCES: Source[] = ['esf_plus', 'land', 'federal', 'other'];

/** A programme's settings as the form holds them (German numbers, percent, TT.MM.). */
export function programValues(program: Program) {
  const share = (source: Source) => {
    const part = program.sources.find((candidate) => candidate.source === source);
    return part ? formatDecimal(part.shareBasisPoints / 100) : '';
  };
  return {
    name: program.name,
    funder: program.funder,
    esf_plus: share('esf_plus'),
    land: share('land'),
    federal: share('federal'),
    other: share('other'),
    ownShare: formatDecimal(program.ownShareBasisPoints / 100),
    useAmount: String(program.fundsUseWithin.amount),
    useUnit: program.fundsUseWithin.unit,
    interimDue: program.interimReportDue
      ? `${String(program.interimReportDue.day).padStart(2, '0')}.${String(program.interimReportDue.month).padStart(2, '0')}.`
      : '',
    finalAmount: String(program.finalReportWithin.amount),
    finalUnit: program.finalReportWithin.unit,
    finalCounting: program.finalReportWithin.counting ?? 'same_day',
    fteCap: program.personnelFteCap === undefined ? '' : formatDecimal(program.personnelFteCap),
    flatRate: program.socialContributionFlatRate?.replace('.', ',') ?? '',
    minEligible:
      program.minEligibleCostsCents === undefined ? '' : formatMoneyInput(program.minEligibleCostsCents),
    maxMonths: program.maxFundingPeriodMonths === undefined ? '' : String(program.maxFundingPeriodMonths),
    balanced: program.requireBalancedCosts ? 'ja' : 'nein',
  };
}
export type ProgramValues = ReturnType<typeof programValues>;

const number = (text: string) => asSubmitted<number>(germanNumber(text));
/** An optional number field: left empty, it is not sent (the setting stays as it is). */
const maybe = <T>(text: string, value: (text: string) => T) => (text.trim() === '' ? undefined : value(text));

/** "30.04." → { month: 4, day: 30 }; anything else as typed, for the API to refuse. */
function dayOfYear(text: string) {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.?\s*$/.exec(text);
  return match
    ? { day: Number(match[1]), month: Number(match[2]) }
    : asSubmitted<{ day: number; month: number }>(text);
}

/** The PATCH body of a programme's settings; what does not parse goes as typed. */
export function programPatch(values: ProgramValues) {
  const sources = SOURCES.filter((source) => values[source].trim() !== '').map((source) => ({
    source,
    shareBasisPoints: asSubmitted<number>(percentToBasisPoints(values[source])),
  }));
  return {
    name: values.name,
    funder: values.funder,
    sources,
    ownShareBasisPoints: asSubmitted<number>(percentToBasisPoints(values.ownShare)),
    fundsUseWithin: { amount: number(values.useAmount), unit: values.useUnit as 'days' | 'weeks' | 'months' },
    interimReportDue: values.interimDue.trim() ? dayOfYear(values.interimDue) : null,
    finalReportWithin: {
      amount: number(values.finalAmount),
      unit: values.finalUnit as 'days' | 'weeks' | 'months',
      counting: values.finalCounting as 'same_day' | 'end_of_month',
    },
    personnelFteCap: maybe(values.fteCap, number),
    socialContributionFlatRate: maybe(values.flatRate, (text) => text.trim().replace(',', '.')),
    minEligibleCostsCents: maybe(values.minEligible, (text) => asSubmitted<number>(germanMoneyToCents(text))),
    maxFundingPeriodMonths: maybe(values.maxMonths, number),
    requireBalancedCosts: values.balanced === 'ja',
  };
}
