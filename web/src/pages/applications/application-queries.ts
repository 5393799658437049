import { type QueryClient, useQuery } from '@tanstack/react-query';
import { itemsOf, ok } from '../../api/client.ts';
import { SUMMARY_KEY } from '../../api/summary-query.ts';
import { useApp } from '../../app-context.tsx';

/** Query keys of an application's page; a write refreshes all of them, the summary and the deadlines. */
export const applicationKeys = {
  all: ['applications'] as const,
  one: (id: string) => ['applications', id] as const,
  part: (id: string, part: 'notices' | 'calls' | 'budget' | 'reports' | 'history') =>
    ['applications', id, part] as const,
};

/** After any write on an application: its page, the lists and the deadlines read it anew. */
export async function refreshApplication(queryClient: QueryClient, id: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: applicationKeys.one(id) }),
    queryClient.invalidateQueries({ queryKey: SUMMARY_KEY }),
    queryClient.invalidateQueries({ queryKey: ['deadlines'] }),
  ]);
}

export function useApplication(id: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: applicationKeys.one(id),
    queryFn: () => ok(api.GET('/v1/applications/{id}', { params: { path: { id } } })),
  });
}

/** The parts of an application's page, each its own request, so one slow part holds up no other. */
export function useApplicationParts(id: string) {
  const { api } = useApp();
  const path = { params: { path: { id } } };
  return {
    notices: useQuery({
      queryKey: applicationKeys.part(id, 'notices'),
      queryFn: () => itemsOf(api.GET('/v1/applications/{id}/notices', path)),
    }),
    calls: useQuery({
      queryKey: applicationKeys.part(id, 'calls'),
      queryFn: () => itemsOf(api.GET('/v1/applications/{id}/funds-calls', path)),
    }),
    budget: useQuery({
      queryKey: applicationKeys.part(id, 'budget'),
      queryFn: () => itemsOf(api.GET('/v1/applications/{id}/budget', path)),
    }),
    reports: useQuery({
      queryKey: applicationKeys.part(id, 'reports'),
      queryFn: () => itemsOf(api.GET('/v1/applications/{id}/reports', path)),
    }),
    history: useQuery({
      queryKey: applicationKeys.part(id, 'history'),
      queryFn: () => itemsOf(api.GET('/v1/applications/{id}/history', path)),
    }),
  };
}
export type ApplicationParts = ReturnType<typeof useApplicationParts>;
