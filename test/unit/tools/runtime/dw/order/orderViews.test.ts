import { expect } from 'chai';
import { RECENT_ORDER_VIEWS } from '../../../../../../tools/runtime/dw/order/orderViews';
import { dw, fixtureInstance, fixtureRuntime, order } from '../../fixtureRuntime';

function runtimeWithOrders(count: number) {
  const orders = Array.from({ length: count }, (_, index) => order(`N${String(index).padStart(6, '0')}`));
  const runtime = fixtureRuntime(fixtureInstance({ sites: [{ id: 'SiteA', currency: 'EUR', orders }] }));
  runtime.core.enterSite('SiteA');
  return runtime;
}

describe('local runtime: order views', () => {
  it('gives the same view of an order and of its parts each time it is asked for', () => {
    const runtime = runtimeWithOrders(3);
    const OrderMgr = dw(runtime, 'dw/order/OrderMgr');
    const first = OrderMgr.getOrder('N000001');
    expect(OrderMgr.getOrder('N000001')).to.equal(first);
    expect(first.custom).to.equal(first.custom);
    expect(first.getDefaultShipment()).to.equal(OrderMgr.getOrder('N000001').defaultShipment);
    expect(OrderMgr.getOrder('N000002')).to.not.equal(first);
  });

  it(`keeps the views of the ${RECENT_ORDER_VIEWS.toLocaleString('en-US')} orders used last only, so a long run can drop the others`, () => {
    const runtime = runtimeWithOrders(RECENT_ORDER_VIEWS + 10);
    const OrderMgr = dw(runtime, 'dw/order/OrderMgr');
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const early = OrderMgr.getOrder('N000000');
    for (let index = 1; index <= RECENT_ORDER_VIEWS; index++) {
      OrderMgr.getOrder(`N${String(index).padStart(6, '0')}`);
    }
    const again = OrderMgr.getOrder('N000000');
    expect(again, 'a new view once the order has left the recent ones').to.not.equal(early);

    // Both views stand for the same order: what one writes, the other reads.
    Transaction.wrap(() => {
      early.custom.fixtureState = 'Done';
    });
    expect(again.custom.fixtureState.value).to.equal('Done');
    expect(again.orderNo).to.equal(early.orderNo);
  });

  it('renews an order as recent each time it is used, so a view in use is never replaced', () => {
    const runtime = runtimeWithOrders(RECENT_ORDER_VIEWS + 10);
    const OrderMgr = dw(runtime, 'dw/order/OrderMgr');
    const held = OrderMgr.getOrder('N000000');
    for (let index = 1; index <= RECENT_ORDER_VIEWS + 5; index++) {
      OrderMgr.getOrder(`N${String(index).padStart(6, '0')}`);
      if (index % 100 === 0) expect(OrderMgr.getOrder('N000000')).to.equal(held);
    }
  });
});
