/**
 * Sort strings: `"creationDate desc, orderNo"`, `"custom.x asc"`. Comma-separated keys, each an
 * attribute path with an optional case-insensitive `asc` / `desc` (default asc).
 */
import { type AttributeFilter, assertKnownAttributes } from './attributes';
import { QuerySyntaxError } from './errors';
import { describeToken, tokenize, type Token } from './lexer';
import { type AttributeLookup, compareValues, type QueryValue } from './values';

export interface SortKey {
  attribute: string;
  direction: 'asc' | 'desc';
  /** 0-based offset of the attribute in the sort string. */
  position: number;
}

export interface SortOptions {
  /** When given, every sort attribute must pass, or compileSort throws UnknownAttributeError. */
  isKnownAttribute?: AttributeFilter;
  /**
   * Where unset values go. 'last' (default): after all values in both directions, like the Order
   * Search Service. 'greatest': treated as larger than any value (last asc, first desc), like a
   * relational database ordering NULLs high.
   */
  nulls?: 'last' | 'greatest';
}

/** Compares two objects by their attribute lookups; 0 keeps their input order (stable sort). */
export type LookupComparator = (a: AttributeLookup, b: AttributeLookup) => number;

function fail(source: string, token: Token, expected: string): never {
  throw new QuerySyntaxError(source, token.position, expected, describeToken(token, 'Sort'), 'Sort');
}

/** Parses a sort string; null, undefined or blank gives no keys. */
export function parseSort(sort: string | null | undefined): SortKey[] {
  if (sort === null || sort === undefined || sort.trim() === '') return [];
  const tokens = tokenize(sort, 'Sort');
  const keys: SortKey[] = [];
  let index = 0;
  for (;;) {
    const attribute = tokens[index++];
    if (attribute.kind !== 'identifier') fail(sort, attribute, 'an attribute name');
    let direction: SortKey['direction'] = 'asc';
    let next = tokens[index];
    if (next.kind === 'identifier' && /^(asc|desc)$/i.test(next.text)) {
      direction = next.text.toLowerCase() as SortKey['direction'];
      next = tokens[++index];
    }
    keys.push({ attribute: attribute.text, direction, position: attribute.position });
    if (next.kind === 'end') return keys;
    if (next.kind !== ',') fail(sort, next, `asc, desc, ',' or end of sort string after '${attribute.text}'`);
    index += 1;
  }
}

type SortableValue = Exclude<QueryValue, null>;

/** Compares two values of one sort key: unset values go where `nullsGreatest` says (see SortOptions). */
export function compareKeyValues(
  a: QueryValue | undefined,
  b: QueryValue | undefined,
  descending: boolean,
  nullsGreatest: boolean,
): number {
  const aUnset = a === null || a === undefined;
  const bUnset = b === null || b === undefined;
  if (aUnset || bUnset) {
    if (aUnset && bUnset) return 0;
    const unsetAfter = nullsGreatest ? !descending : true;
    return aUnset === unsetAfter ? 1 : -1;
  }
  const order = compareValues(a as SortableValue, b as SortableValue);
  return descending ? -order : order;
}

/** Parses a sort string and checks its attributes (throws like compileSort). */
export function checkedSortKeys(sort: string | null | undefined, options: SortOptions = {}): SortKey[] {
  const keys = parseSort(sort);
  assertKnownAttributes(
    keys.map((key) => ({ path: key.attribute, position: key.position })),
    sort ?? '',
    options.isKnownAttribute,
    'Sort',
  );
  return keys;
}

/**
 * Builds a comparator for a sort string. With no keys it always returns 0, so a stable sort
 * (Array.prototype.sort) keeps the input order.
 */
export function compileSort(sort: string | null | undefined, options: SortOptions = {}): LookupComparator {
  const keys = checkedSortKeys(sort, options);
  const nullsGreatest = options.nulls === 'greatest';
  return (a, b) => {
    for (const key of keys) {
      const order = compareKeyValues(a(key.attribute), b(key.attribute), key.direction === 'desc', nullsGreatest);
      if (order !== 0) return order;
    }
    return 0;
  };
}

/**
 * Returns a sorted copy of `items`, reading each sort attribute once per item (a LookupComparator
 * reads it on every comparison). Ties keep their input order.
 */
export function sortItems<T>(
  items: readonly T[],
  lookupOf: (item: T) => AttributeLookup,
  sort: string | null | undefined,
  options: SortOptions = {},
): T[] {
  const keys = checkedSortKeys(sort, options);
  if (keys.length === 0) return items.slice();
  const nullsGreatest = options.nulls === 'greatest';
  const rows = items.map((item) => {
    const lookup = lookupOf(item);
    return { item, values: keys.map((key) => lookup(key.attribute)) };
  });
  rows.sort((a, b) => {
    for (let index = 0; index < keys.length; index += 1) {
      const descending = keys[index].direction === 'desc';
      const order = compareKeyValues(a.values[index], b.values[index], descending, nullsGreatest);
      if (order !== 0) return order;
    }
    return 0;
  });
  return rows.map((row) => row.item);
}
