import { expect } from 'chai';
import {
  shareOut,
  shipmentShares,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/shipmentCapture';
import { SHIPMENT_SPLIT_HOOK } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/extensionHooks';
import { HookMgr, resetDwMocks } from '../../../../../../helpers/dwMocks';
import Money = require('dw/value/Money');

/** An order whose shipments cost what is given (null: no amount). */
function orderWith(...totals: Array<number | null>): dw.order.Order {
  const shipments = totals.map((total, index) => ({
    ID: 's' + (index + 1),
    totalGrossPrice: total === null ? Money.NOT_AVAILABLE : new Money(total, 'EUR'),
  }));
  return {
    currencyCode: 'EUR',
    getShipments: () => ({
      iterator: () => {
        let next = 0;
        return { hasNext: () => next < shipments.length, next: () => shipments[next++] };
      },
    }),
  } as unknown as dw.order.Order;
}

describe('core/shipmentCapture: sharing the authorised amount out between shipments', () => {
  beforeEach(() => resetDwMocks());

  it('shares in proportion, rounded down, and the last shipment takes the rest: the shares add up exactly', () => {
    // The seed-like example: 84.12 of shipments, a 10.00 order discount, 74.12 authorised.
    const shares = shareOut(
      [
        { shipmentID: 's1', baseMinor: 4000 },
        { shipmentID: 's2', baseMinor: 3000 },
        { shipmentID: 's3', baseMinor: 1412 },
      ],
      7412,
    );
    expect(shares.map((s) => s.amountMinor)).to.deep.equal([3524, 2643, 1245]);
    expect(shares.reduce((sum, s) => sum + s.amountMinor, 0)).to.equal(7412);
  });

  it('gives a shipment that weighs nothing no share, and the last weighted shipment the rest (JPY, 0 decimals)', () => {
    const shares = shareOut(
      [
        { shipmentID: 'a', baseMinor: 1000 },
        { shipmentID: 'b', baseMinor: 1000 },
        { shipmentID: 'free', baseMinor: 0 },
      ],
      1001,
    );
    expect(shares.map((s) => s.amountMinor)).to.deep.equal([500, 501, 0]);
  });

  it('refuses shipments that weigh nothing at all, and amounts too large to share out exactly', () => {
    expect(() => shareOut([{ shipmentID: 'a', baseMinor: 0 }], 100)).to.throw(/add up to nothing/);
    expect(() =>
      shareOut(
        [
          { shipmentID: 'a', baseMinor: 4e9 },
          { shipmentID: 'b', baseMinor: 1 },
        ],
        4e9,
      ),
    ).to.throw(/too large/);
  });

  it('refuses a shipment without an amount, naming it', () => {
    expect(() => shipmentShares(orderWith(40, null), 'monext', 7000)).to.throw(/shipment s2 has no amount/);
  });

  it('takes the shipmentSplit hook’s split only when it adds up exactly, with whole amounts for every shipment', () => {
    HookMgr.__register(SHIPMENT_SPLIT_HOOK, { shipmentSplit: () => ({ s1: 6500, s2: 500 }) });
    expect(shipmentShares(orderWith(40, 30), 'monext', 7000).map((s) => s.amountMinor)).to.deep.equal([6500, 500]);
    resetDwMocks();
    HookMgr.__register(SHIPMENT_SPLIT_HOOK, { shipmentSplit: () => ({ s1: 6500, s2: 600 }) });
    expect(() => shipmentShares(orderWith(40, 30), 'monext', 7000)).to.throw(/7100 minor units, not the 7000/);
    resetDwMocks();
    HookMgr.__register(SHIPMENT_SPLIT_HOOK, { shipmentSplit: () => ({ s1: 7000 }) });
    expect(() => shipmentShares(orderWith(40, 30), 'monext', 7000)).to.throw(/shipment s2 the amount undefined/);
  });
});
