/**
 * The B2C Commerce query language (OrderMgr.searchOrders / searchOrder / processOrders,
 * CustomObjectMgr.queryCustomObjects) as a pure module: it knows nothing of orders, only of
 * attribute lookups. See .drafts/query-language.md for the grammar and the platform differences.
 */
import { collectAttributes } from './attributes';
import { parseQuery } from './parser';

export type { AttributeReference, ComparisonOperator, ParsedQuery, QueryNode, ValueOperand } from './ast';
export type { AttributeFilter } from './attributes';
export { attributeMapToQuery, compileAttributeMap } from './attributeMap';
export {
  QueryArgumentError,
  QueryError,
  QuerySyntaxError,
  QueryTypeError,
  UnknownAttributeError,
  type SourceLabel,
} from './errors';
export { compileParsedQuery, compileQuery, likePattern, type QueryOptions, type QueryPredicate } from './evaluate';
export {
  IndexedSearch,
  type IndexedSearchOptions,
  type SearchCost,
  type SearchRequest,
  type SearchSource,
  type SelectionEntry,
  type SelectionPage,
} from './indexedSearch';
export { parseQuery } from './parser';
export { planSearch, type BoundOperator, type DateBound, type SearchPlan } from './plan';
export {
  checkedSortKeys,
  compareKeyValues,
  compileSort,
  parseSort,
  sortItems,
  type LookupComparator,
  type SortKey,
  type SortOptions,
} from './sort';
export { type AttributeLookup, type QueryValue } from './values';

/** The attribute paths a query names, unique, in order of first appearance (throws on syntax errors). */
export function referencedAttributes(query: string): string[] {
  return collectAttributes(parseQuery(query).root).map((reference) => reference.path);
}
