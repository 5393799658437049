import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs; every request logs through a child carrying its request id. */
export function createLogger(level: string, serviceName = 'foerdertracker') {
  return new Logger({ serviceName, logLevel: level as 'INFO' });
}
export type { Logger };
