/**
 * Money in minor units: integers in the currency's smallest unit (cents for EUR, yen for JPY,
 * fils for KWD). Amounts enter as SFCC decimals (Money values, double attributes) and are
 * converted once, exactly, through their decimal text, never through `amount * 100` on doubles
 * (19.99 * 100 is 1998.9999…, and JPY has no cents at all).
 */
import Currency = require('dw/util/Currency');
import { message } from './messages';

/** Decimal digits of the currency's minor unit, or null when the platform does not know the code. */
export function fractionDigits(currencyCode: string | null | undefined): number | null {
  if (!currencyCode) return null;
  const currency = Currency.getCurrency(String(currencyCode));
  return currency ? currency.getDefaultFractionDigits() : null;
}

function requireFractionDigits(currencyCode: string): number {
  const digits = fractionDigits(currencyCode);
  if (digits === null) throw new Error(message('money.unknownCurrency', currencyCode));
  return digits;
}

/** The plain decimal text of a finite number, without exponent ("1e-7" → "0.0000001"). */
function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const sign = match[1];
  let digits = match[2] + (match[3] || '');
  let point = match[2].length + parseInt(match[4], 10);
  if (point <= 0) {
    digits = new Array(1 - point + 1).join('0') + digits;
    point = 1;
  }
  while (digits.length < point) digits += '0';
  return sign + digits.substring(0, point) + (point < digits.length ? '.' + digits.substring(point) : '');
}

/**
 * Converts a decimal amount to minor units of the currency, rounding half away from zero at the
 * minor unit (12.345 EUR → 1235, 99.5 JPY → 100). Throws on an unknown currency or a value that
 * is not a finite number.
 */
export function toMinorUnits(amount: number, currencyCode: string): number {
  const digits = requireFractionDigits(currencyCode);
  if (typeof amount !== 'number' || !isFinite(amount)) {
    throw new Error(message('money.notANumber', String(amount)));
  }
  const text = plainDecimal(amount);
  const negative = text.charAt(0) === '-';
  const unsigned = negative ? text.substring(1) : text;
  const pointAt = unsigned.indexOf('.');
  const whole = pointAt < 0 ? unsigned : unsigned.substring(0, pointAt);
  let fraction = pointAt < 0 ? '' : unsigned.substring(pointAt + 1);
  while (fraction.length <= digits) fraction += '0';
  const kept = fraction.substring(0, digits);
  const roundUp = fraction.charAt(digits) >= '5';
  let minor = parseInt(whole + kept, 10);
  if (roundUp) minor += 1;
  if (minor > 9007199254740991) throw new Error(message('money.tooLarge', text));
  return negative && minor !== 0 ? -minor : minor;
}

/** The decimal value of an amount in minor units (1999 EUR → 19.99, 1999 JPY → 1999). */
export function fromMinorUnits(minorUnits: number, currencyCode: string): number {
  const digits = requireFractionDigits(currencyCode);
  return parseFloat(formatDecimal(minorUnits, digits));
}

function formatDecimal(minorUnits: number, digits: number): string {
  const negative = minorUnits < 0;
  let text = String(Math.abs(Math.round(minorUnits)));
  if (digits > 0) {
    while (text.length <= digits) text = '0' + text;
    text = text.substring(0, text.length - digits) + '.' + text.substring(text.length - digits);
  }
  return (negative ? '-' : '') + text;
}

/** "19.99 EUR", "1999 JPY", "1.250 KWD": minor units shown with the currency's digits. */
export function formatMinorUnits(minorUnits: number, currencyCode: string): string {
  const digits = fractionDigits(currencyCode);
  return formatDecimal(minorUnits, digits === null ? 0 : digits) + ' ' + currencyCode;
}

/** Minor units of a dw.value.Money, or null when it is not available. */
export function moneyToMinorUnits(money: dw.value.Money | null | undefined): number | null {
  if (!money || !money.available) return null;
  return toMinorUnits(money.value, money.currencyCode);
}

/** True for a safe integer (an amount in minor units must be one). */
export function isMinorUnits(value: unknown): value is number {
  return (
    typeof value === 'number' && isFinite(value) && Math.floor(value) === value && Math.abs(value) <= 9007199254740991
  );
}

/**
 * Like toMinorUnits, for amounts a person typed: refuses more decimals than the currency has
 * (99.5 JPY, 80.005 EUR) instead of rounding them away.
 */
export function toMinorUnitsExact(amount: number, currencyCode: string): number {
  const digits = requireFractionDigits(currencyCode);
  const text = typeof amount === 'number' && isFinite(amount) ? plainDecimal(amount) : '';
  const pointAt = text.indexOf('.');
  const fraction = pointAt < 0 ? '' : text.substring(pointAt + 1).replace(/0+$/, '');
  if (fraction.length > digits) {
    throw new Error(message('money.tooManyDecimals', text, currencyCode, String(digits)));
  }
  return toMinorUnits(amount, currencyCode);
}
