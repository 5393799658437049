import { AppError } from '../domain/errors.ts';

/** SDK errors that mean "busy, try again": nothing was written. */
const RETRYABLE = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
  'InternalServerError',
  'ServiceUnavailable',
]);
/** Cancellation reasons of a transaction that mean the same. */
export const RETRYABLE_REASONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

export const busy = (cause: unknown) =>
  new AppError('unavailable', 'The database is busy; nothing was changed. Please retry.', {
    cause,
    extensions: { retryAfterSeconds: 1 },
  });

export const conflict = (message: string) => new AppError('conflict', message);

/** SDK failures become domain errors; anything unknown stays an unexpected error (a 500). */
export function mapStoreError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (RETRYABLE.has(name)) return busy(error);
  if (name === 'ConditionalCheckFailedException') return conflict('The record was changed by someone else');
  return error;
}
