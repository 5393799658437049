import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { MailSettings, ReminderSettings } from '../../shared/config/config.ts';
import type { DocumentService } from '../../shared/documents/document-service.ts';
import type { BaseRate } from '../../shared/domain/base-rates.ts';
import { berlinDate } from '../../shared/domain/calendar-date.ts';
import type { Logger } from '../../shared/logger.ts';
import type { MailTransport } from '../../shared/mail/transport.ts';
import type { Store } from '../../shared/store/store.ts';
import type { Authenticator } from './platform/auth.ts';

/** Everything the API needs from outside, passed in so tests use real parts or fakes without module mocks. */
export interface ApiDependencies {
  store: Store;
  clock: () => Date;
  newId: () => string;
  authenticator: Authenticator;
  /** Loaded on the first POST with an Idempotency-Key (Powertools is not needed before). */
  idempotencyStore: () => Promise<BasePersistenceLayer>;
  logger: Logger;
  publicBaseUrl: string;
  /** Every Basiszinssatz and the day it applies from, for interest day by day. */
  baseRates: BaseRate[];
  vacancyWarningDays: number;
  documents: DocumentService;
  /** Sends reminder digests: SES in AWS, the outbox folder locally. */
  mailTransport: MailTransport;
  mail: MailSettings;
  reminderSettings: ReminderSettings;
}

/** Today's calendar date in Europe/Berlin, from the injected clock. */
export const today = (deps: ApiDependencies) => berlinDate(deps.clock());
