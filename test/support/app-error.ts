import { AppError } from '../../shared/domain/errors.ts';

/** The AppError an action throws; fails the test if it throws nothing, and rethrows anything else. */
export function errorOf(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
