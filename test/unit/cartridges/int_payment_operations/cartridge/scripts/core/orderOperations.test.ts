import { expect } from 'chai';
import {
  cancelOrder,
  captureOrder,
  refundOrder,
  releaseStaleQueueEntry,
  type OrderRunSettings,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/orderOperations';
import { emptySummary } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/jobSummary';
import {
  findOperation,
  MAX_REASON_LENGTH,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operationJournal';
import { almaLifecycle } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/almaLifecycle';
import {
  CustomObjectMgr,
  defineMetadata,
  HookMgr,
  Logger,
  Order,
  OrderMgr,
  resetDwMocks,
  Resource,
  Site,
  Transaction,
  type OrderFields,
  type OrderMock,
} from '../../../../../../helpers/dwMocks';
import { history, seedOperation } from '../../../../../../helpers/paymentHistory';
import { almaAnswers, json, PAYMENT, type AlmaCall, type AlmaQueues } from '../providers/alma/almaHarness';

const STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — /;
/** Alma's profile timeout in the harness (20 s) plus the step's margin. */
const GRACE = 21000;
const CAPTURE = 'alma:capture:00001234:1';
const CANCEL = 'alma:cancel:00001234:1';
const REFUND_1 = 'alma:refund:00001234:1';
const REFUND_2 = 'alma:refund:00001234:2';
const EMOJI = '\ud83d\udcb4';

function settings(runStartedAt = new Date()): OrderRunSettings {
  return {
    lifecycle: almaLifecycle,
    runStartedAt,
    maxAttempts: 3,
    inFlightGraceMillis: GRACE,
    summary: emptySummary(),
  };
}

/** The work queue: keys of the PaymentOperation custom objects. */
function queue(): string[] {
  return CustomObjectMgr.__objects('PaymentOperation').map((object) => object.__key);
}

/** A minute passes: every operation of the order was last attempted a minute earlier than recorded. */
function aMinuteLater(o: OrderMock): void {
  const records = history(o);
  for (const record of records) {
    if (record.lastAttemptAt) {
      record.lastAttemptAt = new Date(new Date(String(record.lastAttemptAt)).getTime() - 60000).toISOString();
    }
  }
  o.__values.payopsHistory = JSON.stringify(records);
}

/**
 * An operation as an earlier run left it: in the order's payment history and, while unfinished,
 * in the work queue. Sent once a minute ago unless `values` say otherwise.
 */
function journal(o: OrderMock, id: string, values: { [name: string]: unknown }): void {
  const [, type, orderNo, sequence] = id.split(':');
  seedOperation(o, id, {
    paymentReference: PAYMENT,
    merchantReference: orderNo + '-' + type + '-' + sequence + '-m0',
    attempts: 1,
    sent: true,
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

/** Alma's answer to a refund: the payment, listing the refund with the merchant reference sent. */
function refundedAs(id: string, amount: number, payment: { [field: string]: unknown } = {}) {
  return (call: AlmaCall) => {
    const body = call.body as { merchant_reference: string };
    const earlier = (payment.refunds as unknown[]) || [];
    return json({
      id: PAYMENT,
      ...payment,
      refunds: earlier.concat([{ id, amount, merchant_reference: body.merchant_reference }]),
    });
  };
}

/** An Alma payment of 100.00 EUR in three instalments (33.33, 33.33, 33.34), its first instalment captured. */
const THREE_INSTALMENTS = {
  id: PAYMENT,
  purchase_amount: 10000,
  payment_plan: [{ purchase_amount: 3333 }, { purchase_amount: 3333 }, { purchase_amount: 3334 }],
  captures: [{ id: 'capture_1', amount: 3333 }],
};

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
    it('captures a ToCapture order once in two commits, and shows Captured, the amount and the reason', () => {
      const o = order();
      alma({ POST: [json({ id: 'capture_1', amount: 10000 })] });
      const s = settings();
      captureOrder('00001234', s, false);
      expect(calls.map((c) => [c.method, c.path, c.body])).to.deep.equal([
        ['POST', '/v1/payments/' + PAYMENT + '/captures', { external_id: PAYMENT }],
      ]);
      expect(o.__values).to.include({ ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 100 });
      // The whole amount was asked: Alma's figure is shown beside it.
      expect(reason(o)).to.equal('Capture succeeded at Alma (Alma reference capture_1, Alma reports 100.00 EUR).');
      expect(s.summary).to.include({ succeeded: 1, failed: 0, calls: 1 });
      // The intent (with the planning) before the call, the outcome after it.
      expect(Transaction.__events).to.deep.equal(['begin', 'commit', 'begin', 'commit']);
      expect(findOperation(o, CAPTURE)).to.include({
        state: 'Succeeded',
        providerReference: 'capture_1',
        amountMinor: null,
        movedMinor: 10000,
        attempts: 1,
        sent: true,
      });
      expect(history(o)).to.have.length(1);
      expect(queue(), 'the work-queue object went with the final outcome').to.deep.equal([]);
    });

    it('captures the Amount to Capture (partial capture) in minor units', () => {
      const o = order({ custom: { payopsCaptureAmount: 25.5 } });
      alma({ POST: [json({ id: 'capture_1', amount: 2550 })] });
      const s = settings();
      captureOrder('00001234', s, false);
      expect(calls.map((c) => c.body)).to.deep.equal([{ external_id: PAYMENT, amount: 2550 }]);
      expect(o.__values.payopsCapturedAmount).to.equal(25.5);
      expect(s.summary.calls).to.equal(1);
    });

    it('clears the merchant’s idempotency key with the planning, once it is used', () => {
      const o = order({ custom: { payopsIdempotencyKey: 'erp-key-7' } });
      alma({ POST: [json({ id: 'capture_1', amount: 10000 })] });
      captureOrder('00001234', settings(), false);
      expect(findOperation(o, CAPTURE)!.idempotencyKey).to.equal('erp-key-7');
      expect(o.__values.payopsIdempotencyKey).to.equal(null);
    });

    describe('Captured Amount comes from Alma’s figures', () => {
      it('reads the payment once when Alma reports another amount (the first instalment), and records what it settles', () => {
        const o = order();
        alma({ POST: [json({ id: 'capture_1', amount: 3333 })], GET: [json(THREE_INSTALMENTS)] });
        const s = settings();
        captureOrder('00001234', s, false);
        expect(calls.map((c) => [c.method, c.path])).to.deep.equal([
          ['POST', '/v1/payments/' + PAYMENT + '/captures'],
          ['GET', '/v1/payments/' + PAYMENT],
        ]);
        expect(o.__values).to.include({ ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 100 });
        expect(reason(o)).to.equal(
          'Capture succeeded at Alma (Alma reference capture_1, Alma reports 33.33 EUR, Alma settles 100.00 EUR).',
        );
        expect(findOperation(o, CAPTURE)).to.include({ amountMinor: null, movedMinor: 3333, settledMinor: 10000 });
        expect(s.summary).to.include({ succeeded: 1, calls: 2 });
        expect(Transaction.__counts.commits, 'the read adds no commit').to.equal(2);
      });

      it('records Alma’s amount when Alma’s payment is of another amount than the order says', () => {
        const o = order({ total: 100 });
        alma({
          POST: [json({ id: 'capture_1', amount: 12000 })],
          GET: [json({ id: PAYMENT, purchase_amount: 12000, captures: [{ id: 'capture_1', amount: 12000 }] })],
        });
        captureOrder('00001234', settings(), false);
        expect(o.__values.payopsCapturedAmount).to.equal(120);
        expect(reason(o)).to.equal('Capture succeeded at Alma (Alma reference capture_1, Alma reports 120.00 EUR).');
      });

      it('records what Alma reports it captured when the read does not tell what it settles', () => {
        const o = order();
        alma({ POST: [json({ id: 'capture_1', amount: 9000 })], GET: [{ statusCode: 503, text: '' }] });
        const s = settings();
        captureOrder('00001234', s, false);
        expect(o.__values).to.include({ ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 90 });
        expect(s.summary).to.include({ succeeded: 1, calls: 2 });
      });

      it('records what was asked only when Alma says nothing of the amount', () => {
        const o = order();
        alma({ POST: [json({ id: 'capture_1' })] });
        captureOrder('00001234', settings(), false);
        expect(o.__values.payopsCapturedAmount).to.equal(100);
        expect(calls).to.have.length(1);
      });
    });

    it('plans the capture once: a second pass finds it in the order’s history and never sends it again', () => {
      const o = order();
      alma({ POST: [json({ id: 'capture_1' })] });
      captureOrder('00001234', settings(), false);
      // Set back to ToCapture by someone: the history knows it was captured.
      o.__values.ALMA_Deferred_Capture = 'ToCapture';
      const s = settings();
      captureOrder('00001234', s, false);
      expect(calls).to.have.length(1);
      expect(history(o)).to.have.length(1);
      expect(queue()).to.deep.equal([]);
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
      [
        'an order total of zero (nothing authorised)',
        { total: 0 },
        'the authorised amount is 0.00 EUR, not more than zero; nothing was sent',
      ],
      [
        'a negative order total',
        { total: -5 },
        'the authorised amount is -5.00 EUR, not more than zero; nothing was sent',
      ],
      [
        'an Alma payment instrument of zero',
        { paymentInstruments: [{ transactionID: PAYMENT, amount: 0 }] },
        'the authorised amount is 0.00 EUR, not more than zero; nothing was sent',
      ],
    ];
    for (const [name, fields, why] of invalid) {
      it(`sets Failed with a readable reason, without any call or record, for ${name}`, () => {
        const o = order(fields);
        alma({});
        const s = settings();
        captureOrder('00001234', s, false);
        expect(calls).to.deep.equal([]);
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Failed');
        expect(reason(o)).to.equal('Capture not possible: ' + why + '.');
        expect(s.summary).to.include({ failed: 1, calls: 0 });
        expect(s.summary.problems).to.deep.equal(['Order 00001234: Capture not possible: ' + why + '.']);
        expect(queue()).to.deep.equal([]);
        expect(history(o)).to.deep.equal([]);
      });
    }

    it('refuses an authorised amount of zero before asking the captureAmount hook', () => {
      order({ total: 0 });
      HookMgr.__register('app.payment.operations.captureAmount', { captureAmount: () => 500 });
      alma({});
      captureOrder('00001234', settings(), false);
      expect(calls).to.deep.equal([]);
      expect(HookMgr.__calls).to.deep.equal([]);
    });

    describe('amounts', () => {
      const splitTender = {
        total: 120,
        paymentInstruments: [
          { paymentMethod: 'GIFT_CERTIFICATE', transactionID: 'gc_1', amount: 20 },
          { paymentMethod: 'ALMA', transactionID: PAYMENT, amount: 100 },
        ],
      };

      it('captures the Alma payment: the instrument whose transaction ID is the payment ID, not the order total', () => {
        const o = order(splitTender);
        alma({ POST: [json({ id: 'capture_1' })] });
        captureOrder('00001234', settings(), false);
        expect(calls[0].body).to.deep.equal({ external_id: PAYMENT });
        expect(o.__values).to.include({ ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 100 });
      });

      it('expects the Alma payment, not the order total: Alma capturing it needs no read', () => {
        const o = order(splitTender);
        alma({ POST: [json({ id: 'capture_1', amount: 10000 })] });
        captureOrder('00001234', settings(), false);
        expect(calls.map((c) => c.method)).to.deep.equal(['POST']);
        expect(o.__values.payopsCapturedAmount).to.equal(100);
      });

      it('takes the order total when no payment instrument carries the Alma payment ID', () => {
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
          expect(queue()).to.deep.equal([]);
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
        alma({ POST: [json({ id: 'capture_1', amount: 4000 })] });
        captureOrder('00001234', settings(), false);
        expect(calls[0].body).to.deep.equal({ external_id: PAYMENT, amount: 4000 });
      });

      it('captures what the last of two captureAmount registrations chooses (the platform’s rule)', () => {
        order();
        HookMgr.__register('app.payment.operations.captureAmount', { captureAmount: () => 4000 });
        HookMgr.__register('app.payment.operations.captureAmount', { captureAmount: () => 6000 });
        alma({ POST: [json({ id: 'capture_1', amount: 6000 })] });
        captureOrder('00001234', settings(), false);
        expect(calls[0].body).to.deep.equal({ external_id: PAYMENT, amount: 6000 });
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
        expect(reports[0]).to.include({ operationId: CAPTURE, state: 'Succeeded', providerReference: 'capture_1' });
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Captured');
        expect(s.summary.succeeded).to.equal(1);
        expect(s.summary.problems).to.deep.equal([
          'Order 00001234: afterOperation hook failed: hook app.payment.operations.afterOperation failed: ERP down',
        ]);
      });
    });

    describe('text within a string attribute’s 4,000 characters', () => {
      it('keeps Payment Operations Result within 4,000 characters when Alma refuses with a 5,000-character message', () => {
        const o = order();
        const long = 'Amount refused ' + EMOJI.repeat(2500);
        alma({ POST: [json({ error_code: 'invalid_amount', message: long }, 400)] });
        const s = settings();
        // The mock refuses a string attribute over 4,000 characters, as the platform does.
        captureOrder('00001234', s, false);
        const text = o.__values.payopsReason as string;
        expect(text.length).to.be.at.most(4000);
        expect(reason(o)).to.match(/^Alma refused the capture: HTTP 400 invalid_amount: Amount refused /);
        expect(() => encodeURIComponent(text), 'no half emoji').to.not.throw();
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Failed');
        expect(findOperation(o, CAPTURE)!.reason!.length).to.be.at.most(MAX_REASON_LENGTH);
        expect(s.summary).to.include({ rejected: 1 });
      });

      it('cuts a 5,000-character veto reason to the 4,000 characters of Payment Operations Result, with …', () => {
        const o = order();
        HookMgr.__register('app.payment.operations.beforeOperation', {
          beforeOperation: () => ({ veto: 'v'.repeat(5000) }),
        });
        alma({});
        captureOrder('00001234', settings(), false);
        const text = o.__values.payopsReason as string;
        expect(text).to.have.length(4000);
        expect(text.endsWith('v…')).to.equal(true);
        expect(reason(o)).to.match(/^Capture not possible: stopped by the beforeOperation hook: v+…$/);
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Failed');
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
      expect(findOperation(o, CAPTURE)).to.include({ state: 'Planned', attempts: 0, sent: false });
      expect(queue(), 'it waits in the work queue for a fixed key').to.deep.equal([CAPTURE]);
      expect(reason(o)).to.match(/^Not done, Alma refused our credentials: HTTP 401: Invalid API key — /);
    });

    it('counts no attempt for a call the platform never sent (circuit breaker): Planned, queued, ToCapture', () => {
      const o = order();
      alma({ POST: [{ unavailable: 'CIRCUIT_BROKEN' }] });
      const s = settings();
      captureOrder('00001234', s, false);
      expect(findOperation(o, CAPTURE)).to.include({ state: 'Planned', attempts: 0, sent: false });
      expect(queue()).to.deep.equal([CAPTURE]);
      expect(o.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
      expect(reason(o)).to.match(/^Capture not sent, nothing reached Alma: CIRCUIT_BROKEN/);
      expect(s.summary).to.include({ pending: 1, failed: 0 });
    });

    describe('unfinished operations', () => {
      it('leaves an InFlight capture to the work-queue pass, which reads Alma before anything else', () => {
        const o = order();
        alma({ POST: [{ unavailable: 'TIMEOUT' }] });
        const first = settings(new Date(Date.now() - 60000));
        captureOrder('00001234', first, false);
        expect(first.summary.pending).to.equal(1);
        expect(findOperation(o, CAPTURE)!.state).to.equal('InFlight');
        expect(queue()).to.deep.equal([CAPTURE]);
        expect(o.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
        expect(reason(o)).to.match(/^Outcome of the capture unknown/);

        // The next run, a minute later: the order search finds it again, but only the work-queue pass may act.
        aMinuteLater(o);
        alma({ GET: [json(THREE_INSTALMENTS)] });
        const next = settings(new Date(Date.now() + 1000));
        next.summary.selected = 1; // counted by the step as it read the order from the search
        captureOrder('00001234', next, false);
        expect(calls).to.deep.equal([]);
        // Not a second selection of the order, nor a skip: the work-queue pass handles it.
        expect(next.summary).to.include({ selected: 0, skipped: 0 });
        captureOrder('00001234', next, true);
        expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
        expect(o.__values).to.include({ ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 100 });
        expect(reason(o)).to.equal(
          'Capture succeeded at Alma (Alma reference capture_1, Alma reports 33.33 EUR, Alma settles 100.00 EUR), ' +
            'found when reading Alma after an earlier attempt whose outcome was unknown.',
        );
        expect(next.summary.succeeded).to.equal(1);
        expect(queue()).to.deep.equal([]);
      });

      it('resumes an unfinished capture from the search when its work-queue object is gone, and queues it again', () => {
        const o = order();
        journal(o, CAPTURE, { state: 'InFlight' });
        Transaction.wrap(() =>
          (CustomObjectMgr as unknown as { remove(object: unknown): void }).remove(
            CustomObjectMgr.getCustomObject('PaymentOperation', CAPTURE),
          ),
        );
        alma({ GET: [{ statusCode: 503, text: '' }] });
        const s = settings();
        captureOrder('00001234', s, false);
        expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
        expect(queue()).to.deep.equal([CAPTURE]);
        expect(s.summary.pending).to.equal(1);
      });

      it('escalates an outcome unknown for more than 24 hours: nothing sent, the order named, still queued', () => {
        const o = order();
        journal(o, CAPTURE, { state: 'InFlight', lastAttemptAt: new Date(Date.now() - 25 * 3600000) });
        alma({ GET: [{ statusCode: 503, text: '' }] });
        const s = settings();
        captureOrder('00001234', s, true);
        expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
        expect(s.summary).to.include({ escalated: 1, pending: 0, failed: 0 });
        const why =
          'Outcome of the capture unknown for more than 24 hours, and Alma could not be read (HTTP 503). Nothing is ' +
          'sent again: check the payment at Alma and fix what keeps it from being read; every run reads it again.';
        expect(s.summary.problems).to.deep.equal(['Order 00001234: ' + why]);
        expect(reason(o)).to.equal(why);
        expect(o.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
        expect(queue()).to.deep.equal([CAPTURE]);
      });
    });

    describe('re-armed by an operator (Capture Status set back to ToCapture)', () => {
      it('reads Alma first, then sends the same operation again with fresh references and attempts', () => {
        const o = order({ custom: { ALMA_Deferred_Capture: 'ToCapture' } });
        journal(o, CAPTURE, {
          state: 'Rejected',
          attempts: 1,
          completedAt: new Date(Date.now() - 60000),
          reason: 'Alma refused the capture: HTTP 400 invalid_state.',
        });
        alma({ GET: [json({ id: PAYMENT, captures: [] })], POST: [json({ id: 'capture_2', amount: 10000 })] });
        const s = settings();
        captureOrder('00001234', s, false);
        expect(calls.map((c) => c.method)).to.deep.equal(['GET', 'POST']);
        expect(history(o)).to.have.length(1);
        const entry = findOperation(o, CAPTURE)!;
        expect(entry).to.include({ state: 'Succeeded', attempts: 1, providerReference: 'capture_2' });
        expect(entry.merchantReference).to.match(/^00001234-capture-1-[0-9a-z]+$/);
        expect(entry.interactions.map((i) => i.type)).to.deep.equal(['read', 'capture']);
        expect(o.__values.ALMA_Deferred_Capture).to.equal('Captured');
        expect(queue()).to.deep.equal([]);
        expect(s.summary).to.include({ succeeded: 1, calls: 2 });
      });

      it('records why it was requested again, when the new attempt does not end it', () => {
        const o = order();
        journal(o, CAPTURE, { state: 'Failed', attempts: 3, completedAt: new Date(), reason: 'Gave up.' });
        alma({ GET: [{ statusCode: 503, text: '' }] });
        captureOrder('00001234', settings(), false);
        expect(findOperation(o, CAPTURE)).to.include({ state: 'Planned', attempts: 0, completedAt: null });
        expect(queue(), 'queued again').to.deep.equal([CAPTURE]);
        expect(reason(o)).to.match(/^Before retrying the capture, Alma could not be read \(HTTP 503\)/);
      });
    });

    describe('the work queue of an order that no longer exists', () => {
      it('is removed: there is nothing left to act on', () => {
        CustomObjectMgr.__insert('PaymentOperation', 'alma:capture:gone:1', {
          orderNo: 'gone',
          provider: 'alma',
          operationType: 'capture',
          state: 'InFlight',
          attempts: 1,
        });
        CustomObjectMgr.__insert('PaymentOperation', 'alma:capture:other:1', {
          orderNo: 'other',
          provider: 'alma',
          operationType: 'capture',
          state: 'InFlight',
          attempts: 1,
        });
        alma({});
        const s = settings();
        captureOrder('gone', s, true);
        releaseStaleQueueEntry('gone', 'alma:capture:gone:1');
        expect(calls).to.deep.equal([]);
        expect(queue()).to.deep.equal(['alma:capture:other:1']);
        expect(s.summary).to.include({ skipped: 1 });
        expect(s.summary.problems).to.deep.equal(['Order gone: not found']);
        expect(Logger.__messages.map((m) => m.message)).to.include(
          'Work queue: alma:capture:gone:1 removed (its order gone holds no unfinished operation under that ID).',
        );
      });

      it('is removed for every numbered operation of that type (refunds 1 and 2)', () => {
        for (const id of ['alma:refund:gone:1', 'alma:refund:gone:2']) {
          CustomObjectMgr.__insert('PaymentOperation', id, {
            orderNo: 'gone',
            provider: 'alma',
            operationType: 'refund',
            state: 'Planned',
            attempts: 0,
          });
        }
        alma({});
        // Each queued operation is an item of its own: both go, whatever the numbering.
        for (const id of ['alma:refund:gone:2', 'alma:refund:gone:1']) {
          refundOrder('gone', settings(), true);
          releaseStaleQueueEntry('gone', id);
        }
        expect(queue()).to.deep.equal([]);
      });

      it('is removed when the order’s history holds that operation finished, or not at all', () => {
        const o = order();
        journal(o, CAPTURE, { state: 'Succeeded', attempts: 1, completedAt: new Date() });
        for (const id of [CAPTURE, 'alma:capture:00001234:7']) {
          CustomObjectMgr.__insert('PaymentOperation', id, {
            orderNo: '00001234',
            provider: 'alma',
            operationType: 'capture',
            state: 'InFlight',
            attempts: 1,
          });
        }
        releaseStaleQueueEntry('00001234', CAPTURE);
        releaseStaleQueueEntry('00001234', 'alma:capture:00001234:7');
        expect(queue()).to.deep.equal([]);
      });

      it('is kept while the order’s history holds the operation unfinished', () => {
        const o = order();
        journal(o, CAPTURE, { state: 'InFlight', attempts: 1, lastAttemptAt: new Date() });
        releaseStaleQueueEntry('00001234', CAPTURE);
        expect(queue()).to.deep.equal([CAPTURE]);
      });

      it('is left alone when the order is missing from a search (nothing was queued for it)', () => {
        CustomObjectMgr.__insert('PaymentOperation', 'alma:capture:gone:1', {
          orderNo: 'gone',
          provider: 'alma',
          operationType: 'capture',
          state: 'Planned',
          attempts: 0,
        });
        alma({});
        captureOrder('gone', settings(), false);
        expect(queue()).to.deep.equal(['alma:capture:gone:1']);
      });
    });

    describe('in the site’s language', () => {
      it('writes French reasons on a French site', () => {
        Resource.__setLocale('fr_FR');
        const o = order();
        alma({ POST: [json({ id: 'capture_1', amount: 3333 })], GET: [json(THREE_INSTALMENTS)] });
        captureOrder('00001234', settings(), false);
        expect(reason(o)).to.equal(
          'Capture : réussite chez Alma (référence Alma capture_1, Alma indique 33.33 EUR, Alma règle 100.00 EUR).',
        );
        expect(findOperation(o, CAPTURE)!.reason).to.equal(reason(o));
      });

      it('writes French reasons for refused input, amounts included', () => {
        Resource.__setLocale('fr_FR');
        const noId = order({ custom: { almaPaymentId: null } });
        const tooMuch = order({ orderNo: '2', custom: { payopsCaptureAmount: 150 } });
        const decimals = order({ orderNo: '3', custom: { payopsCaptureAmount: 25.555 } });
        alma({});
        const s = settings();
        for (const orderNo of ['00001234', '2', '3']) captureOrder(orderNo, s, false);
        expect(reason(noId)).to.equal(
          'Capture impossible : la commande n’a pas d’identifiant de paiement Alma (attribut almaPaymentId) ; rien ' +
            'n’a été envoyé.',
        );
        expect(reason(tooMuch)).to.equal(
          'Capture impossible : le Montant à capturer de 150.00 EUR dépasse les 100.00 EUR autorisés ; rien n’a été ' +
            'envoyé.',
        );
        expect(reason(decimals)).to.equal(
          'Capture impossible : le montant 25.555 a plus de décimales que EUR n’en permet (2).',
        );
      });

      it('writes Japanese reasons on a Japanese site', () => {
        Resource.__setLocale('ja_JP');
        const o = order({ total: 0 });
        alma({});
        captureOrder('00001234', settings(), false);
        expect(reason(o)).to.equal(
          'キャプチャできません：オーソリ金額が0.00 EURで、ゼロより大きくありません。何も送信していません。',
        );
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
      expect(findOperation(o, CANCEL)!.state).to.equal('Succeeded');
      expect(queue()).to.deep.equal([]);
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

    it('does not cancel twice: a cancel found in the history shows Cancelled again, without a call', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      journal(o, CANCEL, { state: 'Succeeded', completedAt: new Date(), reason: 'Cancel succeeded at Alma.' });
      alma({});
      const s = settings();
      cancelOrder('00001234', s, false);
      expect(calls).to.deep.equal([]);
      expect(o.__values.payopsCancelStatus).to.equal('Cancelled');
      expect(reason(o)).to.equal('Already cancelled (Cancel succeeded at Alma.).');
      expect(s.summary.succeeded).to.equal(1);
    });

    it('settles an unknown capture first; when Alma captured it, no cancel is sent', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      journal(o, CAPTURE, { state: 'InFlight' });
      alma({ GET: [json({ id: PAYMENT, captures: [{ id: 'capture_1' }] })] });
      const s = settings();
      cancelOrder('00001234', s, false);
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(o.__values.ALMA_Deferred_Capture).to.equal('Captured');
      expect(o.custom.payopsCancelStatus).to.equal(null);
      expect(findOperation(o, CANCEL)).to.equal(null);
      expect(queue()).to.deep.equal([]);
    });
  });

  describe('cancelOrder while the capture is unknown', () => {
    it('sends no cancel while Alma cannot be read: the capture stays InFlight for the next run', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      journal(o, CAPTURE, { state: 'InFlight' });
      alma({ GET: [{ statusCode: 503, text: '' }] });
      const s = settings();
      cancelOrder('00001234', s, true);
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(findOperation(o, CAPTURE)!.state).to.equal('InFlight');
      expect(findOperation(o, CANCEL)).to.equal(null);
      expect(o.custom.payopsCancelStatus).to.equal(null);
      expect(o.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
      expect(s.summary).to.include({ pending: 1, succeeded: 0, failed: 0 });
    });

    it('sends nothing, not even a read, while another run may still be waiting for the capture', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      journal(o, CAPTURE, { state: 'InFlight', lastAttemptAt: new Date(Date.now() - 5000) });
      alma({});
      const s = settings();
      cancelOrder('00001234', s, true);
      expect(calls).to.deep.equal([]);
      expect(findOperation(o, CANCEL)).to.equal(null);
      expect(o.custom.payopsCancelStatus).to.equal(null);
      expect(s.summary.pending).to.equal(1);
    });
  });

  describe('cancelOrder after a capture that was never applied', () => {
    it('withdraws the unknown capture (not a failure) and voids the authorisation', () => {
      const o = order({ status: Order.ORDER_STATUS_CANCELLED });
      journal(o, CAPTURE, { state: 'InFlight' });
      alma({ GET: [json({ id: PAYMENT, captures: [] })], PUT: [{ statusCode: 204, text: '' }] });
      const s = settings();
      cancelOrder('00001234', s, false);
      expect(calls.map((c) => c.method)).to.deep.equal(['GET', 'PUT']);
      expect(findOperation(o, CAPTURE)!.reason).to.equal(
        'The capture was withdrawn (Alma had not applied it): the order was cancelled.',
      );
      expect(o.__values.payopsCancelStatus).to.equal('Cancelled');
      expect(s.summary).to.include({ failed: 0, skipped: 1, succeeded: 1 });
      expect(queue()).to.deep.equal([]);
    });
  });

  describe('refundOrder', () => {
    it('refunds the Amount to Refund of a captured order, clearing the request with the planning', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 } });
      let requestWhenSent: unknown;
      calls = almaAnswers({ POST: [refundedAs('refund_1', 3000)] }, () => {
        requestWhenSent = o.__values.payopsRefundAmount;
      });
      const s = settings();
      refundOrder('00001234', s, false);
      expect(calls.map((c) => [c.method, c.path])).to.deep.equal([['POST', '/v1/payments/' + PAYMENT + '/refund']]);
      expect(calls[0].body).to.deep.include({ amount: 3000 });
      expect((calls[0].body as { merchant_reference: string }).merchant_reference).to.match(/^00001234-refund-1-/);
      expect(requestWhenSent, 'cleared in the commit before the call').to.equal(null);
      expect(o.__values).to.include({ payopsRefundedAmount: 30, payopsRefundStatus: 'PartiallyRefunded' });
      expect(o.__values.payopsRefundAmount).to.equal(null);
      expect(reason(o)).to.equal('Refund of 30.00 EUR succeeded at Alma (Alma reference refund_1).');
      expect(s.summary.succeeded).to.equal(1);
      expect(Transaction.__counts.commits).to.equal(2);
      expect(queue()).to.deep.equal([]);
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
      journal(o, REFUND_1, { state: 'Succeeded', amountMinor: 3000, completedAt: new Date() });
      alma({ POST: [refundedAs('refund_2', 7000)] });
      refundOrder('00001234', settings(), false);
      expect(calls[0].body).to.deep.include({ amount: 7000 });
      expect((calls[0].body as { merchant_reference: string }).merchant_reference).to.match(/^00001234-refund-2-/);
      expect(o.__values).to.include({ payopsRefundedAmount: 100, payopsRefundStatus: 'Refunded' });
      expect(history(o).map((r) => r.id)).to.deep.equal([REFUND_1, REFUND_2]);
    });

    describe('Refunded only when nothing is left', () => {
      it('stays PartiallyRefunded when Alma says it still holds money, although our record says all is refunded', () => {
        const o = order({ status: Order.ORDER_STATUS_CANCELLED, custom: { ALMA_Deferred_Capture: 'Captured' } });
        // Alma settles 120.00 for this payment, more than the order's 100.00.
        alma({
          POST: [refundedAs('refund_1', 10000, { purchase_amount: 12000, captures: [{ id: 'c', amount: 12000 }] })],
        });
        const s = settings();
        refundOrder('00001234', s, false);
        expect(o.__values).to.include({ payopsRefundedAmount: 100, payopsRefundStatus: 'PartiallyRefunded' });
        expect(findOperation(o, REFUND_1)).to.include({ state: 'Succeeded', movedMinor: 10000, remainingMinor: 2000 });
        expect(reason(o)).to.equal(
          'Refund of 100.00 EUR succeeded at Alma (Alma reference refund_1). Alma still holds 20.00 EUR captured and ' +
            'not refunded, so Refund Status stays PartiallyRefunded.',
        );
        expect(s.summary.succeeded).to.equal(1);
      });

      it('then fails once, without a call, for an operator to check: never a claimed Refunded', () => {
        const o = order({
          status: Order.ORDER_STATUS_CANCELLED,
          custom: {
            ALMA_Deferred_Capture: 'Captured',
            payopsCapturedAmount: 100,
            payopsRefundedAmount: 100,
            payopsRefundStatus: 'PartiallyRefunded',
          },
        });
        journal(o, REFUND_1, { state: 'Succeeded', amountMinor: 10000, remainingMinor: 2000, completedAt: new Date() });
        alma({});
        const s = settings();
        refundOrder('00001234', s, false);
        expect(calls).to.deep.equal([]);
        const why =
          'Refund not possible: the order’s Captured Amount (100.00 EUR) is refunded in full (Refunded Amount ' +
          '100.00 EUR), yet Refund Status is not Refunded: Alma said money is still captured, or the amounts were ' +
          'edited. Check the payment at Alma, then enter the Amount to Refund, or set Refund Status to Refunded.';
        expect(reason(o)).to.equal(why);
        expect(o.__values.payopsRefundStatus).to.equal('Failed');
        expect(s.summary).to.include({ failed: 1, calls: 0 });
        expect(s.summary.problems).to.deep.equal(['Order 00001234: ' + why]);
        // Recorded as a refund never sent, so that the next runs wait for the operator.
        expect(findOperation(o, REFUND_2)).to.include({ state: 'Failed', sent: false, amountMinor: null });
        expect(queue()).to.deep.equal([]);
        const next = settings();
        refundOrder('00001234', next, false);
        expect(next.summary).to.include({ skipped: 1, failed: 0 });
        expect(calls).to.deep.equal([]);
      });

      it('is Refunded when Alma says nothing is left, although our record says part of it is', () => {
        const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 80 } });
        // Alma settles 80.00 for this payment (a partial capture recorded before as the whole order).
        alma({
          POST: [refundedAs('refund_1', 8000, { purchase_amount: 8000, captures: [{ id: 'c', amount: 8000 }] })],
        });
        refundOrder('00001234', settings(), false);
        expect(o.__values).to.include({ payopsRefundedAmount: 80, payopsRefundStatus: 'Refunded' });
        expect(findOperation(o, REFUND_1)!.remainingMinor).to.equal(0);
      });

      it('follows our record when Alma’s answer does not say what is left', () => {
        const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 100 } });
        alma({ POST: [json({ id: 'refund_1', amount: 10000 }, 201)] });
        refundOrder('00001234', settings(), false);
        expect(o.__values).to.include({ payopsRefundedAmount: 100, payopsRefundStatus: 'Refunded' });
      });

      it('counts what Alma reports it refunded', () => {
        const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 } });
        alma({ POST: [json({ id: 'refund_1', amount: 2500 }, 201)] });
        refundOrder('00001234', settings(), false);
        expect(o.__values).to.include({ payopsRefundedAmount: 25, payopsRefundStatus: 'PartiallyRefunded' });
        expect(reason(o)).to.equal(
          'Refund of 30.00 EUR succeeded at Alma (Alma reference refund_1, Alma reports 25.00 EUR).',
        );
      });
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
      expect(history(o), 'a refused request leaves no record').to.deep.equal([]);
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
        journal(o, REFUND_1, { state: status, amountMinor: 3000, completedAt: new Date() });
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
      journal(o, REFUND_1, { state: 'Rejected', amountMinor: 10000, completedAt: new Date() });
      alma({});
      const s = settings();
      refundOrder('00001234', s, false);
      refundOrder('00001234', s, false);
      expect(calls).to.deep.equal([]);
      expect(s.summary).to.include({ skipped: 2, failed: 0 });
      expect(findOperation(o, REFUND_2)).to.equal(null);

      // The operator fixed the cause and cleared Refund Status: the refund is requested again.
      o.__values.payopsRefundStatus = null;
      alma({ POST: [refundedAs('refund_2', 10000)] });
      refundOrder('00001234', settings(), false);
      expect(calls).to.have.length(1);
      expect(calls[0].body).to.deep.include({ amount: 10000 });
      expect(o.__values.payopsRefundStatus).to.equal('Refunded');
    });

    it('does not refund again after the automatic refund of what was left failed', () => {
      const o = cancelledCaptured({ payopsRefundStatus: 'Failed', payopsRefundedAmount: 30 });
      journal(o, REFUND_1, { state: 'Succeeded', amountMinor: 3000, completedAt: new Date() });
      journal(o, REFUND_2, { state: 'Failed', amountMinor: 7000, completedAt: new Date() });
      alma({});
      const s = settings();
      refundOrder('00001234', s, false);
      expect(calls).to.deep.equal([]);
      expect(s.summary.skipped).to.equal(1);
    });

    it('resumes an unfinished refund first, and plans nothing new meanwhile', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 20 } });
      journal(o, REFUND_1, { state: 'InFlight', amountMinor: 3000, merchantReference: '00001234-refund-1-m0' });
      alma({
        GET: [
          json({
            id: PAYMENT,
            refunds: [{ id: 'refund_1', amount: 3000, merchant_reference: '00001234-refund-1-m0' }],
          }),
        ],
      });
      const s = settings();
      refundOrder('00001234', s, true);
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(findOperation(o, REFUND_1)!.state).to.equal('Succeeded');
      expect(findOperation(o, REFUND_2)).to.equal(null);
      expect(o.__values).to.include({ payopsRefundedAmount: 30, payopsRefundAmount: 20 });
      expect(queue()).to.deep.equal([]);
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
      expect(queue()).to.deep.equal([]);
    });

    it('refuses an Amount to Refund with more decimals than the currency, clearing the request', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30.005 } });
      alma({});
      refundOrder('00001234', settings(), false);
      expect(calls).to.deep.equal([]);
      expect(reason(o)).to.equal('Refund not possible: the amount 30.005 has more decimals than EUR allows (2).');
      expect(o.__values).to.include({ payopsRefundStatus: 'Failed', payopsRefundAmount: null });
    });

    it('sends the merchant reference <orderNo>-refund-<n>-<time in base 36>, unique beyond the history', () => {
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 } });
      alma({ POST: [refundedAs('refund_1', 3000)] });
      const before = Date.now();
      refundOrder('00001234', settings(), false);
      const after = Date.now();
      const sent = (calls[0].body as { merchant_reference: string }).merchant_reference;
      const match = /^00001234-refund-1-([0-9a-z]+)$/.exec(sent);
      expect(match, sent).to.not.equal(null);
      expect(parseInt(match![1], 36)).to.be.within(before, after);
      expect(findOperation(o, REFUND_1)!.merchantReference).to.equal(sent);

      // Were the history entry that numbered it lost, a new request numbered 1 again gets another reference.
      o.__values.payopsHistory = null;
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

    it('writes French reasons on a French site', () => {
      Resource.__setLocale('fr_FR');
      const o = order({ custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 } });
      alma({ POST: [refundedAs('refund_1', 3000)] });
      refundOrder('00001234', settings(), false);
      expect(reason(o)).to.equal('Remboursement de 30.00 EUR : réussite chez Alma (référence Alma refund_1).');
      const refused = order({ orderNo: '2', custom: { payopsRefundAmount: 10 } });
      refundOrder('2', settings(), false);
      expect(reason(refused)).to.equal(
        'Remboursement impossible : le paiement n’a pas été capturé ; annulez la commande pour libérer l’autorisation.',
      );
    });
  });
});
