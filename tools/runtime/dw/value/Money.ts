import { type RuntimeContext } from '../context';
import {
  addDecimals,
  compareDecimals,
  decimalFromNumber,
  decimalToNumber,
  decimalToString,
  divideDecimals,
  multiplyDecimals,
  roundDecimal,
  subtractDecimals,
  type BigDecimal,
} from '../util/bigDecimal';
import { Currency } from '../util/Currency';
import { Decimal } from '../util/Decimal';
import { illegalArgument, nullPointer } from '../util/JavaException';
import { perContext } from '../util/perContext';
import { localeTag } from './localeTag';

const NOT_AVAILABLE_CODE = 'N/A';
const ZERO: BigDecimal = { unscaled: BigInt(0), scale: 0 };
const HUNDRED = decimalFromNumber(100);

/**
 * `dw.value.Money`: an amount in a currency, rounded HALF_UP to the currency's fraction digits
 * after every operation. Each run gets its own subclass (moneyClassFor) so that
 * `toFormattedString()` follows the run's request locale.
 */
export class Money {
  static readonly NOT_AVAILABLE: Money;
  declare protected readonly requestLocale: string;
  private readonly amount: BigDecimal;
  private readonly code: string;

  constructor(value: number | Decimal, currencyCode: string) {
    if (value === null || value === undefined) throw nullPointer('Money value must not be null');
    if (currencyCode === null || currencyCode === undefined) throw nullPointer('Money currency must not be null');
    const code = String(currencyCode);
    if (code === NOT_AVAILABLE_CODE) {
      this.code = code;
      this.amount = ZERO;
      return;
    }
    if (!Currency.isKnown(code)) throw illegalArgument(`Unknown currency code: ${code}`);
    this.code = code;
    const exact = value instanceof Decimal ? value.toBigDecimal() : decimalFromNumber(Number(value));
    this.amount = roundDecimal(exact, Currency.fractionDigitsOf(code), 'HALF_UP');
  }

  isAvailable(): boolean {
    return this.code !== NOT_AVAILABLE_CODE;
  }

  get available(): boolean {
    return this.isAvailable();
  }

  getCurrencyCode(): string {
    return this.code;
  }

  get currencyCode(): string {
    return this.code;
  }

  getValue(): number {
    return decimalToNumber(this.amount);
  }

  get value(): number {
    return this.getValue();
  }

  getValueOrNull(): number | null {
    return this.isAvailable() ? this.getValue() : null;
  }

  get valueOrNull(): number | null {
    return this.getValueOrNull();
  }

  getDecimalValue(): Decimal | null {
    return this.isAvailable() ? Decimal.fromBigDecimal(this.amount) : null;
  }

  get decimalValue(): Decimal | null {
    return this.getDecimalValue();
  }

  isOfSameCurrency(other: Money): boolean {
    return other instanceof Money && other.code === this.code;
  }

  add(other: Money): Money {
    return this.combine(other, addDecimals);
  }

  subtract(other: Money): Money {
    return this.combine(other, subtractDecimals);
  }

  multiply(factor: number | { value: number }): Money {
    const by = typeof factor === 'number' ? factor : Number(factor?.value);
    return this.derive((amount) => multiplyDecimals(amount, decimalFromNumber(by)));
  }

  divide(divisor: number): Money {
    return this.derive((amount) => divideDecimals(amount, decimalFromNumber(Number(divisor))));
  }

  addPercent(percent: number): Money {
    return this.derive((amount) => addDecimals(amount, percentOfAmount(amount, percent)));
  }

  subtractPercent(percent: number): Money {
    return this.derive((amount) => subtractDecimals(amount, percentOfAmount(amount, percent)));
  }

  addRate(rate: number): Money {
    return this.derive((amount) => addDecimals(amount, multiplyDecimals(amount, decimalFromNumber(rate))));
  }

  subtractRate(rate: number): Money {
    return this.derive((amount) => subtractDecimals(amount, multiplyDecimals(amount, decimalFromNumber(rate))));
  }

  newMoney(value: Decimal | null): Money {
    const Same = this.constructor as typeof Money;
    if (value === null || value === undefined || !this.isAvailable()) return Same.NOT_AVAILABLE;
    return new Same(value, this.code);
  }

  /** N/A counts as 0; different currencies throw. */
  compareTo(other: Money): number {
    if (this.isAvailable() && other.isAvailable()) this.assertSameCurrency(other);
    return compareDecimals(this.amount, other.amount);
  }

