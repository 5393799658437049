import { beforeAll, describe, expect, it } from 'vitest';
import { EXE, PDF, PNG, sha256, TEXT } from '../fixtures/files.ts';
import { fundingSteps } from '../support/funding.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
let steps: ReturnType<typeof fundingSteps>;
let application: { id: string };
let noticePath: string;

beforeAll(async () => {
  api = await createTestApi();
  steps = fundingSteps(api);
  application = await steps.approved(await steps.program());
  noticePath = `/v1/applications/${application.id}/notices/1`;
});

async function announce(
  path: string,
  file: Buffer,
  overrides: Record<string, unknown> = {},
  role = steps.finance,
) {
  return role.post(`${path}/documents`, {
    fileName: 'Zuwendungsbescheid Erfurt Ä1.pdf',
    contentType: 'application/pdf',
    sizeBytes: file.length,
    sha256: sha256(file),
    kind: 'notice',
    ...overrides,
  });
}

async function upload(
  announced: { json: { upload: { url: string; headers: Record<string, string> } } },
  bytes: Buffer,
) {
  const { url, headers } = announced.json.upload;
  return fetch(url, { method: 'PUT', body: new Uint8Array(bytes), headers });
}

async function attach(path: string, file: Buffer, overrides: Record<string, unknown> = {}) {
  const announced = await announce(path, file, overrides);
  expect(announced.status, announced.text).toBe(201);
  expect((await upload(announced, file)).status).toBe(200);
  return announced.json.document.id as string;
}

describe('attaching a document to a notice version', () => {
  it('round-trips the bytes unchanged: announce → PUT → complete → list → download', async () => {
    const announced = await announce(noticePath, PDF);
    expect(announced.status).toBe(201);
    expect(announced.json.document).toMatchObject({
      status: 'pending',
      record: { type: 'notice', path: noticePath },
    });
    expect((await upload(announced, PDF)).status).toBe(200);

    const id = announced.json.document.id;
    const completed = await steps.finance.post(`${noticePath}/documents/${id}/complete`);
    expect(completed.status, completed.text).toBe(200);
    expect(completed.json).toMatchObject({ status: 'available', sizeBytes: PDF.length, sha256: sha256(PDF) });

    const listed = await api.as('viewer').get(`${noticePath}/documents`);
    expect(listed.json.items.map((document: { id: string }) => document.id)).toEqual([id]);

    const link = await api.as('viewer').get(`${noticePath}/documents/${id}/download`);
    expect(link.status).toBe(200);
    const download = await fetch(link.json.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Zuwendungsbescheid Erfurt A_1.pdf"; filename*=UTF-8''Zuwendungsbescheid%20Erfurt%20%C3%841.pdf`,
    );
  });

  it('records attaching and deleting in the record’s history', async () => {
    const id = await attach(noticePath, PDF);
    await steps.finance.post(`${noticePath}/documents/${id}/complete`);
    expect((await steps.finance.delete(`${noticePath}/documents/${id}`)).status).toBe(204);
    const history = await api.as('viewer').get(`/v1/applications/${application.id}/history`);
    const actions = history.json.items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['document_announced', 'document_attached', 'document_deleted']),
    );
    expect((await api.as('viewer').get(`${noticePath}/documents/${id}`)).status).toBe(404);
  });

  it('attaches plain text and PNG by what their bytes are', async () => {
    const text = await attach(`/v1/applications/${application.id}`, TEXT, {
      fileName: 'notiz.txt',
      contentType: 'text/plain',
      kind: 'other',
    });
    expect(
      (await steps.finance.post(`/v1/applications/${application.id}/documents/${text}/complete`)).status,
    ).toBe(200);
    const png = await attach(`/v1/applications/${application.id}`, PNG, {
      fileName: 'plan.png',
      contentType: 'image/png',
      kind: 'other',
    });
    expect(
      (await steps.finance.post(`/v1/applications/${application.id}/documents/${png}/complete`)).status,
    ).toBe(200);
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
    const response = await announce(noticePath, PDF, overrides);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses an .exe named bescheid.pdf and removes its bytes', async () => {
    const id = await attach(noticePath, EXE, { fileName: 'bescheid.pdf', sha256: sha256(EXE) });
    const response = await steps.finance.post(`${noticePath}/documents/${id}/complete`);
    expect(response.status).toBe(422);
    expect(response.json.detail).toContain('not what it claims');
    expect((await api.as('viewer').get(`${noticePath}/documents/${id}`)).json.status).toBe('pending');
    expect((await steps.finance.post(`${noticePath}/documents/${id}/complete`)).status).toBe(409);
  });

  it('refuses completing before anything was uploaded', async () => {
    const announced = await announce(noticePath, PDF);
    const response = await steps.finance.post(
      `${noticePath}/documents/${announced.json.document.id}/complete`,
    );
    expect(response.status).toBe(409);
  });

  it('refuses bytes whose size or sha256 differ from the announcement', async () => {
    const sizeAnnounced = await announce(noticePath, PDF, { sizeBytes: PDF.length + 1, sha256: undefined });
    await fetch(sizeAnnounced.json.upload.url, {
      method: 'PUT',
      body: PDF,
      headers: sizeAnnounced.json.upload.headers,
    });
    expect(
      (await steps.finance.post(`${noticePath}/documents/${sizeAnnounced.json.document.id}/complete`)).status,
    ).toBe(422);

    const other = Buffer.concat([PDF, Buffer.from('% tampered\n')]);
    const hashAnnounced = await announce(noticePath, other, { sha256: sha256(PDF) });
    await upload(hashAnnounced, other);
    expect(
      (await steps.finance.post(`${noticePath}/documents/${hashAnnounced.json.document.id}/complete`)).status,
    ).toBe(422);
  });

  it('answers a record that does not exist with 404', async () => {
    expect((await announce(`/v1/applications/${application.id}/notices/9`, PDF)).status).toBe(404);
    expect((await announce('/v1/positions/01JC0Z6XKX2P4T3C8Y5W7QF9AB', PDF)).status).toBe(404);
  });
});

