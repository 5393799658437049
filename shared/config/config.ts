import { type BaseRate, baseRatesWith } from '../domain/base-rates.ts';
import { calendarDateSchema } from '../domain/calendar-date.ts';
import {
  DEADLINE_KINDS,
  DEFAULT_EVENT_KINDS,
  type DeadlineKind,
  FUNDING_DEADLINE_KINDS,
} from '../domain/deadline.ts';
import {
  DEFAULT_OFFSETS,
  DEFAULT_OVERDUE_EVERY_DAYS,
  MAX_OFFSET_DAYS,
  type ReminderPolicy,
} from '../domain/reminder-schedule.ts';
import * as z from '../zod.ts';
import { ENV } from './environment-keys.ts';

/** Whole days separated by commas ("30,14,7,1,0"), largest first, each once. */
const offsetsSchema = z
  .string()
  .trim()
  .regex(/^-?\d{1,3}(\s*,\s*-?\d{1,3})*$/, 'must be whole days separated by commas, e.g. 30,14,7,1,0')
  .transform((list) => [...new Set(list.split(',').map(Number))].sort((a, b) => b - a))
  .refine(
    (offsets) => offsets.every((offset) => Math.abs(offset) <= MAX_OFFSET_DAYS),
    `each offset must be within ±${MAX_OFFSET_DAYS} days`,
  );

const kindListSchema = z
  .string()
  .transform((list) =>
    list
      .split(',')
      .map((kind) => kind.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(DEADLINE_KINDS)));

type KindOffsetsKey = `${typeof ENV.reminderOffsetsKindPrefix}${Uppercase<DeadlineKind>}`;
const kindOffsetsKey = (kind: DeadlineKind) =>
  `${ENV.reminderOffsetsKindPrefix}${kind.toUpperCase()}` as KindOffsetsKey;

/** Mail and reminder settings; every one has a default, so nothing else needs to set them. */
const reminderFields = {
  [ENV.mailTransport]: z.enum(['ses', 'outbox']).default('outbox'),
  [ENV.mailFrom]: z.email().optional(),
  [ENV.mailFromName]: z.string().trim().min(1).max(100).default('Fördertracker'),
  [ENV.outboxDir]: z.string().min(1).default('.data/outbox'),
  [ENV.financeMailbox]: z.email().optional(),
  [ENV.reminderFinanceKinds]: kindListSchema.default([...FUNDING_DEADLINE_KINDS]),
  /** Kinds that are events (announced, closed on their day, never overdue); every other kind is a duty. */
  [ENV.reminderEventKinds]: kindListSchema.default([...DEFAULT_EVENT_KINDS]),
  [ENV.reminderOffsets]: offsetsSchema.default([...DEFAULT_OFFSETS]),
  ...(Object.fromEntries(DEADLINE_KINDS.map((kind) => [kindOffsetsKey(kind), offsetsSchema.optional()])) as {
    [key in KindOffsetsKey]: z.ZodOptional<typeof offsetsSchema>;
  }),
  [ENV.reminderOverdueEveryDays]: z.coerce.number().int().min(1).max(366).default(DEFAULT_OVERDUE_EVERY_DAYS),
  /**
   * Overdue duties are read back this many months. Ten years by default: a duty is reminded of until
   * it is done (money not spent in 2023 still costs interest today); the bound only keeps the read finite.
   */
  [ENV.reminderLookbackMonths]: z.coerce.number().int().min(1).max(240).default(120),
};

const sesHasSender = (env: { [ENV.mailTransport]: string; [ENV.mailFrom]?: string | undefined }) =>
  env[ENV.mailTransport] !== 'ses' || env[ENV.mailFrom] !== undefined;
const sesNeedsSender = { message: 'is required when MAIL_TRANSPORT=ses', path: [ENV.mailFrom] };

type BaseRateEnv = {
  [ENV.baseRateBasisPoints]?: number | undefined;
  [ENV.baseRateFrom]?: string | undefined;
};
const baseRateComplete = (env: BaseRateEnv) =>
  (env[ENV.baseRateBasisPoints] === undefined) === (env[ENV.baseRateFrom] === undefined);
const baseRateNeedsDay = {
  message: `goes with ${ENV.baseRateBasisPoints}: a base rate and the day it applies from`,
  path: [ENV.baseRateFrom],
};

const configSchema = z
  .object({
    [ENV.tableName]: z.string().min(3),
    [ENV.dynamodbEndpoint]: z.url().optional(),
    [ENV.authMode]: z.enum(['local-jwt', 'apigateway']),
    [ENV.jwtSecret]: z.string().min(32).optional(),
    [ENV.cursorSecret]: z.string().min(16),
    [ENV.logLevel]: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
    [ENV.publicBaseUrl]: z.url().default('http://localhost:3000'),
    /**
     * A Basiszinssatz (§ 247 BGB) newer than the ones shipped in shared/domain/base-rates.ts, in
     * basis points, with the day it applies from; both or neither.
     */
    [ENV.baseRateBasisPoints]: z.coerce.number().int().min(-1000).max(2000).optional(),
    [ENV.baseRateFrom]: calendarDateSchema.optional(),
    /** A vacancy longer than this many days is flagged and becomes a deadline. */
    [ENV.vacancyWarningDays]: z.coerce.number().int().min(1).max(3650).default(60),
    [ENV.documentsBucket]: z.string().min(3).default('foerdertracker-documents'),
    /** An S3-compatible server (local); unset in AWS. */
    [ENV.s3Endpoint]: z.url().optional(),
    [ENV.documentMaxBytes]: z.coerce
      .number()
      .int()
      .min(1)
      .max(5_000_000_000)
      .default(25 * 1024 * 1024),
    ...reminderFields,
  })
  .refine(sesHasSender, sesNeedsSender)
  .refine(baseRateComplete, baseRateNeedsDay)
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
  /** Every Basiszinssatz and the day it applies from: the published ones and a newer configured one. */
  baseRates: BaseRate[];
  vacancyWarningDays: number;
  documentsBucket: string;
  s3Endpoint: string | undefined;
  documentMaxBytes: number;
  mail: MailSettings;
  reminders: ReminderSettings;
}

