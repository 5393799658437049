import type { ApiClient, JsonRequest, JsonResponse, paths } from '../../../client/index.ts';
import { ok } from '../api/client.ts';
import type { ApiDocument } from '../api/types.ts';

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

/** Every path of the API where a record keeps its documents. */
type DocumentCollection = Extract<keyof paths, `${string}/documents`>;

/** The one collection the calls below are typed by; every other has the same calls and shapes. */
type Typed = '/v1/concepts/{id}/documents';

/**
 * The documents of the record at `collection` (its path parameters in `path`). openapi-fetch
 * types each path on its own; all document collections share one shape, so the calls are typed
 * by one of them here, once, instead of once per kind of record.
 */
export function documentsAt(
  api: ApiClient,
  key: string,
  collection: DocumentCollection,
  path: Record<string, string>,
): DocumentTarget {
  const base = collection as Typed;
  const at = (documentId?: string) => ({
    params: {
      path: { ...path, ...(documentId ? { documentId } : {}) } as { id: string; documentId: string },
    },
  });
  return {
    key,
    list: async () => (await ok(api.GET(base, at()))).items,
    announce: (body) => ok(api.POST(base, { ...at(), body })),
    complete: (documentId) => ok(api.POST(`${base}/{documentId}/complete`, at(documentId))),
    download: (documentId) => ok(api.GET(`${base}/{documentId}/download`, at(documentId))),
  };
}

export const conceptDocuments = (api: ApiClient, id: string) =>
  documentsAt(api, `konzept-${id}`, '/v1/concepts/{id}/documents', { id });

export const reportDocuments = (
  api: ApiClient,
  report: { conceptId: string; milestoneId: string; id: string },
) =>
  documentsAt(
    api,
    `bericht-${report.id}`,
    '/v1/concepts/{id}/milestones/{milestoneId}/reports/{reportId}/documents',
    {
      id: report.conceptId,
      milestoneId: report.milestoneId,
      reportId: report.id,
    },
  );

export const applicationDocuments = (api: ApiClient, id: string) =>
  documentsAt(api, `antrag-${id}`, '/v1/applications/{id}/documents', { id });

export const noticeDocuments = (api: ApiClient, id: string, version: number) =>
  documentsAt(api, `bescheid-${id}-${version}`, '/v1/applications/{id}/notices/{version}/documents', {
    id,
    version: String(version),
  });

export const positionDocuments = (api: ApiClient, id: string) =>
  documentsAt(api, `stelle-${id}`, '/v1/positions/{id}/documents', { id });
