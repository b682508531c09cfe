/**
 * The objects matching one query residual, sorted once by a sort string, then kept up to date
 * object by object; each search over it reads a page in O(log N + page) instead of scanning and
 * sorting every object again.
 *
 * Order: by the sort keys, ties by rank (the object's position in scan order). That is exactly
 * what a stable sort of the matches taken in scan order gives, for the whole set and for any part
 * of it, so a page cut from this order equals the page a fresh scan-and-sort would give.
 *
 * When the first sort key only ever holds dates (or nothing), bounds on it (`>= t`, `< t`, …) cut
 * a contiguous run of the order, found by binary search: dates ascending or descending, unset
 * values last either way.
 *
 * Changes: an object that leaves the set (or moves in the order) is marked dead in the sorted
 * array (a Fenwick tree keeps the live counts, a union-find skips dead runs); one that enters it
 * (or moves) goes into a small sorted side list, merged in when reading. The owner rebuilds the
 * selection when that list grows (see sideLimit).
 */
import type { QueryPredicate } from './evaluate';
import type { DateBound } from './plan';
import { compareKeyValues, type SortKey } from './sort';
import { isDate, type AttributeLookup, type QueryValue } from './values';

export interface SelectionEntry {
  readonly id: string;
  /** Position in scan order: strictly increasing along a scan of the source. */
  readonly rank: number;
  readonly values: ReadonlyMap<string, QueryValue>;
}

/** Work counters: objects tested against a query, rows sorted, rows handed out as results. */
export interface SelectionCost {
  evaluated: number;
  sorted: number;
  stepped: number;
}

export interface SelectionPage {
  /** The first `limit` matches in order (all of them when the limit is 0 or less). */
  ids: string[];
  /** Every match, beyond the limit too. */
  matched: number;
}

interface SideRow {
  readonly id: string;
  readonly rank: number;
  readonly keys: QueryValue[];
}

const NO_VALUES: ReadonlyMap<string, QueryValue> = new Map();

/** A value a date bound can be tested against without a type error: a valid date, or unset. */
function isRangeValue(value: QueryValue | undefined): boolean {
  return value === null || value === undefined || (isDate(value) && !Number.isNaN(value.getTime()));
}

/** NaN (a number, or an invalid date) compares equal to everything: no sort order is consistent with it. */
function isUnorderable(value: QueryValue): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  return isDate(value) && Number.isNaN(value.getTime());
}

function timeOf(value: QueryValue | undefined): number {
  return value === null || value === undefined ? Number.NaN : (value as Date).getTime();
}

/** First index in [from, to) where `holds` is true (`holds` false then true along the range), or `to`. */
function firstWhere(from: number, to: number, holds: (index: number) => boolean): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The run [low, high) of a sequence whose first key is `timeAt(i)` (NaN when unset, unset last)
 * for which every bound holds.
 */
function boundedRun(
  length: number,
  timeAt: (index: number) => number,
  descending: boolean,
  bounds: readonly DateBound[],
): [number, number] {
  const set = firstWhere(0, length, (index) => Number.isNaN(timeAt(index)));
  let low = 0;
  let high = set;
  const at = (holds: (time: number) => boolean) => firstWhere(0, set, (index) => holds(timeAt(index)));
  for (const { operator, time } of bounds) {
    const lowerBound = operator === '>=' || operator === '>' || operator === '=';
    const upperBound = operator === '<=' || operator === '<' || operator === '=';
    const inclusive = operator !== '>' && operator !== '<';
    if (!descending) {
      if (lowerBound)
        low = Math.max(
          low,
          at((t) => (inclusive ? t >= time : t > time)),
        );
      if (upperBound)
        high = Math.min(
          high,
          at((t) => (inclusive ? t > time : t >= time)),
        );
    } else {
      if (lowerBound)
        high = Math.min(
          high,
          at((t) => (inclusive ? t < time : t <= time)),
        );
      if (upperBound)
        low = Math.max(
          low,
          at((t) => (inclusive ? t <= time : t < time)),
        );
    }
  }
  return [low, Math.max(low, high)];
}

export class SortedSelection {
  /** False once an object held something else than a valid date or nothing in the first sort key. */
  rangeable = true;
  /** False when a match holds NaN in a sort key: only a real sort then tells the order. */
  consistent = true;

