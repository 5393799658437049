/** German formats for people: 1.234,56 € and 30.06.2026. Integer arithmetic, so no cent is ever lost. */

function splitCents(cents: number): { sign: string; euros: string; rest: string } {
  const sign = cents < 0 ? '-' : '';
  const absolute = BigInt(Math.abs(cents));
  return { sign, euros: (absolute / 100n).toString(), rest: (absolute % 100n).toString().padStart(2, '0') };
}

/** `123456` → `1.234,56 €` */
export function formatEuro(cents: number): string {
  const { sign, euros, rest } = splitCents(cents);
  return `${sign}${euros.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${rest} €`;
}

/** `123456` → `1234,56`: a number German Excel reads as a number (no thousands separator to misread). */
export function formatDecimalComma(cents: number): string {
  const { sign, euros, rest } = splitCents(cents);
  return `${sign}${euros},${rest}`;
}

/** `2026-06-30` → `30.06.2026` */
export function formatGermanDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}
