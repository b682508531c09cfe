import { expect } from 'chai';
import {
  countOrders,
  OrderStream,
  SEARCH_CAP,
  type OrderSelection,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/orderStream';
import {
  defineMetadata,
  Logger,
  Order,
  OrderMgr,
  resetDwMocks,
  SeekableIterator,
} from '../../../../../../helpers/dwMocks';

const SELECTION: OrderSelection = {
  query: 'custom.ALMA_Deferred_Capture = {0} AND status != {1}',
  args: ['ToCapture', Order.ORDER_STATUS_CANCELLED],
};
const T0 = Date.UTC(2025, 0, 1);

function orderNo(n: number): string {
  return 'O' + String(n).padStart(6, '0');
}

/**
 * `count` matching orders, created one second apart, except the orders whose index is in
 * `sameSecondAs`, which share the creation date of the index given (clusters across pages).
 * Non-matching orders (cancelled or Captured) are interleaved. Added in shuffled order.
 */
function addOrders(count: number, shared: { [index: number]: number } = {}): string[] {
  const expected: Array<{ no: string; at: number }> = [];
  const fields = [];
  for (let i = 0; i < count; i++) {
    const at = T0 + (shared[i] !== undefined ? shared[i] : i) * 1000;
    expected.push({ no: orderNo(i), at });
    fields.push({ orderNo: orderNo(i), creationDate: new Date(at), custom: { ALMA_Deferred_Capture: 'ToCapture' } });
    if (i % 10 === 0) {
      fields.push({
        orderNo: 'X' + i,
        creationDate: new Date(at),
        status: Order.ORDER_STATUS_CANCELLED,
        custom: { ALMA_Deferred_Capture: 'ToCapture' },
      });
      fields.push({ orderNo: 'Y' + i, creationDate: new Date(at), custom: { ALMA_Deferred_Capture: 'Captured' } });
    }
  }
  // Insertion order must not matter: the search sorts.
  for (let i = fields.length - 1; i >= 0; i -= 2) OrderMgr.__add(fields[i]);
  for (let i = fields.length - 2; i >= 0; i -= 2) OrderMgr.__add(fields[i]);
  return expected.sort((a, b) => a.at - b.at || (a.no < b.no ? -1 : 1)).map((e) => e.no);
}

function drain(stream: OrderStream): string[] {
  const seen: string[] = [];
  for (let no = stream.next(); no !== null; no = stream.next()) seen.push(no);
  return seen;
}

describe('core/orderStream', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
  });

  it('works with the Order Search Service cap of 1,000 results per query', () => {
    expect(SEARCH_CAP).to.equal(1000);
  });

  it('streams 2,500 orders, clusters sharing a creation date across page boundaries included, each exactly once', () => {
    // Orders 995-1004 share one instant (the first page ends inside the cluster), as do 1990-2009.
    const shared: { [index: number]: number } = {};
    for (let i = 995; i <= 1004; i++) shared[i] = 995;
    for (let i = 1990; i <= 2009; i++) shared[i] = 1990;
    const expected = addOrders(2500, shared);

    const stream = new OrderStream(SELECTION);
    const seen = drain(stream);

    expect(seen).to.have.length(2500);
    expect(new Set(seen).size).to.equal(2500);
    expect(seen).to.deep.equal(expected);
    expect(stream.next()).to.equal(null);
    expect(SeekableIterator.__opened.length).to.equal(OrderMgr.__searches.length);
    expect(SeekableIterator.__unclosed()).to.deep.equal([]);
  });

  it('pages by creation date: the selection first, then from the last creation date seen (>=)', () => {
    addOrders(2500);
    drain(new OrderStream(SELECTION));
    const searches = OrderMgr.__searches;
    expect(searches.length).to.equal(3);
    expect(searches[0]).to.deep.equal({
      query: 'custom.ALMA_Deferred_Capture = {0} AND status != {1}',
      sortString: 'creationDate asc, orderNo asc',
      args: ['ToCapture', Order.ORDER_STATUS_CANCELLED],
    });
    expect(searches[1].query).to.equal(
      '(custom.ALMA_Deferred_Capture = {0} AND status != {1}) AND creationDate >= {2}',
    );
    expect(searches[1].sortString).to.equal('creationDate asc, orderNo asc');
    expect(searches[1].args.slice(0, 2)).to.deep.equal(['ToCapture', Order.ORDER_STATUS_CANCELLED]);
    expect((searches[1].args[2] as Date).getTime()).to.equal(T0 + 999 * 1000);
    // The second page starts with order 999 again (skipped), so it ends at 1998.
    expect((searches[2].args[2] as Date).getTime()).to.equal(T0 + 1998 * 1000);
  });

  it('stops after one query when the selection holds fewer than 1,000 orders', () => {
    const expected = addOrders(42);
    expect(drain(new OrderStream(SELECTION))).to.deep.equal(expected);
    expect(OrderMgr.__searches).to.have.length(1);
    expect(SeekableIterator.__unclosed()).to.deep.equal([]);
  });

  it('needs one more (empty) query when the selection holds exactly 1,000 orders', () => {
    addOrders(1000);
    expect(drain(new OrderStream(SELECTION))).to.have.length(1000);
    expect(OrderMgr.__searches).to.have.length(2);
    expect(SeekableIterator.__unclosed()).to.deep.equal([]);
  });

  it('gives null at once for an empty selection, and closes the page', () => {
    const stream = new OrderStream(SELECTION);
    expect(stream.next()).to.equal(null);
    expect(stream.next()).to.equal(null);
    expect(OrderMgr.__searches).to.have.length(1);
    expect(SeekableIterator.__unclosed()).to.deep.equal([]);
  });

  it('closes the open page when closed early, and gives nothing after', () => {
    addOrders(1500);
    const stream = new OrderStream(SELECTION);
    expect(stream.next()).to.equal(orderNo(0));
    expect(SeekableIterator.__unclosed()).to.have.length(1);
    stream.close();
    expect(SeekableIterator.__unclosed()).to.deep.equal([]);
    expect(stream.next()).to.equal(null);
  });

  it('ends (instead of querying forever) when more than 1,000 orders share one creation instant', () => {
    const shared: { [index: number]: number } = {};
    for (let i = 0; i < 1200; i++) shared[i] = 0;
    addOrders(1200, shared);
    const seen = drain(new OrderStream(SELECTION));
    // The search cannot page inside one instant: the first 1,000 (by order number) are streamed once.
    expect(seen).to.have.length(1000);
    expect(new Set(seen).size).to.equal(1000);
    expect(OrderMgr.__searches).to.have.length(2);
    expect(SeekableIterator.__unclosed()).to.deep.equal([]);
    // The operator learns why the rest wait: one warning naming the instant.
    expect(Logger.__messages.filter((m) => m.level === 'warn')).to.deep.equal([
      {
        level: 'warn',
        prefix: 'payops',
        category: 'operations',
        message:
          'More than 1000 orders were created at 2025-01-01T00:00:00.000Z; those after the first 1000 of that ' +
          'instant wait for a later run.',
      },
    ]);
  });

  it('warns about nothing when clusters of one instant stay below 1,000 orders', () => {
    const shared: { [index: number]: number } = {};
    for (let i = 500; i < 1400; i++) shared[i] = 500;
    addOrders(2000, shared);
    expect(drain(new OrderStream(SELECTION))).to.have.length(2000);
    expect(Logger.__messages).to.deep.equal([]);
  });

  it('counts the orders of a selection through the same pages, closing every iterator', () => {
    addOrders(2500);
    expect(countOrders(SELECTION)).to.equal(2500);
    expect(countOrders({ query: 'custom.ALMA_Deferred_Capture = {0}', args: ['Failed'] })).to.equal(0);
    expect(SeekableIterator.__unclosed()).to.deep.equal([]);
  });
});
