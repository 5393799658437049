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
  | 'unavailable'
  | 'internal';

/**
 * Whether a kind's message may reach the client: middy's expose rule, decided once per kind.
 * Every kind a client can act on says what happened; a new kind must be entered here, so none
 * leaks by accident. `internal` never goes out: the client gets a generic message, the log the cause.
 */
const EXPOSED: Record<ErrorKind, boolean> = {
  validation: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  precondition_failed: true,
  precondition_required: true,
  unprocessable: true,
  payload_too_large: true,
  unsupported_media_type: true,
  // Only ever "busy, nothing changed, retry": safe and needed to act on.
  unavailable: true,
  internal: false,
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  /** Whether the message may go to the client; otherwise it is logged, and the client told nothing. */
  readonly expose: boolean;
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
    this.expose = EXPOSED[kind];
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('not_found', `${what} ${id} does not exist`);

export const invalid = (path: string, message: string) =>
  new AppError('validation', message, { errors: [{ path, message }] });
