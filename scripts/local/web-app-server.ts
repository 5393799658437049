import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { API_PATH_PREFIXES, RUNTIME_CONFIG_PATH, type WebRuntimeConfig } from '../../web/serving.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const isApiPath = (path: string) =>
  API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

export interface WebAppServerOptions {
  distDir: string;
  config: WebRuntimeConfig;
  /** Headers on every answer: the same Content-Security-Policy and friends as CloudFront's. */
  headers: Record<string, string>;
}

/**
 * Serves the built app the way CloudFront does in AWS: files from web/dist, hashed assets
 * cached for a year, `index.html` for every other path (the app's own routes), and the
 * runtime configuration at /config.json.
 */
export function webAppServer(options: WebAppServerOptions): (request: Request) => Promise<Response> {
  const root = normalize(options.distDir + sep);
  const answer = (body: BodyInit | null, status: number, headers: Record<string, string>) =>
    new Response(body, { status, headers: { ...options.headers, ...headers } });

  async function file(path: string): Promise<Buffer | undefined> {
    const absolute = normalize(join(root, path));
    if (!absolute.startsWith(root)) return undefined;
    const info = await stat(absolute).catch(() => undefined);
    return info?.isFile() ? readFile(absolute) : undefined;
  }

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return answer('Method Not Allowed', 405, { allow: 'GET, HEAD' });
    }
    const path = decodeURIComponent(new URL(request.url).pathname);
    if (path === RUNTIME_CONFIG_PATH) {
      return answer(JSON.stringify(options.config), 200, {
        'content-type': 'application/json',
        'cache-control': 'no-cache',
      });
    }
    const found = path === '/' ? undefined : await file(path);
    if (found) {
      return answer(new Uint8Array(found), 200, {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    // A missing file is a 404; any other path is one of the app's routes.
    if (extname(path) !== '') return answer('Not Found', 404, { 'content-type': 'text/plain' });
    const index = await file('index.html');
    if (!index)
      return answer('The web app is not built: run npm start again.', 503, { 'content-type': 'text/plain' });
    return answer(new Uint8Array(index), 200, {
      'content-type': CONTENT_TYPES['.html']!,
      'cache-control': 'no-cache',
    });
  };
}
