/**
 * Paging through an order selection larger than the search cap, the way the cartridge's order
 * stream does it (scripts/core/orderStream.ts): pages sorted by creation date, each next page from
 * the last creation date read, the orders of that instant already read skipped.
 */
import { expect } from 'chai';
import type { InstanceOrder } from '../../../../../../tools/runtime/instance/types';
import type { LocalRuntime } from '../../../../../../tools/runtime/localRuntime';
import { dw, fixtureInstance, fixtureRuntime } from '../../fixtureRuntime';

interface LiveOrder {
  orderNo: string;
  creationDate: Date;
  custom: Record<string, unknown>;
}

interface OrderIterator {
  hasNext(): boolean;
  next(): LiveOrder;
  getCount(): number;
  close(): void;
}

const BASE = Date.parse('2025-03-01T00:00:00Z');
const SORT = 'creationDate asc, orderNo asc';
const SELECTION = { query: 'custom.fixtureState = {0} AND status != {1}', args: ['ToDo', 8] as unknown[] };

const orderNo = (index: number) => `P${String(index).padStart(5, '0')}`;

/** Order `index`: created at BASE + perSecond-th second (ties within a second), ToDo unless `state` says. */
function pagingOrder(index: number, perSecond: number, state = 'ToDo'): InstanceOrder {
  return {
    orderNo: orderNo(index),
    status: 'NEW',
    creationDate: new Date(BASE + Math.floor(index / perSecond) * 1000).toISOString(),
    custom: { fixtureState: state },
  };
}

function runtimeWith(orders: InstanceOrder[], indexLag: boolean): LocalRuntime {
  const runtime = fixtureRuntime(
    fixtureInstance({ platform: { orderSearch: { indexLag } }, sites: [{ id: 'SiteA', orders }] }),
  );
  runtime.core.enterSite('SiteA');
  return runtime;
}

interface Page {
  count: number;
  orderNos: string[];
}

/** The order stream: every order number read, in order, and each page's getCount(). */
function stream(runtime: LocalRuntime, between: (page: number) => void = () => {}): { read: string[]; pages: Page[] } {
  const OrderMgr = dw(runtime, 'dw/order/OrderMgr');
  const read: string[] = [];
  const pages: Page[] = [];
  let last: Date | null = null;
  let atLast: string[] = [];
  for (let page = 0; ; page++) {
    if (page > 0) between(page);
    const args = [...SELECTION.args];
    let query = SELECTION.query;
    if (last) {
      query = `(${query}) AND creationDate >= {${args.length}}`;
      args.push(last);
    }
    const iterator = OrderMgr.searchOrders(query, SORT, ...args) as OrderIterator;
    const current: Page = { count: iterator.getCount(), orderNos: [] };
    pages.push(current);
    let fresh = 0;
    while (iterator.hasNext()) {
      const order = iterator.next();
      current.orderNos.push(order.orderNo);
      const created = order.creationDate.getTime();
      if (last && created === last.getTime()) {
        if (atLast.includes(order.orderNo)) continue;
        atLast.push(order.orderNo);
      } else {
        last = new Date(created);
        atLast = [order.orderNo];
      }
      fresh++;
      read.push(order.orderNo);
    }
    if (current.orderNos.length < 1000 || fresh === 0) return { read, pages };
  }
}

function setState(runtime: LocalRuntime, orderNos: string[], state: string): void {
  const OrderMgr = dw(runtime, 'dw/order/OrderMgr');
  const Transaction = dw(runtime, 'dw/system/Transaction');
  for (const number of orderNos) Transaction.wrap(() => (OrderMgr.getOrder(number).custom.fixtureState = state));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, offset) => from + offset);
}

