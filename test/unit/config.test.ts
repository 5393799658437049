import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/config.ts';

describe('configuration from the environment', () => {
  it('lists every missing variable at once', () => {
    expect(() => loadConfig({})).toThrow(/TABLE_NAME[\s\S]*AUTH_MODE[\s\S]*CURSOR_SECRET/);
  });

  it('requires the JWT secret in local-jwt mode only', () => {
    const base = { TABLE_NAME: 'table', CURSOR_SECRET: 'cursor-secret-0123456789' };
    expect(() => loadConfig({ ...base, AUTH_MODE: 'local-jwt' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ ...base, AUTH_MODE: 'apigateway' })).toMatchObject({
      tableName: 'table',
      authMode: 'apigateway',
      logLevel: 'INFO',
      baseRateBasisPoints: 127,
      publicBaseUrl: 'http://localhost:3000',
    });
  });
});
