import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, RequestBody } from '../../client/index.ts';
import { EXE, PDF, PNG, sha256, TEXT } from '../fixtures/files.ts';
import { fundingSteps } from '../support/funding.ts';
import { createTestApi, dataOf, expectAnswer, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: ReturnType<typeof fundingSteps>;
let viewer: ApiClient;
let application: { id: string };
let noticePath: string;
/** The first notice of the application, as the document's paths name it. */
let notice: { id: string; version: string };

beforeAll(async () => {
  api = await createTestApi();
  steps = fundingSteps(api);
  viewer = api.client('viewer');
  application = await steps.approved(await steps.program());
  noticePath = `/v1/applications/${application.id}/notices/1`;
  notice = { id: application.id, version: '1' };
});

type Announcement = RequestBody<'/v1/applications/{id}/documents', 'post'>;

/** A record documents attach to, by the path parameters of its documents' routes. */
type Attachable =
  | { notice: { id: string; version: string } }
  | { application: { id: string } }
  | { position: { id: string } }
  | { fundsCall: { id: string; callId: string } };

const announcement = (file: Buffer) => ({
  fileName: 'Zuwendungsbescheid Erfurt Ä1.pdf',
  contentType: 'application/pdf' as const,
  sizeBytes: file.length,
  sha256: sha256(file),
  kind: 'notice' as const,
});

/** Announces a document of a record (as Anna unless told); asserts nothing. */
async function announce(
  record: Attachable,
  file: Buffer,
  overrides: Partial<Announcement> = {},
  client: ApiClient = steps.anna,
) {
  const body = { ...announcement(file), ...overrides };
  if ('notice' in record) {
    return client.POST('/v1/applications/{id}/notices/{version}/documents', {
      params: { path: record.notice },
      body,
    });
  }
  if ('application' in record) {
    return client.POST('/v1/applications/{id}/documents', { params: { path: record.application }, body });
  }
  if ('position' in record) {
    return client.POST('/v1/positions/{id}/documents', { params: { path: record.position }, body });
  }
  return client.POST('/v1/applications/{id}/funds-calls/{callId}/documents', {
    params: { path: record.fundsCall },
    body,
  });
}

/** Completes an announced document of a notice or an application (as Anna unless told); asserts nothing. */
function complete(
  record: Extract<Attachable, { notice: unknown } | { application: unknown }>,
  documentId: string,
  client: ApiClient = steps.anna,
) {
  return 'notice' in record
    ? client.POST('/v1/applications/{id}/notices/{version}/documents/{documentId}/complete', {
        params: { path: { ...record.notice, documentId } },
      })
    : client.POST('/v1/applications/{id}/documents/{documentId}/complete', {
        params: { path: { ...record.application, documentId } },
      });
}

const noticeDocument = (documentId: string) => ({ path: { ...notice, documentId } });

async function upload(
  announced: { upload: { url: string; headers: Record<string, string> } },
  bytes: Buffer,
) {
  const { url, headers } = announced.upload;
  return fetch(url, { method: 'PUT', body: new Uint8Array(bytes), headers });
}

async function attach(record: Attachable, file: Buffer, overrides: Partial<Announcement> = {}) {
  const announced = expectAnswer(await announce(record, file, overrides), 201);
  expect((await upload(announced, file)).status).toBe(200);
  return announced.document.id;
}

describe('attaching a document to a notice version', () => {
  it('round-trips the bytes unchanged: announce → PUT → complete → list → download', async () => {
    const { data: announced, response } = await announce({ notice }, PDF);
    expect(response.status).toBe(201);
    expect(announced?.document).toMatchObject({
      status: 'pending',
      record: { type: 'notice', path: noticePath },
    });
    expect((await upload(announced!, PDF)).status).toBe(200);

    const id = announced!.document.id;
    const completed = expectAnswer(await complete({ notice }, id), 200);
    expect(completed).toMatchObject({ status: 'available', sizeBytes: PDF.length, sha256: sha256(PDF) });

    const listed = dataOf(
      await viewer.GET('/v1/applications/{id}/notices/{version}/documents', { params: { path: notice } }),
    );
    expect(listed.items.map((document) => document.id)).toEqual([id]);

    const link = await viewer.GET('/v1/applications/{id}/notices/{version}/documents/{documentId}/download', {
      params: noticeDocument(id),
    });
    expect(link.response.status).toBe(200);
    const download = await fetch(link.data!.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Zuwendungsbescheid Erfurt A_1.pdf"; filename*=UTF-8''Zuwendungsbescheid%20Erfurt%20%C3%841.pdf`,
    );
  });

  it('records attaching and deleting in the record’s history', async () => {
    const id = await attach({ notice }, PDF);
    await complete({ notice }, id);
    const deleted = await steps.anna.DELETE(
      '/v1/applications/{id}/notices/{version}/documents/{documentId}',
      {
        params: noticeDocument(id),
      },
    );
    expect(deleted.response.status).toBe(204);
    const history = dataOf(
      await viewer.GET('/v1/applications/{id}/history', { params: { path: { id: application.id } } }),
    );
    const actions = history.items.map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['document_announced', 'document_attached', 'document_deleted']),
    );
    const read = await viewer.GET('/v1/applications/{id}/notices/{version}/documents/{documentId}', {
      params: noticeDocument(id),
    });
    expect(read.response.status).toBe(404);
  });

  it('attaches plain text and PNG by what their bytes are', async () => {
    const record = { application };
    const text = await attach(record, TEXT, {
      fileName: 'notiz.txt',
      contentType: 'text/plain',
      kind: 'other',
    });
    expect((await complete(record, text)).response.status).toBe(200);
    const png = await attach(record, PNG, { fileName: 'plan.png', contentType: 'image/png', kind: 'other' });
    expect((await complete(record, png)).response.status).toBe(200);
  });
});

