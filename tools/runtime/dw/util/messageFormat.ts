import { formatDecimalPattern, formatDefaultInteger, formatDefaultNumber } from './decimalFormat';

/**
 * java.text.MessageFormat as scripts meet it in StringUtils.format and Resource.msgf: `{0}`
 * placeholders, `{0,number}` / `{0,number,integer}` / `{0,number,#.00}`, numbers formatted with the
 * locale's grouping (1234 gives `1,234`), `''` for a quote and `'{…}'` for literal text.
 */
export function formatMessage(pattern: string, args: readonly unknown[], locale: string | undefined): string {
  let result = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === "'") {
      if (pattern[index + 1] === "'") {
        result += "'";
        index += 2;
        continue;
      }
      const end = pattern.indexOf("'", index + 1);
      result += end < 0 ? pattern.slice(index + 1) : pattern.slice(index + 1, end);
      index = end < 0 ? pattern.length : end + 1;
    } else if (char === '{') {
      const end = matchingBrace(pattern, index);
      if (end < 0) throw new Error(`Unmatched braces in the pattern: ${pattern}`);
      result += formatArgument(pattern.slice(index + 1, end), args, locale);
      index = end + 1;
    } else {
      result += char;
      index++;
    }
  }
  return result;
}

function matchingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let index = open; index < pattern.length; index++) {
    if (pattern[index] === '{') depth++;
    if (pattern[index] === '}' && --depth === 0) return index;
  }
  return -1;
}

function formatArgument(spec: string, args: readonly unknown[], locale: string | undefined): string {
  const [indexText, type = '', ...styleParts] = spec.split(',');
  const argumentIndex = Number(indexText.trim());
  if (!Number.isInteger(argumentIndex) || argumentIndex < 0)
    throw new Error(`can't parse argument number: ${indexText}`);
  if (argumentIndex >= args.length) return `{${indexText.trim()}}`;
  const value = unwrap(args[argumentIndex]);
  const style = styleParts.join(',').trim();
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (type.trim() === 'number' && style === 'integer') return formatDefaultInteger(value, locale);
    if (type.trim() === 'number' && style === 'percent') return formatDecimalPattern(value, '#,##0%', locale);
    if (type.trim() === 'number' && style && style !== 'currency') return formatDecimalPattern(value, style, locale);
    return formatDefaultNumber(value, locale);
  }
  return String(value);
}

/** Script values that stand for a number (Decimal, Money via valueOf) are formatted as numbers. */
function unwrap(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const constructorName = (value as object).constructor?.name;
    if (constructorName === 'Decimal') return Number(value.valueOf());
  }
  return value;
}
