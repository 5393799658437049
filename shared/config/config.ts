import { z } from 'zod';
import { ENV } from './environment-keys.ts';

const configSchema = z
  .object({
    [ENV.tableName]: z.string().min(3),
    [ENV.dynamodbEndpoint]: z.url().optional(),
    [ENV.authMode]: z.enum(['local-jwt', 'apigateway']),
    [ENV.jwtSecret]: z.string().min(32).optional(),
    [ENV.cursorSecret]: z.string().min(16),
    [ENV.logLevel]: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
    [ENV.publicBaseUrl]: z.url().default('http://localhost:3000'),
    /** Basiszinssatz (§ 247 BGB) in basis points, for interest under § 49a VwVfG; 1.27 % since 1 July 2025. */
    [ENV.baseRateBasisPoints]: z.coerce.number().int().min(-1000).max(2000).default(127),
    /** A vacancy longer than this many days is flagged and becomes a deadline. */
    [ENV.vacancyWarningDays]: z.coerce.number().int().min(1).max(3650).default(60),
  })
  .refine((env) => env[ENV.authMode] !== 'local-jwt' || env[ENV.jwtSecret] !== undefined, {
    message: 'is required when AUTH_MODE=local-jwt',
    path: [ENV.jwtSecret],
  });

export interface Config {
  tableName: string;
  dynamodbEndpoint: string | undefined;
  authMode: 'local-jwt' | 'apigateway';
  jwtSecret: string | undefined;
  cursorSecret: string;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  publicBaseUrl: string;
  baseRateBasisPoints: number;
  vacancyWarningDays: number;
}

/** Parses the environment once at start; reports every missing or bad variable at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const parsed = result.data;
  return {
    tableName: parsed[ENV.tableName],
    dynamodbEndpoint: parsed[ENV.dynamodbEndpoint],
    authMode: parsed[ENV.authMode],
    jwtSecret: parsed[ENV.jwtSecret],
    cursorSecret: parsed[ENV.cursorSecret],
    logLevel: parsed[ENV.logLevel],
    publicBaseUrl: parsed[ENV.publicBaseUrl].replace(/\/$/, ''),
    baseRateBasisPoints: parsed[ENV.baseRateBasisPoints],
    vacancyWarningDays: parsed[ENV.vacancyWarningDays],
  };
}
