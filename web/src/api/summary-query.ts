import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ApiClient } from '../../../client/index.ts';
import { DASHBOARD_DATA_ARRIVED } from '../../performance-marks.ts';
import { useApp } from '../app-context.tsx';
import { ok } from './client.ts';

/** The dashboard's one request; the application list reads it too. Any funding write invalidates it. */
export const SUMMARY_KEY = ['summary'] as const;

const summaryQuery = (api: ApiClient) => ({
  queryKey: SUMMARY_KEY,
  queryFn: async () => {
    const summary = await ok(api.GET('/v1/summary'));
    // For `npm run bench`: when the Übersicht's data is there.
    performance.mark(DASHBOARD_DATA_ARRIVED);
    return summary;
  },
});

export function useSummary() {
  const { api } = useApp();
  return useQuery(summaryQuery(api));
}

/**
 * Asks for the summary while the page's own code is still loading (placed beside the page, outside
 * its Suspense boundary), so the request and the download run at the same time.
 */
export function SummaryPrefetch() {
  const { api } = useApp();
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.prefetchQuery(summaryQuery(api));
  }, [api, queryClient]);
  return null;
}
