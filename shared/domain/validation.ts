import type * as z from '../zod.ts';
import { AppError, type FieldError } from './errors.ts';

export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parses with a schema; a failure becomes a `validation` AppError listing every field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  return invalidInput(what, result.error.issues);
}

function invalidInput(what: string, issues: readonly z.core.$ZodIssue[]): never {
  throw new AppError('validation', `The ${what} is not valid`, { errors: fieldErrors(issues) });
}
