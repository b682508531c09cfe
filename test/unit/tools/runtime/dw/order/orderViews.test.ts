import { expect } from 'chai';
import { RECENT_ORDER_VIEWS } from '../../../../../../tools/runtime/dw/order/orderViews';
import type { InstanceOrder } from '../../../../../../tools/runtime/instance/types';
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

/**
 * Order-level price adjustments and the totals they enter. Script API reference
 * (SalesforceCommerceCloud/b2c-developer-tooling, packages/b2c-tooling-sdk/data/script-api/):
 * - dw.order.LineItemCtnr: the total-based methods "return the totals of all items in the
 *   container and include any order-level promotions"; adjustedMerchandizeTotalGrossPrice is "the
 *   sum of product prices before services such as shipping, but after product-level and
 *   order-level adjustments"; merchandizeTotalGrossPrice is "before services such as shipping or
 *   adjustment from promotions have been added"; priceAdjustments are "sorted by the order in which
 *   they were applied".
 * - dw.order.Shipment: no priceAdjustments; merchandizeTotalPriceAdjustments is deprecated because
 *   "Shipments cannot have product price adjustments" (always empty); order-level adjustments reach
 *   a shipment only prorated (proratedMerchandizeTotalPrice, getAdjustedMerchandizeTotalPrice(true)).
 * - dw.order.PriceAdjustment extends dw.order.LineItem: promotionID, grossPrice, price ("If the line
 *   item is based on gross pricing then the gross price is returned"), lineItemText.
 */
