import type { IncomingMessage, Server } from 'node:http';
import { type HttpBindings, serve } from '@hono/node-server';

/** A refused body longer than this is not read to its end: the answer closes the connection instead. */
export const DRAIN_MAX_BYTES = 1024 * 1024;
/** How long a refusal waits for the rest of a body it will not use before it closes the connection. */
export const DRAIN_MAX_MS = 2_000;

type Fetch = (request: Request, env: HttpBindings) => Response | Promise<Response>;

/** Reads a stream to its end and drops what it reads; false when it is too long or too slow. */
async function dropAll(next: () => Promise<{ done: boolean; bytes: number }>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DRAIN_MAX_MS);
  });
  const read = async () => {
    for (let bytes = 0; bytes <= DRAIN_MAX_BYTES; ) {
      const chunk = await next();
      if (chunk.done) return true;
      bytes += chunk.bytes;
    }
    return false;
  };
  try {
    return await Promise.race([read(), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads what is left of a request body and throws it away. True when the body has ended, so
 * the connection can carry the next request; false when it is too long, too slow, or already
 * held by a reader that stopped part-way (a body limit), and the connection must close.
 * The body is read through the request's own stream where it has one: that stream's adapter
 * pauses the socket while its queue is full, so reading beside it would stall.
 */
function drain(request: Request, incoming: IncomingMessage): Promise<boolean> {
  if (incoming.readableEnded) return Promise.resolve(true);
  if (Number(incoming.headers['content-length'] ?? 0) > DRAIN_MAX_BYTES) return Promise.resolve(false);
  const body = request.body;
  if (body !== null) {
    if (body.locked) return Promise.resolve(false);
    const reader = body.getReader();
    return dropAll(async () => {
      const { done, value } = await reader.read();
      return { done, bytes: value?.byteLength ?? 0 };
    });
  }
  // A GET or HEAD with a body: the server gave the request no stream, so read the message itself.
  if (incoming.readableDidRead) return Promise.resolve(false);
  const chunks = incoming[Symbol.asyncIterator]();
  return dropAll(async () => {
    const { done, value } = await chunks.next();
    return { done: done === true, bytes: (value as Buffer | undefined)?.length ?? 0 };
  });
}

/**
 * Answers only once the request has been read to its end. A refusal (401, 403, 413, 415, a bad
 * header) is decided before the body is read; answering at once would leave the body's rest on
 * the connection, and keep-alive clients stop sending a body when its answer arrives, so the
 * next request on that connection broke (undici's UND_ERR_SOCKET). The rest is read and
 * dropped first; a body too long or too slow for that gets `Connection: close` instead.
 */
export function drainingBody(fetch: Fetch): Fetch {
  return async (request, env) => {
    const response = await fetch(request, env);
    if (await drain(request, env.incoming)) return response;
    const closing = new Response(response.body, response);
    closing.headers.set('connection', 'close');
    return closing;
  };
}

/**
 * The app over HTTP on this machine; resolves once it listens (port 0: any free port). Loopback
 * only: the local sign-in has no passwords, so nobody else may reach the service.
 */
export function serveHttp(fetch: Fetch, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const draining = drainingBody(fetch);
    // serve() without other server options speaks HTTP/1.1: its requests are IncomingMessages.
    const server = serve(
      { fetch: (request, env) => draining(request, env as HttpBindings), port, hostname: '127.0.0.1' },
      () => resolve(server as Server),
    );
    server.once('error', reject);
  });
}
