/**
 * Errors by kind, not by name: the domain and the store say *what* went wrong, and the
 * HTTP layer maps each kind to a status in one table.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'unprocessable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unavailable';

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly errors: FieldError[] | undefined;
  /** Extra members for the problem document (e.g. `allowed` transitions). */
  readonly extensions: Record<string, unknown> | undefined;

  constructor(
    kind: ErrorKind,
    message: string,
    options: { errors?: FieldError[]; extensions?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('not_found', `${what} ${id} does not exist`);

export const invalid = (path: string, message: string) =>
  new AppError('validation', message, { errors: [{ path, message }] });
