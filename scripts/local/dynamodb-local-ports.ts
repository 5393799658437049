import { createServer } from 'node:net';
import { isErrno, LocalRuntimeError } from './dynamodb-local-errors.ts';

/** Fails with PORT_IN_USE before Java starts, so a taken port gives a clear message at once. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', (error) => {
      if (isErrno(error, 'EADDRINUSE')) {
        reject(new LocalRuntimeError('PORT_IN_USE', `Port ${port} is already in use`));
      } else {
        reject(new LocalRuntimeError('PORT_IN_USE', `Port ${port} cannot be used: ${error.message}`));
      }
    });
    server.listen({ port, exclusive: true }, () => server.close(() => resolvePromise()));
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

export function endpointFor(port: number): string {
  return `http://127.0.0.1:${port}`;
}
