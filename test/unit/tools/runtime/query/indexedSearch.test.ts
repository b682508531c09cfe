import { expect } from 'chai';
import {
  compileParsedQuery,
  IndexedSearch,
  parseQuery,
  QueryTypeError,
  type QueryOptions,
  type QueryValue,
  type SearchRequest,
  type SearchSource,
  type SelectionEntry,
  type SelectionPage,
} from '../../../../../tools/runtime/query';

type Values = Record<string, QueryValue>;

/** An index like the order search index: a Map in scan order, ranks, a change list and epochs. */
class TestSource implements SearchSource {
  epoch = 0;
  changes: string[] = [];
  private readonly byId = new Map<string, SelectionEntry>();
  private nextRank = 0;

  set(id: string, values: Values): void {
    const current = this.byId.get(id);
    this.byId.set(id, { id, rank: current ? current.rank : this.nextRank++, values: new Map(Object.entries(values)) });
    this.changes.push(id);
  }

  delete(id: string): void {
    this.byId.delete(id);
    this.changes.push(id);
  }

  /** A full rebuild (the runtime's refreshAll): `update` changes entries without a change list, then a new epoch. */
  rebuild(update: (set: (id: string, values: Values) => void) => void = () => {}): void {
    update((id, values) => {
      const current = this.byId.get(id);
      this.byId.set(id, {
        id,
        rank: current ? current.rank : this.nextRank++,
        values: new Map(Object.entries(values)),
      });
    });
    this.epoch += 1;
    this.changes = [];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  valuesOf(id: string): ReadonlyMap<string, QueryValue> {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`no entry ${id}`);
    return entry.values;
  }

  entries(): Iterable<SelectionEntry> {
    return this.byId.values();
  }

  entry(id: string): SelectionEntry | undefined {
    return this.byId.get(id);
  }
}

function request(
  query: string,
  args: unknown[],
  sort: string | null,
  limit: number,
  options: QueryOptions = {},
): SearchRequest {
  const parsed = parseQuery(query);
  return { parsed, args, options, predicate: compileParsedQuery(parsed, args, options), sort, limit };
}

/** Runs one request both ways and expects the same outcome (results, or the same error). */
function expectSame(fast: IndexedSearch, plain: IndexedSearch, search: SearchRequest, label: string): SelectionPage {
  let expected: SelectionPage | Error;
  try {
    expected = plain.search(search);
  } catch (error) {
    expected = error as Error;
  }
  if (expected instanceof Error) {
    const message = expected.message;
    expect(() => fast.search(search), label).to.throw(expected.constructor as ErrorConstructor, message);
    return { ids: [], matched: 0 };
  }
  const actual = fast.search(search);
  expect(actual, label).to.deep.equal(expected);
  return actual;
}

/** Mulberry32: a small seeded generator, so that a failure replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE = Date.parse('2024-01-01T00:00:00Z');

/**
 * The cartridge's order stream (scripts/core/orderStream.ts): pages in creationDate order, each
 * next page from the last creation date read, repeats of that instant skipped.
 */
function pageThrough(
  source: TestSource,
  run: (query: string, args: unknown[]) => SelectionPage,
  selection: { query: string; args: unknown[] },
  cap: number,
  between: (page: number) => void = () => {},
): string[] {
  const read: string[] = [];
  let last: number | null = null;
  let atLast: string[] = [];
  for (let page = 0; ; page++) {
    if (page > 0) between(page);
    const query =
      last === null ? selection.query : `(${selection.query}) AND creationDate >= {${selection.args.length}}`;
    const args = last === null ? selection.args : [...selection.args, new Date(last)];
    const { ids } = run(query, args);
    let fresh = 0;
    for (const id of ids) {
      const created = (source.valuesOf(id).get('creationDate') as Date).getTime();
      if (last !== null && created === last) {
        if (atLast.includes(id)) continue;
        atLast.push(id);
      } else {
        last = created;
        atLast = [id];
      }
      fresh++;
      read.push(id);
    }
    if (ids.length < cap || fresh === 0) return read;
  }
}

