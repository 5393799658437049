import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.ts';
import { ALL_ROUTE_GROUPS, routeGroupOf } from '../../functions/api/route-groups.ts';
import { documentedPaths } from '../support/openapi-paths.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

const SAMPLE_ID = '01JC0Z6XKX2P4T3C8Y5W7QF9AB';

let api: TestApi;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  api = await createTestApi();
  operations = Object.entries(await documentedPaths(api)).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
});

describe('route groups (what a Lambda cold start loads)', () => {
  it('sends every documented operation to a group whose app has that route', async () => {
    const groupApps = new Map(
      await Promise.all(
        ALL_ROUTE_GROUPS.map(async (group) => [group, await createApp(api.deps, [group])] as const),
      ),
    );
    expect(operations.length).toBeGreaterThan(50);
    for (const { method, path } of operations) {
      const concrete = path.replace(/\{file\}/g, 'token.ics').replace(/\{[^}]+\}/g, SAMPLE_ID);
      const group = routeGroupOf(concrete);
      if (group === undefined) {
        // Only the platform's own routes go to the whole app.
        expect(path, `${method} ${path} belongs to no group`).toMatch(/^\/(health|openapi\.json|docs)/);
        continue;
      }
      const pattern = path.replace(/\{([^}]+)\}/g, ':$1');
      const routes = groupApps.get(group)!.routes;
      expect(
        routes.some((route) => route.method === method && route.path === pattern),
        `${method} ${path} → group ${group}, which lacks it`,
      ).toBe(true);
    }
  });

  it('sends the platform routes and unknown paths to the whole API', () => {
    for (const path of ['/openapi.json', '/docs', '/docs/swagger-ui.css', '/v1/nothing-here', '/elsewhere']) {
      expect(routeGroupOf(path), path).toBeUndefined();
    }
  });

  it('answers a group request like the whole API does', async () => {
    const whole = api.app;
    const funding = await createApp(api.deps, ['funding']);
    const token = await api.tokenFor('viewer');
    const request = () =>
      new Request(`http://localhost/v1/applications/${SAMPLE_ID}`, {
        headers: { authorization: `Bearer ${token}` },
      });

    const [fromWhole, fromGroup] = await Promise.all([whole.request(request()), funding.request(request())]);
    expect(fromGroup.status).toBe(404);
    expect(await fromGroup.json()).toEqual(await fromWhole.json());
  });
});
