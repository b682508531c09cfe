/**
 * Alma deferred capture (job AlmaDeferredCapture), compiled in dist/ and run by the local runtime
 * against the Alma sandbox over loopback HTTP. Each test asserts what the merchant sees (Capture
 * Status, Payment Operations Result, amounts, the job's exit status), the operation journal, and
 * what Alma really received (the sandbox's request journal and its payments).
 */
import { expect } from 'chai';
import { readInstance } from '../../tools/runtime/instance/loadInstance';
import { loadRuntimeMetadata } from '../../tools/runtime/state/metadata';
import {
  ALMA_API_KEY,
  ALMA_SERVICE_ID,
  AlmaSandboxHost,
  buildInstance,
  describeResult,
  JOBS,
  reportOf,
  type AlmaOrderSpec,
  type AlmaScenario,
} from './almaScenario';

const KEY = 'alma:capture:00001001:1';
const ORDER = '00001001';

function eurSite(...orders: AlmaOrderSpec[]) {
  return { sites: [{ id: 'RefArch', currency: 'EUR', orders }] };
}

/** One EUR order of 120.00, ToCapture, with its manual-capture payment at Alma. */
function oneOrder(extra: Partial<AlmaOrderSpec> = {}) {
  return eurSite({ orderNo: ORDER, total: '120.00', ...extra });
}

/** What Alma holds: how many captures it applied, and of how much. */
async function captures(scenario: AlmaScenario, paymentId = `payment_${ORDER}`): Promise<number[]> {
  return (await scenario.payment(paymentId)).captures.map((capture) => capture.amount);
}

