import { expect } from 'chai';
import * as questions from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/openQuestions';

describe('providers/alma/openQuestions', () => {
  it('records the decided paths and methods', () => {
    expect(questions.CAPTURE_PATH_SUFFIX).to.equal('/captures');
    expect(questions.CANCEL_METHOD).to.equal('PUT');
    expect(questions.CANCEL_PATH_SUFFIX).to.equal('/cancel');
    expect(questions.REFUND_PATH_SUFFIX).to.equal('/refund');
    expect(questions.RATE_LIMITED_STATUS).to.equal(429);
  });

  describe('captureFromAnswer (Q1b)', () => {
    it('takes an object with a non-empty string id as a capture, with its integer amount', () => {
      expect(questions.captureFromAnswer({ id: 'capture_1', amount: 1500 })).to.deep.equal({
        id: 'capture_1',
        amountMinor: 1500,
      });
      expect(questions.captureFromAnswer({ id: 'capture_1', amount: 15.5 })).to.deep.equal({
        id: 'capture_1',
        amountMinor: null,
      });
      expect(questions.captureFromAnswer({ id: 'capture_1', amount: '1500' })).to.deep.equal({
        id: 'capture_1',
        amountMinor: null,
      });
    });

    it('gives null for anything else', () => {
      for (const body of [null, undefined, 'capture_1', 42, [], {}, { id: '' }, { id: 7 }]) {
        expect(questions.captureFromAnswer(body), JSON.stringify(body)).to.equal(null);
      }
    });
  });

  describe('captureFromPayment (Q1c)', () => {
    it('reads captures[] first (the first entry), then captured_amount, then processing_status', () => {
      expect(
        questions.captureFromPayment({
          captures: [
            { id: 'capture_1', amount: 100 },
            { id: 'capture_2', amount: 200 },
          ],
          captured_amount: 300,
        }),
      ).to.deep.equal({ id: 'capture_1', amountMinor: 100 });
      expect(questions.captureFromPayment({ captures: [{}] })).to.deep.equal({ id: null, amountMinor: null });
      expect(questions.captureFromPayment({ captures: [], captured_amount: 300 })).to.deep.equal({
        id: null,
        amountMinor: 300,
      });
      expect(questions.captureFromPayment({ processing_status: 'captured' })).to.deep.equal({
        id: null,
        amountMinor: null,
      });
    });

    it('gives null for a payment that is not captured', () => {
      expect(questions.captureFromPayment({})).to.equal(null);
      expect(
        questions.captureFromPayment({ captures: [], captured_amount: 0, processing_status: 'authorized' }),
      ).to.equal(null);
      expect(questions.captureFromPayment({ captures: 'yes' })).to.equal(null);
    });
  });

  describe('showsCaptureState (Q1c)', () => {
    it('is true when the payment carries captures, captured_amount or processing_status, even empty or zero', () => {
      expect(questions.showsCaptureState({ captures: [] })).to.equal(true);
      expect(questions.showsCaptureState({ captured_amount: 0 })).to.equal(true);
      expect(questions.showsCaptureState({ processing_status: 'authorized' })).to.equal(true);
    });

    it('is false when none of them is there, so "not captured" would be a guess', () => {
      expect(questions.showsCaptureState({})).to.equal(false);
      expect(questions.showsCaptureState({ id: 'payment_1', state: 'in_progress', refunds: [] })).to.equal(false);
    });
  });

  describe('isCancelled (Q1f)', () => {
    it('is true for state or processing_status canceled / cancelled only', () => {
      expect(questions.isCancelled({ state: 'canceled' })).to.equal(true);
      expect(questions.isCancelled({ state: 'cancelled' })).to.equal(true);
      expect(questions.isCancelled({ processing_status: 'canceled' })).to.equal(true);
      expect(questions.isCancelled({ state: 'in_progress' })).to.equal(false);
      expect(questions.isCancelled({ state: 'CANCELED' })).to.equal(false);
      expect(questions.isCancelled({})).to.equal(false);
    });
  });

  describe('refunds (Q2)', () => {
    const payment = {
      refunds: [
        { id: 'refund_a', amount: 100, merchant_reference: 'order-refund-1' },
        { id: 'refund_b', amount: 200, merchant_reference: 'order-refund-2' },
        { amount: 300, merchant_reference: 'order-refund-3' },
      ],
    };

    it('finds a refund in payment.refunds[] by our merchant reference only', () => {
      expect(questions.refundFromPayment(payment, 'order-refund-2')).to.deep.equal({
        id: 'refund_b',
        amountMinor: 200,
      });
      expect(questions.refundFromPayment(payment, 'order-refund-9')).to.equal(null);
      expect(questions.refundFromPayment(payment, 'order-refund-3')).to.equal(null);
      expect(questions.refundFromPayment({}, 'order-refund-1')).to.equal(null);
    });

    it('reads a refund answer as a Payment (refunds[]) or a Refund object (id refund_…)', () => {
      expect(questions.refundFromAnswer(payment, 'order-refund-1')).to.deep.equal({ id: 'refund_a', amountMinor: 100 });
      expect(questions.refundFromAnswer({ id: 'refund_z', amount: 50 }, 'any')).to.deep.equal({
        id: 'refund_z',
        amountMinor: 50,
      });
      expect(questions.refundFromAnswer({ id: 'payment_1' }, 'any')).to.equal(null);
      expect(questions.refundFromAnswer({ id: 'payment_1', refunds: [] }, 'any')).to.equal(null);
      expect(questions.refundFromAnswer(null, 'any')).to.equal(null);
      expect(questions.refundFromAnswer('refund_1', 'any')).to.equal(null);
    });
  });
  describe('settledAmount (Q5)', () => {
    /** A 3-instalment payment of 120.00 whose first instalment (40.00) is captured. */
    const instalments = (captured: number) => ({
      purchase_amount: 12000,
      payment_plan: [{ purchase_amount: 4000 }, { purchase_amount: 4000 }, { purchase_amount: 4000 }],
      captures: [{ id: 'capture_1', amount: captured }],
    });

    it('is the whole purchase when the first instalment is captured: later instalments stay due', () => {
      expect(questions.settledAmount(instalments(4000))).to.equal(12000);
      // More than the first instalment releases nothing.
      expect(questions.settledAmount(instalments(5000))).to.equal(12000);
    });

    it('leaves out the part of the first instalment a partial capture released', () => {
      expect(questions.settledAmount(instalments(3000))).to.equal(11000);
    });

    it('is what was captured of a payment in one go (no plan, or an empty one)', () => {
      expect(questions.settledAmount({ purchase_amount: 10000, captures: [{ id: 'c', amount: 8000 }] })).to.equal(8000);
      expect(questions.settledAmount({ purchase_amount: 10000, payment_plan: [], captured_amount: 10000 })).to.equal(
        10000,
      );
    });

    it('is null when the payment does not carry the figures: nothing is concluded from a guess', () => {
      expect(questions.settledAmount({ captures: [{ id: 'c', amount: 4000 }] }), 'no purchase_amount').to.equal(null);
      expect(questions.settledAmount({ purchase_amount: 12000, captures: [] }), 'not captured').to.equal(null);
      expect(
        questions.settledAmount({ purchase_amount: 12000, processing_status: 'captured' }),
        'captured, amount unknown',
      ).to.equal(null);
      expect(
        questions.settledAmount({ purchase_amount: 12000, payment_plan: [{}], captures: [{ amount: 4000 }] }),
        'first instalment without an amount',
      ).to.equal(null);
      expect(questions.settledAmount({ ...instalments(4000), purchase_amount: 120.5 }), 'not minor units').to.equal(
        null,
      );
    });
  });

  describe('remainingRefundable (Q5)', () => {
    const settled = {
      purchase_amount: 12000,
      payment_plan: [{ purchase_amount: 4000 }, { purchase_amount: 8000 }],
      captures: [{ id: 'capture_1', amount: 4000 }],
    };

    it('is what the payment settles less every refund listed', () => {
      expect(questions.remainingRefundable({ ...settled, refunds: [] })).to.equal(12000);
      expect(
        questions.remainingRefundable({
          ...settled,
          refunds: [
            { id: 'refund_1', amount: 3000, merchant_reference: 'a' },
            { id: 'refund_2', amount: 2000, merchant_reference: 'b' },
          ],
        }),
      ).to.equal(7000);
      expect(questions.remainingRefundable({ ...settled, refunds: [{ id: 'refund_1', amount: 12000 }] })).to.equal(0);
    });

    it('is never below zero', () => {
      expect(questions.remainingRefundable({ ...settled, refunds: [{ amount: 9000 }, { amount: 9000 }] })).to.equal(0);
    });

    it('is null when it cannot be told: no refunds list, a refund without an amount, no settled figure', () => {
      expect(questions.remainingRefundable(settled)).to.equal(null);
      expect(questions.remainingRefundable({ ...settled, refunds: [{ id: 'refund_1' }] })).to.equal(null);
      expect(questions.remainingRefundable({ ...settled, refunds: [null] })).to.equal(null);
      expect(questions.remainingRefundable({ purchase_amount: 12000, refunds: [] })).to.equal(null);
    });
  });
});
