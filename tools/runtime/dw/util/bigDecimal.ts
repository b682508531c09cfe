import { arithmetic, JavaException } from './JavaException';

/** An exact decimal `unscaled × 10^-scale`, the part of java.math.BigDecimal that Decimal and Money need. */
export interface BigDecimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

export type RoundingMode = 'HALF_UP' | 'HALF_EVEN';

const DECIMAL_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const TEN = BigInt(10);
const ZERO = BigInt(0);

const pow10 = (exponent: number): bigint => TEN ** BigInt(exponent);
const abs = (value: bigint): bigint => (value < ZERO ? -value : value);

export function parseDecimal(text: string): BigDecimal {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new JavaException('java.lang.NumberFormatException', `not a decimal number: ${text}`);
  }
  const [, sign, integer, fraction = '', exponent = '0'] = match;
  const digits = BigInt(`${integer}${fraction}` || '0');
  return { unscaled: sign === '-' ? -digits : digits, scale: fraction.length - Number(exponent) };
}

/** From a script number via its shortest decimal form, like `BigDecimal.valueOf(double)`. */
export function decimalFromNumber(value: number): BigDecimal {
  if (!Number.isFinite(value))
    throw new JavaException('java.lang.NumberFormatException', `not a finite number: ${value}`);
  return parseDecimal(String(value));
}

export function decimalToString(value: BigDecimal): string {
  if (value.scale <= 0) return (value.unscaled * pow10(-value.scale)).toString();
  const digits = abs(value.unscaled)
    .toString()
    .padStart(value.scale + 1, '0');
  const point = digits.length - value.scale;
  return `${value.unscaled < ZERO ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export const decimalToNumber = (value: BigDecimal): number => Number(decimalToString(value));

function withScale(value: BigDecimal, scale: number): bigint {
  return value.unscaled * pow10(scale - value.scale);
}

export function addDecimals(a: BigDecimal, b: BigDecimal): BigDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { unscaled: withScale(a, scale) + withScale(b, scale), scale };
}

export const negateDecimal = (value: BigDecimal): BigDecimal => ({ unscaled: -value.unscaled, scale: value.scale });

export const subtractDecimals = (a: BigDecimal, b: BigDecimal): BigDecimal => addDecimals(a, negateDecimal(b));

export const multiplyDecimals = (a: BigDecimal, b: BigDecimal): BigDecimal => ({
  unscaled: a.unscaled * b.unscaled,
  scale: a.scale + b.scale,
});

export function compareDecimals(a: BigDecimal, b: BigDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const difference = withScale(a, scale) - withScale(b, scale);
  return difference === ZERO ? 0 : difference < ZERO ? -1 : 1;
}

/** Rounds `numerator / denominator` (denominator > 0) to an integer; `sticky` marks a nonzero discarded tail. */
function roundQuotient(numerator: bigint, denominator: bigint, mode: RoundingMode, sticky = false): bigint {
  const quotient = numerator / denominator;
  const remainder = abs(numerator % denominator);
  if (remainder === ZERO && !sticky) return quotient;
  const twice = remainder * BigInt(2);
  const roundAway =
    twice > denominator ||
    (twice === denominator && (sticky || mode === 'HALF_UP' || abs(quotient) % BigInt(2) === BigInt(1)));
  if (!roundAway) return quotient;
  return numerator < ZERO ? quotient - BigInt(1) : quotient + BigInt(1);
}

/** `BigDecimal.setScale(scale, mode)`. */
export function roundDecimal(value: BigDecimal, scale: number, mode: RoundingMode = 'HALF_UP'): BigDecimal {
  if (scale >= value.scale) return { unscaled: withScale(value, scale), scale };
  return { unscaled: roundQuotient(value.unscaled, pow10(value.scale - scale), mode), scale };
}

const digitCount = (value: bigint): number => (value === ZERO ? 1 : abs(value).toString().length);

/**
 * `BigDecimal.divide(divisor, MathContext.DECIMAL128)`: 34 significant digits, HALF_EVEN, trailing
 * zeros stripped down to the preferred scale (`a.scale - b.scale`).
 */
export function divideDecimals(a: BigDecimal, b: BigDecimal, precision = 34): BigDecimal {
  if (b.unscaled === ZERO) throw arithmetic('Division by zero');
  const preferredScale = a.scale - b.scale;
  if (a.unscaled === ZERO) return { unscaled: ZERO, scale: Math.max(preferredScale, 0) };
  const extra = Math.max(0, precision + digitCount(b.unscaled) - digitCount(a.unscaled) + 1);
  const sign = b.unscaled < ZERO ? -BigInt(1) : BigInt(1);
  const numerator = a.unscaled * pow10(extra) * sign;
  const denominator = abs(b.unscaled);
  let unscaled = numerator / denominator;
  let scale = preferredScale + extra;
  const inexact = numerator % denominator !== ZERO;
  const excess = digitCount(unscaled) - precision;
  if (excess > 0) {
    // Round the exact quotient (not the truncated one) to `precision` digits.
    unscaled = roundQuotient(numerator, denominator * pow10(excess), 'HALF_EVEN');
    scale -= excess;
    if (digitCount(unscaled) > precision) {
      unscaled /= TEN;
      scale -= 1;
    }
  } else if (inexact) {
    unscaled = roundQuotient(numerator, denominator, 'HALF_EVEN');
  }
  while (scale > preferredScale && unscaled % TEN === ZERO && unscaled !== ZERO) {
    unscaled /= TEN;
    scale -= 1;
  }
  return { unscaled, scale };
}
