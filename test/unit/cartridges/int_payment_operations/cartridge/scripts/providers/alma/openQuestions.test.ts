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
});
