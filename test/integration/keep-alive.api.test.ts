import { Agent, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHttp } from '../../scripts/local/serve-http.ts';
import { programBody } from '../fixtures/programs.ts';
import { createTestApi } from '../support/test-api.ts';

// Node's fetch keeps connections alive: each request below goes over a connection an earlier
// one used, unless the server closed it. A refusal answered before its body was read used to
// leave the body's rest on the connection, and the next request on it failed (UND_ERR_SOCKET).

const ROUNDS = 15;
let server: Server;
let base: string;
let admin: string;
let viewer: string;

beforeAll(async () => {
  const api = await createTestApi();
  [admin, viewer] = await Promise.all([api.tokenFor('admin'), api.tokenFor('viewer')]);
  server = await serveHttp(api.app.fetch, 0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const json = (text: string, token?: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    ...headers,
  },
  body: text,
});

/** Refusals the API decides before it reads the body, each with a body worth reading. */
function refusals(): { status: number; init: RequestInit }[] {
  const padded = JSON.stringify({ ...programBody(), note: 'x'.repeat(100_000) });
  return [
    { status: 401, init: json(padded) },
    { status: 401, init: json(padded, 'not-a-token') },
    { status: 403, init: json(JSON.stringify(programBody()), viewer) },
    { status: 413, init: json(`"${'y'.repeat(300_000)}"`, admin) },
    { status: 413, init: json(`"${'y'.repeat(3_000_000)}"`, admin) },
    {
      status: 415,
      init: {
        ...json(padded, admin),
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${admin}` },
      },
    },
    { status: 400, init: json(padded, admin, { 'idempotency-key': 'not a key!' }) },
  ];
}

async function send(path: string, init?: RequestInit): Promise<number | string> {
  try {
    const response = await fetch(`${base}${path}`, init);
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    const { cause } = error as { cause?: { code?: string } };
    return `${path}: ${cause?.code ?? String(error)}`;
  }
}

describe('the local server over keep-alive connections', () => {
  it('answers every request after refusals that did not read their bodies', async () => {
    const expected: (number | string)[] = [];
    const answered: (number | string)[] = [];
    const good = { headers: { authorization: `Bearer ${admin}` } };
    for (let round = 0; round < ROUNDS; round++) {
      for (const { status, init } of refusals()) {
        expected.push(status, 200, 200);
        answered.push(
          await send('/v1/programs', init),
          await send('/health'),
          await send('/v1/programs', good),
        );
      }
    }
    expect(answered).toEqual(expected);
  }, 120_000);
});

/** node:http with one kept-alive socket: a GET may carry a body too, which fetch cannot send. */
function sendOver(agent: Agent, method: string, path: string, headers: Record<string, string>, body = '') {
  return new Promise<number | string>((resolve) => {
    const outgoing = httpRequest(`${base}${path}`, { agent, method, headers }, (incoming) => {
      incoming.resume();
      incoming.once('end', () => resolve(incoming.statusCode ?? 0));
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) =>
      resolve(`${path}: ${error.code ?? error.message}`),
    );
    outgoing.end(body);
  });
}

describe('the local server over one kept-alive socket', () => {
  it('answers every request after a GET refused with a body it did not read', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ note: 'x'.repeat(100_000) });
    const withBody = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    };
    const expected: (number | string)[] = [];
    const answered: (number | string)[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      expected.push(401, 200, 401, 200);
      answered.push(
        await sendOver(agent, 'GET', '/v1/programs', withBody, body),
        await sendOver(agent, 'GET', '/v1/programs', { authorization: `Bearer ${admin}` }),
        await sendOver(agent, 'POST', '/v1/programs', withBody, body),
        await sendOver(agent, 'GET', '/health', {}),
      );
    }
    agent.destroy();
    expect(answered).toEqual(expected);
  }, 60_000);
});
