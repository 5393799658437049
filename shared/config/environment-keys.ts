/**
 * Names of the environment variables the Lambdas read. CDK sets them from here, the
 * config schema parses them from here, so a rename cannot break one side silently.
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  authMode: 'AUTH_MODE',
  jwtSecret: 'JWT_SECRET',
  cursorSecret: 'CURSOR_SECRET',
  logLevel: 'LOG_LEVEL',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  port: 'PORT',
  dataDir: 'DATA_DIR',
  baseRateBasisPoints: 'BASE_RATE_BASIS_POINTS',
  vacancyWarningDays: 'VACANCY_WARNING_DAYS',
} as const;
