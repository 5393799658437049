import { describe, expect, it } from 'vitest';
// Imported first and alone: the schemas it builds (and the domain schemas it extends) must
// get `.openapi()` from shared/zod.ts, whatever else a bundle happens to evaluate before.
import { problemSchema } from '../../functions/api/platform/openapi-components.ts';

describe('the shared OpenAPI building blocks', () => {
  it('load on their own and document themselves under their OpenAPI name', async () => {
    const { OpenAPIRegistry, OpenApiGeneratorV31 } = await import('@asteasolutions/zod-to-openapi');
    const registry = new OpenAPIRegistry();
    registry.registerPath({
      method: 'get',
      path: '/example',
      responses: { 400: { description: 'x', content: { 'application/json': { schema: problemSchema } } } },
    });
    const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
    });

    expect(Object.keys(document.components?.schemas ?? {})).toEqual(['Problem']);
  });
});
