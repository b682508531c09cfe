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
  Transaction,
  type OrderFields,
  type OrderMock,
} from '../../../../../../helpers/dwMocks';
import { almaAnswers, json, PAYMENT, type AlmaCall, type AlmaQueues } from '../providers/alma/almaHarness';

const STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — /;
/** Alma's profile timeout in the harness (20 s) plus the step's margin. */
const GRACE = 21000;

function settings(runStartedAt = new Date()): OrderRunSettings {
  return {
    lifecycle: almaLifecycle,
    runStartedAt,
    maxAttempts: 3,
    inFlightGraceMillis: GRACE,
    summary: emptySummary(),
  };
}

/** A minute passes: every journal operation was last attempted a minute earlier than recorded. */
function aMinuteLater(): void {
  for (const object of CustomObjectMgr.__objects('PaymentOperation')) {
    const at = object.__values.lastAttemptAt as Date | null;
    if (at) object.__values.lastAttemptAt = new Date(at.getTime() - 60000);
  }
}

/** Alma's answer to a refund: the payment, listing the refund with the merchant reference sent. */
function refundedAs(id: string, amount: number) {
  return (call: AlmaCall) => {
    const body = call.body as { merchant_reference: string };
    return json({ id: PAYMENT, refunds: [{ id, amount, merchant_reference: body.merchant_reference }] });
  };
}