  equals(other: unknown): boolean {
    return other instanceof Money && other.code === this.code && compareDecimals(this.amount, other.amount) === 0;
  }

  hashCode(): number {
    return Math.trunc(this.getValue() * 100) | 0;
  }

  /** Percent of `base` this amount is (30 of 50 → 60), or null when not computable. */
  percentOf(base: Money | null): number | null {
    if (!base || !this.isAvailable() || !base.isAvailable() || base.amount.unscaled === BigInt(0)) return null;
    this.assertSameCurrency(base);
    return decimalToNumber(divideDecimals(multiplyDecimals(this.amount, HUNDRED), base.amount));
  }

  /** The discount this price is off `base` (30 of 50 → 40), or null when not computable. */
  percentLessThan(base: Money | null): number | null {
    const percent = this.percentOf(base);
    return percent === null ? null : decimalToNumber(subtractDecimals(HUNDRED, decimalFromNumber(percent)));
  }

  /** Distributes `dist` over `values` in proportion, the rounding remainder going to the last share. */
  static prorate(dist: Money, ...values: Money[]): Money[] {
    const shares = values.length === 1 && Array.isArray(values[0]) ? (values[0] as Money[]) : values;
    const total = shares.reduce((sum, share) => addDecimals(sum, share.amount), ZERO);
    let distributed = ZERO;
    return shares.map((share, index) => {
      const portion =
        index === shares.length - 1
          ? subtractDecimals(dist.amount, distributed)
          : total.unscaled === BigInt(0)
            ? ZERO
            : roundDecimal(
                divideDecimals(multiplyDecimals(dist.amount, share.amount), total),
                Currency.fractionDigitsOf(share.code),
              );
      distributed = addDecimals(distributed, portion);
      return share.withAmount(addDecimals(share.amount, portion));
    });
  }

  /** `EUR 10.00`; N/A for the not-available money. */
  toString(): string {
    return this.isAvailable() ? `${this.code} ${decimalToString(this.amount)}` : NOT_AVAILABLE_CODE;
  }

  toNumberString(): string {
    return this.isAvailable() ? decimalToString(this.amount) : NOT_AVAILABLE_CODE;
  }

  /** As the request locale formats it, e.g. `$59.00` or `59,00 €`. */
  toFormattedString(): string {
    if (!this.isAvailable()) return NOT_AVAILABLE_CODE;
    return new Intl.NumberFormat(localeTag(this.requestLocale), { style: 'currency', currency: this.code }).format(
      this.getValue(),
    );
  }

  valueOf(): number {
    return this.getValue();
  }

  private assertSameCurrency(other: Money): void {
    if (!(other instanceof Money)) throw illegalArgument('not a Money');
    if (other.code !== this.code) {
      throw illegalArgument(`Currency mismatch: ${this.code} and ${other.code}`);
    }
  }

  private combine(other: Money, operation: (a: BigDecimal, b: BigDecimal) => BigDecimal): Money {
    if (other === null || other === undefined) throw nullPointer('Money argument must not be null');
    if (!this.isAvailable() || !other.isAvailable()) return (this.constructor as typeof Money).NOT_AVAILABLE;
    this.assertSameCurrency(other);
    return this.withAmount(operation(this.amount, other.amount));
  }

  private derive(operation: (amount: BigDecimal) => BigDecimal): Money {
    if (!this.isAvailable()) return this;
    return this.withAmount(operation(this.amount));
  }

  private withAmount(amount: BigDecimal): Money {
    const Same = this.constructor as typeof Money;
    return new Same(Decimal.fromBigDecimal(amount), this.code);
  }
}

function percentOfAmount(amount: BigDecimal, percent: number): BigDecimal {
  return divideDecimals(multiplyDecimals(amount, decimalFromNumber(percent)), HUNDRED);
}

/** A run's Money class: same behaviour, request locale from the RuntimeContext, its own NOT_AVAILABLE. */
export const moneyClassFor = perContext((ctx: RuntimeContext): typeof Money => {
  const Bound = class extends Money {};
  Object.defineProperty(Bound, 'name', { value: 'Money' });
  Object.defineProperty(Bound.prototype, 'requestLocale', { get: () => ctx.locale });
  Object.defineProperty(Bound, 'NOT_AVAILABLE', { value: new Bound(0, NOT_AVAILABLE_CODE), enumerable: true });
  return Bound;
});

Object.defineProperty(Money, 'NOT_AVAILABLE', { value: new Money(0, NOT_AVAILABLE_CODE), enumerable: true });
