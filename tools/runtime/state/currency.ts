/** ISO 4217 facts from the host's Intl data (JPY 0, EUR 2, KWD 3 decimals). */

const KNOWN = new Set(Intl.supportedValuesOf('currency'));

export function isKnownCurrency(code: string): boolean {
  return KNOWN.has(code);
}

/** Minor units per code, looked up once: building an Intl.NumberFormat per call dominated money-heavy runs. */
const DIGITS = new Map<string, number>();

export function fractionDigits(code: string): number {
  if (!KNOWN.has(code)) throw new Error(`Unknown currency '${code}'`);
  let digits = DIGITS.get(code);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    DIGITS.set(code, digits);
  }
  return digits;
}

/** Parses a decimal amount exactly; undefined when it has more decimals than the currency allows. */
export function parseAmount(amount: string | number, currency: string): number | undefined {
  const text = typeof amount === 'number' ? String(amount) : amount;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const decimals = (match[3] ?? '').replace(/0+$/, '');
  if (decimals.length > fractionDigits(currency)) return undefined;
  return Number(text);
}

export function formatAmount(value: number, currency: string): string {
  return value.toFixed(fractionDigits(currency));
}
