/**
 * Searches over an index of objects (attribute values per object, in scan order): the matches of
 * a query, sorted, the first `limit` of them and how many there are in all.
 *
 * The plain way (`reference`) tests every object and sorts the matches, on every search. Paging a
 * large selection repeats the same query with a moving bound on the first sort key
 * (`(q) AND creationDate >= {n}` sorted by creationDate), which made paging through N matches cost
 * O(N²). Here the query's residual (everything but such bounds, see plan.ts) is evaluated and
 * sorted once into a SortedSelection, which later searches with the same residual and sort reuse:
 * each page then costs O(log N + page). The selection follows the index's changes object by
 * object, and is dropped when the index is rebuilt.
 *
 * Results are those of the plain way, always: whenever the shortcut cannot be sure of giving the
 * same answer (the residual throws on some object, a bound attribute holds something else than
 * dates, a sort key holds NaN, the sort string is invalid), the search runs the plain way, which
 * also throws the errors it always threw.
 */
import type { ParsedQuery } from './ast';
import type { QueryOptions, QueryPredicate } from './evaluate';
import { planSearch } from './plan';
import { checkedSortKeys, sortItems, type SortKey, type SortOptions } from './sort';
import { SortedSelection, type SelectionCost, type SelectionEntry, type SelectionPage } from './sortedSelection';
import type { QueryValue } from './values';

export type { SelectionEntry, SelectionPage } from './sortedSelection';

/** What a search reads: entries in scan order, and the ids changed one at a time since the last rebuild. */
export interface SearchSource {
  /** Changes whenever the entries were rebuilt (or the change list restarted). */
  readonly epoch: number;
  /** Ids changed (updated, added or removed) since the epoch began, oldest first; may repeat. */
  readonly changes: readonly string[];
  entries(): Iterable<SelectionEntry>;
  entry(id: string): SelectionEntry | undefined;
}

export interface SearchRequest {
  parsed: ParsedQuery;
  args: readonly unknown[];
  options: QueryOptions;
  /** The whole query compiled with these arguments and options (compileParsedQuery). */
  predicate: QueryPredicate;
  sort: string | null | undefined;
  sortOptions?: Pick<SortOptions, 'isKnownAttribute'>;
  /** Results to return at most; 0 or less: all. */
  limit: number;
}

/** Work done since the search was created (counts of objects and rows, not time). */
export interface SearchCost extends SelectionCost {
  searches: number;
  /** Sorted selections built (each tests every object once and sorts its matches). */
  selectionsBuilt: number;
  /** Searches that ran the plain way (every object tested, the matches sorted). */
  plainSearches: number;
}

export interface IndexedSearchOptions {
  /** false: every search runs the plain way (the reference the selections are checked against). */
  reuseSelections?: boolean;
  /** Selections kept at most (least recently used dropped first). Default 8. */
  maxSelections?: number;
}

interface CachedSelection {
  /** null: building it threw; retried once the index changed. */
  selection: SortedSelection | null;
  /** How many of source.changes it has taken. */
  applied: number;
}

const NO_VALUES: ReadonlyMap<string, QueryValue> = new Map();

/** Side rows a selection may collect before it is rebuilt: about √(N log N), so rebuilds and inserts cost alike. */
function sideLimit(size: number): number {
  return Math.max(1024, Math.ceil(Math.sqrt(size * Math.log2(size + 2))));
}

export class IndexedSearch {
  readonly cost: SearchCost = {
    searches: 0,
    evaluated: 0,
    sorted: 0,
    stepped: 0,
    selectionsBuilt: 0,
    plainSearches: 0,
  };

  private readonly selections = new Map<string, CachedSelection>();
  private epoch: number;
  private readonly reuseSelections: boolean;
  private readonly maxSelections: number;

  constructor(
    private readonly source: SearchSource,
    options: IndexedSearchOptions = {},
  ) {
    this.epoch = source.epoch;
    this.reuseSelections = options.reuseSelections ?? true;
    this.maxSelections = options.maxSelections ?? 8;
  }

  search(request: SearchRequest): SelectionPage {
    this.cost.searches += 1;
    if (!this.reuseSelections) return this.plain(request);
    let keys: SortKey[];
    try {
      keys = checkedSortKeys(request.sort, request.sortOptions);
    } catch {
      // The plain way throws the same error, after testing the objects as it always did.
      return this.plain(request);
    }
    const plan = planSearch(request.parsed, request.args, request.options, keys[0]?.attribute ?? null);
    const selection = this.selectionFor(`${plan.residualKey}\u0000${sortKey(keys)}`, plan.residual, keys);
    if (!selection || !selection.consistent || (plan.bounds.length > 0 && !selection.rangeable)) {
      return this.plain(request);
    }
    return selection.read(plan.bounds, request.limit);
  }

  /** Drops every selection (the index was rebuilt). */
  forget(): void {
    this.selections.clear();
    this.epoch = this.source.epoch;
  }

  /** Every object tested, the matches sorted (stable: ties keep scan order), then cut. */
  private plain(request: SearchRequest): SelectionPage {
    this.cost.plainSearches += 1;
    let values = NO_VALUES;
    const lookup = (name: string) => values.get(name) ?? null;
    const matches: SelectionEntry[] = [];
    for (const entry of this.source.entries()) {
      values = entry.values;
      this.cost.evaluated += 1;
      if (request.predicate(lookup)) matches.push(entry);
    }
    values = NO_VALUES;
    const sorted = sortItems(matches, (entry) => (name) => entry.values.get(name) ?? null, request.sort, {
      isKnownAttribute: request.sortOptions?.isKnownAttribute,
    });
    this.cost.sorted += matches.length;
    const kept = request.limit > 0 && sorted.length > request.limit ? sorted.slice(0, request.limit) : sorted;
    this.cost.stepped += kept.length;
    return { ids: kept.map((entry) => entry.id), matched: sorted.length };
  }

  private selectionFor(key: string, residual: QueryPredicate, keys: readonly SortKey[]): SortedSelection | null {
    if (this.source.epoch !== this.epoch) this.forget();
    const changes = this.source.changes;
    let cached = this.selections.get(key);
    this.selections.delete(key);
    if (cached && !this.catchUp(cached, changes)) cached = undefined;
    if (!cached) {
      let selection: SortedSelection | null = null;
      try {
        selection = SortedSelection.build(this.source.entries(), residual, keys, this.cost);
        this.cost.selectionsBuilt += 1;
      } catch {
        selection = null;
      }
      cached = { selection, applied: changes.length };
    }
    // Most recently used last; the oldest goes first.
    this.selections.set(key, cached);
    for (const oldest of this.selections.keys()) {
      if (this.selections.size <= this.maxSelections) break;
      this.selections.delete(oldest);
    }
    return cached.selection;
  }

  /** Brings a cached selection up to the source's changes; false when it must be built again. */
  private catchUp(cached: CachedSelection, changes: readonly string[]): boolean {
    const selection = cached.selection;
    if (selection === null) return cached.applied === changes.length;
    try {
      for (; cached.applied < changes.length; cached.applied++) {
        const id = changes[cached.applied];
        selection.update(id, this.source.entry(id));
      }
    } catch {
      return false;
    }
    return selection.sideSize <= sideLimit(selection.size);
  }
}

function sortKey(keys: readonly SortKey[]): string {
  return keys.map((key) => `${key.attribute} ${key.direction}`).join(',');
}
