import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/config.ts';
import { PUBLISHED_BASE_RATES } from '../../shared/domain/base-rates.ts';

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
      baseRates: PUBLISHED_BASE_RATES,
      publicBaseUrl: 'http://localhost:3000',
    });
  });

  it('adds a newer Basiszinssatz from BASE_RATE_FROM and BASE_RATE_BASIS_POINTS, both or neither', () => {
    const base = { TABLE_NAME: 'table', CURSOR_SECRET: 'cursor-secret-0123456789', AUTH_MODE: 'apigateway' };
    const config = loadConfig({ ...base, BASE_RATE_FROM: '2026-01-01', BASE_RATE_BASIS_POINTS: '127' });
    expect(config.baseRates.at(-1)).toEqual({ from: '2026-01-01', basisPoints: 127 });
    expect(() => loadConfig({ ...base, BASE_RATE_BASIS_POINTS: '127' })).toThrow(/BASE_RATE_FROM/);
    expect(() =>
      loadConfig({ ...base, BASE_RATE_FROM: '2024-01-01', BASE_RATE_BASIS_POINTS: '362' }),
    ).toThrow(/after 2025-07-01/);
  });
});