describe('local runtime: paging through an order search', () => {
  it('reads every match exactly once, in creation date and order number order, across pages of 1,000', () => {
    // 2,600 ToDo orders, 7 per second, so that pages end inside runs of equal creation dates,
    // listed out of order, and 400 orders the selection leaves out.
    const orders: InstanceOrder[] = [];
    for (const index of range(0, 3000)) orders.push(pagingOrder(index, 7, index % 15 === 14 ? 'Done' : 'ToDo'));
    orders.reverse();
    const runtime = runtimeWith(orders, true);
    const { read, pages } = stream(runtime);
    const expected = range(0, 3000)
      .filter((index) => index % 15 !== 14)
      .map(orderNo);
    expect(read).to.deep.equal(expected);
    // Each page: up to 1,000 of the matches from its creation date on; getCount says how many it holds.
    expect(pages.map((page) => page.count)).to.deep.equal(pages.map((page) => page.orderNos.length));
    expect(pages[0].count).to.equal(1000);
    expect(pages.at(-1)?.count).to.be.below(1000);
  });

  it('records the cap with the number of orders the search matched, page by page', () => {
    const runtime = runtimeWith(
      range(0, 2500).map((index) => pagingOrder(index, 1)),
      true,
    );
    const { pages } = stream(runtime);
    expect(pages.map((page) => page.count)).to.deep.equal([1000, 1000, 502]);
    const capped = runtime.core.warnings.filter((warning) => warning.code === 'ORDER_SEARCH_CAPPED');
    expect(capped.map((warning) => warning.message)).to.deep.equal([
      'An order search matched 2500 orders; the Order Search Service returns only the first 1000',
      'An order search matched 1501 orders; the Order Search Service returns only the first 1000',
    ]);
  });

  it('counts the selection (getTotalCount) as the read finds it, the index unchanged in between', () => {
    const runtime = runtimeWith(
      range(0, 4321).map((index) => pagingOrder(index, 3, index % 10 === 0 ? 'Failed' : 'ToDo')),
      true,
    );
    const count = stream(runtime).read.length;
    expect(count).to.equal(4321 - 433);
    expect(stream(runtime).read).to.have.length(count);
  });

  it('with index lag, pages keep finding what the index held at the step start, changed orders included', () => {
    const runtime = runtimeWith(
      range(0, 2500).map((index) => pagingOrder(index, 1)),
      true,
    );
    const { read } = stream(runtime, (page) => {
      // Orders further on are done (committed) before their page is searched: the index does not know yet.
      setState(runtime, range(page * 1000, page * 1000 + 100).map(orderNo), 'Done');
    });
    expect(read).to.deep.equal(range(0, 2500).map(orderNo));
    // The next step sees them gone.
    runtime.core.refreshSearchIndexes();
    const next = stream(runtime).read;
    expect(next).to.have.length(2300);
    expect(next).to.not.include(orderNo(1000));
    expect(next).to.include(orderNo(1100));
  });

  it('without index lag, pages see each commit: orders done meanwhile are not read, orders back ahead are', () => {
    const runtime = runtimeWith(
      range(0, 2500).map((index) => pagingOrder(index, 1, index >= 2400 ? 'Done' : 'ToDo')),
      false,
    );
    const { read } = stream(runtime, (page) => {
      // The page just read is handled, an order further on is done elsewhere, one comes back to ToDo.
      setState(runtime, range((page - 1) * 1000, page * 1000 - 1).map(orderNo), 'Done');
      setState(runtime, [orderNo(page * 1000 + 10)], 'Done');
      if (page === 1) setState(runtime, [orderNo(2450)], 'ToDo');
      if (page === 1) setState(runtime, [orderNo(500)], 'ToDo');
    });
    const expected = range(0, 2400)
      .filter((index) => index !== 1010 && index !== 2010)
      .concat([2450])
      .map(orderNo);
    expect(read).to.deep.equal(expected);
  });

  it('without index lag, a sort by lastModified moves a changed order to the end, as a fresh search would', () => {
    const runtime = runtimeWith(
      range(0, 30).map((index) => pagingOrder(index, 1)),
      false,
    );
    const OrderMgr = dw(runtime, 'dw/order/OrderMgr');
    const search = () => {
      const iterator = OrderMgr.searchOrders('custom.fixtureState = {0}', 'lastModified asc, orderNo asc', 'ToDo');
      const found: string[] = [];
      while (iterator.hasNext()) found.push(iterator.next().orderNo);
      return found;
    };
    expect(search()).to.deep.equal(range(0, 30).map(orderNo));
    runtime.core.advanceClock(60_000);
    const Transaction = dw(runtime, 'dw/system/Transaction');
    Transaction.wrap(() => (OrderMgr.getOrder(orderNo(3)).custom.fixtureReason = 'touched'));
    setState(runtime, [orderNo(5)], 'Done');
    expect(search()).to.deep.equal(
      range(0, 30)
        .filter((index) => index !== 3 && index !== 5)
        .concat([3])
        .map(orderNo),
    );
  });

  it('pages 5,000 matches testing each indexed order once for the count and the read together', () => {
    const runtime = runtimeWith(
      range(0, 6000).map((index) => pagingOrder(index, 2, index % 6 === 5 ? 'Done' : 'ToDo')),
      true,
    );
    runtime.core.refreshSearchIndexes();
    const index = runtime.core.searchIndexes.get('SiteA');
    if (!index) throw new Error('no search index for SiteA');
    const before = { ...index.searches.cost };
    const counted = stream(runtime).read.length;
    const read = stream(runtime).read.length;
    expect(counted).to.equal(5000);
    expect(read).to.equal(5000);
    const cost = index.searches.cost;
    expect(cost.searches - before.searches).to.equal(12);
    // Linear: the 6,000 indexed orders tested once, the 5,000 matches sorted once, each match handed
    // out once per pass (plus, per page, the orders of the instant the page starts at: 2 at most here).
    expect(cost.evaluated - before.evaluated, 'orders tested').to.be.at.most(6000);
    expect(cost.sorted - before.sorted, 'rows sorted').to.be.at.most(5000);
    expect(cost.stepped - before.stepped, 'rows handed out').to.be.at.most(2 * (5000 + 6 * 2));
  });
});
