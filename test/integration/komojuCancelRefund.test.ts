/**
 * KOMOJU cancel and refund (jobs komojuCancelProcess and komojuRefundProcess, seed 004), compiled
 * in dist/ and run by the local runtime against the KOMOJU sandbox over loopback HTTP: what the
 * merchant sees (KOMOJU Cancel/Refund Status and Response), and what KOMOJU really received and
 * holds. KOMOJU replays the first answer for an X-KOMOJU-IDEMPOTENCY key, so a retry sends the same
 * request with the same key, and money moves once.
 */
import { expect } from 'chai';
import { describeResult, reasonText } from './almaScenario';
import {
  KOMOJU_JOBS,
  KomojuSandboxHost,
  komojuPaymentId,
  type KomojuOrderSpec,
  type KomojuScenario,
} from './komojuScenario';

const SITE = 'RefArch';
const site = (...orders: KomojuOrderSpec[]) => [{ id: SITE, orders }];

function cancel(scenario: KomojuScenario, options = {}) {
  return scenario.run(KOMOJU_JOBS.cancel, { site: SITE, ...options });
}
function refund(scenario: KomojuScenario, options = {}) {
  return scenario.run(KOMOJU_JOBS.refund, { site: SITE, ...options });
}

/** The requests KOMOJU received: `route status key`. */
async function sent(scenario: KomojuScenario): Promise<string[]> {
  return (await scenario.requests()).map(
    (request) => `${request.route} ${request.status} ${request.headers['x-komoju-idempotency'] ?? '-'}`,
  );
}

