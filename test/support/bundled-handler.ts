import { pathToFileURL } from 'node:url';
import { ENV } from '../../shared/config/environment-keys.ts';
import { createTestTable, type TestTable } from './dynamodb.ts';
import { type LambdaBundles, synthLambdaBundles } from './lambda-bundles.ts';

/** A bundled Lambda handler, imported into this process as Lambda would load it. */
export interface BundledHandler<Handler> {
  handler: Handler;
  /** The bundles it came from (`bundles.api` is the API's entry file). */
  bundles: LambdaBundles;
  /** Puts the environment back as it was and removes the bundles. */
  remove(): Promise<void>;
}

/**
 * Synthesizes the Lambda bundles and makes a fresh table in DynamoDB Local, sets the environment
 * CDK sets in AWS, pointed at that table, plus what `prepare` returns (it runs first, e.g. to
 * seed the table), then imports the bundled handler, which reads the environment on import.
 * Takes a few seconds; call it in `beforeAll` with a long timeout, and `remove` in `afterAll`.
 */
export async function importBundledHandler<Handler>(
  bundle: 'api' | 'reminders',
  prepare: (table: TestTable) => Promise<Record<string, string>> | Record<string, string>,
): Promise<BundledHandler<Handler>> {
  const previousEnv = { ...process.env };
  const [table, bundles] = await Promise.all([createTestTable(), synthLambdaBundles()]);
  const remove = async () => {
    process.env = previousEnv;
    await bundles.cleanup();
  };
  try {
    Object.assign(process.env, {
      [ENV.tableName]: table.tableName,
      [ENV.dynamodbEndpoint]: table.endpoint,
      [ENV.logLevel]: 'ERROR',
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      ...(await prepare(table)),
    });
    const { handler } = (await import(pathToFileURL(bundles[bundle]).href)) as { handler: Handler };
    return { handler, bundles, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