/** Parses the environment with a schema, reporting every missing or bad variable at once. */
function parseEnvironment<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

function baseRatesOf(from: string | undefined, basisPoints: number | undefined): BaseRate[] {
  try {
    return baseRatesWith(from === undefined || basisPoints === undefined ? undefined : { from, basisPoints });
  } catch (error) {
    throw new Error(`Invalid configuration:\n  ${ENV.baseRateFrom}: ${(error as Error).message}`);
  }
}

/** Parses the environment once at start; reports every missing or bad variable at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = parseEnvironment(configSchema, env);
  return {
    tableName: parsed[ENV.tableName],
    dynamodbEndpoint: parsed[ENV.dynamodbEndpoint],
    authMode: parsed[ENV.authMode],
    jwtSecret: parsed[ENV.jwtSecret],
    cursorSecret: parsed[ENV.cursorSecret],
    logLevel: parsed[ENV.logLevel],
    publicBaseUrl: parsed[ENV.publicBaseUrl].replace(/\/$/, ''),
    baseRates: baseRatesOf(parsed[ENV.baseRateFrom], parsed[ENV.baseRateBasisPoints]),
    vacancyWarningDays: parsed[ENV.vacancyWarningDays],
    documentsBucket: parsed[ENV.documentsBucket],
    s3Endpoint: parsed[ENV.s3Endpoint],
    documentMaxBytes: parsed[ENV.documentMaxBytes],
    mail: mailSettings(parsed),
    reminders: reminderSettings(parsed),
  };
}

export interface MailSettings {
  transport: 'ses' | 'outbox';
  /** Sender address; SES needs it verified. */
  from: string;
  fromName: string;
  /** Where the outbox transport writes `.eml` files. */
  outboxDir: string;
}

export interface ReminderSettings {
  policy: ReminderPolicy;
  lookbackMonths: number;
  financeMailbox: string | undefined;
  financeKinds: DeadlineKind[];
}

type ReminderEnv = z.output<z.ZodObject<typeof reminderFields>>;

function mailSettings(parsed: ReminderEnv): MailSettings {
  return {
    transport: parsed[ENV.mailTransport],
    from: parsed[ENV.mailFrom] ?? 'fristen@foerdertracker.example',
    fromName: parsed[ENV.mailFromName],
    outboxDir: parsed[ENV.outboxDir],
  };
}

function reminderSettings(parsed: ReminderEnv): ReminderSettings {
  const offsetsByKind: ReminderPolicy['offsetsByKind'] = {};
  for (const kind of DEADLINE_KINDS) {
    const offsets = parsed[kindOffsetsKey(kind)];
    if (offsets) offsetsByKind[kind] = offsets;
  }
  return {
    policy: {
      defaultOffsets: parsed[ENV.reminderOffsets],
      offsetsByKind,
      overdueEveryDays: parsed[ENV.reminderOverdueEveryDays],
      eventKinds: parsed[ENV.reminderEventKinds],
    },
    lookbackMonths: parsed[ENV.reminderLookbackMonths],
    financeMailbox: parsed[ENV.financeMailbox]?.toLowerCase(),
    financeKinds: parsed[ENV.reminderFinanceKinds],
  };
}

/** What the reminder Lambda needs: the table, logging, links and mail; no auth and no cursor secret. */
export interface ReminderJobConfig
  extends Pick<Config, 'tableName' | 'dynamodbEndpoint' | 'logLevel' | 'publicBaseUrl' | 'baseRates'> {
  mail: MailSettings;
  reminders: ReminderSettings;
}

const reminderJobSchema = z
  .object({
    [ENV.tableName]: configSchema.shape[ENV.tableName],
    [ENV.dynamodbEndpoint]: configSchema.shape[ENV.dynamodbEndpoint],
    [ENV.logLevel]: configSchema.shape[ENV.logLevel],
    [ENV.publicBaseUrl]: configSchema.shape[ENV.publicBaseUrl],
    [ENV.baseRateBasisPoints]: configSchema.shape[ENV.baseRateBasisPoints],
    [ENV.baseRateFrom]: configSchema.shape[ENV.baseRateFrom],
    ...reminderFields,
  })
  .refine(sesHasSender, sesNeedsSender)
  .refine(baseRateComplete, baseRateNeedsDay);

export function loadReminderJobConfig(env: Record<string, string | undefined>): ReminderJobConfig {
  const parsed = parseEnvironment(reminderJobSchema, env);
  return {
    tableName: parsed[ENV.tableName],
    dynamodbEndpoint: parsed[ENV.dynamodbEndpoint],
    logLevel: parsed[ENV.logLevel],
    publicBaseUrl: parsed[ENV.publicBaseUrl].replace(/\/$/, ''),
    baseRates: baseRatesOf(parsed[ENV.baseRateFrom], parsed[ENV.baseRateBasisPoints]),
    mail: mailSettings(parsed),
    reminders: reminderSettings(parsed),
  };
}