describe('integration: KOMOJU cancel and refund against the KOMOJU sandbox', function () {
  this.timeout(60_000);
  const host = new KomojuSandboxHost();
  before(() => host.start());
  after(() => host.stop());

  it('cancels a cancelled, unpaid order at KOMOJU with Basic auth and an idempotency key; the job records Cancelled itself', async () => {
    const scenario = await host.scenario(
      site(
        { orderNo: '00005001', total: '5000' },
        { orderNo: '00005002', total: '5000', status: 'NEW' },
        { orderNo: '00005003', total: '5000', paymentStatus: 'PAID' },
      ),
    );

    const result = cancel(scenario);

    expect(result.exitCode, describeResult(result)).to.equal('OK');
    const requests = await scenario.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([
      `POST /api/v1/payments/${komojuPaymentId('00005001')}/cancel 200`,
    ]);
    expect(requests[0].headers['x-komoju-idempotency']).to.match(/^[0-9a-f]+-cancel-1$/);
    expect(requests[0].headers.authorization, 'Basic base64("<key>:"), masked in the journal').to.match(
      /^Basic \S+\*\*\*$/,
    );
    expect(scenario.komoju('00005001')).to.include({ cancelStatus: 'Cancelled', refundStatus: null });
    expect(reasonText(scenario.komoju('00005001').cancelResponse)).to.equal('Cancel succeeded at KOMOJU.');
    expect((await scenario.komojuPayment(komojuPaymentId('00005001'))).status).to.equal('cancelled');
    expect(scenario.komoju('00005002').cancelStatus, 'not cancelled in SFCC').to.equal(null);
    expect(scenario.komoju('00005003').cancelStatus, 'paid: the refund job’s').to.equal(null);
    expect(scenario.operation('komoju:cancel:00005001:1')).to.include({ state: 'Succeeded', attempts: 1 });
  });

  it('refunds a cancelled, paid order in full, in yen without decimals, and records Refunded', async () => {
    const scenario = await host.scenario(site({ orderNo: '00005101', total: '12345', paymentStatus: 'PAID' }));

    const result = refund(scenario);

    expect(result.exitCode, describeResult(result)).to.equal('OK');
    const [request] = await scenario.requests();
    expect(request.path).to.equal(`/api/v1/payments/${komojuPaymentId('00005101')}/refund`);
    const body = JSON.parse(request.body) as { amount: number; description: string };
    expect(body.amount).to.equal(12345);
    expect(body.description).to.match(/^00005101-refund-1-[0-9a-z]+$/);
    const payment = await scenario.komojuPayment(komojuPaymentId('00005101'));
    expect(payment).to.include({ status: 'refunded', amount_refunded: 12345 });
    expect(scenario.komoju('00005101')).to.include({ refundStatus: 'Refunded', refundedAmount: 12345 });
    expect(reasonText(scenario.komoju('00005101').refundResponse)).to.match(
      /^Refund of 12345 JPY succeeded at KOMOJU \(KOMOJU reference \w{25}\)\.$/,
    );

    const again = refund(scenario);
    expect(again.exitCode, describeResult(again)).to.equal('OK');
    expect((await scenario.requests()).length, 'nothing sent twice').to.equal(1);
  });

  it('refunds the Amount to Refund partially, never more than is left, and leaves the status for the rest', async () => {
    const scenario = await host.scenario(
      site(
        {
          orderNo: '00005201',
          total: '10000',
          status: 'NEW',
          paymentStatus: 'PAID',
          custom: { payopsRefundAmount: 3000 },
        },
        {
          orderNo: '00005202',
          total: '10000',
          status: 'NEW',
          paymentStatus: 'PAID',
          custom: { payopsRefundAmount: 10001 },
        },
      ),
    );

    const result = refund(scenario);

    expect(result.exitCode, describeResult(result)).to.equal('ERROR');
    expect((await scenario.requests()).map((r) => `${r.route} ${JSON.parse(r.body).amount}`)).to.deep.equal([
      'refund 3000',
    ]);
    expect(scenario.komoju('00005201')).to.include({ refundStatus: null, refundedAmount: 3000, refundAmount: null });
    expect(reasonText(scenario.komoju('00005201').refundResponse)).to.match(/^Refund of 3000 JPY succeeded at KOMOJU/);
    expect((await scenario.komojuPayment(komojuPaymentId('00005201'))).amount_refunded).to.equal(3000);
    expect(scenario.komoju('00005202')).to.include({ refundStatus: 'Failed', refundAmount: null });
    expect(reasonText(scenario.komoju('00005202').refundResponse)).to.equal(
      'Refund not possible: the Amount to Refund 10001 JPY is more than the 10000 JPY allowed; nothing was sent.',
    );
  });

  it('a refund that succeeds after a failed one does not leave KOMOJU Refund Status at Failed', async () => {
    const scenario = await host.scenario(
      site({
        orderNo: '00005251',
        total: '10000',
        status: 'NEW',
        paymentStatus: 'PAID',
        custom: { payopsRefundAmount: 1000 },
      }),
    );
    await scenario.sandbox.addFault({ kind: 'status', status: 400, route: 'refund' });

    refund(scenario);
    expect(scenario.komoju('00005251').refundStatus).to.equal('Failed');
    scenario.setOrderAttributes('00005251', { payopsRefundAmount: 1000 });
    const again = refund(scenario);

    expect(again.exitCode, describeResult(again)).to.equal('OK');
    expect(scenario.komoju('00005251')).to.include({ refundStatus: null, refundedAmount: 1000 });
    expect(reasonText(scenario.komoju('00005251').refundResponse)).to.match(/^Refund of 1000 JPY succeeded at KOMOJU/);
  });

  it('records Rejected on not_cancellable and not_refundable, and Failed with KOMOJU’s reason on another error', async () => {
    const scenario = await host.scenario(
      site(
        // KOMOJU already captured it although the order says not paid: KOMOJU refuses the cancel.
        { orderNo: '00005301', total: '5000', payment: { status: 'captured', capture: 'auto' } },
        // Already refunded at KOMOJU: the refund is refused.
        { orderNo: '00005302', total: '5000', paymentStatus: 'PAID', payment: { status: 'refunded' } },
        // Unknown at KOMOJU: 404, a Failed cancel that waits for the operator.
        { orderNo: '00005303', total: '5000', payment: false },
      ),
    );

    const cancelled = cancel(scenario);
    const refunded = refund(scenario);

    expect(cancelled.exitCode, describeResult(cancelled)).to.equal('ERROR');
    expect(refunded.exitCode, describeResult(refunded)).to.equal('ERROR');
    expect(scenario.komoju('00005301').cancelStatus).to.equal('Rejected');
    expect(reasonText(scenario.komoju('00005301').cancelResponse)).to.match(
      /^KOMOJU refused the cancel: HTTP 422 not_cancellable: /,
    );
    expect(scenario.komoju('00005302').refundStatus).to.equal('Rejected');
    expect(reasonText(scenario.komoju('00005302').refundResponse)).to.match(/HTTP 422 not_refundable/);
    expect(scenario.komoju('00005303').cancelStatus).to.equal('Failed');
    expect(reasonText(scenario.komoju('00005303').cancelResponse)).to.match(
      /^KOMOJU did not accept the cancel: HTTP 404 not_found: .*fix the cause, then request it again\.$/,
    );
  });

  it('a Failed cancel waits for the operator: no call and no new report on the next run; clearing the status retries with a new key', async () => {
    const scenario = await host.scenario(site({ orderNo: '00005401', total: '5000' }));
    await scenario.sandbox.addFault({ kind: 'status', status: 400, route: 'cancel' });

    const first = cancel(scenario);
    const second = cancel(scenario);

    expect(first.exitCode, describeResult(first)).to.equal('ERROR');
    expect(second.exitCode, describeResult(second)).to.equal('OK');
    expect(scenario.komoju('00005401').cancelStatus).to.equal('Failed');
    expect((await scenario.requests()).length).to.equal(1);

    scenario.setOrderAttributes('00005401', { komojuCancelStatus: null });
    const third = cancel(scenario);

    expect(third.exitCode, describeResult(third)).to.equal('OK');
    const keys = (await scenario.requests()).map((r) => r.headers['x-komoju-idempotency']);
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(`${keys[0]}-r1`);
    expect(scenario.komoju('00005401').cancelStatus).to.equal('Cancelled');
  });

  describe('exactly one movement at KOMOJU when something goes wrong', () => {
    const ORDER = '00005501';
    const paid = () => site({ orderNo: ORDER, total: '8000', paymentStatus: 'PAID' });

    it('5xx then 429: not Failed; each retry sends the same key, and KOMOJU refunds once', async () => {
      const scenario = await host.scenario(paid());
      await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'refund' });
      await scenario.sandbox.addFault({ kind: 'status', status: 429, route: 'refund' });

      const runs = [refund(scenario), refund(scenario), refund(scenario)];

      expect(runs.map((r) => r.exitCode)).to.deep.equal(['RETRY_PENDING', 'RETRY_PENDING', 'OK']);
      const requests = await sent(scenario);
      expect(requests.map((r) => r.split(' ').slice(0, 2).join(' '))).to.deep.equal([
        'refund 503',
        'refund 429',
        'refund 200',
      ]);
      expect(new Set(requests.map((r) => r.split(' ')[2])).size, 'one key').to.equal(1);
      expect((await scenario.komojuPayment(komojuPaymentId(ORDER))).refunds).to.have.length(1);
      expect(scenario.komoju(ORDER)).to.include({ refundStatus: 'Refunded', refundedAmount: 8000 });
    });

    it('timeout after KOMOJU applied the refund: the retry replays with the same key, one refund at KOMOJU', async () => {
      const scenario = await host.scenario(paid());
      await scenario.sandbox.addFault({ kind: 'timeout', route: 'refund', apply: true, ms: 3000 });

      const first = refund(scenario);

      expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
      expect(scenario.komoju(ORDER).refundStatus).to.equal(null);
      expect(reasonText(scenario.komoju(ORDER).refundResponse)).to.match(/not done yet \(attempt 1 of 5\): no answer/);

      const second = refund(scenario);

      expect(second.exitCode, describeResult(second)).to.equal('OK');
      const requests = await scenario.requests();
      expect(requests.map((r) => `${r.route} ${r.status} ${r.fault}`)).to.deep.equal([
        'refund null timeout',
        'refund 200 null',
      ]);
      expect(requests[1].headers['x-komoju-idempotency']).to.equal(requests[0].headers['x-komoju-idempotency']);
      expect((await scenario.komojuPayment(komojuPaymentId(ORDER))).refunds.map((r) => r.amount)).to.deep.equal([8000]);
      expect(scenario.komoju(ORDER)).to.include({ refundStatus: 'Refunded', refundedAmount: 8000 });
    });

    it('killed between KOMOJU’s answer and our write: the next run replays the same key and records the first refund', async () => {
      const scenario = await host.scenario(paid());

      const crashed = refund(scenario, {
        crash: { afterServiceResponse: (call: { method: string; url: string }) => /\/refund$/.test(call.url) },
      });

      expect(crashed.status).to.equal('ERROR');
      expect(scenario.operation(`komoju:refund:${ORDER}:1`)).to.include({ state: 'InFlight', attempts: 1 });
      expect(scenario.komoju(ORDER).refundStatus).to.equal(null);

      scenario.letTimePass();
      const recovered = refund(scenario);

      expect(recovered.exitCode, describeResult(recovered)).to.equal('OK');
      const payment = await scenario.komojuPayment(komojuPaymentId(ORDER));
      expect(payment.refunds).to.have.length(1);
      const requests = await scenario.requests();
      expect(requests.map((r) => r.route)).to.deep.equal(['refund', 'refund']);
      expect(requests[1].headers['x-komoju-idempotency']).to.equal(requests[0].headers['x-komoju-idempotency']);
      expect(scenario.operation(`komoju:refund:${ORDER}:1`)).to.include({
        state: 'Succeeded',
        providerReference: payment.refunds[0].id,
      });
    });

    it('409 while the first request is still in flight at KOMOJU is not a failure; the run after it ends replays it', async () => {
      const scenario = await host.scenario(paid());
      // KOMOJU takes 2.5 s: our call times out after 1 s while KOMOJU still works on the key.
      await scenario.sandbox.addFault({ kind: 'latency', route: 'refund', ms: 2500 });

      const first = refund(scenario);
      const second = refund(scenario);

      expect(first.exitCode).to.equal('RETRY_PENDING');
      expect(second.exitCode, describeResult(second)).to.equal('RETRY_PENDING');
      expect(reasonText(scenario.komoju(ORDER).refundResponse)).to.match(/\(attempt 2 of 5\): HTTP 409 conflict/);
      expect(scenario.komoju(ORDER).refundStatus).to.equal(null);

      await new Promise((resolve) => setTimeout(resolve, 2000));
      const third = refund(scenario);

      expect(third.exitCode, describeResult(third)).to.equal('OK');
      expect((await scenario.komojuPayment(komojuPaymentId(ORDER))).refunds).to.have.length(1);
      expect(scenario.komoju(ORDER)).to.include({ refundStatus: 'Refunded', refundedAmount: 8000 });
    });
  });

  it('bad input gets a clear reason and no call: an unknown currency; an order without a KOMOJU payment ID is not a KOMOJU order to the job', async () => {
    const scenario = await host.scenario(
      site({ orderNo: '00005601', total: '5000', paymentId: null }, { orderNo: '00005602', total: '5000' }),
    );
    const record = scenario.runtime.core.state.sites.get(SITE)?.orders.get('00005602');
    if (!record) throw new Error('no order');
    record.currencyCode = 'XYZ';

    const cancelled = cancel(scenario);

    expect(cancelled.exitCode, describeResult(cancelled)).to.equal('ERROR');
    expect(reasonText(scenario.komoju('00005602').cancelResponse)).to.match(
      /^Cancel not possible: the order currency "XYZ" is not a currency the platform knows; nothing was sent\.$/,
    );
    expect(scenario.komoju('00005602').cancelStatus).to.equal('Failed');
    expect(scenario.komoju('00005601').cancelStatus).to.equal(null);
    expect(await scenario.requests()).to.deep.equal([]);
  });

  it('cancels 1,500 cancelled orders of one site in one run, beyond the 1,000-result search cap, on two sites', async () => {
    const base = Date.UTC(2026, 9, 1);
    const many = (prefix: number): KomojuOrderSpec[] =>
      Array.from({ length: 750 }, (_, i) => ({
        orderNo: String(prefix + i),
        total: '1000',
        creationDate: new Date(base + Math.floor(i / 3) * 1000).toISOString(),
      }));
    const scenario = await host.scenario([
      { id: SITE, orders: [...many(20_000_000), ...many(20_001_000)] },
      { id: 'SiteJP', orders: many(30_000_000) },
    ]);

    const result = scenario.run(KOMOJU_JOBS.cancel);

    expect(result.exitCode, describeResult(result)).to.equal('OK');
    const steps = result.steps.filter((step) => step.stepId === 'CancelPayments');
    expect(steps.map((step) => step.siteId)).to.deep.equal([SITE, 'SiteJP']);
    const requests = await scenario.requests();
    expect(requests.length).to.equal(2250);
    expect(new Set(requests.map((r) => r.path)).size, 'each payment once').to.equal(2250);
    expect(scenario.komoju('20001749', SITE).cancelStatus).to.equal('Cancelled');
    expect(scenario.komoju('30000749', 'SiteJP').cancelStatus).to.equal('Cancelled');
  });
});

