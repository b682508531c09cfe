/**
 * Splits a query or sort string into tokens. Keywords are case-insensitive and only recognised
 * as whole undotted words, so `custom.like` stays an attribute path.
 */
import { describePosition, QuerySyntaxError, type SourceLabel } from './errors';

export type ComparisonSymbol = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Keyword = 'AND' | 'OR' | 'NOT' | 'LIKE' | 'ILIKE' | 'NULL' | 'TRUE' | 'FALSE';

interface TokenBase {
  /** The token exactly as written. */
  text: string;
  /** 0-based offset into the source. */
  position: number;
}

export type Token = TokenBase &
  (
    | { kind: 'identifier' }
    | { kind: 'keyword'; keyword: Keyword }
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number }
    | { kind: 'date'; value: Date }
    | { kind: 'placeholder'; index: number }
    | { kind: 'comparison'; symbol: ComparisonSymbol }
    | { kind: '(' | ')' | ',' | 'end' }
  );

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>(['AND', 'OR', 'NOT', 'LIKE', 'ILIKE', 'NULL', 'TRUE', 'FALSE']);

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Platform formats: yyyy-MM-dd, yyyy-MM-dd'T'hh:mm[:ss] with an optional zone (`Z`, `+Z`, `+01:00`).
const DATE =
  /(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|\+Z|[+-]\d{2}:?\d{2})?)?(?![\w.:-])/y;
const PLACEHOLDER = /\{\s*(\d+)\s*\}/y;

/** What a character sequence that is not an operator probably meant, for the error message. */
const MISTAKEN_OPERATORS: ReadonlyArray<[string, string]> = [
  ['<>', "'!=' (there is no '<>')"],
  ['==', "'=' (comparison is a single '=')"],
  ['&&', "AND (there is no '&&')"],
  ['||', "OR (there is no '||')"],
  ['!', "NOT or '!=' (there is no '!')"],
];

export function endDescription(label: SourceLabel): string {
  return label === 'Query' ? 'end of query' : 'end of sort string';
}

export function describeToken(token: Token, label: SourceLabel): string {
  if (token.kind === 'end') return endDescription(label);
  return token.kind === 'string' ? `the string ${token.text}` : `'${token.text}'`;
}

function match(pattern: RegExp, source: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(source);
}

function parseDateLiteral(groups: RegExpExecArray): Date | null {
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', zone = 'Z'] = groups;
  const fields = [year, month, day, hour, minute, second].map(Number);
  const millis = Number(fraction.padEnd(3, '0'));
  const local = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], millis);
  const check = new Date(local);
  const valid =
    check.getUTCFullYear() === fields[0] &&
    check.getUTCMonth() === fields[1] - 1 &&
    check.getUTCDate() === fields[2] &&
    check.getUTCHours() === fields[3] &&
    check.getUTCMinutes() === fields[4] &&
    check.getUTCSeconds() === fields[5];
  if (!valid) return null;
  if (zone === 'Z' || zone === '+Z') return check;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return new Date(local - sign * offsetMinutes * 60_000);
}

function readString(source: string, start: number, label: SourceLabel): { value: string; end: number } {
  const quote = source[start];
  let value = '';
  let position = start + 1;
  while (position < source.length) {
    const char = source[position];
    if (char === quote) return { value, end: position + 1 };
    // Only the quote and the backslash itself can be escaped; other backslashes are kept as written.
    if (char === '\\' && (source[position + 1] === quote || source[position + 1] === '\\')) {
      value += source[position + 1];
      position += 2;
      continue;
    }
    value += char;
    position += 1;
  }
  throw new QuerySyntaxError(
    source,
    source.length,
    `a closing ${quote} for the string that starts at ${describePosition(source, start)}`,
    endDescription(label),
    label,
  );
}

export function tokenize(source: string, label: SourceLabel = 'Query'): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  const push = (token: Token): void => {
    tokens.push(token);
    position = token.position + token.text.length;
  };

  while (position < source.length) {
    const char = source[position];
    if (/\s/.test(char)) {
      position += 1;
      continue;
    }
    const start = position;
    const two = source.slice(position, position + 2);

    if (char === '(' || char === ')' || char === ',') {
      push({ kind: char, text: char, position: start });
      continue;
    }
    if (two === '!=' || two === '<=' || two === '>=') {
      push({ kind: 'comparison', symbol: two, text: two, position: start });
      continue;
    }
    const mistaken = MISTAKEN_OPERATORS.find(([written]) => source.startsWith(written, position));
    if (mistaken) {
      throw new QuerySyntaxError(source, start, mistaken[1], `'${mistaken[0]}'`, label);
    }
    if (char === '=' || char === '<' || char === '>') {
      push({ kind: 'comparison', symbol: char, text: char, position: start });
      continue;
    }
    if (char === "'" || char === '"') {
      const { value, end } = readString(source, start, label);
      push({ kind: 'string', value, text: source.slice(start, end), position: start });
      continue;
    }
    if (char === '{') {
      const placeholder = match(PLACEHOLDER, source, start);
      if (!placeholder) {
        throw new QuerySyntaxError(
          source,
          start,
          'a placeholder like {0}',
          `'${source.slice(start, start + 4)}'`,
          label,
        );
      }
      push({ kind: 'placeholder', index: Number(placeholder[1]), text: placeholder[0], position: start });
      continue;
    }
    const date = match(DATE, source, start);
    if (date) {
      const value = parseDateLiteral(date);
      if (!value) throw new QuerySyntaxError(source, start, 'a valid calendar date', `'${date[0]}'`, label);
      push({ kind: 'date', value, text: date[0], position: start });
      continue;
    }
    const number = match(NUMBER, source, start);
    if (number) {
      push({ kind: 'number', value: Number(number[0]), text: number[0], position: start });
      continue;
    }
    const identifier = match(IDENTIFIER, source, start);
    if (identifier) {
      const text = identifier[0];
      const end = start + text.length;
      if (source[end] === '.') {
        const nextChar = source[end + 1];
        const after =
          nextChar === undefined ? endDescription(label) : /\s/.test(nextChar) ? 'whitespace' : `'${nextChar}'`;
        throw new QuerySyntaxError(source, end + 1, `an attribute name after '${text}.'`, after, label);
      }
      const upper = text.toUpperCase();
      if (KEYWORDS.has(upper)) {
        push({ kind: 'keyword', keyword: upper as Keyword, text, position: start });
      } else {
        push({ kind: 'identifier', text, position: start });
      }
      continue;
    }
    throw new QuerySyntaxError(source, start, 'an attribute, value, operator or parenthesis', `'${char}'`, label);
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return tokens;
}