  private readonly keys: readonly SortKey[];
  private readonly descending: boolean[];
  private readonly residual: QueryPredicate;
  private readonly cost: SelectionCost;
  private values: ReadonlyMap<string, QueryValue> = NO_VALUES;
  private readonly lookup: AttributeLookup = (name) => this.values.get(name) ?? null;

  // The sorted array, as built.
  private readonly ids: string[] = [];
  private readonly ranks: Float64Array;
  /** Sort key values, `keys.length` per row. */
  private readonly keyValues: QueryValue[] = [];
  /** First sort key as a time (NaN when unset), when rangeable at build. */
  private readonly times: Float64Array;
  /** Id → row, made at the first update (a selection read under a lagging index never needs it). */
  private positions: Map<string, number> | null = null;
  /** Fenwick tree of live rows (1-based). */
  private readonly live: Int32Array;
  /** Union-find: parent[i] = i for a live row; a dead row points further on. */
  private readonly parent: Int32Array;

  private readonly side: SideRow[] = [];
  private readonly sideRows = new Map<string, SideRow>();

  private constructor(
    entries: Iterable<SelectionEntry>,
    residual: QueryPredicate,
    keys: readonly SortKey[],
    cost: SelectionCost,
  ) {
    this.keys = keys;
    this.descending = keys.map((key) => key.direction === 'desc');
    this.residual = residual;
    this.cost = cost;
    const width = keys.length;
    const ids: string[] = [];
    const ranks: number[] = [];
    const values: QueryValue[] = [];
    for (const entry of entries) {
      if (!this.accepts(entry)) continue;
      ids.push(entry.id);
      ranks.push(entry.rank);
      for (const key of keys) values.push(this.keyValue(entry.values, key));
    }
    const count = ids.length;
    const order = Array.from({ length: count }, (_, index) => index);
    if (width > 0) {
      order.sort((a, b) => this.compareRows(values, a * width, ranks[a], values, b * width, ranks[b]));
      cost.sorted += count;
    }
    this.ranks = new Float64Array(count);
    this.times = new Float64Array(this.rangeable && width > 0 ? count : 0);
    for (let position = 0; position < count; position++) {
      const row = order[position];
      this.ids.push(ids[row]);
      this.ranks[position] = ranks[row];
      for (let column = 0; column < width; column++) this.keyValues.push(values[row * width + column]);
      if (this.times.length > 0) this.times[position] = timeOf(values[row * width]);
    }
    this.live = new Int32Array(count + 1);
    for (let node = 1; node <= count; node++) this.live[node] = node & -node;
    this.parent = new Int32Array(count + 1);
    for (let position = 0; position <= count; position++) this.parent[position] = position;
  }

  /**
   * Tests every entry (scan order) against `residual` and sorts the matches by `keys`. Lets an
   * error of the residual propagate (the caller then searches the plain way).
   */
  static build(
    entries: Iterable<SelectionEntry>,
    residual: QueryPredicate,
    keys: readonly SortKey[],
    cost: SelectionCost,
  ): SortedSelection {
    return new SortedSelection(entries, residual, keys, cost);
  }

  /** Rows as built (dead ones included). */
  get size(): number {
    return this.ids.length;
  }

  /** Rows added since the build. */
  get sideSize(): number {
    return this.side.length;
  }

  /** Takes the current state of object `id` (undefined: it is gone). Lets residual errors propagate. */
  update(id: string, entry: SelectionEntry | undefined): void {
    const matches = entry !== undefined && this.accepts(entry);
    const keys = matches ? this.keys.map((key) => this.keyValue(entry.values, key)) : [];
    if (this.positions === null) {
      this.positions = new Map();
      for (let row = 0; row < this.ids.length; row++) this.positions.set(this.ids[row], row);
    }
    const position = this.positions.get(id);
    let kept = false;
    if (position !== undefined && this.parent[position] === position) {
      kept = matches && entry !== undefined && entry.rank === this.ranks[position] && this.sameKeys(position, keys);
      if (!kept) this.kill(position);
    }
    const previous = this.sideRows.get(id);
    if (previous) {
      this.side.splice(this.sideIndex(previous), 1);
      this.sideRows.delete(id);
    }
    if (matches && !kept) {
      const row: SideRow = { id, rank: entry.rank, keys };
      this.side.splice(this.sideIndex(row), 0, row);
      this.sideRows.set(id, row);
    }
  }