/** A journal operation as an earlier run left it. */
function journal(id: string, values: { [name: string]: unknown }): void {
  const [provider, type, orderNo, sequence] = id.split(':');
  CustomObjectMgr.__insert('PaymentOperation', id, {
    orderNo,
    provider,
    operationType: type,
    amountMinor: null,
    currencyCode: 'EUR',
    paymentReference: PAYMENT,
    merchantReference: orderNo + '-' + type + '-' + sequence + '-m0',
    idempotencyKey: 'k',
    attempts: 1,
    lastAttemptAt: new Date(Date.now() - 60000),
    ...values,
  });
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
      // Captured Amount is the Alma payment (the order total here); Alma's figure (the first instalment) is in the reason.
      expect(o.__values).to.include({ ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 100 });
      expect(reason(o)).to.equal('Capture succeeded at Alma (Alma reference capture_1, Alma reports 33.33 EUR).');
      expect(s.summary).to.include({ succeeded: 1, failed: 0, calls: 1 });
      expect(findOperation('alma:capture:00001234:1')).to.include({
        state: 'Succeeded',
        providerReference: 'capture_1',
        amountMinor: null,
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
      expect(o.__values.payopsCapturedAmount).to.equal(100);
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

    describe('amounts', () => {
      const splitTender = {
        total: 120,
        paymentInstruments: [
          { paymentMethod: 'GIFT_CERTIFICATE', transactionID: 'gc_1', amount: 20 },
          { paymentMethod: 'ALMA', transactionID: PAYMENT, amount: 100 },
        ],
      };

      it('records a full capture as the Alma payment: the instrument whose transaction ID is the payment ID', () => {
        const o = order(splitTender);
        alma({ POST: [json({ id: 'capture_1', amount: 3333 })] });
        captureOrder('00001234', settings(), false);
        expect(calls[0].body).to.deep.equal({ external_id: PAYMENT });
        expect(o.__values).to.include({ ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 100 });
      });

      it('records the order total when no payment instrument carries the Alma payment ID', () => {
        const o = order({ total: 90, paymentInstruments: [{ transactionID: 'another_payment', amount: 50 }] });
        alma({ POST: [json({ id: 'capture_1' })] });
        captureOrder('00001234', settings(), false);
        expect(o.__values.payopsCapturedAmount).to.equal(90);
      });

      it('allows at most the Alma payment, not the order total, as Amount to Capture', () => {
        const o = order({ ...splitTender, custom: { payopsCaptureAmount: 110 } });
        alma({});
        captureOrder('00001234', settings(), false);
        expect(calls).to.deep.equal([]);
        expect(reason(o)).to.equal(
          'Capture not possible: the Amount to Capture 110.00 EUR is more than the 100.00 EUR allowed; nothing was sent.',
        );
      });

      for (const [currencyCode, typed] of [
        ['EUR', 25.555],
        ['JPY', 99.5],
      ] as const) {
        it(`refuses an Amount to Capture of ${typed} ${currencyCode} (too many decimals): Failed, no call`, () => {
          const o = order({ currencyCode, total: 1000, custom: { payopsCaptureAmount: typed } });
          alma({});
          const s = settings();
          captureOrder('00001234', s, false);
          expect(calls).to.deep.equal([]);
          expect(o.__values.ALMA_Deferred_Capture).to.equal('Failed');
          expect(reason(o)).to.equal(
            `Capture not possible: the amount ${typed} has more decimals than ${currencyCode} allows ` +
              `(${currencyCode === 'JPY' ? 0 : 2}).`,
          );
          expect(s.summary).to.include({ failed: 1, calls: 0 });
          expect(CustomObjectMgr.__objects('PaymentOperation')).to.have.length(0);
        });
      }
    });

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

        // The next run, a minute later: the order search finds it again, but only the journal pass may act.
        aMinuteLater();
        alma({ GET: [json({ id: PAYMENT, captures: [{ id: 'capture_7', amount: 3333 }] })] });
        const next = settings(new Date(Date.now() + 1000));
        next.summary.selected = 1; // counted by the step as it read the order from the search
        captureOrder('00001234', next, false);
        expect(calls).to.deep.equal([]);
        // Not a second selection of the order, nor a skip: the journal pass handles it.
        expect(next.summary).to.include({ selected: 0, skipped: 0 });
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

  describe('cancelOrder while the capture is unknown', () => {
    it('sends no cancel while Alma cannot be read: the capture stays InFlight for the next run', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      journal('alma:capture:00001234:1', { state: 'InFlight' });
      alma({ GET: [{ statusCode: 503, text: '' }] });
      const s = settings();
      cancelOrder('00001234', s, true);
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(findOperation('alma:capture:00001234:1')!.state).to.equal('InFlight');
      expect(findOperation('alma:cancel:00001234:1')).to.equal(null);
      expect(o.custom.payopsCancelStatus).to.equal(null);
      expect(o.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
      expect(s.summary).to.include({ pending: 1, succeeded: 0, failed: 0 });
    });

    it('sends nothing, not even a read, while another run may still be waiting for the capture', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      journal('alma:capture:00001234:1', { state: 'InFlight', lastAttemptAt: new Date(Date.now() - 5000) });
      alma({});
      const s = settings();
      cancelOrder('00001234', s, true);
      expect(calls).to.deep.equal([]);
      expect(findOperation('alma:cancel:00001234:1')).to.equal(null);
      expect(o.custom.payopsCancelStatus).to.equal(null);
      expect(s.summary.pending).to.equal(1);
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
        'The capture was withdrawn (Alma had not applied it): the order was cancelled.',
      );
      expect(o.__values.payopsCancelStatus).to.equal('Cancelled');
      expect(s.summary).to.include({ failed: 0, skipped: 1, succeeded: 1 });
    });
  });

  describe('refundOrder', () => {
    it('refunds the Amount to Refund of a captured order, then clears the request', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 } });
      alma({ POST: [refundedAs('refund_1', 3000)] });
      const s = settings();
      refundOrder('00001234', s, false);
      expect(calls.map((c) => [c.method, c.path])).to.deep.equal([['POST', '/v1/payments/' + PAYMENT + '/refund']]);
      expect(calls[0].body).to.deep.include({ amount: 3000 });
      expect((calls[0].body as { merchant_reference: string }).merchant_reference).to.match(/^00001234-refund-1-/);
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
      alma({ POST: [refundedAs('refund_2', 7000)] });
      refundOrder('00001234', settings(), false);
      expect(calls[0].body).to.deep.include({ amount: 7000 });
      expect((calls[0].body as { merchant_reference: string }).merchant_reference).to.match(/^00001234-refund-2-/);
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

    const cancelledCaptured = (custom: { [name: string]: unknown }) =>
      order({ status: Order.ORDER_STATUS_CANCELLED, custom: { ALMA_Deferred_Capture: 'Captured', ...custom } });

    for (const status of ['Rejected', 'Failed']) {
      it(`refunds a cancelled, captured order in full after a partial request that ended ${status}`, () => {
        const o = cancelledCaptured({ payopsRefundStatus: status });
        journal('alma:refund:00001234:1', { state: status, amountMinor: 3000, completedAt: new Date() });
        alma({ POST: [refundedAs('refund_2', 10000)] });
        const s = settings();
        refundOrder('00001234', s, false);
        expect(calls).to.have.length(1);
        expect(calls[0].body).to.deep.include({ amount: 10000 });
        expect((calls[0].body as { merchant_reference: string }).merchant_reference).to.match(/^00001234-refund-2-/);
        expect(o.__values).to.include({ payopsRefundStatus: 'Refunded', payopsRefundedAmount: 100 });
        expect(s.summary.succeeded).to.equal(1);
      });
    }

    it('does not refund again after the automatic full refund failed, until Refund Status is cleared', () => {
      const o = cancelledCaptured({ payopsRefundStatus: 'Rejected' });
      journal('alma:refund:00001234:1', { state: 'Rejected', amountMinor: 10000, completedAt: new Date() });
      alma({});
      const s = settings();
      refundOrder('00001234', s, false);
      refundOrder('00001234', s, false);
      expect(calls).to.deep.equal([]);
      expect(s.summary).to.include({ skipped: 2, failed: 0 });
      expect(findOperation('alma:refund:00001234:2')).to.equal(null);

      // The operator fixed the cause and cleared Refund Status: the refund is requested again.
      o.__values.payopsRefundStatus = null;
      alma({ POST: [refundedAs('refund_2', 10000)] });
      refundOrder('00001234', settings(), false);
      expect(calls).to.have.length(1);
      expect(calls[0].body).to.deep.include({ amount: 10000 });
      expect(o.__values.payopsRefundStatus).to.equal('Refunded');
    });

    it('does not refund again after the automatic refund of what was left failed', () => {
      cancelledCaptured({ payopsRefundStatus: 'Failed', payopsRefundedAmount: 30 });
      journal('alma:refund:00001234:1', { state: 'Succeeded', amountMinor: 3000, completedAt: new Date() });
      journal('alma:refund:00001234:2', { state: 'Failed', amountMinor: 7000, completedAt: new Date() });
      alma({});
      const s = settings();
      refundOrder('00001234', s, false);
      expect(calls).to.deep.equal([]);
      expect(s.summary.skipped).to.equal(1);
    });

    it('fails, without any call, when the beforeOperation hook removes the refund amount', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 } });
      HookMgr.__register('app.payment.operations.beforeOperation', {
        beforeOperation: () => ({ amountMinor: null }),
      });
      alma({});
      const s = settings();
      refundOrder('00001234', s, false);
      expect(calls).to.deep.equal([]);
      expect(reason(o)).to.equal(
        'Refund not possible: a refund needs an amount (the beforeOperation hook removed it); nothing was sent.',
      );
      expect(o.__values).to.include({ payopsRefundStatus: 'Failed', payopsRefundAmount: null });
      expect(s.summary.failed).to.equal(1);
      expect(CustomObjectMgr.__objects('PaymentOperation')).to.have.length(0);
    });

    it('refuses an Amount to Refund with more decimals than the currency, clearing the request', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30.005 } });
      alma({});
      refundOrder('00001234', settings(), false);
      expect(calls).to.deep.equal([]);
      expect(reason(o)).to.equal('Refund not possible: the amount 30.005 has more decimals than EUR allows (2).');
      expect(o.__values).to.include({ payopsRefundStatus: 'Failed', payopsRefundAmount: null });
    });

    it('sends the merchant reference <orderNo>-refund-<n>-<time in base 36>, unique beyond the journal', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 } });
      alma({ POST: [refundedAs('refund_1', 3000)] });
      const before = Date.now();
      refundOrder('00001234', settings(), false);
      const after = Date.now();
      const sent = (calls[0].body as { merchant_reference: string }).merchant_reference;
      const match = /^00001234-refund-1-([0-9a-z]+)$/.exec(sent);
      expect(match, sent).to.not.equal(null);
      expect(parseInt(match![1], 36)).to.be.within(before, after);
      expect(findOperation('alma:refund:00001234:1')!.merchantReference).to.equal(sent);

      // The journal entry is gone (retention); a new request numbered 1 again gets another reference.
      const Objects = CustomObjectMgr as unknown as { remove(object: unknown): void };
      Transaction.wrap(() => Objects.remove(CustomObjectMgr.__objects('PaymentOperation')[0]));
      while (Date.now() === after) {
        // the reference carries the time in milliseconds
      }
      o.__values.payopsRefundAmount = 20;
      alma({ POST: [refundedAs('refund_2', 2000)] });
      refundOrder('00001234', settings(), false);
      const again = (calls[0].body as { merchant_reference: string }).merchant_reference;
      expect(again).to.match(/^00001234-refund-1-[0-9a-z]+$/);
      expect(again).to.not.equal(sent);
    });
  });
});
