import { ensureWebBuilt } from '../../scripts/local/web-build.ts';

/**
 * A fresh web/dist before any test starts the local service: `npm start`'s entry (run by the
 * e2e tests) and the browser tests serve it, and two of them must not build it at once.
 */
export default async function setup(): Promise<void> {
  await ensureWebBuilt((message) => console.log(`[tests] ${message}`));
}
