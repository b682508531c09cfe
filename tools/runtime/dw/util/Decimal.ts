import {
  addDecimals,
  compareDecimals,
  decimalFromNumber,
  decimalToNumber,
  decimalToString,
  divideDecimals,
  multiplyDecimals,
  negateDecimal,
  parseDecimal,
  roundDecimal,
  subtractDecimals,
  type BigDecimal,
} from './bigDecimal';
import { illegalArgument } from './JavaException';

type DecimalInput = number | string | bigint | Decimal;

/** `dw.util.Decimal`: an immutable exact decimal (java.math.BigDecimal on the platform). */
export class Decimal {
  private readonly exact: BigDecimal;

  constructor(value?: DecimalInput) {
    this.exact = toBigDecimal(value ?? 0);
  }

  /** Host side: the exact value. */
  static fromBigDecimal(value: BigDecimal): Decimal {
    return new Decimal(decimalToString(value));
  }

  /** Host side: the exact value. */
  toBigDecimal(): BigDecimal {
    return this.exact;
  }

  abs(): Decimal {
    return this.exact.unscaled < BigInt(0) ? this.negate() : this;
  }

  negate(): Decimal {
    return Decimal.fromBigDecimal(negateDecimal(this.exact));
  }

  add(value: number | Decimal): Decimal {
    return Decimal.fromBigDecimal(addDecimals(this.exact, toBigDecimal(value)));
  }

  subtract(value: number | Decimal): Decimal {
    return Decimal.fromBigDecimal(subtractDecimals(this.exact, toBigDecimal(value)));
  }

  multiply(value: number | Decimal): Decimal {
    return Decimal.fromBigDecimal(multiplyDecimals(this.exact, toBigDecimal(value)));
  }

  /** 34 significant digits, HALF_EVEN, as documented. */
  divide(value: number | Decimal): Decimal {
    return Decimal.fromBigDecimal(divideDecimals(this.exact, toBigDecimal(value)));
  }

  addPercent(percent: number | Decimal): Decimal {
    return this.add(this.multiply(percent).divide(new Decimal(100)));
  }

  subtractPercent(percent: number | Decimal): Decimal {
    return this.subtract(this.multiply(percent).divide(new Decimal(100)));
  }

  /** HALF_UP to `decimals` digits after the point. */
  round(decimals: number): Decimal {
    return Decimal.fromBigDecimal(roundDecimal(this.exact, Math.trunc(decimals), 'HALF_UP'));
  }

  get(): number {
    return decimalToNumber(this.exact);
  }

  valueOf(): number {
    return this.get();
  }

  toString(): string {
    return decimalToString(this.exact);
  }

  /** Numeric equality (2.0 equals 2.00), unlike BigDecimal.equals. */
  equals(other: unknown): boolean {
    return other instanceof Decimal && compareDecimals(this.exact, other.exact) === 0;
  }

  compareTo(other: Decimal): number {
    return compareDecimals(this.exact, toBigDecimal(other));
  }

  hashCode(): number {
    return Math.trunc(this.get()) | 0;
  }
}

function toBigDecimal(value: DecimalInput): BigDecimal {
  if (value instanceof Decimal) return value.toBigDecimal();
  if (typeof value === 'number') return decimalFromNumber(value);
  if (typeof value === 'bigint') return { unscaled: value, scale: 0 };
  if (typeof value === 'string') return parseDecimal(value);
  throw illegalArgument(`not a number or Decimal: ${String(value)}`);
}
