import { expect } from 'chai';
import {
  cancelOrder,
  captureOrder,
  refundOrder,
  type OrderRunSettings,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/orderOperations';
import { emptySummary } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/jobSummary';
import { findOperation } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operationJournal';
import { almaLifecycle } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/almaLifecycle';
import {
  CustomObjectMgr,
  defineMetadata,
  HookMgr,
  Order,
  OrderMgr,
  resetDwMocks,
  Site,
  type OrderFields,
  type OrderMock,
} from '../../../../../../helpers/dwMocks';
import { almaAnswers, json, PAYMENT, type AlmaCall, type AlmaQueues } from '../providers/alma/almaHarness';

const STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — /;

function settings(runStartedAt = new Date()): OrderRunSettings {
  return { lifecycle: almaLifecycle, runStartedAt, maxAttempts: 3, summary: emptySummary() };
}

function order(fields: Partial<OrderFields> & { custom?: { [name: string]: unknown } } = {}): OrderMock {
  return OrderMgr.__add({
    orderNo: '00001234',
    currencyCode: 'EUR',
    total: 100,
    ...fields,
    custom: { almaPaymentId: PAYMENT, ALMA_Deferred_Capture: 'ToCapture', ...(fields.custom || {}) },
  });
}

/** The order's reason without its time stamp (and checks the stamp). */
function reason(o: OrderMock): string {
  const text = o.__values.payopsReason as string;
  expect(text).to.match(STAMP);
  return text.replace(STAMP, '');
}

let calls: AlmaCall[];
function alma(queues: AlmaQueues): void {
  calls = almaAnswers(queues);
}

describe('core/orderOperations', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
    Site.__setCurrent('RefArch', { ALMA_Deferred_Capture_Activation: true });
    calls = [];
  });

  afterEach(() => {
    for (const call of calls) expect(call.transactionDepth, call.method + ' ' + call.path).to.equal(0);
  });

  describe('captureOrder', () => {
    it('captures a ToCapture order once, and shows Captured, the amount and the reason on the order', () => {
      const o = order();
      alma({ POST: [json({ id: 'capture_1', amount: 3333 })] });
      const s = settings();
      captureOrder('00001234', s, false);
      expect(calls.map((c) => [c.method, c.path, c.body])).to.deep.equal([
        ['POST', '/v1/payments/' + PAYMENT + '/captures', { external_id: PAYMENT }],
      ]);
      expect(o.__values).to.include({ ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 100 });
      expect(reason(o)).to.equal('Capture of 33.33 EUR succeeded at Alma (Alma reference capture_1).');
      expect(s.summary).to.include({ succeeded: 1, failed: 0, calls: 1 });
      expect(findOperation('alma:capture:00001234:1')).to.include({
        state: 'Succeeded',
        providerReference: 'capture_1',
      });
    });

    it('captures the Amount to Capture (partial capture) in minor units', () => {
      const o = order({ custom: { payopsCaptureAmount: 25.5 } });
      alma({ POST: [json({ id: 'capture_1', amount: 2550 })] });
      captureOrder('00001234', settings(), false);
      expect(calls[0].body).to.deep.equal({ external_id: PAYMENT, amount: 2550 });
      expect(o.__values.payopsCapturedAmount).to.equal(25.5);
    });

    it('plans the capture once: a second pass never sends it again', () => {
      const o = order();
      alma({ POST: [json({ id: 'capture_1' })] });
      captureOrder('00001234', settings(), false);
      // Set back to ToCapture by someone: the journal knows it was captured.
      o.__values.ALMA_Deferred_Capture = 'ToCapture';
      const s = settings();
      captureOrder('00001234', s, false);
      expect(calls).to.have.length(1);
      expect(CustomObjectMgr.__objects('PaymentOperation')).to.have.length(1);
      expect(o.__values.ALMA_Deferred_Capture).to.equal('Captured');
      expect(reason(o)).to.match(
        /^Already captured \(Capture succeeded at Alma \(Alma reference capture_1\)\.\); not captured again\.$/,
      );
      expect(s.summary.succeeded).to.equal(1);
    });

    const invalid: Array<[string, Partial<OrderFields>, string]> = [
      [
        'no payment ID',
        { custom: { almaPaymentId: null } },
        'the order has no Alma payment ID (attribute almaPaymentId); nothing was sent',
      ],
      [
        'an unknown currency',
        { currencyCode: 'XYZ' },
        'the order currency "XYZ" is not a currency the platform knows; nothing was sent',
      ],
      [
        'an amount above the total',
        { custom: { payopsCaptureAmount: 150 } },
        'the Amount to Capture 150.00 EUR is more than the 100.00 EUR allowed; nothing was sent',
      ],
      [
        'a zero amount',
        { custom: { payopsCaptureAmount: 0 } },
        'the Amount to Capture must be more than zero (got 0.00 EUR); nothing was sent',
      ],
      ['no order total', { total: null }, 'the order has no total'],
    ];
    for (const [name, fields, why] of invalid) {
      it(`sets Failed with a readable reason, without any call, for ${name}`, () => {
        const o = order(fields);
        alma({});
        const s = settings();
        captureOrder('00001234', s, false);
        expect(calls).to.deep.equal([]);
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Failed');
        expect(reason(o)).to.equal('Capture not possible: ' + why + '.');
        expect(s.summary).to.include({ failed: 1, calls: 0 });
        expect(s.summary.problems).to.deep.equal(['Order 00001234: capture not possible: ' + why]);
        expect(CustomObjectMgr.__objects('PaymentOperation')).to.have.length(0);
      });
    }

    it('skips orders that are no longer due, without any call', () => {
      order({ custom: { ALMA_Deferred_Capture: 'Captured' } });
      order({ orderNo: '2', status: Order.ORDER_STATUS_CANCELLED });
      alma({});
      const s = settings();
      captureOrder('00001234', s, false);
      captureOrder('2', s, false);
      captureOrder('missing', s, false);
      expect(s.summary).to.include({ skipped: 3, calls: 0 });
      expect(s.summary.problems).to.deep.equal(['Order missing: not found']);
    });

    it('does nothing while the site preference ALMA_Deferred_Capture_Activation is off', () => {
      Site.__setCurrent('RefArch', { ALMA_Deferred_Capture_Activation: false });
      const o = order();
      alma({});
      const s = settings();
      captureOrder('00001234', s, false);
      expect(s.summary.skipped).to.equal(1);
      expect(o.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
    });

    describe('hooks', () => {
      it('captures the amount the captureAmount hook chooses', () => {
        order();
        HookMgr.__register('app.payment.operations.captureAmount', { captureAmount: () => 4000 });
        alma({ POST: [json({ id: 'capture_1' })] });
        captureOrder('00001234', settings(), false);
        expect(calls[0].body).to.deep.equal({ external_id: PAYMENT, amount: 4000 });
      });

      it('does not capture when beforeOperation vetoes, and says why', () => {
        const o = order();
        HookMgr.__register('app.payment.operations.beforeOperation', {
          beforeOperation: () => ({ veto: 'fraud check' }),
        });
        alma({});
        captureOrder('00001234', settings(), false);
        expect(calls).to.deep.equal([]);
        expect(reason(o)).to.equal('Capture not possible: stopped by the beforeOperation hook: fraud check.');
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Failed');
      });

      it('fails the order, naming the hook, when a hook answers wrongly', () => {
        const o = order();
        HookMgr.__register('app.payment.operations.captureAmount', { captureAmount: () => '40.00' });
        alma({});
        captureOrder('00001234', settings(), false);
        expect(reason(o)).to.equal(
          'Capture not possible: hook app.payment.operations.captureAmount returned 40.00 instead of an amount in minor units.',
        );
      });

      it('checks an amount adjusted by beforeOperation too', () => {
        const o = order();
        HookMgr.__register('app.payment.operations.beforeOperation', {
          beforeOperation: () => ({ amountMinor: 20000 }),
        });
        alma({});
        captureOrder('00001234', settings(), false);
        expect(calls).to.deep.equal([]);
        expect(reason(o)).to.equal(
          'Capture not possible: the capture amount 200.00 EUR is more than the 100.00 EUR allowed; nothing was sent.',
        );
      });

      it('tells afterOperation the outcome; a failing hook is reported but changes nothing', () => {
        const o = order();
        const reports: unknown[] = [];
        HookMgr.__register('app.payment.operations.afterOperation', {
          afterOperation: (_o: dw.order.Order, report: unknown) => {
            reports.push(report);
            throw new Error('ERP down');
          },
        });
        alma({ POST: [json({ id: 'capture_1' })] });
        const s = settings();
        captureOrder('00001234', s, false);
        expect(reports).to.have.length(1);
        expect(reports[0]).to.include({
          operationId: 'alma:capture:00001234:1',
          state: 'Succeeded',
          providerReference: 'capture_1',
        });
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Captured');
        expect(s.summary.succeeded).to.equal(1);
        expect(s.summary.problems).to.deep.equal([
          'Order 00001234: afterOperation hook failed: hook app.payment.operations.afterOperation failed: ERP down',
        ]);
      });
    });

    it('stops at a refused API key: the order is left ToCapture, the run records Alma as blocked', () => {
      const o = order();
      alma({ POST: [json({ message: 'Invalid API key' }, 401)] });
      const s = settings();
      captureOrder('00001234', s, false);
      expect(o.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
      expect(s.summary).to.include({ pending: 1, failed: 0, rejected: 0 });
      expect(s.summary.blocked).to.deep.equal(['Alma']);
      expect(findOperation('alma:capture:00001234:1')).to.include({ state: 'Planned', attempts: 0 });
      expect(reason(o)).to.match(/^Not done, Alma refused our credentials: HTTP 401: Invalid API key — /);
    });

    describe('unfinished operations', () => {
      it('leaves an InFlight capture to the journal pass, which reads Alma before anything else', () => {
        const o = order();
        alma({ POST: [{ unavailable: 'TIMEOUT' }] });
        const first = settings(new Date(Date.now() - 60000));
        captureOrder('00001234', first, false);
        expect(first.summary.pending).to.equal(1);
        expect(findOperation('alma:capture:00001234:1')!.state).to.equal('InFlight');
        expect(o.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
        expect(reason(o)).to.match(/^Outcome of the capture unknown/);

        // The next run: the order search finds it again, but only the journal pass may act.
        alma({ GET: [json({ id: PAYMENT, captures: [{ id: 'capture_7', amount: 3333 }] })] });
        const next = settings(new Date(Date.now() + 1000));
        captureOrder('00001234', next, false);
        expect(calls).to.deep.equal([]);
        expect(next.summary.skipped).to.equal(1);
        captureOrder('00001234', next, true);
        expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Captured');
        expect(next.summary.succeeded).to.equal(1);
      });
    });
  });

  describe('cancelOrder', () => {
    it('voids the authorisation of a cancelled, uncaptured order and sets Cancel Status Cancelled', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      alma({ PUT: [{ statusCode: 204, text: '' }] });
      const s = settings();
      cancelOrder('00001234', s, false);
      expect(calls.map((c) => [c.method, c.path])).to.deep.equal([['PUT', '/v1/payments/' + PAYMENT + '/cancel']]);
      expect(o.__values.payopsCancelStatus).to.equal('Cancelled');
      expect(reason(o)).to.equal('Cancel succeeded at Alma.');
      expect(s.summary.succeeded).to.equal(1);
    });

    it('sets Rejected with Alma’s message when Alma refuses', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      alma({ PUT: [json({ error_code: 'invalid_state', message: 'Payment cannot be cancelled' }, 400)] });
      const s = settings();
      cancelOrder('00001234', s, false);
      expect(o.__values.payopsCancelStatus).to.equal('Rejected');
      expect(reason(o)).to.equal('Alma refused the cancel: HTTP 400 invalid_state: Payment cannot be cancelled.');
      expect(s.summary.rejected).to.equal(1);
    });

    it('leaves a captured order to the refund step, and an open order alone', () => {
      order({ status: Order.ORDER_STATUS_CANCELLED, custom: { ALMA_Deferred_Capture: 'Captured' } });
      order({ orderNo: '2' });
      alma({});
      const s = settings();
      cancelOrder('00001234', s, false);
      cancelOrder('2', s, false);
      expect(s.summary.skipped).to.equal(2);
    });

    it('settles an unknown capture first; when Alma captured it, no cancel is sent', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      CustomObjectMgr.__insert('PaymentOperation', 'alma:capture:00001234:1', {
        orderNo: '00001234',
        provider: 'alma',
        operationType: 'capture',
        state: 'InFlight',
        amountMinor: null,
        currencyCode: 'EUR',
        paymentReference: PAYMENT,
        merchantReference: '00001234-capture-1',
        idempotencyKey: 'k',
        attempts: 1,
        lastAttemptAt: new Date(Date.now() - 60000),
      });
      alma({ GET: [json({ id: PAYMENT, captures: [{ id: 'capture_1' }] })] });
      const s = settings();
      cancelOrder('00001234', s, false);
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(o.__values.ALMA_Deferred_Capture).to.equal('Captured');
      expect(o.custom.payopsCancelStatus).to.equal(null);
      expect(findOperation('alma:cancel:00001234:1')).to.equal(null);
    });
  });

  describe('cancelOrder after a capture that was never applied', () => {
    it('withdraws the unknown capture (not a failure) and voids the authorisation', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      CustomObjectMgr.__insert('PaymentOperation', 'alma:capture:00001234:1', {
        orderNo: '00001234',
        provider: 'alma',
        operationType: 'capture',
        state: 'InFlight',
        amountMinor: null,
        currencyCode: 'EUR',
        paymentReference: PAYMENT,
        merchantReference: '00001234-capture-1',
        idempotencyKey: 'k',
        attempts: 1,
        lastAttemptAt: new Date(Date.now() - 60000),
      });
      alma({ GET: [json({ id: PAYMENT, captures: [] })], PUT: [{ statusCode: 204, text: '' }] });
      const s = settings();
      cancelOrder('00001234', s, false);
      expect(calls.map((c) => c.method)).to.deep.equal(['GET', 'PUT']);
      expect(findOperation('alma:capture:00001234:1')!.reason).to.equal(
        'The capture was withdrawn, never sent: the order was cancelled.',
      );
      expect(o.__values.payopsCancelStatus).to.equal('Cancelled');
      expect(s.summary).to.include({ failed: 0, skipped: 1, succeeded: 1 });
    });
  });

  describe('refundOrder', () => {
    const refunded = (reference: string, amount: number) =>
      json({ id: PAYMENT, refunds: [{ id: 'refund_1', amount, merchant_reference: reference }] });

    it('refunds the Amount to Refund of a captured order, then clears the request', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 } });
      alma({ POST: [refunded('00001234-refund-1', 3000)] });
      const s = settings();
      refundOrder('00001234', s, false);
      expect(calls.map((c) => [c.method, c.path, c.body])).to.deep.equal([
        ['POST', '/v1/payments/' + PAYMENT + '/refund', { merchant_reference: '00001234-refund-1', amount: 3000 }],
      ]);
      expect(o.__values).to.include({
        payopsRefundedAmount: 30,
        payopsRefundStatus: 'PartiallyRefunded',
        payopsRefundAmount: null,
      });
      expect(reason(o)).to.equal('Refund of 30.00 EUR succeeded at Alma (Alma reference refund_1).');
      expect(s.summary.succeeded).to.equal(1);
    });

    it('refunds what is left of a cancelled, captured order as a second refund', () => {
      const o = order({
        status: Order.ORDER_STATUS_CANCELLED,
        custom: {
          ALMA_Deferred_Capture: 'Captured',
          payopsRefundedAmount: 30,
          payopsRefundStatus: 'PartiallyRefunded',
        },
      });
      CustomObjectMgr.__insert('PaymentOperation', 'alma:refund:00001234:1', {
        orderNo: '00001234',
        provider: 'alma',
        operationType: 'refund',
        state: 'Succeeded',
        amountMinor: 3000,
        currencyCode: 'EUR',
        paymentReference: PAYMENT,
        merchantReference: '00001234-refund-1',
        idempotencyKey: 'k',
        attempts: 1,
      });
      alma({ POST: [refunded('00001234-refund-2', 7000)] });
      refundOrder('00001234', settings(), false);
      expect(calls[0].body).to.deep.equal({ merchant_reference: '00001234-refund-2', amount: 7000 });
      expect(o.__values).to.include({ payopsRefundedAmount: 100, payopsRefundStatus: 'Refunded' });
    });

    it('refuses more than is refundable, clearing the request so the operator enters it again', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 120 } });
      alma({});
      const s = settings();
      refundOrder('00001234', s, false);
      expect(calls).to.deep.equal([]);
      expect(o.__values).to.include({ payopsRefundStatus: 'Failed', payopsRefundAmount: null });
      expect(reason(o)).to.equal(
        'Refund not possible: the Amount to Refund 120.00 EUR is more than the 100.00 EUR allowed; nothing was sent.',
      );
      expect(s.summary.failed).to.equal(1);
    });

    it('refuses to refund a payment that was not captured', () => {
      const o = order({ custom: { payopsRefundAmount: 10 } });
      alma({});
      refundOrder('00001234', settings(), false);
      expect(reason(o)).to.equal(
        'Refund not possible: the payment has not been captured; cancel the order to void it instead.',
      );
    });
  });
});
