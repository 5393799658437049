import { ulid } from 'ulid';
import type { Config } from '../../shared/config/config.ts';
import { documentService } from '../../shared/documents/document-service.ts';
import { s3ObjectStorage } from '../../shared/documents/object-storage.ts';
import { createLogger } from '../../shared/logger.ts';
import { createMailTransport } from '../../shared/mail/create-transport.ts';
import { DocumentRepository } from '../../shared/store/document.repository.ts';
import { createDynamoClients } from '../../shared/store/dynamo-client.ts';
import { createStore } from '../../shared/store/store.ts';
import { TTL_ATTRIBUTE } from '../../shared/store/table-definition.ts';
import type { ApiDependencies } from './dependencies.ts';
import type { Authenticator } from './platform/auth.ts';

/** Wires real parts from config; called once per cold start (Lambda) or process (local). */
export function buildDependencies(config: Config, authenticator: Authenticator): ApiDependencies {
  const { client, doc } = createDynamoClients({ endpoint: config.dynamodbEndpoint });
  const store = createStore(doc, config.tableName, config.cursorSecret);
  return {
    store,
    clock: () => new Date(),
    newId: () => ulid(),
    authenticator,
    idempotencyStore: lazily(async () => {
      const { DynamoDBPersistenceLayer } = await import('@aws-lambda-powertools/idempotency/dynamodb');
      return new DynamoDBPersistenceLayer({
        tableName: config.tableName,
        keyAttr: 'pk',
        sortKeyAttr: 'sk',
        staticPkValue: 'IDEMPOTENCY',
        expiryAttr: TTL_ATTRIBUTE,
        awsSdkV3Client: client,
      });
    }),
    logger: createLogger(config.logLevel),
    publicBaseUrl: config.publicBaseUrl,
    baseRates: config.baseRates,
    vacancyWarningDays: config.vacancyWarningDays,
    documents: documentService(
      new DocumentRepository(store.table),
      s3ObjectStorage({ bucket: config.documentsBucket, endpoint: config.s3Endpoint }),
      { maxBytes: config.documentMaxBytes, uploadUrlSeconds: 15 * 60, downloadUrlSeconds: 5 * 60 },
    ),
    mailTransport: createMailTransport(config.mail),
    mail: config.mail,
    reminderSettings: config.reminders,
  };
}

/** Runs `load` once, on first call, and shares its result. */
function lazily<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}
