/**
 * Values at and past the edges, as JSON text where JavaScript would round them: numbers
 * DynamoDB cannot store (below 1e-130, above 1e125, more than 38 significant digits) and
 * beyond what a double holds exactly, strings at and beyond their limits.
 */
export const NUMBER_EXTREMES = [
  '1e-200',
  '-1e-200',
  '5e-324',
  '1e200',
  '-1e200',
  '1.7976931348623157e308',
  '0.1234567890123456789012345678901234567890',
  '123456789012345678901234567890',
] as const;

/** Strings for a field of at most `maxLength` characters: the limit, one past it, and what else text can be. */
export const stringExtremes = (maxLength = 200) => [
  'x'.repeat(maxLength),
  'x'.repeat(maxLength + 1),
  'ä'.repeat(maxLength),
  '😀'.repeat(Math.ceil(maxLength / 2)),
  '😀'.repeat(maxLength),
  'e\u0301'.repeat(Math.ceil(maxLength / 2)),
  '\u0000\u0007\u001b[31m\u007f',
  '\ud800',
  '\u202eevil\u202c',
  '\u200b',
  ' \t\n ',
  '',
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  '=HYPERLINK("http://x")',
  '../../etc/passwd',
  '%00',
  '{"$ne": null}',
  'x'.repeat(300_000),
];

/** Path segments that are no id: malformed, traversing, encoded, numbers at their edges. */
export const JUNK_SEGMENTS = [
  'x',
  '..',
  '%2e%2e',
  '%00',
  '%C3%84%C3%96%C3%9C',
  '%F0%9F%98%80',
  '1'.repeat(300),
  '01JC0Z6XKX2P4T3C8Y5W7QF9A',
  '01jc0z6xkx2p4t3c8y5w7qf9ab',
  '-1',
  '0',
  'null',
  'undefined',
  '2024-13',
  ...NUMBER_EXTREMES,
];