describe('integration: Alma deferred capture against the Alma sandbox', function () {
  this.timeout(60_000);
  const host = new AlmaSandboxHost();
  before(() => host.start());
  after(() => host.stop());

  it('captures a ToCapture order once: Captured, the capture ID in the journal and the reason, job OK', async () => {
    const scenario = await host.scenario(oneOrder());

    const result = scenario.capture();

    expect(result.status, describeResult(result)).to.equal('OK');
    expect(result.exitCode).to.equal('OK');
    expect(reportOf(result).message).to.match(/^1 selected: 1 succeeded, 0 rejected, 0 failed, 0 pending/);
    const payment = await scenario.payment(`payment_${ORDER}`);
    expect(payment.captures).to.have.length(1);
    expect(payment.captures[0]).to.include({ amount: 12000, external_id: `payment_${ORDER}` });
    const captureId = payment.captures[0].id;
    const order = scenario.order(ORDER);
    expect(order.captureStatus).to.equal('Captured');
    expect(order.capturedAmount).to.equal(120);
    // A full capture: no amount was asked, so the reason tells what Alma reports it captured.
    expect(order.reason).to.match(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC — Capture succeeded at Alma \\(Alma reference ${captureId}, Alma reports 120\\.00 EUR\\)\\.$`,
      ),
    );
    const operation = scenario.operation(KEY);
    // The planned amount stays what was asked: none (the whole payment).
    expect(operation).to.include({ state: 'Succeeded', providerReference: captureId, amountMinor: null, attempts: 1 });
    expect(await scenario.calls()).to.deep.equal(['capture 200']);
    const [request] = await scenario.requests('capture');
    expect(request.method).to.equal('POST');
    expect(request.path).to.equal(`/v1/payments/payment_${ORDER}/captures`);
    expect(JSON.parse(request.body)).to.deep.equal({ external_id: `payment_${ORDER}` });

    const again = scenario.capture();
    expect(again.exitCode).to.equal('OK');
    expect(await scenario.calls(), 'a Captured order is never sent again').to.deep.equal(['capture 200']);
    expect(scenario.runtime.core.warnings).to.deep.equal([]);
  });

  it('captures what Alma authorised, not the order total, when a gift certificate paid part of it: Captured Amount 100.00 of a 120.00 order', async () => {
    const scenario = await host.scenario(
      eurSite(
        { orderNo: '00001001', total: '120.00', almaAmount: '100.00' },
        { orderNo: '00001002', total: '120.00', almaAmount: '100.00', custom: { payopsCaptureAmount: 110 } },
      ),
    );

    const result = scenario.capture();

    expect(result.exitCode, describeResult(result)).to.equal('ERROR');
    expect((await scenario.requests('capture')).map((r) => r.body)).to.deep.equal([
      '{"external_id":"payment_00001001"}',
    ]);
    expect(await captures(scenario, 'payment_00001001')).to.deep.equal([10000]);
    const order = scenario.order('00001001');
    expect(order).to.include({ captureStatus: 'Captured', capturedAmount: 100 });
    expect(order.reason).to.match(
      / UTC — Capture succeeded at Alma \(Alma reference capture_\w+, Alma reports 100\.00 EUR\)\.$/,
    );
    expect(scenario.order('00001002').captureStatus).to.equal('Failed');
    expect(scenario.order('00001002').reason).to.match(
      / UTC — Capture not possible: the Amount to Capture 110\.00 EUR is more than the 100\.00 EUR allowed; nothing was sent\.$/,
    );

    // Cancelled once captured: the refund returns what was captured, not the order total.
    scenario.cancelOrder('00001001');
    const refund = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(refund.exitCode, describeResult(refund)).to.equal('OK');
    expect((await scenario.requests('refund')).map((r) => JSON.parse(r.body).amount)).to.deep.equal([10000]);
    expect(scenario.order('00001001')).to.include({ refundStatus: 'Refunded', refundedAmount: 100 });
  });

  it('captures the Amount to Capture only: 80.00 of 120.00 EUR reaches Alma as 8000', async () => {
    const scenario = await host.scenario(oneOrder({ custom: { payopsCaptureAmount: 80 } }));

    const result = scenario.capture();

    expect(result.exitCode, describeResult(result)).to.equal('OK');
    const [request] = await scenario.requests('capture');
    expect(JSON.parse(request.body)).to.deep.equal({ external_id: `payment_${ORDER}`, amount: 8000 });
    expect(await captures(scenario)).to.deep.equal([8000]);
    const order = scenario.order(ORDER);
    expect(order).to.include({ captureStatus: 'Captured', capturedAmount: 80, captureAmount: 80 });
    expect(order.reason).to.match(/ UTC — Capture of 80\.00 EUR succeeded at Alma \(Alma reference capture_\w+\)\.$/);
    expect(scenario.operation(KEY)).to.include({ state: 'Succeeded', amountMinor: 8000 });
  });

  describe('refusals (4xx)', () => {
    it('sets Failed with Alma’s reason, ends the job in ERROR, does not retry, and captures once reset to ToCapture', async () => {
      const scenario = await host.scenario(oneOrder());
      await scenario.sandbox.addFault({ kind: 'status', status: 400, route: 'capture' });

      const refused = scenario.capture();

      expect(refused.status, describeResult(refused)).to.equal('ERROR');
      expect(refused.exitCode).to.equal('ERROR');
      expect(reportOf(refused).message).to.match(
        /1 order\(s\) need attention .*Order 00001001: Alma refused the capture/,
      );
      let order = scenario.order(ORDER);
      expect(order.captureStatus).to.equal('Failed');
      expect(order.reason).to.match(/Alma refused the capture: HTTP 400: Bad request\.$/);
      expect(scenario.operation(KEY)).to.include({ state: 'Rejected', attempts: 1 });
      expect(await captures(scenario)).to.deep.equal([]);

      const nextRun = scenario.capture();
      expect(nextRun.exitCode, 'a Failed order is not selected again').to.equal('OK');
      expect(reportOf(nextRun).message).to.match(/^0 selected/);
      expect(await scenario.calls()).to.deep.equal(['capture 400']);

      scenario.setAlmaDeferredCapture(ORDER, 'ToCapture');
      const retried = scenario.capture();

      expect(retried.exitCode, describeResult(retried)).to.equal('OK');
      order = scenario.order(ORDER);
      expect(order).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
      // The re-armed capture was sent before and Alma takes no idempotency key: it is read first.
      expect(await scenario.calls()).to.deep.equal(['capture 400', 'get 200', 'capture 200']);
      expect(await captures(scenario)).to.deep.equal([12000]);
      expect(scenario.operation(KEY)).to.include({ state: 'Succeeded', attempts: 1 });
    });

    it('names Alma’s refusal of a payment not created with capture_method manual', async () => {
      const scenario = await host.scenario(oneOrder({ payment: { capture_method: 'automatic' } }));

      const result = scenario.capture();

      expect(result.exitCode, describeResult(result)).to.equal('ERROR');
      const order = scenario.order(ORDER);
      expect(order.captureStatus).to.equal('Failed');
      expect(order.reason).to.match(
        /Alma refused the capture: HTTP 400 capture_not_allowed: Payment was not created with capture_method "manual"/,
      );
      expect(await scenario.calls()).to.deep.equal(['capture 400']);
    });

    it('stops at the first order when Alma rejects the API key: no order is failed, the job ends in ERROR, and a fixed key captures them all', async () => {
      const scenario = await host.scenario({
        ...eurSite(
          { orderNo: '00001001', total: '120.00' },
          { orderNo: '00001002', total: '80.00' },
          { orderNo: '00001003', total: '60.00' },
        ),
        apiKey: 'sk_test_wrong_key',
      });

      const refused = scenario.capture();

      expect(refused.exitCode, describeResult(refused)).to.equal('ERROR');
      expect(reportOf(refused).message).to.match(/^Alma refused our credentials; the run stopped calling it/);
      // One call: every other order would have been refused the same way.
      expect(await scenario.calls()).to.deep.equal(['capture 401']);
      for (const orderNo of ['00001001', '00001002', '00001003']) {
        expect(scenario.order(orderNo).captureStatus, orderNo).to.equal('ToCapture');
      }
      expect(scenario.order('00001001').reason).to.match(
        /Not done, Alma refused our credentials: HTTP 401 invalid_api_key: Invalid API key — Alma did not accept the API key; set the key in the password of the credential of service paymentoperations\.alma, then run the job again\.$/,
      );
      expect(scenario.operation(KEY)).to.include({ state: 'Planned', attempts: 0 });
      expect(JSON.stringify([...scenario.journal().values()])).to.not.include('sk_test_wrong_key');

      // The merchant fixes the key in the credential; the next run captures every order once.
      scenario.runtime.core.state.services.get(ALMA_SERVICE_ID)!.credential.password = ALMA_API_KEY;
      const fixed = scenario.capture();

      expect(fixed.exitCode, describeResult(fixed)).to.equal('OK');
      for (const orderNo of ['00001001', '00001002', '00001003']) {
        expect(scenario.order(orderNo).captureStatus, orderNo).to.equal('Captured');
      }
      expect(await captures(scenario)).to.deep.equal([12000]);
    });

    it('stops the run as well when Alma rejects the API key on a read-back: the unknown captures stay unknown, and a fixed key settles them', async () => {
      const scenario = await host.scenario(
        eurSite({ orderNo: '00001001', total: '120.00' }, { orderNo: '00001002', total: '80.00' }),
      );
      await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'capture', times: 2 });
      expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');
      const service = scenario.runtime.core.state.services.get(ALMA_SERVICE_ID)!;
      service.credential.password = 'sk_test_wrong_key';
      scenario.letTimePass();

      const refused = scenario.capture();

      expect(refused.exitCode, describeResult(refused)).to.equal('ERROR');
      expect(reportOf(refused).message).to.match(/^Alma refused our credentials; the run stopped calling it/);
      expect(await scenario.calls(), 'one read, then no more calls').to.deep.equal([
        'capture 503',
        'capture 503',
        'get 401',
      ]);
      for (const orderNo of ['00001001', '00001002']) {
        expect(scenario.order(orderNo).captureStatus, orderNo).to.equal('ToCapture');
        expect(scenario.operation(`alma:capture:${orderNo}:1`).state, orderNo).to.equal('InFlight');
      }
      expect(scenario.order('00001001').reason).to.match(
        /Not done, Alma refused our credentials \(HTTP 401 invalid_api_key/,
      );

      service.credential.password = ALMA_API_KEY;
      const fixed = scenario.capture();

      expect(fixed.exitCode, describeResult(fixed)).to.equal('OK');
      expect((await scenario.calls()).slice(3)).to.deep.equal(['get 200', 'capture 200', 'get 200', 'capture 200']);
      for (const orderNo of ['00001001', '00001002']) {
        expect(scenario.order(orderNo).captureStatus, orderNo).to.equal('Captured');
      }
    });

    it('gives up after MaxAttempts (5) sends Alma did not apply, then captures once the order is set back to ToCapture', async () => {
      const scenario = await host.scenario(oneOrder());
      await scenario.sandbox.addFault({ kind: 'status', status: 429, route: 'capture', times: 5 });

      for (let run = 1; run <= 5; run++) {
        const result = scenario.capture();
        expect(result.exitCode, `run ${run}: ${describeResult(result)}`).to.equal('RETRY_PENDING');
      }
      expect(scenario.operation(KEY)).to.include({ state: 'Planned', attempts: 5 });
      const gaveUp = scenario.capture();

      expect(gaveUp.exitCode, describeResult(gaveUp)).to.equal('ERROR');
      expect(scenario.operation(KEY)).to.include({ state: 'Failed', attempts: 5 });
      const order = scenario.order(ORDER);
      expect(order.captureStatus).to.equal('Failed');
      expect(order.reason).to.match(
        /Gave up the capture after 5 attempts; Alma has not applied it\. Last error: .*HTTP 429/,
      );
      const calls = await scenario.calls();
      expect(calls.filter((c) => c === 'capture 429')).to.have.length(5);
      expect(calls[calls.length - 1], 'the last run only read the payment').to.equal('get 200');

      scenario.setAlmaDeferredCapture(ORDER, 'ToCapture');
      const retried = scenario.capture();

      expect(retried.exitCode, describeResult(retried)).to.equal('OK');
      expect(scenario.order(ORDER).captureStatus).to.equal('Captured');
      expect(await captures(scenario)).to.deep.equal([12000]);
    });

    it('refuses bad input before any call: no payment ID, an Amount to Capture of zero, negative or above the total', async () => {
      const scenario = await host.scenario(
        eurSite(
          { orderNo: '00002001', total: '120.00', paymentId: null },
          { orderNo: '00002002', total: '120.00', custom: { payopsCaptureAmount: 0 } },
          { orderNo: '00002003', total: '120.00', custom: { payopsCaptureAmount: -5 } },
          { orderNo: '00002004', total: '120.00', custom: { payopsCaptureAmount: 120.01 } },
        ),
      );

      const result = scenario.capture();

      expect(result.exitCode, describeResult(result)).to.equal('ERROR');
      expect(reportOf(result).message).to.match(
        /^4 order\(s\) need attention \(4 selected: 0 succeeded, 0 rejected, 4 failed/,
      );
      const reasons = ['00002001', '00002002', '00002003', '00002004'].map((orderNo) => {
        const order = scenario.order(orderNo);
        expect(order.captureStatus, orderNo).to.equal('Failed');
        return (order.reason ?? '').replace(/^.* UTC — /, '');
      });
      expect(reasons).to.deep.equal([
        'Capture not possible: the order has no Alma payment ID (attribute almaPaymentId); nothing was sent.',
        'Capture not possible: the Amount to Capture must be more than zero (got 0.00 EUR); nothing was sent.',
        'Capture not possible: the Amount to Capture must be more than zero (got -5.00 EUR); nothing was sent.',
        'Capture not possible: the Amount to Capture 120.01 EUR is more than the 120.00 EUR allowed; nothing was sent.',
      ]);
      expect(await scenario.calls()).to.deep.equal([]);
      expect(scenario.journal().size, 'bad input plans no operation').to.equal(0);
    });

    it('refuses an Amount to Capture with more decimals than the currency (99.5 JPY, 80.005 EUR) before any call, instead of rounding it', async () => {
      const scenario = await host.scenario({
        sites: [
          {
            id: 'RefArchJP',
            currency: 'JPY',
            orders: [{ orderNo: 'J1', total: '5000', custom: { payopsCaptureAmount: 99.5 } }],
          },
          {
            id: 'RefArch',
            currency: 'EUR',
            orders: [{ orderNo: 'E1', total: '120.00', custom: { payopsCaptureAmount: 80.005 } }],
          },
        ],
      });

      for (const site of ['RefArchJP', 'RefArch']) {
        const result = scenario.capture(site);
        expect(result.exitCode, describeResult(result)).to.equal('ERROR');
        expect(reportOf(result).message).to.match(
          /^1 order\(s\) need attention \(1 selected: 0 succeeded, 0 rejected, 1 failed/,
        );
      }

      expect(scenario.order('J1').captureStatus).to.equal('Failed');
      expect(scenario.order('J1').reason).to.match(
        / UTC — Capture not possible: the amount 99\.5 has more decimals than JPY allows \(0\)\.$/,
      );
      expect(scenario.order('E1').captureStatus).to.equal('Failed');
      expect(scenario.order('E1').reason).to.match(
        / UTC — Capture not possible: the amount 80\.005 has more decimals than EUR allows \(2\)\.$/,
      );
      expect(await scenario.calls()).to.deep.equal([]);
      expect(scenario.journal('RefArchJP').size + scenario.journal('RefArch').size).to.equal(0);
    });

    it('refuses an order currency the platform does not know (the instance loader refuses one, so the order is changed after loading)', async () => {
      const metadata = loadRuntimeMetadata();
      const unknown = buildInstance(oneOrder({ currency: 'XYZ', payment: false }));
      expect(() => readInstance(unknown, metadata)).to.throw(/unknown currency 'XYZ'/);

      const scenario = await host.scenario(oneOrder());
      const record = scenario.runtime.core.state.sites.get('RefArch')?.orders.get(ORDER);
      if (!record) throw new Error('no order');
      record.currencyCode = 'XYZ';

      const result = scenario.capture();

      expect(result.exitCode, describeResult(result)).to.equal('ERROR');
      const order = scenario.order(ORDER);
      expect(order.captureStatus).to.equal('Failed');
      expect(order.reason).to.match(/the order currency "XYZ" is not a currency the platform knows; nothing was sent/);
      expect(await scenario.calls()).to.deep.equal([]);
    });
  });

  describe('outcomes that are not known at once', () => {
    it('leaves an unknown outcome alone for the service timeout + 1 s (another run may still wait for its answer): the next run sends and reads nothing; once the time has passed, one read settles it', async () => {
      const scenario = await host.scenario(oneOrder());
      await scenario.sandbox.addFault({ kind: 'malformed', route: 'capture' });
      expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');
      const attempted = scenario.operation(KEY);
      expect(attempted).to.include({ state: 'InFlight', attempts: 1 });

      const tooSoon = scenario.capture();

      expect(tooSoon.exitCode, describeResult(tooSoon)).to.equal('RETRY_PENDING');
      expect(reportOf(tooSoon).message).to.match(
        /^1 order\(s\) continue on the next run \(.*0 succeeded, 0 rejected, 0 failed, 1 pending, .*; 0 provider calls\)/,
      );
      expect(await scenario.calls(), 'nothing sent, nothing read').to.deep.equal(['capture 200']);
      expect(scenario.operation(KEY), 'the journal entry is untouched').to.deep.equal(attempted);
      expect(scenario.order(ORDER).captureStatus).to.equal('ToCapture');

      scenario.letTimePass(scenario.inFlightGraceMillis);
      const later = scenario.capture();

      expect(later.exitCode, describeResult(later)).to.equal('OK');
      expect(await scenario.calls()).to.deep.equal(['capture 200', 'get 200']);
      expect(await captures(scenario)).to.deep.equal([12000]);
      expect(scenario.order(ORDER)).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
      expect(scenario.operation(KEY)).to.include({ state: 'Succeeded', attempts: 1 });
    });

    it('400 already_captured is an unknown outcome, not a refusal: the next run reads the payment and records the capture Alma holds', async () => {
      // Captured at Alma without this job knowing (from Alma's dashboard, or by a run whose journal entry is gone).
      const scenario = await host.scenario(oneOrder({ payment: { captured_amount: 12000 } }));
      const [held] = (await scenario.payment(`payment_${ORDER}`)).captures;

      const first = scenario.capture();

      expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
      expect(scenario.order(ORDER).captureStatus).to.equal('ToCapture');
      expect(scenario.order(ORDER).reason).to.match(
        /Outcome of the capture unknown \(HTTP 400 already_captured: Payment has already been captured/,
      );
      expect(scenario.operation(KEY)).to.include({ state: 'InFlight', attempts: 1 });

      scenario.letTimePass();
      const second = scenario.capture();

      expect(second.exitCode, describeResult(second)).to.equal('OK');
      expect(await scenario.calls()).to.deep.equal(['capture 400', 'get 200']);
      expect(await captures(scenario)).to.deep.equal([12000]);
      expect(scenario.order(ORDER)).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
      expect(scenario.operation(KEY)).to.include({ state: 'Succeeded', providerReference: held.id, attempts: 1 });
    });

    it('5xx: keeps ToCapture (InFlight, RETRY_PENDING); the next run reads the payment, then captures once', async () => {
      const scenario = await host.scenario(oneOrder());
      await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'capture' });

      const first = scenario.capture();

      expect(first.status, describeResult(first)).to.equal('OK');
      expect(first.exitCode).to.equal('RETRY_PENDING');
      expect(reportOf(first).message).to.match(/^1 order\(s\) continue on the next run/);
      let order = scenario.order(ORDER);
      expect(order.captureStatus).to.equal('ToCapture');
      expect(order.capturedAmount).to.equal(null);
      expect(order.reason).to.match(
        /Outcome of the capture unknown \(HTTP 503: Service unavailable\); the next run reads Alma/,
      );
      expect(scenario.operation(KEY)).to.include({ state: 'InFlight', attempts: 1 });

      scenario.letTimePass();
      const second = scenario.capture();

      expect(second.exitCode, describeResult(second)).to.equal('OK');
      expect(await scenario.calls()).to.deep.equal(['capture 503', 'get 200', 'capture 200']);
      expect(await captures(scenario)).to.deep.equal([12000]);
      order = scenario.order(ORDER);
      expect(order).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
      expect(scenario.operation(KEY)).to.include({ state: 'Succeeded', attempts: 2 });
    });

    it('5xx after Alma applied the capture: the next run finds it by reading and sends nothing more', async () => {
      const scenario = await host.scenario(oneOrder());
      await scenario.sandbox.addFault({ kind: 'status', status: 500, route: 'capture', apply: true });

      expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');
      scenario.letTimePass();
      const second = scenario.capture();

      expect(second.exitCode, describeResult(second)).to.equal('OK');
      expect(await scenario.calls()).to.deep.equal(['capture 500', 'get 200']);
      const payment = await scenario.payment(`payment_${ORDER}`);
      expect(payment.captures).to.have.length(1);
      expect(scenario.order(ORDER).captureStatus).to.equal('Captured');
      expect(scenario.order(ORDER).reason).to.match(/found when reading Alma after an earlier attempt/);
      expect(scenario.operation(KEY)).to.include({ state: 'Succeeded', providerReference: payment.captures[0].id });
    });

    it('429: not done (Planned, RETRY_PENDING); the next run reads the payment first (no idempotency at Alma), then captures', async () => {
      const scenario = await host.scenario(oneOrder());
      await scenario.sandbox.addFault({ kind: 'status', status: 429, route: 'capture' });

      const first = scenario.capture();

      expect(first.status, describeResult(first)).to.equal('OK');
      expect(first.exitCode).to.equal('RETRY_PENDING');
      expect(scenario.operation(KEY)).to.include({ state: 'Planned', attempts: 1 });
      expect(scenario.order(ORDER).captureStatus).to.equal('ToCapture');
      expect(scenario.order(ORDER).reason).to.match(
        /Capture not done yet \(attempt 1 of 5\): rate limited, HTTP 429: Too many requests; it is retried on the next run\./,
      );

      const second = scenario.capture();

      expect(second.exitCode, describeResult(second)).to.equal('OK');
      expect(await scenario.calls()).to.deep.equal(['capture 429', 'get 200', 'capture 200']);
      expect(await captures(scenario)).to.deep.equal([12000]);
      expect(scenario.order(ORDER).captureStatus).to.equal('Captured');
    });

    it('unreadable 2xx body: unknown; the next run reconciles to Captured without a second capture call', async () => {
      const scenario = await host.scenario(oneOrder());
      await scenario.sandbox.addFault({ kind: 'malformed', route: 'capture' });

      const first = scenario.capture();

      expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
      expect(scenario.operation(KEY)).to.include({ state: 'InFlight' });
      expect(scenario.order(ORDER).captureStatus).to.equal('ToCapture');
      expect(scenario.order(ORDER).reason).to.match(
        /Outcome of the capture unknown \(HTTP 200 without a readable capture/,
      );

      scenario.letTimePass();
      const second = scenario.capture();

      expect(second.exitCode, describeResult(second)).to.equal('OK');
      expect(await scenario.calls()).to.deep.equal(['capture 200', 'get 200']);
      const payment = await scenario.payment(`payment_${ORDER}`);
      expect(payment.captures.map((c) => c.amount)).to.deep.equal([12000]);
      expect(scenario.order(ORDER)).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
      expect(scenario.operation(KEY)).to.include({ state: 'Succeeded', providerReference: payment.captures[0].id });
    });

    it('timeout after Alma applied the capture: the next run reads it as captured; Alma holds exactly one capture', async () => {
      const scenario = await host.scenario({ ...oneOrder(), timeoutMillis: 1000 });
      await scenario.sandbox.addFault({ kind: 'timeout', route: 'capture', ms: 5000 });

      const first = scenario.capture();

      expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
      expect(scenario.operation(KEY)).to.include({ state: 'InFlight', attempts: 1 });
      expect(scenario.order(ORDER).captureStatus).to.equal('ToCapture');
      expect(scenario.order(ORDER).reason).to.match(/Outcome of the capture unknown \(no answer from Alma: TIMEOUT/);

      scenario.letTimePass();
      const second = scenario.capture();

      expect(second.exitCode, describeResult(second)).to.equal('OK');
      const requests = await scenario.requests();
      expect(requests.map((r) => `${r.route} ${r.status} ${r.fault}`)).to.deep.equal([
        'capture null timeout',
        'get 200 null',
      ]);
      expect(await captures(scenario)).to.deep.equal([12000]);
      expect(scenario.order(ORDER)).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
    });

    it('killed between Alma’s answer and our write: InFlight, still ToCapture; the next run reconciles with one capture at Alma', async () => {
      const scenario = await host.scenario(oneOrder());

      const crashed = scenario.capture(undefined, {
        crash: { afterServiceResponse: (call) => call.method === 'POST' && /captures$/.test(call.url) },
      });

      expect(crashed.status).to.equal('ERROR');
      expect(crashed.crash?.message).to.match(/simulated crash after POST .*\/captures answered 200/);
      expect(scenario.operation(KEY)).to.include({ state: 'InFlight', attempts: 1, providerReference: null });
      const before = scenario.order(ORDER);
      expect(before.captureStatus).to.equal('ToCapture');
      expect(before.reason, 'nothing after the answer was written').to.equal(null);
      expect(await captures(scenario), 'Alma applied it before the process died').to.deep.equal([12000]);

      scenario.letTimePass();
      const recovered = scenario.capture();

      expect(recovered.exitCode, describeResult(recovered)).to.equal('OK');
      expect(await scenario.calls()).to.deep.equal(['capture 200', 'get 200']);
      expect(await captures(scenario)).to.deep.equal([12000]);
      expect(scenario.order(ORDER)).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
      expect(scenario.operation(KEY).state).to.equal('Succeeded');
    });
  });

  it('captures 1,500 ToCapture orders of one site in one run, beyond the 1,000-result search cap', async () => {
    const base = Date.UTC(2026, 9, 1);
    const orders: AlmaOrderSpec[] = Array.from({ length: 1500 }, (_, i) => ({
      orderNo: String(10_000_000 + i),
      total: '10.00',
      // Three orders share each creation instant, so one group straddles the first page's end.
      creationDate: new Date(base + Math.floor(i / 3) * 1000).toISOString(),
    }));
    const scenario = await host.scenario(eurSite(...orders));

    const result = scenario.capture();

    expect(result.exitCode, describeResult(result)).to.equal('OK');
    const step = result.steps.find((s) => s.stepId === 'Capture');
    expect(step?.chunk?.total).to.equal(1500);
    expect(step?.chunk?.read).to.equal(1500);
    expect(reportOf(result).message).to.match(
      /^1500 selected: 1500 succeeded, 0 rejected, 0 failed, 0 pending, 0 skipped; 1500 provider calls/,
    );
    const requests = await scenario.requests();
    expect(requests.filter((r) => r.route === 'capture' && r.status === 200)).to.have.length(1500);
    expect(requests).to.have.length(1500);
    const payments = await scenario.payments();
    expect(payments.filter((p) => p.captures.length === 1)).to.have.length(1500);
    const notCaptured = orders.filter((o) => scenario.order(o.orderNo).captureStatus !== 'Captured');
    expect(notCaptured.map((o) => o.orderNo)).to.deep.equal([]);
  });

  it('keeps two sites apart: each run captures its own site’s orders and journals them in that site only', async () => {
    // The same order number on both sites (order numbering is per site), with different payments.
    const scenario = await host.scenario({
      sites: [
        {
          id: 'RefArch',
          currency: 'EUR',
          orders: [{ orderNo: '00000001', total: '120.00', paymentId: 'payment_eur_1' }],
        },
        {
          id: 'RefArchJP',
          currency: 'JPY',
          orders: [{ orderNo: '00000001', total: '5000', paymentId: 'payment_jpy_1' }],
        },
      ],
    });

    const eur = scenario.capture('RefArch');

    expect(eur.exitCode, describeResult(eur)).to.equal('OK');
    expect(scenario.order('00000001', 'RefArch').captureStatus).to.equal('Captured');
    expect(scenario.order('00000001', 'RefArchJP').captureStatus).to.equal('ToCapture');
    expect([...scenario.journal('RefArch').keys()]).to.deep.equal(['alma:capture:00000001:1']);
    expect([...scenario.journal('RefArchJP').keys()]).to.deep.equal([]);
    expect((await scenario.requests()).map((r) => r.path)).to.deep.equal(['/v1/payments/payment_eur_1/captures']);

    const jpy = scenario.capture('RefArchJP');

    expect(jpy.exitCode, describeResult(jpy)).to.equal('OK');
    expect(scenario.order('00000001', 'RefArchJP')).to.include({ captureStatus: 'Captured', capturedAmount: 5000 });
    expect(scenario.operation('alma:capture:00000001:1', 'RefArchJP')).to.include({
      state: 'Succeeded',
      amountMinor: null,
      currencyCode: 'JPY',
    });
    expect(scenario.operation('alma:capture:00000001:1', 'RefArchJP').reason).to.match(/Alma reports 5000 JPY\)\.$/);
    expect(scenario.operation('alma:capture:00000001:1', 'RefArch')).to.include({
      state: 'Succeeded',
      currencyCode: 'EUR',
    });
    expect(scenario.operation('alma:capture:00000001:1', 'RefArch').reason).to.match(/Alma reports 120\.00 EUR\)\.$/);
    expect((await scenario.requests()).map((r) => r.path)).to.deep.equal([
      '/v1/payments/payment_eur_1/captures',
      '/v1/payments/payment_jpy_1/captures',
    ]);
    expect((await scenario.payment('payment_jpy_1')).captures.map((c) => c.amount)).to.deep.equal([5000]);
  });

  it('reports each site’s own counts when one job run covers both sites', async () => {
    const scenario = await host.scenario({
      sites: [
        {
          id: 'RefArch',
          currency: 'EUR',
          orders: [{ orderNo: '00000001', total: '120.00', paymentId: 'payment_eur_1' }],
        },
        {
          id: 'RefArchJP',
          currency: 'JPY',
          orders: [{ orderNo: '00000002', total: '5000', paymentId: 'payment_jpy_2' }],
        },
      ],
    });

    const result = scenario.run(JOBS.capture);

    expect(result.exitCode, describeResult(result)).to.equal('OK');
    expect(reportOf(result, 'RefArch').message).to.match(/^1 selected: 1 succeeded/);
    expect(reportOf(result, 'RefArchJP').message).to.match(/^1 selected: 1 succeeded/);
    expect(scenario.order('00000001').captureStatus).to.equal('Captured');
    expect(scenario.order('00000002').captureStatus).to.equal('Captured');
  });

  it('sends amounts in minor units exactly: 1234 JPY, 12.34 EUR and 1.234 KWD all reach Alma as 1234', async () => {
    const scenario = await host.scenario({
      sites: [
        {
          id: 'SiteJPY',
          currency: 'JPY',
          orders: [
            { orderNo: 'J1', total: '5000', custom: { payopsCaptureAmount: 1234 } },
            { orderNo: 'J2', total: '5000' },
          ],
        },
        {
          id: 'SiteEUR',
          currency: 'EUR',
          orders: [{ orderNo: 'E1', total: '120.00', custom: { payopsCaptureAmount: 12.34 } }],
        },
        {
          id: 'SiteKWD',
          currency: 'KWD',
          orders: [{ orderNo: 'K1', total: '5.000', custom: { payopsCaptureAmount: 1.234 } }],
        },
      ],
    });

    for (const site of ['SiteJPY', 'SiteEUR', 'SiteKWD']) {
      const result = scenario.capture(site);
      expect(result.exitCode, describeResult(result)).to.equal('OK');
    }

    const bodies = (await scenario.requests('capture')).map((r) => `${r.path.split('/')[3]} ${r.body}`);
    expect(bodies).to.deep.equal([
      'payment_J1 {"external_id":"payment_J1","amount":1234}',
      'payment_J2 {"external_id":"payment_J2"}',
      'payment_E1 {"external_id":"payment_E1","amount":1234}',
      'payment_K1 {"external_id":"payment_K1","amount":1234}',
    ]);
    expect(scenario.order('J1')).to.include({ captureStatus: 'Captured', capturedAmount: 1234 });
    expect(scenario.order('J2')).to.include({ captureStatus: 'Captured', capturedAmount: 5000 });
    expect(scenario.order('E1')).to.include({ captureStatus: 'Captured', capturedAmount: 12.34 });
    expect(scenario.order('K1')).to.include({ captureStatus: 'Captured', capturedAmount: 1.234 });
    expect(scenario.order('J1').reason).to.match(/Capture of 1234 JPY succeeded/);
    expect(scenario.order('K1').reason).to.match(/Capture of 1\.234 KWD succeeded/);
    for (const [paymentId, amount] of [
      ['payment_J1', 1234],
      ['payment_J2', 5000],
      ['payment_E1', 1234],
      ['payment_K1', 1234],
    ] as const) {
      expect((await scenario.payment(paymentId)).captured_amount, paymentId).to.equal(amount);
    }
  });

  it('does nothing while ALMA_Deferred_Capture_Activation is off: no call, Report DEACTIVATED', async () => {
    const scenario = await host.scenario({
      sites: [{ id: 'RefArch', currency: 'EUR', activation: false, orders: [{ orderNo: ORDER, total: '120.00' }] }],
    });

    const result = scenario.capture();

    expect(result.status, describeResult(result)).to.equal('OK');
    expect(result.exitCode).to.equal('DEACTIVATED');
    expect(reportOf(result).message).to.match(
      /^Switched off: Alma deferred capture \(site preference ALMA_Deferred_Capture_Activation is No\)/,
    );
    expect(scenario.order(ORDER)).to.include({ captureStatus: 'ToCapture', reason: null });
    expect(scenario.journal().size).to.equal(0);
    expect(await scenario.calls()).to.deep.equal([]);
  });

  it('keeps the journal’s interaction log within 9,000 characters, dropping the oldest, when requests are long', async () => {
    // Payment IDs are short in practice; a long one makes every request text long.
    const scenario = await host.scenario(oneOrder({ paymentId: `payment_${'x'.repeat(960)}` }));
    await scenario.sandbox.addFault({ kind: 'status', status: 503, route: '*', times: 'always' });

    for (let run = 0; run < 12; run++) {
      scenario.letTimePass();
      scenario.capture();
    }

    const text = scenario.operation(KEY).interactions ?? '';
    const interactions = scenario.interactions(KEY);
    expect(text.length).to.be.at.most(9000);
    expect(interactions.length).to.be.within(2, 9);
    expect(interactions.every((i) => i.type === 'read' && i.request.length > 900)).to.equal(true);
    const sent = (await scenario.requests()).map((r) => r.time);
    expect(sent).to.have.length(12);
    const kept = interactions.map((i) => i.at);
    expect(kept, 'kept in order, oldest first').to.deep.equal([...kept].sort());
  });

  it('keeps the journal’s interaction log masked and bounded (10 newest, at most 9,000 characters)', async () => {
    // The payment ID carries the API key, so that the key shows in requests and answers: the
    // journal and the communication log must mask it anyway.
    const paymentId = `payment_${ALMA_API_KEY}`;
    const scenario = await host.scenario(oneOrder({ paymentId }));
    await scenario.sandbox.addFault({ kind: 'status', status: 503, route: '*', times: 'always' });

    for (let run = 0; run < 12; run++) {
      scenario.letTimePass();
      const result = scenario.capture();
      expect(result.exitCode, describeResult(result)).to.equal('RETRY_PENDING');
    }

    const operation = scenario.operation(KEY);
    expect(operation.state).to.equal('InFlight');
    const interactions = scenario.interactions(KEY);
    expect(interactions).to.have.length(10);
    expect((operation.interactions ?? '').length).to.be.at.most(9000);
    expect(interactions.map((i) => i.type)).to.deep.equal(Array(10).fill('read'));
    expect(interactions[9].request).to.equal('GET /v1/payments/payment_****');
    const requests = await scenario.requests();
    expect(requests).to.have.length(12);
    expect(requests[0].path).to.equal(`/v1/payments/${paymentId}/captures`);
    const stored = JSON.stringify([...scenario.journal().values()]) + JSON.stringify(scenario.order(ORDER));
    expect(stored).to.not.include(ALMA_API_KEY);
    const logged = scenario.runtime.core.communication.map((c) => c.message).join('\n');
    expect(logged).to.include('payment_****');
    expect(logged).to.not.include(ALMA_API_KEY);
    expect(scenario.runtime.core.logs.map((l) => l.message).join('\n')).to.not.include(ALMA_API_KEY);
  });
});
