import { describe, expect, it } from 'vitest';
import { newApp } from '../../functions/api/platform/new-app.ts';
import { handleError } from '../../functions/api/platform/problem.ts';
import { AppError, type ErrorKind } from '../../shared/domain/errors.ts';

const KINDS: ErrorKind[] = [
  'validation',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'precondition_required',
  'unprocessable',
  'payload_too_large',
  'unsupported_media_type',
  'unavailable',
  'internal',
];

/** An app whose one route throws the given error; what reaches the client is what we assess. */
async function answerTo(error: Error) {
  const app = newApp();
  app.onError(handleError);
  app.get('/', () => {
    throw error;
  });
  const response = await app.request('/');
  return { status: response.status, body: await response.text() };
}

describe('the expose rule: a 4xx says what happened, a 5xx tells nothing', () => {
  it.each(KINDS)(
    'exposes the message of a %s error only when it answers with a 4xx or says "retry"',
    async (kind) => {
      const secret = `detail-of-${kind}-only-the-server-knows`;
      const { status, body } = await answerTo(new AppError(kind, secret));
      expect(new AppError(kind, secret).expose).toBe(status < 500 || kind === 'unavailable');
      if (status < 500 || kind === 'unavailable') expect(body).toContain(secret);
      else expect(body).not.toContain(secret);
    },
  );

  it('answers an internal error with a generic 500 problem', async () => {
    const { status, body } = await answerTo(new AppError('internal', 'table layout broke: no value for pk'));
    expect(status).toBe(500);
    expect(JSON.parse(body)).toMatchObject({ type: 'urn:foerdertracker:problem:internal', status: 500 });
    expect(body).not.toContain('table layout');
  });

  it('answers an unexpected error like an internal one', async () => {
    const { status, body } = await answerTo(new Error('ECONNRESET at 10.0.0.7:8000'));
    expect(status).toBe(500);
    expect(body).not.toContain('10.0.0.7');
  });
});