describe('bad input stores nothing', () => {
  it.each([
    ['size 0', { sizeBytes: 0 }],
    ['a size over the limit', { sizeBytes: 25 * 1024 * 1024 + 1 }],
    ['a type not allowed', { contentType: 'application/x-msdownload' }],
    ['path characters in the name', { fileName: '../../etc/passwd' }],
    ['a backslash in the name', { fileName: 'C:\\bescheid.pdf' }],
    ['a malformed sha256', { sha256: 'abc' }],
    ['an unknown field', { owner: 'x' }],
  ])('refuses %s with 400', async (_case, overrides) => {
    // Raw: the bodies are wrong on purpose (a type not allowed and an unknown field among them).
    const response = await steps.finance.post(`${noticePath}/documents`, {
      ...announcement(PDF),
      ...overrides,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses an .exe named bescheid.pdf and removes its bytes', async () => {
    const id = await attach({ notice }, EXE, { fileName: 'bescheid.pdf', sha256: sha256(EXE) });
    const { error, response } = await complete({ notice }, id);
    expect(response.status).toBe(422);
    expect(error?.detail).toContain('not what it claims');
    const read = await viewer.GET('/v1/applications/{id}/notices/{version}/documents/{documentId}', {
      params: noticeDocument(id),
    });
    expect(read.data?.status).toBe('pending');
    expect((await complete({ notice }, id)).response.status).toBe(409);
  });

  it('refuses completing before anything was uploaded', async () => {
    const announced = dataOf(await announce({ notice }, PDF));
    const { response } = await complete({ notice }, announced.document.id);
    expect(response.status).toBe(409);
  });

  it('refuses bytes whose size or sha256 differ from the announcement', async () => {
    const sizeAnnounced = dataOf(
      await announce({ notice }, PDF, { sizeBytes: PDF.length + 1, sha256: undefined }),
    );
    await fetch(sizeAnnounced.upload.url, {
      method: 'PUT',
      body: PDF,
      headers: sizeAnnounced.upload.headers,
    });
    expect((await complete({ notice }, sizeAnnounced.document.id)).response.status).toBe(422);

    const other = Buffer.concat([PDF, Buffer.from('% tampered\n')]);
    const hashAnnounced = dataOf(await announce({ notice }, other, { sha256: sha256(PDF) }));
    await upload(hashAnnounced, other);
    expect((await complete({ notice }, hashAnnounced.document.id)).response.status).toBe(422);
  });

  it('answers a record that does not exist with 404', async () => {
    const unknownNotice = { notice: { id: application.id, version: '9' } };
    expect((await announce(unknownNotice, PDF)).response.status).toBe(404);
    const unknownPosition = { position: { id: '01JC0Z6XKX2P4T3C8Y5W7QF9AB' } };
    expect((await announce(unknownPosition, PDF)).response.status).toBe(404);
  });
});

describe('who may attach', () => {
  it('refuses a viewer and a coordinator on funding records, and lets everyone read', async () => {
    expect((await announce({ notice }, PDF, {}, viewer)).response.status).toBe(403);
    const { data: call } = await steps.anna.POST('/v1/applications/{id}/funds-calls', {
      params: { path: { id: application.id } },
      body: { amountCents: 100, calledOn: '2023-03-01' },
    });
    const coordinator = api.client('coordinator');
    const fundsCall = { fundsCall: { id: application.id, callId: call!.id } };
    expect((await announce(fundsCall, PDF, {}, coordinator)).response.status).toBe(403);
    const listed = await coordinator.GET('/v1/applications/{id}/notices/{version}/documents', {
      params: { path: notice },
    });
    expect(listed.response.status).toBe(200);
  });

  it('lets only an admin or the uploader within a day delete', async () => {
    const id = await attach({ notice }, PDF);
    const remove = (client: ApiClient) =>
      client.DELETE('/v1/applications/{id}/notices/{version}/documents/{documentId}', {
        params: noticeDocument(id),
      });
    expect((await remove(api.client('finance', 'kollege@erfurt.example'))).response.status).toBe(403);
    expect((await remove(api.client('admin'))).response.status).toBe(204);
  });
});

describe('pending documents expire', () => {
  it('cannot be completed a day after announcing', async () => {
    let now = new Date('2026-01-10T08:00:00Z');
    const later = await createTestApi({ clock: () => now });
    const laterSteps = fundingSteps(later);
    const approved = await laterSteps.approved(await laterSteps.program());
    const record = { application: { id: approved.id } };
    const announced = await laterSteps.anna.POST('/v1/applications/{id}/documents', {
      params: { path: record.application },
      body: { fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, kind: 'other' },
    });
    await upload(announced.data!, PDF);
    now = new Date('2026-01-11T08:00:01Z');
    expect((await complete(record, announced.data!.document.id, laterSteps.anna)).response.status).toBe(404);
    const listed = await later.client('viewer').GET('/v1/applications/{id}/documents', {
      params: { path: record.application },
    });
    expect(listed.data?.items).toEqual([]);
  });
});
