import { useQuery } from '@tanstack/react-query';
import { useApp } from '../app-context.tsx';
import { ok } from './client.ts';

/** The dashboard's one request; the application list reads it too. Any funding write invalidates it. */
export const SUMMARY_KEY = ['summary'] as const;

export function useSummary(onArrived?: () => void) {
  const { api } = useApp();
  return useQuery({
    queryKey: SUMMARY_KEY,
    queryFn: async () => {
      const summary = await ok(api.GET('/v1/summary'));
      onArrived?.();
      return summary;
    },
  });
}
