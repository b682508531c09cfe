import { localeTag } from '../value/localeTag';
import { decimalFromNumber, decimalToString, roundDecimal } from './bigDecimal';

interface Symbols {
  decimal: string;
  group: string;
  minus: string;
}

function symbolsFor(locale: string | undefined): Symbols {
  const parts = new Intl.NumberFormat(localeTag(locale)).formatToParts(-12345.6);
  return {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    minus: parts.find((part) => part.type === 'minusSign')?.value ?? '-',
  };
}

/**
 * Formats like java.text.DecimalFormat for the common patterns (`#,##0.00`, `0`, `0.###`, `#%`):
 * prefix/suffix text, grouping, minimum integer digits, minimum and maximum fraction digits,
 * percent and per-mille, HALF_EVEN rounding, separators of the locale.
 */
export function formatDecimalPattern(value: number, pattern: string, locale: string | undefined): string {
  const positivePattern = pattern.split(';')[0];
  const match = /^([^#0,.]*)([#0,]*)(?:\.([#0]*))?(.*)$/.exec(positivePattern);
  if (!match) return String(value);
  const [, prefix, integerPart, fractionPart = '', suffix] = match;
  const multiplier = suffix.includes('%') || prefix.includes('%') ? 100 : suffix.includes('‰') ? 1000 : 1;
  const minInteger = (integerPart.replace(/,/g, '').match(/0/g) ?? []).length;
  const minFraction = (fractionPart.match(/0/g) ?? []).length;
  const maxFraction = fractionPart.length;
  const lastComma = integerPart.lastIndexOf(',');
  const groupSize = lastComma < 0 ? 0 : integerPart.length - lastComma - 1;
  const symbols = symbolsFor(locale);

  const scaled = decimalFromNumber(value * multiplier);
  const rounded = decimalToString(roundDecimal(scaled, maxFraction, 'HALF_EVEN'));
  const negative = rounded.startsWith('-');
  const [integerDigits, fractionDigits = ''] = (negative ? rounded.slice(1) : rounded).split('.');
  let fraction = fractionDigits.replace(/0+$/, '');
  if (fraction.length < minFraction) fraction = fraction.padEnd(minFraction, '0');
  let integer = integerDigits.replace(/^0+/, '').padStart(minInteger, '0');
  if (groupSize > 0) {
    const groups: string[] = [];
    for (let end = integer.length; end > 0; end -= groupSize)
      groups.unshift(integer.slice(Math.max(0, end - groupSize), end));
    integer = groups.join(symbols.group);
  }
  const body = `${integer}${fraction ? `${symbols.decimal}${fraction}` : ''}` || '0';
  const isZero = !/[1-9]/.test(body);
  return `${negative && !isZero ? symbols.minus : ''}${unquote(prefix)}${body}${unquote(suffix)}`;
}

/** Pattern affix text: quotes are removed, `''` is a quote. */
function unquote(text: string): string {
  return text.replace(/''|'/g, (quote) => (quote === "''" ? "'" : ''));
}

/** java.text.NumberFormat.getInstance(locale): grouping, up to 3 fraction digits, HALF_EVEN. */
export function formatDefaultNumber(value: number, locale: string | undefined): string {
  return formatDecimalPattern(value, '#,##0.###', locale);
}

/** java.text.NumberFormat.getIntegerInstance(locale). */
export function formatDefaultInteger(value: number, locale: string | undefined): string {
  return formatDecimalPattern(value, '#,##0', locale);
}
