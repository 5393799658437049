import type { ApiClient, JsonRequest, JsonResponse } from '../../../../client/index.ts';
import { ok } from '../../api/client.ts';
import type { ApiDocument } from '../../api/types.ts';

type Announcement = JsonRequest<'/v1/concepts/{id}/documents', 'post'>;
type Announced = JsonResponse<'/v1/concepts/{id}/documents', 'post'>;
type DownloadLink = JsonResponse<'/v1/concepts/{id}/documents/{documentId}/download'>;

/** A record documents hang on: the four document calls of the API for it. */
export interface DocumentTarget {
  /** For query keys and element ids. */
  key: string;
  list(): Promise<ApiDocument[]>;
  announce(body: Announcement): Promise<Announced>;
  complete(documentId: string): Promise<ApiDocument>;
  download(documentId: string): Promise<DownloadLink>;
}

export function conceptDocuments(api: ApiClient, id: string): DocumentTarget {
  const path = { id };
  return {
    key: `konzept-${id}`,
    list: async () => (await ok(api.GET('/v1/concepts/{id}/documents', { params: { path } }))).items,
    announce: (body) => ok(api.POST('/v1/concepts/{id}/documents', { params: { path }, body })),
    complete: (documentId) =>
      ok(
        api.POST('/v1/concepts/{id}/documents/{documentId}/complete', {
          params: { path: { ...path, documentId } },
        }),
      ),
    download: (documentId) =>
      ok(
        api.GET('/v1/concepts/{id}/documents/{documentId}/download', {
          params: { path: { ...path, documentId } },
        }),
      ),
  };
}

export function reportDocuments(
  api: ApiClient,
  report: { conceptId: string; milestoneId: string; id: string },
): DocumentTarget {
  const path = { id: report.conceptId, milestoneId: report.milestoneId, reportId: report.id };
  const base = '/v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}/documents' as const;
  return {
    key: `bericht-${report.id}`,
    list: async () => (await ok(api.GET(base, { params: { path } }))).items,
    announce: (body) => ok(api.POST(base, { params: { path }, body })),
    complete: (documentId) =>
      ok(api.POST(`${base}/{documentId}/complete`, { params: { path: { ...path, documentId } } })),
    download: (documentId) =>
      ok(api.GET(`${base}/{documentId}/download`, { params: { path: { ...path, documentId } } })),
  };
}
