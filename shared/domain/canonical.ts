/**
 * A value as canonical JSON: object keys sorted, undefined members left out. Two values that
 * mean the same give the same text, whatever order a store returned their map keys in.
 */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Structural equality of plain data (what JSON can hold). */
export const sameData = (a: unknown, b: unknown) => canonical(a) === canonical(b);
