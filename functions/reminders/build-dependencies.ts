import { ulid } from 'ulid';
import type { ReminderJobConfig } from '../../shared/config/config.ts';
import { createLogger } from '../../shared/logger.ts';
import { createMailTransport } from '../../shared/mail/create-transport.ts';
import type { ReminderJobDependencies } from '../../shared/reminders/run-reminders.ts';
import { createDynamoClients } from '../../shared/store/dynamo-client.ts';
import { ReminderRepository } from '../../shared/store/reminder.repository.ts';
import { Table } from '../../shared/store/table.ts';

/** Wires the job from config, once per cold start: no Hono, no auth, no cursor secret. */
export function buildReminderJob(config: ReminderJobConfig): ReminderJobDependencies {
  const { doc } = createDynamoClients({ endpoint: config.dynamodbEndpoint });
  return {
    reminders: new ReminderRepository(new Table(doc, config.tableName)),
    transport: createMailTransport(config.mail),
    clock: () => new Date(),
    newId: () => ulid(),
    settings: config.reminders,
    mail: config.mail,
    publicBaseUrl: config.publicBaseUrl,
    baseRates: config.baseRates,
    logger: createLogger(config.logLevel, 'foerdertracker-reminders'),
  };
}
