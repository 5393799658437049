import { useQuery } from '@tanstack/react-query';
import { allPages, itemsOf, ok } from '../../api/client.ts';
import { useApp } from '../../app-context.tsx';

export const conceptKeys = {
  all: ['concepts'] as const,
  list: ['concepts', 'list'] as const,
  one: (id: string) => ['concepts', 'one', id] as const,
  milestones: (id: string) => ['concepts', 'milestones', id] as const,
  reports: (id: string, milestoneId: string) => ['concepts', 'reports', id, milestoneId] as const,
};

export function useConcepts() {
  const { api } = useApp();
  return useQuery({
    queryKey: conceptKeys.list,
    queryFn: () =>
      allPages((cursor) => ok(api.GET('/v1/concepts', { params: { query: { limit: 100, cursor } } }))),
  });
}

export function useConcept(id: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: conceptKeys.one(id),
    queryFn: () => ok(api.GET('/v1/concepts/{id}', { params: { path: { id } } })),
  });
}

export function useMilestones(id: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: conceptKeys.milestones(id),
    queryFn: () => itemsOf(api.GET('/v1/concepts/{id}/milestones', { params: { path: { id } } })),
  });
}

export function useReports(id: string, milestoneId: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: conceptKeys.reports(id, milestoneId),
    queryFn: () =>
      itemsOf(
        api.GET('/v1/concepts/{id}/milestones/{milestoneId}/reports', {
          params: { path: { id, milestoneId } },
        }),
      ),
  });
}
