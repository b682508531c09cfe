/**
 * The values a query compares: what an attribute lookup returns and what literals and placeholder
 * arguments become.
 */
import { QueryArgumentError } from './errors';

/**
 * An attribute value as the evaluator sees it. Enum attributes (`status`, `paymentStatus`, …)
 * must be passed as their `EnumValue.value` (number or string); `undefined` means "not set" and is
 * treated exactly like `null`.
 */
export type QueryValue = string | number | boolean | Date | null;

/** Reads one attribute of the object being tested, by its query path (`status`, `custom.x`). */
export type AttributeLookup = (attributePath: string) => QueryValue | undefined;

export type ValueKind = 'string' | 'number' | 'boolean' | 'date';

// Dates may come from another realm (cartridge code running in a vm context), where
// `instanceof Date` is false, hence the tag check.
export function isDate(value: unknown): value is Date {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
}

export function kindOf(value: string | number | boolean | Date): ValueKind {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'date';
}

/** For messages: `'text'`, `3`, `true`, `NULL`, `2024-01-31T00:00:00.000Z`. */
export function formatValue(value: QueryValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return `'${value}'`;
  if (isDate(value)) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return String(value);
}

/**
 * Turns a placeholder argument (or attribute-map value) into a QueryValue. Objects whose
 * `valueOf()` is a primitive (an EnumValue, a boxed Number) count as that primitive; anything else
 * is refused rather than guessed at.
 */
export function toQueryValue(raw: unknown, describe: () => string): QueryValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') {
    if (Number.isFinite(raw)) return raw;
    throw new QueryArgumentError(`${describe()} is ${raw}, which cannot be compared`);
  }
  if (isDate(raw)) {
    const time = Date.prototype.getTime.call(raw);
    if (Number.isNaN(time)) throw new QueryArgumentError(`${describe()} is an invalid Date`);
    return new Date(time);
  }
  if (typeof raw === 'object' && !Array.isArray(raw)) {
    const primitive: unknown = (raw as { valueOf(): unknown }).valueOf();
    if (primitive !== raw && ['string', 'number', 'boolean'].includes(typeof primitive)) {
      return toQueryValue(primitive, describe);
    }
  }
  const type = Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
  throw new QueryArgumentError(
    `${describe()} is ${type}; pass a string, number, boolean, Date or null (enum values as their .value)`,
  );
}

const KIND_RANK: Record<ValueKind, number> = { boolean: 0, number: 1, string: 2, date: 3 };

/**
 * Total order over non-null values: numbers numerically, dates by time, strings by UTF-16 code
 * units, false before true. Values of different kinds (which one attribute should never hold)
 * are ordered by kind so that sorting never throws.
 */
export function compareValues(a: string | number | boolean | Date, b: string | number | boolean | Date): number {
  const kindA = kindOf(a);
  const kindB = kindOf(b);
  if (kindA !== kindB) return KIND_RANK[kindA] - KIND_RANK[kindB];
  const left = kindA === 'date' ? (a as Date).getTime() : a;
  const right = kindB === 'date' ? (b as Date).getTime() : b;
  return left < right ? -1 : left > right ? 1 : 0;
}
