/** `dw.util.Currency`: ISO 4217 data taken from the ICU data Node ships (Intl). */
export class Currency {
  private static readonly known = new Set(Intl.supportedValuesOf('currency'));
  private static readonly digits = new Map<string, number>();
  private readonly code: string;

  private constructor(code: string) {
    this.code = code;
  }

  /** The currency, or null for a code that is not an ISO 4217 currency (as on the platform). */
  static getCurrency(currencyCode: string): Currency | null {
    const code = String(currencyCode ?? '').toUpperCase();
    return Currency.known.has(code) && /^[A-Z]{3}$/.test(code) ? new Currency(code) : null;
  }

  /** Host side: whether `code` is an ISO 4217 currency code. */
  static isKnown(code: string): boolean {
    return Currency.known.has(code);
  }

  /** Host side: the ISO 4217 minor unit (JPY 0, EUR 2, KWD 3). */
  static fractionDigitsOf(code: string): number {
    // Cached per code: an Intl.NumberFormat per call was a tenth of a capture run's CPU time.
    let digits = Currency.digits.get(code);
    if (digits === undefined) {
      digits = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits as number;
      Currency.digits.set(code, digits);
    }
    return digits;
  }

  getCurrencyCode(): string {
    return this.code;
  }

  get currencyCode(): string {
    return this.code;
  }

  getDefaultFractionDigits(): number {
    return Currency.fractionDigitsOf(this.code);
  }

  get defaultFractionDigits(): number {
    return this.getDefaultFractionDigits();
  }

  /** The symbol in the platform's default locale (en_US): `€`, `$`, `¥`, `CA$`… */
  getSymbol(): string {
    const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency: this.code }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? this.code;
  }

  get symbol(): string {
    return this.getSymbol();
  }

  getName(): string {
    return new Intl.DisplayNames(['en'], { type: 'currency' }).of(this.code) ?? this.code;
  }

  get name(): string {
    return this.getName();
  }

  toString(): string {
    return this.code;
  }

  equals(other: unknown): boolean {
    return other instanceof Currency && other.code === this.code;
  }
}
