import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from './platform/app-env.ts';

/**
 * Interactive docs (Swagger UI) served from the npm package, never from a CDN, so they
 * work offline. In the Lambda bundle the files sit in `./swagger-ui/` beside it (copied
 * at bundling); from source they come from node_modules. Read on first request only.
 */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
} as const;

function assetDirectories(): string[] {
  // Beside the bundle's entry; this module may sit one level down in a chunk folder.
  const here = dirname(fileURLToPath(import.meta.url));
  const directories = [join(here, 'swagger-ui'), join(here, '..', 'swagger-ui')];
  try {
    directories.push(dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')));
  } catch {
    // Not installed beside us (the Lambda bundle): the copied folder is the only source.
  }
  return directories;
}

const cache = new Map<string, Buffer>();

async function readAsset(name: string): Promise<Buffer | undefined> {
  const cached = cache.get(name);
  if (cached) return cached;
  for (const directory of assetDirectories()) {
    try {
      const content = await readFile(join(directory, name));
      cache.set(name, content);
      return content;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

const PAGE = `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Fördertracker API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: '/openapi.json',
      dom_id: '#docs',
      persistAuthorization: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: 'StandaloneLayout',
    });
  </script>
</body>
</html>`;

export function docsRoutes() {
  return new Hono<AppEnv>()
    .get('/', (c) => c.html(PAGE))
    .get('/:asset', async (c) => {
      const name = c.req.param('asset');
      const type = ASSETS[name as keyof typeof ASSETS];
      const content = type ? await readAsset(name) : undefined;
      if (!type || !content) return c.notFound();
      return c.body(new Uint8Array(content), 200, {
        'content-type': type,
        'cache-control': 'public, max-age=86400',
      });
    });
}
