import { describe, expect, inject, it } from 'vitest';
import { s3ObjectStorage } from '../../shared/documents/object-storage.ts';
import { PDF } from '../fixtures/files.ts';

const storage = () => s3ObjectStorage({ bucket: 'test-documents', endpoint: inject('s3Endpoint') });

describe('presigned URLs against the local S3-compatible server', () => {
  it('lets an upload URL be used while it is valid', async () => {
    const url = await storage().presignUpload('uploads/valid', 'application/pdf', PDF.length, 60);
    const response = await fetch(url, {
      method: 'PUT',
      body: PDF,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(response.status).toBe(200);
    expect(await storage().head('uploads/valid')).toEqual({ sizeBytes: PDF.length });
  });

  it('refuses an upload URL once it has expired', async () => {
    const url = await storage().presignUpload('uploads/expired', 'application/pdf', PDF.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const response = await fetch(url, {
      method: 'PUT',
      body: PDF,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(response.status).toBe(403);
    expect(await storage().head('uploads/expired')).toBeUndefined();
  });
});
