import { expect } from 'chai';
import { compileParsedQuery, parseQuery } from '../../../../../tools/runtime/query';
import { OrderSearchIndex } from '../../../../../tools/runtime/state/orderSearchIndex';
import type { SiteRecord } from '../../../../../tools/runtime/state/records';
import { fixtureInstance, fixtureRuntime, order } from '../fixtureRuntime';

function site(count: number): SiteRecord {
  const orders = Array.from({ length: count }, (_, index) => order(`S${index}`));
  const runtime = fixtureRuntime(fixtureInstance({ sites: [{ id: 'SiteA', orders }] }));
  const record = runtime.core.state.sites.get('SiteA');
  if (!record) throw new Error('no SiteA');
  return record;
}

function all(index: OrderSearchIndex): string[] {
  const parsed = parseQuery('');
  return index.searches.search({
    parsed,
    args: [],
    options: {},
    predicate: compileParsedQuery(parsed),
    sort: null,
    limit: 0,
  }).ids;
}

describe('local runtime: the order search index', () => {
  it('keeps scan order: an updated order keeps its place, a removed one added again goes last', () => {
    const record = site(4);
    const index = new OrderSearchIndex(record);
    expect([...index.entries()].map((entry) => entry.id)).to.deep.equal(['S0', 'S1', 'S2', 'S3']);
    expect(all(index)).to.deep.equal(['S0', 'S1', 'S2', 'S3']);
    const s1 = record.orders.get('S1');
    if (!s1) throw new Error('no S1');
    index.refresh('S1');
    record.orders.delete('S1');
    index.refresh('S1');
    expect(all(index)).to.deep.equal(['S0', 'S2', 'S3']);
    record.orders.set('S1', s1);
    index.refresh('S1');
    index.refresh('S0');
    const ranks = [...index.entries()].map((entry) => [entry.id, entry.rank]);
    expect(ranks).to.deep.equal([
      ['S0', 0],
      ['S2', 2],
      ['S3', 3],
      ['S1', 4],
    ]);
    expect(all(index)).to.deep.equal(['S0', 'S2', 'S3', 'S1']);
    expect(index.changes).to.deep.equal(['S1', 'S1', 'S1', 'S0']);
  });

  it('a full refresh starts a new epoch, back in the site order, and drops the sorted selections', () => {
    const record = site(3);
    const index = new OrderSearchIndex(record);
    const epoch = index.epoch;
    all(index);
    const built = index.searches.cost.selectionsBuilt;
    all(index);
    expect(index.searches.cost.selectionsBuilt, 'reused').to.equal(built);
    index.refresh('S2');
    index.refreshAll();
    expect(index.epoch).to.equal(epoch + 1);
    expect(index.changes).to.deep.equal([]);
    expect(all(index)).to.deep.equal(['S0', 'S1', 'S2']);
    expect(index.searches.cost.selectionsBuilt, 'built again').to.equal(built + 1);
  });

  it('starts its change list over past the larger of 4,096 changes and its size, selections following', () => {
    const record = site(10);
    const index = new OrderSearchIndex(record);
    const epoch = index.epoch;
    expect(all(index)).to.have.length(10);
    for (let change = 0; change < 4096; change++) index.refresh(`S${change % 10}`);
    expect(index.epoch).to.equal(epoch);
    expect(index.changes).to.have.length(4096);
    index.refresh('S0');
    expect(index.epoch).to.equal(epoch + 1);
    expect(index.changes).to.deep.equal([]);
    expect(all(index)).to.deep.equal(['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9']);
  });
});