describe('integration: the failure e-mail (every provider), with KOMOJU', function () {
  this.timeout(60_000);
  const host = new KomojuSandboxHost();
  before(() => host.start());
  after(() => host.stop());

  const MAIL = {
    payopsFailureMailEnabled: true,
    payopsFailureMailTo: 'ops@shop.co.jp, finance@shop.co.jp',
    payopsFailureMailFrom: 'payments@shop.co.jp',
    payopsFailureMailLocale: 'ja',
  };

  it('mails once, in the configured language, the orders the run left Rejected or Failed; a retry in progress is not mailed', async () => {
    const scenario = await host.scenario([
      {
        id: SITE,
        preferences: MAIL,
        orders: [
          // The first cancel gets KOMOJU's 503: retried on the next run, not a failure.
          { orderNo: '00005701', total: '9000' },
          { orderNo: '00005702', total: '5000', payment: false },
          { orderNo: '00005703', total: '7000', payment: { status: 'captured', capture: 'auto' } },
        ],
      },
    ]);
    await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'cancel' });

    const first = cancel(scenario);

    expect(first.exitCode, describeResult(first)).to.equal('ERROR');
    const mails = scenario.runtime.core.mails;
    expect(mails).to.have.length(1);
    const [mail] = mails;
    expect(mail.from).to.equal('payments@shop.co.jp');
    expect(mail.to).to.deep.equal(['ops@shop.co.jp', 'finance@shop.co.jp']);
    expect(mail.subject).to.equal('決済オペレーション：RefArch（komojuCancelProcess）で対応が必要な注文が2件あります');
    expect(mail.mimeType).to.equal('text/html;charset=UTF-8');
    expect(mail.content).to.contain('ジョブkomojuCancelProcessの実行後');
    expect(mail.content).to.match(
      /<td>00005702<\/td>\s*<td>5000 JPY<\/td>\s*<td>KOMOJU — キャンセル<\/td>\s*<td>Failed<\/td>/,
    );
    expect(mail.content).to.match(
      /<td>00005703<\/td>\s*<td>7000 JPY<\/td>[\s\S]*?<td>Rejected<\/td>\s*<td>[^<]*not_cancellable/,
    );
    expect(mail.content, 'the retry in progress is not a failure').to.not.contain('00005701');
    expect(mail.content, 'HTML-encoded').to.not.match(/<td>[^<]*"[^<]*<\/td>/);

    const second = cancel(scenario);

    expect(second.exitCode, describeResult(second)).to.equal('OK');
    expect(scenario.komoju('00005701').cancelStatus).to.equal('Cancelled');
    expect(scenario.runtime.core.mails, 'each failure is mailed once').to.have.length(1);
  });

  it('sends nothing while the switch is off, and says in the log what is missing when it is on without a sender', async () => {
    const off = await host.scenario([{ id: SITE, orders: [{ orderNo: '00005801', total: '5000', payment: false }] }]);
    cancel(off);
    expect(off.runtime.core.mails).to.deep.equal([]);

    const noSender = await host.scenario([
      {
        id: SITE,
        preferences: { ...MAIL, payopsFailureMailFrom: '' },
        orders: [{ orderNo: '00005802', total: '5000', payment: false }],
      },
    ]);
    cancel(noSender);
    expect(noSender.runtime.core.mails).to.deep.equal([]);
    expect(noSender.runtime.core.logs.map((l) => l.message)).to.include(
      'Failure e-mail not sent for 1 order(s): the failure e-mail is switched on but payopsFailureMailFrom (the sender) is empty',
    );
  });
});