  /**
   * The matches within `bounds` on the first sort key (every match without bounds): how many,
   * and the first `limit` of them in order. Bounds need a rangeable selection.
   */
  read(bounds: readonly DateBound[], limit: number): SelectionPage {
    if (bounds.length > 0 && !this.rangeable) throw new Error('SortedSelection: bounds on a key that is not a date');
    const descending = this.descending[0] ?? false;
    const [low, high] =
      bounds.length > 0 ? boundedRun(this.ids.length, (i) => this.times[i], descending, bounds) : [0, this.ids.length];
    const [sideLow, sideHigh] =
      bounds.length > 0
        ? boundedRun(this.side.length, (i) => timeOf(this.side[i].keys[0]), descending, bounds)
        : [0, this.side.length];
    const matched = this.liveBefore(high) - this.liveBefore(low) + (sideHigh - sideLow);
    const wanted = limit > 0 ? Math.min(limit, matched) : matched;
    const ids: string[] = [];
    let position = this.nextLive(low);
    let sideIndex = sideLow;
    while (ids.length < wanted) {
      const fromMain = position < high;
      const fromSide = sideIndex < sideHigh;
      if (fromMain && (!fromSide || this.compareWithSide(position, this.side[sideIndex]) < 0)) {
        ids.push(this.ids[position]);
        position = this.nextLive(position + 1);
      } else if (fromSide) {
        ids.push(this.side[sideIndex].id);
        sideIndex += 1;
      } else {
        break;
      }
    }
    this.cost.stepped += ids.length;
    return { ids, matched };
  }

  /** Tests an entry against the residual, noting what its values allow. */
  private accepts(entry: SelectionEntry): boolean {
    this.cost.evaluated += 1;
    const first = this.keys[0];
    if (first && !isRangeValue(entry.values.get(first.attribute))) this.rangeable = false;
    this.values = entry.values;
    try {
      return this.residual(this.lookup);
    } finally {
      this.values = NO_VALUES;
    }
  }

  private keyValue(values: ReadonlyMap<string, QueryValue>, key: SortKey): QueryValue {
    const value = values.get(key.attribute) ?? null;
    if (isUnorderable(value)) this.consistent = false;
    return value;
  }

  private compareRows(
    left: readonly QueryValue[],
    leftAt: number,
    leftRank: number,
    right: readonly QueryValue[],
    rightAt: number,
    rightRank: number,
  ): number {
    for (let column = 0; column < this.descending.length; column++) {
      const order = compareKeyValues(left[leftAt + column], right[rightAt + column], this.descending[column], false);
      if (order !== 0) return order;
    }
    return leftRank - rightRank;
  }

  private compareWithSide(position: number, row: SideRow): number {
    const width = this.keys.length;
    return this.compareRows(this.keyValues, position * width, this.ranks[position], row.keys, 0, row.rank);
  }

  private sameKeys(position: number, keys: readonly QueryValue[]): boolean {
    const width = this.keys.length;
    for (let column = 0; column < width; column++) {
      if (compareKeyValues(this.keyValues[position * width + column], keys[column], false, false) !== 0) return false;
    }
    return true;
  }

  /** Where `row` is, or goes, in the side list. */
  private sideIndex(row: SideRow): number {
    return firstWhere(0, this.side.length, (index) => {
      const other = this.side[index];
      return this.compareRows(other.keys, 0, other.rank, row.keys, 0, row.rank) >= 0;
    });
  }

  private kill(position: number): void {
    this.parent[position] = position + 1;
    for (let node = position + 1; node < this.live.length; node += node & -node) this.live[node] -= 1;
  }

  /** Live rows before `position`. */
  private liveBefore(position: number): number {
    let count = 0;
    for (let node = position; node > 0; node -= node & -node) count += this.live[node];
    return count;
  }

  /** The first live row at or after `position` (the row count when none). */
  private nextLive(position: number): number {
    let root = position;
    while (this.parent[root] !== root) root = this.parent[root];
    let node = position;
    while (this.parent[node] !== root) {
      const next = this.parent[node];
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
}
