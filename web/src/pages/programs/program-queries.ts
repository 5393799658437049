import { useQuery } from '@tanstack/react-query';
import { allPages, ok } from '../../api/client.ts';
import { useApp } from '../../app-context.tsx';

/** Query keys of the programmes; a change of a programme's settings refreshes the list. */
export const programKeys = {
  all: ['programs'] as const,
  one: (id: string) => ['programs', id] as const,
  history: (id: string) => ['programs', id, 'history'] as const,
};

/** Every funding programme (the list page, and the choice of programme in an application). */
export function usePrograms() {
  const { api } = useApp();
  return useQuery({
    queryKey: programKeys.all,
    queryFn: () =>
      allPages((cursor) => ok(api.GET('/v1/programs', { params: { query: { limit: 100, cursor } } }))),
  });
}
