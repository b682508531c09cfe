import { expect } from 'chai';
import { almaLifecycle } from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/almaLifecycle';
import {
  defineMetadata,
  Order,
  OrderMgr,
  resetDwMocks,
  type OrderFields,
  type OrderMock,
} from '../../../../../../../helpers/dwMocks';

const PAYMENT = 'payment_11uPRjP4bjr1NDvBd9WgnRXVh7Kb4lhIJ5';

let next = 0;
function order(fields: Partial<OrderFields> = {}): OrderMock {
  next++;
  return OrderMgr.__add({
    orderNo: String(next),
    currencyCode: 'EUR',
    total: 120,
    ...fields,
    custom: { almaPaymentId: PAYMENT, ALMA_Deferred_Capture: 'Captured', ...(fields.custom || {}) },
  });
}

/** A gift certificate of 20 and the Alma payment of 100 for an order of 120. */
const SPLIT_TENDER = [
  { paymentMethod: 'GIFT_CERTIFICATE', transactionID: 'gc_1', amount: 20 },
  { paymentMethod: 'ALMA', transactionID: PAYMENT, amount: 100 },
];

describe('providers/alma/almaLifecycle', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
  });

  describe('authorisedMinor', () => {
    it('is the amount of the payment instrument whose transaction ID is the Alma payment ID', () => {
      expect(almaLifecycle.authorisedMinor(order({ paymentInstruments: SPLIT_TENDER }))).to.equal(10000);
      expect(
        almaLifecycle.authorisedMinor(
          order({ currencyCode: 'JPY', total: 5000, paymentInstruments: [{ transactionID: PAYMENT, amount: 4500 }] }),
        ),
      ).to.equal(4500);
      expect(
        almaLifecycle.authorisedMinor(
          order({ currencyCode: 'KWD', total: 12.5, paymentInstruments: [{ transactionID: PAYMENT, amount: 12.345 }] }),
        ),
      ).to.equal(12345);
    });

    it('is the order total when no instrument carries the payment ID, or its amount is not available', () => {
      expect(almaLifecycle.authorisedMinor(order())).to.equal(12000);
      expect(
        almaLifecycle.authorisedMinor(order({ paymentInstruments: [{ transactionID: 'other', amount: 50 }] })),
      ).to.equal(12000);
      expect(
        almaLifecycle.authorisedMinor(order({ paymentInstruments: [{ transactionID: PAYMENT, amount: null }] })),
      ).to.equal(12000);
      expect(
        almaLifecycle.authorisedMinor(order({ paymentInstruments: SPLIT_TENDER, custom: { almaPaymentId: null } })),
      ).to.equal(12000);
    });

    it('is null when neither an instrument nor the order total says', () => {
      expect(almaLifecycle.authorisedMinor(order({ total: null }))).to.equal(null);
    });
  });

  describe('capturedMinor', () => {
    it('is the Captured Amount recorded when the capture succeeded, whatever the editable Amount to Capture says', () => {
      const partial = order({
        paymentInstruments: SPLIT_TENDER,
        custom: { payopsCapturedAmount: 25.5, payopsCaptureAmount: 40 },
      });
      expect(almaLifecycle.capturedMinor(partial)).to.equal(2550);
      expect(
        almaLifecycle.capturedMinor(
          order({ currencyCode: 'JPY', total: 5000, custom: { payopsCapturedAmount: 3000 } }),
        ),
      ).to.equal(3000);
    });

    it('is the Alma payment when nothing was recorded (captured at checkout, no deferred capture)', () => {
      expect(
        almaLifecycle.capturedMinor(
          order({ paymentInstruments: SPLIT_TENDER, custom: { ALMA_Deferred_Capture: null, payopsCaptureAmount: 40 } }),
        ),
      ).to.equal(10000);
      expect(almaLifecycle.capturedMinor(order({ custom: { ALMA_Deferred_Capture: null } }))).to.equal(12000);
    });

    it('is 0 when nothing is recorded and the order has no amount', () => {
      expect(almaLifecycle.capturedMinor(order({ total: null }))).to.equal(0);
    });
  });

  describe('refundSelection', () => {
    function selected(): string[] {
      const selection = almaLifecycle.refundSelection;
      const search = OrderMgr as unknown as {
        searchOrders(query: string, sort: string, ...args: unknown[]): dw.util.SeekableIterator<dw.order.Order>;
      };
      const found = search.searchOrders(selection.query, 'orderNo asc', ...selection.args);
      const numbers: string[] = [];
      while (found.hasNext()) numbers.push(found.next().orderNo);
      found.close();
      return numbers;
    }

    it('selects cancelled, captured orders until Refund Status is Refunded, whatever a request did before', () => {
      const cancelled = { status: Order.ORDER_STATUS_CANCELLED };
      const numbers: { [status: string]: string } = {};
      for (const status of [null, 'PartiallyRefunded', 'Rejected', 'Failed', 'Refunded']) {
        numbers[String(status)] = order({ ...cancelled, custom: { payopsRefundStatus: status } }).orderNo;
      }
      order({ ...cancelled, custom: { ALMA_Deferred_Capture: 'ToCapture' } }); // not captured: the cancel step's
      order(); // open, nothing requested
      const requested = order({ custom: { payopsRefundAmount: 10 } }).orderNo;
      // Exactly these (Refunded, not captured and open orders are left out).
      expect(selected()).to.have.members([
        numbers['null'],
        numbers.PartiallyRefunded,
        numbers.Rejected,
        numbers.Failed,
        requested,
      ]);
    });
  });
});
