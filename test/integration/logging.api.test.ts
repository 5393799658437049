import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../shared/logger.ts';
import { createTestApi } from '../support/test-api.ts';

afterEach(() => vi.restoreAllMocks());

describe('structured logs', () => {
  it('writes JSON lines that all carry the request id the response names', async () => {
    const lines: string[] = [];
    const api = await createTestApi({ logger: createLogger('INFO') });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const { response } = await api.client('viewer').GET('/v1/programs');
    vi.restoreAllMocks();
    const records = lines
      .flatMap((line) => line.split('\n'))
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((record) => record.requestId === requestId)).toBe(true);
    expect(records).toContainEqual(
      expect.objectContaining({
        message: 'request',
        method: 'GET',
        path: '/v1/programs',
        status: 200,
        level: 'INFO',
      }),
    );
  });
});
