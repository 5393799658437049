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
  baseRateFrom: 'BASE_RATE_FROM',
  vacancyWarningDays: 'VACANCY_WARNING_DAYS',
  documentsBucket: 'DOCUMENTS_BUCKET',
  s3Endpoint: 'S3_ENDPOINT',
  documentMaxBytes: 'DOCUMENT_MAX_BYTES',
  mailTransport: 'MAIL_TRANSPORT',
  mailFrom: 'MAIL_FROM',
  mailFromName: 'MAIL_FROM_NAME',
  outboxDir: 'OUTBOX_DIR',
  financeMailbox: 'FINANCE_MAILBOX',
  reminderFinanceKinds: 'REMINDER_FINANCE_KINDS',
  reminderOffsets: 'REMINDER_OFFSETS',
  /** Prefix of per-kind offsets: REMINDER_OFFSETS_SPEND_BY, REMINDER_OFFSETS_FINAL_REPORT, … */
  reminderOffsetsKindPrefix: 'REMINDER_OFFSETS_',
  reminderOverdueEveryDays: 'REMINDER_OVERDUE_EVERY_DAYS',
  reminderLookbackMonths: 'REMINDER_LOOKBACK_MONTHS',
} as const;
