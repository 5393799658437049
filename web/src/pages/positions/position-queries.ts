import { type QueryClient, useQuery } from '@tanstack/react-query';
import { allPages, itemsOf, ok } from '../../api/client.ts';
import { SUMMARY_KEY } from '../../api/summary-query.ts';
import type { PositionView } from '../../api/types.ts';
import { useApp } from '../../app-context.tsx';
import { formatDate, formatMoney } from '../../format/german.ts';

export const positionKeys = {
  all: ['positions'] as const,
  one: (id: string) => ['positions', id] as const,
  part: (id: string, part: 'costs' | 'history') => ['positions', id, part] as const,
};

export async function refreshPosition(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: positionKeys.one(id) }),
    queryClient.invalidateQueries({ queryKey: positionKeys.all, exact: true }),
    queryClient.invalidateQueries({ queryKey: SUMMARY_KEY }),
    queryClient.invalidateQueries({ queryKey: ['deadlines'] }),
  ]);
}

export function usePositions() {
  const { api } = useApp();
  return useQuery({
    queryKey: positionKeys.all,
    queryFn: () =>
      allPages((cursor) => ok(api.GET('/v1/positions', { params: { query: { limit: 100, cursor } } }))),
  });
}

export function usePosition(id: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: positionKeys.one(id),
    queryFn: () => ok(api.GET('/v1/positions/{id}', { params: { path: { id } } })),
  });
}

export function usePositionParts(id: string) {
  const { api } = useApp();
  const path = { params: { path: { id } } };
  return {
    costs: useQuery({
      queryKey: positionKeys.part(id, 'costs'),
      queryFn: () => ok(api.GET('/v1/positions/{id}/costs', path)),
    }),
    history: useQuery({
      queryKey: positionKeys.part(id, 'history'),
      queryFn: () => itemsOf(api.GET('/v1/positions/{id}/history', path)),
    }),
  };
}

type Warning = PositionView['warnings'][number];

/** A position's warning in German, with its dates and amounts; an unknown one keeps the API's words. */
export function warningText(warning: Warning): string {
  const date = (value: unknown) => (typeof value === 'string' ? formatDate(value) : 'offen');
  switch (warning.code) {
    case 'contract_past_funding':
      return warning.contractEnd
        ? `Der Vertrag läuft bis ${date(warning.contractEnd)}, die Förderung endet am ${date(warning.fundingEnd)}.`
        : `Der Vertrag ist unbefristet, die Förderung endet am ${date(warning.fundingEnd)}.`;
    case 'unfunded_gap': {
      const gaps = (warning.gaps as { start: string; end: string | null }[] | undefined) ?? [];
      return `Ohne bewilligte Förderung: ${gaps.map((gap) => `${date(gap.start)} – ${date(gap.end)}`).join(', ')}.`;
    }
    case 'planned_funding':
      return 'Eine Förderung ist beantragt, aber noch nicht bewilligt.';
    case 'fte_cap_exceeded':
      return 'Im Programm sind mehr VbE gefördert, als seine Obergrenze erlaubt.';
    case 'long_vacancy': {
      const perMonth =
        typeof warning.forfeitedPerMonthCents === 'number'
          ? formatMoney(warning.forfeitedPerMonthCents)
          : null;
      return `Seit ${warning.vacantDays} Tagen unbesetzt${perMonth ? `; ungenutzte Förderung ${perMonth} im Monat` : ''}.`;
    }
    default:
      return `Hinweis des Systems: „${warning.message}“`;
  }
}