describe('who may attach', () => {
  it('refuses a viewer and a coordinator on funding records, and lets everyone read', async () => {
    expect((await announce(noticePath, PDF, {}, api.as('viewer'))).status).toBe(403);
    const call = await steps.finance.post(`/v1/applications/${application.id}/funds-calls`, {
      amountCents: 100,
      calledOn: '2023-03-01',
    });
    expect(
      (
        await announce(
          `/v1/applications/${application.id}/funds-calls/${call.json.id}`,
          PDF,
          {},
          api.as('coordinator'),
        )
      ).status,
    ).toBe(403);
    expect((await api.as('coordinator').get(`${noticePath}/documents`)).status).toBe(200);
  });

  it('lets only an admin or the uploader within a day delete', async () => {
    const id = await attach(noticePath, PDF);
    const colleague = api.as('finance', 'kollege@erfurt.example');
    expect((await colleague.delete(`${noticePath}/documents/${id}`)).status).toBe(403);
    expect((await api.as('admin').delete(`${noticePath}/documents/${id}`)).status).toBe(204);
  });
});

describe('pending documents expire', () => {
  it('cannot be completed a day after announcing', async () => {
    let now = new Date('2026-01-10T08:00:00Z');
    const later = await createTestApi({ clock: () => now });
    const laterSteps = fundingSteps(later);
    const approved = await laterSteps.approved(await laterSteps.program());
    const path = `/v1/applications/${approved.id}`;
    const announced = await laterSteps.finance.post(`${path}/documents`, {
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      kind: 'other',
    });
    await upload(announced, PDF);
    now = new Date('2026-01-11T08:00:01Z');
    expect(
      (await laterSteps.finance.post(`${path}/documents/${announced.json.document.id}/complete`)).status,
    ).toBe(404);
    expect((await later.as('viewer').get(`${path}/documents`)).json.items).toEqual([]);
  });
});