describe('tools/runtime/query/indexedSearch', () => {
  it('gives what testing every object and sorting gives, through random changes, pages and bounds', () => {
    const next = random(20240101);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const source = new TestSource();
    const fast = new IndexedSearch(source, { maxSelections: 40 });
    const plain = new IndexedSearch(source, { reuseSelections: false });
    let counter = 0;
    const randomValues = (): Values => ({
      creationDate: next() < 0.1 ? null : new Date(BASE + Math.floor(next() * 40) * 1000),
      status: pick([0, 3, 4, 6, 8]),
      'custom.state': pick(['ToDo', 'Done', 'Failed', null]),
      'custom.amount': next() < 0.2 ? null : Math.floor(next() * 10),
      // NaN compares equal to everything: no order is consistent with it (the plain way decides).
      'custom.score': next() < 0.1 ? Number.NaN : Math.floor(next() * 3),
    });
    for (let index = 0; index < 300; index++) source.set(`O${counter++}`, randomValues());

    const selections: Array<[string, unknown[]]> = [
      ['custom.state = {0}', ['ToDo']],
      ['custom.state = {0} AND status != {1} AND status != {2}', ['ToDo', 8, 6]],
      ["(custom.state = 'Done' OR status = 3) AND NOT custom.amount = 2", []],
      ['custom.state != {0}', ['Done']],
      ['custom.amount > {0}', [4]],
      ['', []],
    ];
    const sorts = [
      'creationDate asc, orderNo asc',
      'creationDate',
      'creationDate desc',
      'creationDate asc, custom.amount desc',
      'custom.amount, creationDate desc',
      'creationDate, custom.score desc',
      null,
    ];
    let unorderable = 0;
    const boundForms: Array<(query: string, at: number) => string> = [
      (query) => query,
      (query, at) => (query ? `(${query}) AND creationDate >= {${at}}` : `creationDate >= {${at}}`),
      (query, at) => (query ? `creationDate > {${at}} AND (${query})` : `creationDate > {${at}}`),
      (query, at) => (query ? `(${query}) AND creationDate < {${at}}` : `creationDate < {${at}}`),
      (query, at) => `creationDate <= {${at}}${query ? ` AND ${query}` : ''}`,
      (query, at) => `creationDate = {${at}}${query ? ` AND ${query}` : ''}`,
      (query, at) => `creationDate >= {${at}} AND creationDate < {${at + 1}}${query ? ` AND (${query})` : ''}`,
    ];
    for (let round = 0; round < 600; round++) {
      const change = next();
      if (change < 0.35) {
        for (let count = Math.floor(next() * 6); count > 0; count--) {
          const action = next();
          const ids = source.ids();
          if (action < 0.6 && ids.length > 0) source.set(pick(ids), randomValues());
          else if (action < 0.8 && ids.length > 0) source.delete(pick(ids));
          else if (action < 0.9 && ids.length > 0) {
            // Deleted and added again: it goes last in scan order.
            const id = pick(ids);
            source.delete(id);
            source.set(id, randomValues());
          } else source.set(`O${counter++}`, randomValues());
        }
      } else if (change < 0.37) {
        source.rebuild((set) => {
          for (let count = Math.floor(next() * 6); count > 0; count--) set(pick(source.ids()), randomValues());
        });
      }
      const [query, args] = pick(selections);
      const form = pick(boundForms);
      const from = new Date(BASE + Math.floor(next() * 44 - 2) * 1000);
      const to = new Date(from.getTime() + Math.floor(next() * 10) * 1000);
      const options = { notEqualsMatchesNull: next() < 0.8 };
      const sort = pick(sorts);
      if (sort?.includes('custom.score')) unorderable += 1;
      const search = request(form(query, args.length), [...args, from, to], sort, pick([0, 1, 7, 50]), options);
      expectSame(fast, plain, search, `round ${round}: ${form(query, args.length)}`);
    }
    expect(fast.cost.plainSearches, 'only searches sorted by NaN went the plain way').to.be.at.most(unorderable);
    expect(fast.cost.selectionsBuilt).to.be.greaterThan(1);
  });

  it('pages through more matches than the cap: every match once, in order, with ties at the page edges', () => {
    const source = new TestSource();
    // 2,600 matches, 13 per second (a page of 1,000 ends inside a run of ties), and 1,000 others.
    for (let index = 0; index < 3600; index++) {
      const created = new Date(BASE + Math.floor(index / 13) * 1000);
      source.set(`N${String(index).padStart(5, '0')}`, {
        creationDate: created,
        orderNo: `N${String(index).padStart(5, '0')}`,
        'custom.state': index % 18 < 13 ? 'ToDo' : 'Done',
      });
    }
    const search = new IndexedSearch(source);
    const cap = 1000;
    const run = (query: string, args: unknown[]) =>
      search.search(request(query, args, 'creationDate asc, orderNo asc', cap));
    const read = pageThrough(source, run, { query: 'custom.state = {0}', args: ['ToDo'] }, cap);
    const expected = source.ids().filter((id) => source.valuesOf(id).get('custom.state') === 'ToDo');
    expect(read).to.have.length(expected.length);
    expect(read).to.deep.equal(expected);
    expect(search.cost.selectionsBuilt).to.equal(1);
  });

  it('sees changes between pages: what left the selection is not read, what entered after the cursor is', () => {
    const source = new TestSource();
    for (let index = 0; index < 3000; index++) {
      source.set(`N${String(index).padStart(5, '0')}`, {
        creationDate: new Date(BASE + index * 1000),
        orderNo: `N${String(index).padStart(5, '0')}`,
        'custom.state': 'ToDo',
      });
    }
    const fast = new IndexedSearch(source);
    const plain = new IndexedSearch(source, { reuseSelections: false });
    const between = (page: number) => {
      // Work done on the page just read, and an order further on that leaves, and one that comes back.
      for (let index = (page - 1) * 1000; index < page * 1000 - 1; index++) {
        const id = `N${String(index).padStart(5, '0')}`;
        source.set(id, { ...Object.fromEntries(source.valuesOf(id)), 'custom.state': 'Done' });
      }
      const leaving = `N${String(page * 1000 + 500).padStart(5, '0')}`;
      if (source.entry(leaving)) {
        source.set(leaving, { ...Object.fromEntries(source.valuesOf(leaving)), 'custom.state': 'Failed' });
      }
      const back = `N${String(page * 1000 - 300).padStart(5, '0')}`;
      source.set(back, { ...Object.fromEntries(source.valuesOf(back)), 'custom.state': 'ToDo' });
    };
    const runBoth = (query: string, args: unknown[]) =>
      expectSame(fast, plain, request(query, args, 'creationDate asc, orderNo asc', 1000), query);
    const read = pageThrough(source, runBoth, { query: 'custom.state = {0}', args: ['ToDo'] }, 1000, between);
    expect(read).to.not.include('N01500');
    // Back to ToDo behind the cursor: read once (before), not again (a later run's work).
    expect(read.filter((id) => id === 'N00700')).to.have.length(1);
    expect(new Set(read).size).to.equal(read.length);
    expect(fast.cost.plainSearches).to.equal(0);
  });

  it('puts an object removed and indexed again after its ties, as a scan would meet it', () => {
    const source = new TestSource();
    const values = { creationDate: new Date(BASE), 'custom.state': 'ToDo' };
    for (const id of ['A', 'B', 'C']) source.set(id, values);
    const fast = new IndexedSearch(source);
    const plain = new IndexedSearch(source, { reuseSelections: false });
    const search = request('custom.state = {0}', ['ToDo'], 'creationDate', 0);
    expect(expectSame(fast, plain, search, 'before').ids).to.deep.equal(['A', 'B', 'C']);
    source.delete('A');
    source.set('A', values);
    source.set('B', values);
    expect(expectSame(fast, plain, search, 'after').ids).to.deep.equal(['B', 'C', 'A']);
  });

  it('keeps up with more changes than its side list holds by building the selection again', () => {
    const source = new TestSource();
    for (let index = 0; index < 2000; index++) {
      source.set(`N${index}`, { creationDate: new Date(BASE + index), 'custom.state': 'Done' });
    }
    const fast = new IndexedSearch(source);
    const plain = new IndexedSearch(source, { reuseSelections: false });
    const search = () => request('custom.state = {0}', ['ToDo'], 'creationDate desc', 0);
    expectSame(fast, plain, search(), 'before');
    for (let index = 0; index < 2000; index += 1) {
      source.set(`N${index}`, { creationDate: new Date(BASE + index), 'custom.state': 'ToDo' });
      if (index % 500 === 0) expectSame(fast, plain, search(), `after ${index}`);
    }
    expect(expectSame(fast, plain, search(), 'all back').matched).to.equal(2000);
    expect(fast.cost.selectionsBuilt).to.equal(2);
  });

  it('throws what testing every object throws, and only then', () => {
    const source = new TestSource();
    source.set('old', { creationDate: new Date(BASE), 'custom.amount': 'not a number' });
    source.set('new', { creationDate: new Date(BASE + 5000), 'custom.amount': 7 });
    const fast = new IndexedSearch(source);
    const plain = new IndexedSearch(source, { reuseSelections: false });
    const from = new Date(BASE + 1000);
    // The bound comes first: the old order is never compared with 5, so nothing throws.
    const boundFirst = request('creationDate >= {0} AND custom.amount > {1}', [from, 5], 'creationDate', 0);
    expect(expectSame(fast, plain, boundFirst, 'bound first').ids).to.deep.equal(['new']);
    // The condition comes first: the old order is compared with 5, which throws.
    const conditionFirst = request('custom.amount > {1} AND creationDate >= {0}', [from, 5], 'creationDate', 0);
    expect(() => plain.search(conditionFirst)).to.throw(QueryTypeError, /custom\.amount/);
    expectSame(fast, plain, conditionFirst, 'condition first');
    // A sort string error comes after the objects were tested, as before.
    expectSame(fast, plain, request('custom.amount > {0}', [5], 'creationDate sideways', 0), 'bad sort');
    expectSame(fast, plain, request('creationDate >= {0}', [from], 'creationDate sideways', 0), 'bad sort, no error');
  });

  it('answers the plain way when the ranged attribute or a sort key holds values it cannot order by', () => {
    const source = new TestSource();
    source.set('A', { creationDate: new Date(BASE + 2000), n: 2 });
    source.set('B', { creationDate: 'yesterday', n: 1 });
    source.set('C', { creationDate: new Date(BASE + 1000), n: Number.NaN });
    source.set('D', { creationDate: new Date(Number.NaN), n: 3 });
    source.set('E', { creationDate: null, n: 0 });
    const fast = new IndexedSearch(source);
    const plain = new IndexedSearch(source, { reuseSelections: false });
    const from = new Date(BASE);
    for (const sort of ['creationDate', 'creationDate desc', 'n', 'n desc, creationDate']) {
      expectSame(fast, plain, request('', [], sort, 0), `all by ${sort}`);
      expectSame(fast, plain, request('creationDate >= {0}', [from], sort, 0), `bounded by ${sort}`);
      expectSame(fast, plain, request('n >= {0} AND creationDate >= {1}', [1, from], sort, 0), `n, ${sort}`);
    }
  });

  it('pages 5,000 matches testing each object once and sorting each match once (linear work)', () => {
    const source = new TestSource();
    for (let index = 0; index < 10_000; index++) {
      source.set(`N${String(index).padStart(5, '0')}`, {
        creationDate: new Date(BASE + Math.floor(index / 2) * 1000),
        orderNo: `N${String(index).padStart(5, '0')}`,
        'custom.state': index % 2 === 0 ? 'ToDo' : 'Done',
      });
    }
    const selection = { query: 'custom.state = {0} AND status != {1}', args: ['ToDo', 8] };
    const pageAll = (search: IndexedSearch) =>
      pageThrough(
        source,
        (query, args) => search.search(request(query, args, 'creationDate asc, orderNo asc', 1000)),
        selection,
        1000,
      );
    const fast = new IndexedSearch(source);
    // The step's total count, then its reads: the same pages twice.
    expect(pageAll(fast)).to.have.length(5000);
    expect(pageAll(fast)).to.have.length(5000);
    expect(fast.cost.searches).to.equal(12);
    expect(fast.cost.evaluated, 'objects tested').to.be.at.most(10_000);
    expect(fast.cost.sorted, 'rows sorted').to.be.at.most(5000);
    expect(fast.cost.stepped, 'rows handed out').to.be.at.most(2 * (5000 + 6));
    // The plain way repeats the whole scan and sort on every page (what the counters would show if it came back).
    const plain = new IndexedSearch(source, { reuseSelections: false });
    pageAll(plain);
    expect(plain.cost.evaluated).to.equal(6 * 10_000);
  });
});
