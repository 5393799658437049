import { AppError } from './errors.ts';

/**
 * Checks one move against a transition table. Every other move is a conflict that names
 * the moves allowed from here, so a client can correct itself.
 */
export function checkTransition<S extends string>(
  what: string,
  table: Record<S, readonly S[]>,
  from: S,
  to: S,
): void {
  const allowed = table[from];
  if (!allowed.includes(to)) {
    throw new AppError('conflict', `${what} cannot go from ${from} to ${to}`, {
      extensions: { from, allowed },
    });
  }
}