describe('local runtime: order-level price adjustments and totals', () => {
  function runtimeWith(orders: InstanceOrder[], currency = 'EUR') {
    const runtime = fixtureRuntime(fixtureInstance({ sites: [{ id: 'SiteA', currency, orders }] }));
    runtime.core.enterSite('SiteA');
    return runtime;
  }
  const discounted: InstanceOrder = {
    orderNo: 'D1',
    shipments: [
      { id: 'me', shippingGrossPrice: '5.90' },
      { id: 'gift', shippingGrossPrice: '3.10' },
    ],
    productLineItems: [
      { productID: 'SHOE', grossPrice: '114.10', shipmentID: 'me' },
      { productID: 'SOCKS', grossPrice: '9.95', shipmentID: 'gift' },
    ],
    priceAdjustments: [
      { promotionID: 'WELCOME10', grossPrice: '-10.00', lineItemText: 'Welcome: 10 € off' },
      { promotionID: 'ROUNDING', grossPrice: -0.05 },
    ],
  };
  const money = (value: { value: number; currencyCode: string }) => [value.value, value.currencyCode];

  it('LineItemCtnr.getPriceAdjustments(): the order-level adjustments as PriceAdjustment views, in the order applied', () => {
    const runtime = runtimeWith([discounted]);
    const found = dw(runtime, 'dw/order/OrderMgr').getOrder('D1');
    const adjustments = found.getPriceAdjustments();
    expect(adjustments.size()).to.equal(2);
    expect(found.priceAdjustments.size()).to.equal(2);
    const [first, second] = adjustments.toArray();
    expect(first.promotionID).to.equal('WELCOME10');
    expect(first.getPromotionID()).to.equal('WELCOME10');
    expect(money(first.grossPrice)).to.deep.equal([-10, 'EUR']);
    expect(money(first.getGrossPrice())).to.deep.equal([-10, 'EUR']);
    // LineItem.price: gross pricing gives the gross price.
    expect(money(first.price)).to.deep.equal([-10, 'EUR']);
    expect(first.priceValue).to.equal(-10);
    expect(first.lineItemText).to.equal('Welcome: 10 € off');
    expect(money(second.grossPrice)).to.deep.equal([-0.05, 'EUR']);
    expect(second.getLineItemText()).to.equal(null);
    expect(first).to.be.instanceOf(dw(runtime, 'dw/order/PriceAdjustment') as unknown as new () => object);
    // The same view each time, as for the order's other parts.
    expect(found.priceAdjustments.get(0)).to.equal(first);
    // LineItemCtnr.getPriceAdjustmentByPromotionID(String).
    expect(found.getPriceAdjustmentByPromotionID('ROUNDING')).to.equal(second);
    expect(found.getPriceAdjustmentByPromotionID('NOPE')).to.equal(null);
  });

  it('LineItemCtnr totals: adjustedMerchandizeTotalGrossPrice and totalGrossPrice include the order-level adjustments; merchandise and shipping totals do not', () => {
    const found = dw(runtimeWith([discounted]), 'dw/order/OrderMgr').getOrder('D1');
    expect(money(found.merchandizeTotalGrossPrice)).to.deep.equal([124.05, 'EUR']);
    expect(money(found.getAdjustedMerchandizeTotalGrossPrice())).to.deep.equal([114, 'EUR']);
    expect(money(found.shippingTotalGrossPrice)).to.deep.equal([9, 'EUR']);
    expect(money(found.adjustedShippingTotalGrossPrice)).to.deep.equal([9, 'EUR']);
    expect(money(found.totalGrossPrice)).to.deep.equal([123, 'EUR']);
    expect(money(found.getTotalGrossPrice())).to.deep.equal([123, 'EUR']);
  });

  it('Shipment totals leave the order-level adjustments out: totalGrossPrice is products + shipping of the shipment', () => {
    const found = dw(runtimeWith([discounted]), 'dw/order/OrderMgr').getOrder('D1');
    const me = found.getShipment('me');
    const gift = found.getShipment('gift');
    expect(money(me.totalGrossPrice)).to.deep.equal([120, 'EUR']);
    expect(money(gift.getTotalGrossPrice())).to.deep.equal([13.05, 'EUR']);
    // No product- or shipping-level adjustments in the runtime: the adjusted values equal the others.
    expect(money(me.adjustedMerchandizeTotalGrossPrice)).to.deep.equal([114.1, 'EUR']);
    expect(money(me.getAdjustedMerchandizeTotalGrossPrice())).to.deep.equal(money(me.merchandizeTotalGrossPrice));
    expect(money(gift.adjustedShippingTotalGrossPrice)).to.deep.equal([3.1, 'EUR']);
    expect(money(gift.getAdjustedShippingTotalGrossPrice())).to.deep.equal(money(gift.shippingTotalGrossPrice));
    // The shipments add up to the order before its order-level adjustments.
    expect(me.totalGrossPrice.value + gift.totalGrossPrice.value).to.be.closeTo(133.05, 1e-9);
    // dw.order.Shipment has no priceAdjustments: order-level adjustments are the order's.
    expect(me.priceAdjustments).to.equal(undefined);
    expect(me.getPriceAdjustments).to.equal(undefined);
  });

  it('without adjustments the collection is empty and the adjusted totals equal the unadjusted ones', () => {
    const found = dw(
      runtimeWith([
        {
          orderNo: 'P1',
          shipments: [{ id: 'me', shippingGrossPrice: '5.90' }],
          productLineItems: [{ productID: 'SHOE', grossPrice: '114.10' }],
        },
      ]),
      'dw/order/OrderMgr',
    ).getOrder('P1');
    expect(found.priceAdjustments.size()).to.equal(0);
    expect(found.priceAdjustments.isEmpty()).to.equal(true);
    expect(money(found.adjustedMerchandizeTotalGrossPrice)).to.deep.equal([114.1, 'EUR']);
    expect(money(found.totalGrossPrice)).to.deep.equal([120, 'EUR']);
    expect(money(found.defaultShipment.totalGrossPrice)).to.deep.equal([120, 'EUR']);
  });

  it("keeps amounts in the currency's decimals (JPY 0, KWD 3)", () => {
    const yen = dw(
      runtimeWith(
        [
          {
            orderNo: 'J1',
            shipments: [{ id: 'me', shippingGrossPrice: 500 }],
            productLineItems: [{ productID: 'TEA', grossPrice: '3200' }],
            priceAdjustments: [{ promotionID: 'SPRING', grossPrice: '-320' }],
          },
        ],
        'JPY',
      ),
      'dw/order/OrderMgr',
    ).getOrder('J1');
    expect(money(yen.totalGrossPrice)).to.deep.equal([3380, 'JPY']);
    expect(money(yen.adjustedMerchandizeTotalGrossPrice)).to.deep.equal([2880, 'JPY']);
    expect(money(yen.defaultShipment.totalGrossPrice)).to.deep.equal([3700, 'JPY']);

    const dinar = dw(
      runtimeWith(
        [
          {
            orderNo: 'K1',
            shipments: [{ id: 'me', shippingGrossPrice: '1.250' }],
            productLineItems: [{ productID: 'P1', grossPrice: '10.005' }],
            priceAdjustments: [{ promotionID: 'A', grossPrice: '-0.105' }],
          },
        ],
        'KWD',
      ),
      'dw/order/OrderMgr',
    ).getOrder('K1');
    expect(money(dinar.totalGrossPrice)).to.deep.equal([11.15, 'KWD']);
    expect(money(dinar.adjustedMerchandizeTotalGrossPrice)).to.deep.equal([9.9, 'KWD']);
  });
});
