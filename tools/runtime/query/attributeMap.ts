/**
 * The map form `searchOrders(Map, sort)` / `queryCustomObjects(type, Map, sort)`: each entry
 * becomes `key = value`, or `key LIKE value` when the value is a string with a `*` or `?`
 * wildcard, all joined with AND (Salesforce docs: 'name'/'tom*', 'age'/66 becomes
 * "name like 'tom*' and age = 66").
 */
import { QueryArgumentError } from './errors';
import { compileQuery, type QueryOptions, type QueryPredicate } from './evaluate';

const ATTRIBUTE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const KEYWORDS = /^(AND|OR|NOT|LIKE|ILIKE|NULL|TRUE|FALSE)$/i;

/** The equivalent query string, with the values as placeholders `{0}`, `{1}`, … in entry order. */
export function attributeMapToQuery(map: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>): {
  query: string;
  args: unknown[];
} {
  const entries = map instanceof Map ? [...map.entries()] : Object.entries(map);
  const conditions: string[] = [];
  const args: unknown[] = [];
  for (const [key, value] of entries) {
    if (!ATTRIBUTE_PATH.test(key) || KEYWORDS.test(key)) {
      throw new QueryArgumentError(`Attribute map key '${key}' is not an attribute name (like 'status' or 'custom.x')`);
    }
    const operator = typeof value === 'string' && /[*?]/.test(value) ? 'LIKE' : '=';
    conditions.push(`${key} ${operator} {${args.length}}`);
    args.push(value);
  }
  return { query: conditions.join(' AND '), args };
}

/** Predicate for the map form; an empty map matches everything. */
export function compileAttributeMap(
  map: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>,
  options: QueryOptions = {},
): QueryPredicate {
  const { query, args } = attributeMapToQuery(map);
  return compileQuery(query, args, options);
}
