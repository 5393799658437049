export type LocalRuntimeErrorCode =
  | 'JAVA_NOT_FOUND'
  | 'JAVA_TOO_OLD'
  | 'PORT_IN_USE'
  | 'FETCH_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'START_FAILED'
  | 'START_TIMEOUT';

/** A failure of the local runtime whose message is one line a person can act on. */
export class LocalRuntimeError extends Error {
  override readonly name = 'LocalRuntimeError';
  readonly code: LocalRuntimeErrorCode;

  constructor(code: LocalRuntimeErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export const JAVA_HINT = 'DynamoDB Local needs Java 17+ (apt-get install openjdk-17-jre-headless)';

/** The line of a tool's output (npm, tar, Java) that says what went wrong, for a one-line message. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !line.startsWith('...') && !/^npm warn/i.test(line));
  const errorLine = lines.findLast((line) => /error|exception/i.test(line));
  return (errorLine ?? lines.at(-1) ?? '').slice(0, 300);
}

export function isErrno(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    codes.includes(error.code)
  );
}
