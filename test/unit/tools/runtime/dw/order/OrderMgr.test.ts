import { expect } from 'chai';
import type { InstanceOrder } from '../../../../../../tools/runtime/instance/types';
import { dw, fixtureInstance, fixtureRuntime, order } from '../../fixtureRuntime';

type Iter = { hasNext(): boolean; next(): any; getCount(): number; close(): void };

function orderNos(iterator: Iter): string[] {
  const found: string[] = [];
  while (iterator.hasNext()) found.push(iterator.next().orderNo);
  return found;
}

function runtimeWith(orders: InstanceOrder[], platform = {}) {
  const runtime = fixtureRuntime(
    fixtureInstance({ platform: { orderSearch: platform }, sites: [{ id: 'SiteA', orders }] }),
  );
  runtime.core.enterSite('SiteA');
  return runtime;
}

describe('local runtime: orders', () => {
  it('reads enum attributes back as EnumValue objects and system statuses with .value', () => {
    const runtime = runtimeWith([order('A1')]);
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    expect(found.custom.fixtureState.value).to.equal('ToDo');
    expect(found.custom.fixtureState.displayValue).to.equal('To do');
    expect(found.custom.fixtureState).to.not.equal('ToDo');
    expect(found.status.value).to.equal(dw(runtime, 'dw/order/Order').ORDER_STATUS_NEW);
    expect(found.getStatus().displayValue).to.equal('NEW');
    expect(found.custom.fixtureReason).to.equal(null);
  });

  it('fails on writes outside a transaction, to undefined attributes, and outside the enum', () => {
    const runtime = runtimeWith([order('A1')]);
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    expect(() => (found.custom.fixtureReason = 'x')).to.throw(/outside of a transaction/);
    expect(() => Transaction.wrap(() => (found.custom.notDefined = 'x'))).to.throw(
      /'notDefined' is not defined for type Order/,
    );
    expect(() => Transaction.wrap(() => (found.custom.fixtureState = 'Maybe'))).to.throw(
      /'Maybe' is not one of its values \(ToDo, Done, Failed\)/,
    );
    expect(() => Transaction.wrap(() => (found.custom.fixtureAttempts = 1.5))).to.throw(/expects an integer/);
    expect(found.custom.fixtureState.value).to.equal('ToDo');
  });

  it('rolls back every write of a Transaction.wrap that throws, and returns the function result otherwise', () => {
    const runtime = runtimeWith([order('A1')]);
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    expect(() =>
      Transaction.wrap(() => {
        found.custom.fixtureState = 'Done';
        found.addNote('Capture', 'done');
        throw new Error('provider said no');
      }),
    ).to.throw('provider said no');
    expect(found.custom.fixtureState.value).to.equal('ToDo');
    expect(found.notes.size()).to.equal(0);
    expect(Transaction.wrap(() => ((found.custom.fixtureState = 'Done'), 42))).to.equal(42);
    expect(found.custom.fixtureState.value).to.equal('Done');
  });

  it('only the outermost commit commits; rollback undoes nested work', () => {
    const runtime = runtimeWith([order('A1')]);
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    Transaction.begin();
    Transaction.begin();
    found.custom.fixtureReason = 'inner';
    Transaction.commit();
    Transaction.rollback();
    expect(found.custom.fixtureReason).to.equal(null);
  });

  it('searches with the query language: custom. prefix, placeholders, NULL, AND/OR/NOT and sort', () => {
    const runtime = runtimeWith([
      order('A1', 'NEW', { fixtureState: 'ToDo', fixtureReason: 'r' }),
      order('A2', 'CANCELLED', { fixtureState: 'Failed' }),
      order('A3', 'NEW', { fixtureState: 'ToDo' }),
      order('A4', 'OPEN', { fixtureState: 'Done' }),
    ]);
    const OrderMgr = dw(runtime, 'dw/order/OrderMgr');
    expect(orderNos(OrderMgr.searchOrders('custom.fixtureState = {0}', 'orderNo desc', 'ToDo'))).to.deep.equal([
      'A3',
      'A1',
    ]);
    expect(
      orderNos(OrderMgr.searchOrders('custom.fixtureReason = NULL AND status != {0}', 'orderNo asc', 6)),
    ).to.deep.equal(['A3', 'A4']);
    expect(
      orderNos(OrderMgr.searchOrders("(status = {0} OR custom.fixtureState = 'Done') AND NOT orderNo = 'A1'", null, 3)),
    ).to.deep.equal(['A3', 'A4']);
    expect(OrderMgr.searchOrder('custom.fixtureState = {0}', 'Failed').orderNo).to.equal('A2');
    expect(() => OrderMgr.searchOrders('fixtureState = {0}', null, 'ToDo')).to.throw(/fixtureState/);
  });

  it('matches unset attributes with != like the Order Search Service, or not when switched off', () => {
    const orders = [order('A1', 'NEW', { fixtureReason: 'set' }), order('A2')];
    const search = (platform: object) =>
      orderNos(
        dw(runtimeWith(orders, platform), 'dw/order/OrderMgr').searchOrders(
          "custom.fixtureReason != 'other'",
          'orderNo',
        ),
      );
    expect(search({})).to.deep.equal(['A1', 'A2']);
    expect(search({ notEqualsMatchesNull: false })).to.deep.equal(['A1']);
  });

  it('caps a search at 1,000 orders and says so; the cap can be switched', () => {
    const many = Array.from({ length: 1500 }, (_, i) => order(`N${String(i).padStart(4, '0')}`));
    const runtime = runtimeWith(many);
    const iterator = dw(runtime, 'dw/order/OrderMgr').searchOrders('custom.fixtureState = {0}', 'orderNo', 'ToDo');
    expect(iterator.getCount()).to.equal(1000);
    iterator.close();
    expect(runtime.core.warnings.map((w) => w.code)).to.include('ORDER_SEARCH_CAPPED');
    const uncapped = runtimeWith(many, { resultLimit: 0 });
    expect(
      dw(uncapped, 'dw/order/OrderMgr').searchOrders('custom.fixtureState = {0}', null, 'ToDo').getCount(),
    ).to.equal(1500);
  });

  it('with index lag, a search sees committed changes only from the next job step on', () => {
    const runtime = runtimeWith([order('A1'), order('A2')], { indexLag: true });
    const OrderMgr = dw(runtime, 'dw/order/OrderMgr');
    const Transaction = dw(runtime, 'dw/system/Transaction');
    Transaction.wrap(() => (OrderMgr.getOrder('A1').custom.fixtureState = 'Done'));
    const stale = OrderMgr.searchOrders('custom.fixtureState = {0}', 'orderNo', 'ToDo');
    const first = stale.next();
    expect(first.orderNo).to.equal('A1');
    expect(first.custom.fixtureState.value).to.equal('Done');
    stale.close();
    runtime.core.refreshSearchIndexes();
    expect(orderNos(OrderMgr.searchOrders('custom.fixtureState = {0}', 'orderNo', 'ToDo'))).to.deep.equal(['A2']);
    const immediate = runtimeWith([order('A1'), order('A2')], { indexLag: false });
    const Tx = dw(immediate, 'dw/system/Transaction');
    Tx.wrap(() => (dw(immediate, 'dw/order/OrderMgr').getOrder('A1').custom.fixtureState = 'Done'));
    expect(
      orderNos(dw(immediate, 'dw/order/OrderMgr').searchOrders('custom.fixtureState = {0}', 'orderNo', 'ToDo')),
    ).to.deep.equal(['A2']);
  });

  it('processOrders logs a failing callback and continues with the next order', () => {
    const runtime = runtimeWith([order('A1'), order('A2')]);
    const seen: string[] = [];
    dw(runtime, 'dw/order/OrderMgr').processOrders(
      (o: { orderNo: string }) => {
        seen.push(o.orderNo);
        if (o.orderNo === 'A1') throw new Error('boom');
      },
      'custom.fixtureState = {0}',
      'ToDo',
    );
    expect(seen).to.have.members(['A1', 'A2']);
    expect(runtime.core.logs.some((l) => l.level === 'error' && /boom/.test(l.message))).to.equal(true);
  });

  it('models shipments, line items, payment instruments and Money with the currency fraction digits', () => {
    const runtime = fixtureRuntime(
      fixtureInstance({
        sites: [
          {
            id: 'SiteA',
            currency: 'KWD',
            orders: [
              {
                orderNo: 'K1',
                shipments: [{ id: 's1', shippingGrossPrice: '1.250' }, { id: 's2' }],
                productLineItems: [
                  { productID: 'P1', grossPrice: '10.005', shipmentID: 's1' },
                  { productID: 'P2', grossPrice: '2.100', shipmentID: 's2' },
                ],
                paymentInstruments: [
                  { paymentMethod: 'ALMA', amount: '13.355', transaction: { transactionID: 'pay_1' } },
                ],
              },
            ],
          },
        ],
      }),
    );
    runtime.core.enterSite('SiteA');
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('K1');
    expect(found.currencyCode).to.equal('KWD');
    expect(found.totalGrossPrice.value).to.equal(13.355);
    expect(found.shipments.size()).to.equal(2);
    expect(found.getShipment('s1').productLineItems.get(0).productID).to.equal('P1');
    const instrument = found.getPaymentInstruments('ALMA').get(0);
    expect(instrument.paymentTransaction.transactionID).to.equal('pay_1');
    expect(instrument.paymentTransaction.amount.currencyCode).to.equal('KWD');
    expect(found.getPaymentInstruments('KOMOJU').size()).to.equal(0);
  });

  it('a rollback also restores lastModified', () => {
    const runtime = runtimeWith([order('A1')]);
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    const before = found.lastModified.getTime();
    Transaction.begin();
    found.custom.fixtureReason = 'x';
    found.setExportStatus(dw(runtime, 'dw/order/Order').EXPORT_STATUS_READY);
    Transaction.rollback();
    expect(found.lastModified.getTime()).to.equal(before);
    expect(found.exportStatus.value).to.equal(0);
  });

  it('a failing inner Transaction.wrap leaves the outer transaction open but rollback-only', () => {
    const runtime = runtimeWith([order('A1')]);
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    Transaction.begin();
    found.custom.fixtureReason = 'outer';
    expect(() =>
      Transaction.wrap(() => {
        found.custom.fixtureAttempts = 1;
        throw new Error('inner failed');
      }),
    ).to.throw('inner failed');
    found.custom.fixtureAttempts = 2;
    expect(() => Transaction.commit()).to.throw(/rollback-only/);
    expect(found.custom.fixtureReason).to.equal(null);
    expect(found.custom.fixtureAttempts).to.equal(null);
  });

  it('an invalid status set inside a transaction makes it rollback-only', () => {
    const runtime = runtimeWith([order('A1')]);
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const Order = dw(runtime, 'dw/order/Order');
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    Transaction.begin();
    found.custom.fixtureReason = 'x';
    expect(() => found.setStatus(Order.ORDER_STATUS_FAILED)).to.throw(/CREATED and FAILED cannot be set/);
    expect(() => Transaction.commit()).to.throw(/rollback-only/);
    expect(found.custom.fixtureReason).to.equal(null);
  });
});
