/**
 * Alma cancel and refund (jobs PaymentOperations-CancelPayments and -RefundPayments), compiled in
 * dist/ and run by the local runtime against the Alma sandbox over loopback HTTP: what the
 * merchant sees on the order, the operation journal, and what Alma really received.
 */
import { expect } from 'chai';
import { AlmaSandboxHost, describeResult, JOBS, type AlmaOrderSpec } from './almaScenario';

function eurSite(...orders: AlmaOrderSpec[]) {
  return { sites: [{ id: 'RefArch', currency: 'EUR', orders }] };
}

/**
 * The merchant reference of an order's refund number n: `<orderNo>-refund-<n>-<ms in base 36>`,
 * unique even after the journal entry that numbered it has expired.
 */
function refundReference(orderNo: string, n: number): RegExp {
  return new RegExp(`^${orderNo}-refund-${n}-[0-9a-z]+$`);
}

/** The refund requests Alma received, as `amount reference` with the reference's time part cut. */
function refundBodies(requests: Array<{ body: string }>): string[] {
  return requests.map((request) => {
    const body = JSON.parse(request.body) as { amount: number; merchant_reference: string };
    return `${body.amount} ${body.merchant_reference.replace(/-[0-9a-z]+$/, '-…')}`;
  });
}

/** Text of the reason without its time stamp. */
function reasonText(reason: string | null): string {
  return (reason ?? '').replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — /, '');
}

describe('integration: Alma cancel and refund against the Alma sandbox', function () {
  this.timeout(60_000);
  const host = new AlmaSandboxHost();
  before(() => host.start());
  after(() => host.stop());

  it("does not fail a cancelled order's automatic full refund again on every run when its checks refuse it: journaled once, waits for the operator", async () => {
    const scenario = await host.scenario(
      eurSite({
        orderNo: '00004901',
        total: '120.00',
        status: 'CANCELLED',
        capture: 'Captured',
        payment: { captured_amount: 12000 },
      }),
    );
    const record = scenario.runtime.core.state.sites.get('RefArch')?.orders.get('00004901');
    if (!record) throw new Error('no order');
    record.currencyCode = 'XYZ'; // refused by the input checks: nothing may be sent

    const first = scenario.run(JOBS.refund, { site: 'RefArch' });
    const second = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(first.exitCode, describeResult(first)).to.equal('ERROR');
    expect(second.exitCode, describeResult(second)).to.equal('OK');
    expect(scenario.order('00004901').refundStatus).to.equal('Failed');
    expect(scenario.operation('alma:refund:00004901:1')).to.include({ state: 'Failed', attempts: 0 });
    expect(scenario.operation('alma:refund:00004901:1').reason).to.match(
      /^Refund not possible, nothing was sent: the order currency "XYZ"/,
    );
    expect([...scenario.journal().keys()]).to.deep.equal(['alma:refund:00004901:1']);
    expect(await scenario.calls()).to.deep.equal([]);
  });

  it('voids a cancelled order not yet captured, and refunds (not cancels) a cancelled order already captured', async () => {
    const scenario = await host.scenario(
      eurSite(
        { orderNo: '00004001', total: '120.00', status: 'CANCELLED', capture: 'ToCapture' },
        {
          orderNo: '00004002',
          total: '120.00',
          status: 'CANCELLED',
          capture: 'Captured',
          payment: { captured_amount: 12000 },
        },
        { orderNo: '00004003', total: '120.00', status: 'CANCELLED', capture: 'Failed' },
        { orderNo: '00004004', total: '120.00', status: 'NEW', capture: 'ToCapture' },
      ),
    );

    const cancel = scenario.run(JOBS.cancel, { site: 'RefArch' });

    expect(cancel.exitCode, describeResult(cancel)).to.equal('OK');
    const cancels = await scenario.requests();
    expect(cancels.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([
      'PUT /v1/payments/payment_00004001/cancel 204',
      'PUT /v1/payments/payment_00004003/cancel 204',
    ]);
    expect(scenario.order('00004001').cancelStatus).to.equal('Cancelled');
    expect(reasonText(scenario.order('00004001').reason)).to.equal('Cancel succeeded at Alma.');
    expect(scenario.order('00004003').cancelStatus).to.equal('Cancelled');
    expect(scenario.operation('alma:cancel:00004001:1').state).to.equal('Succeeded');
    expect(scenario.order('00004002')).to.include({ cancelStatus: null, refundStatus: null });
    expect(scenario.order('00004004')).to.include({ cancelStatus: null, captureStatus: 'ToCapture' });
    expect((await scenario.payment('payment_00004001')).processing_status).to.equal('canceled');
    expect((await scenario.payment('payment_00004004')).processing_status).to.equal('authorized');

    const refund = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(refund.exitCode, describeResult(refund)).to.equal('OK');
    const refunds = await scenario.requests('refund');
    expect(refunds.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([
      'POST /v1/payments/payment_00004002/refund 200',
    ]);
    expect(Object.keys(JSON.parse(refunds[0].body))).to.have.members(['merchant_reference', 'amount']);
    expect(JSON.parse(refunds[0].body)).to.include({ amount: 12000 });
    expect(JSON.parse(refunds[0].body).merchant_reference).to.match(refundReference('00004002', 1));
    const refunded = scenario.order('00004002');
    expect(refunded).to.include({ refundStatus: 'Refunded', refundedAmount: 120, cancelStatus: null });
    expect(reasonText(refunded.reason)).to.match(
      /^Refund of 120\.00 EUR succeeded at Alma \(Alma reference refund_\w+\)\.$/,
    );
    const payment = await scenario.payment('payment_00004002');
    expect(payment.refunds.map((r) => r.amount)).to.deep.equal([12000]);
    expect(scenario.operation('alma:refund:00004002:1')).to.include({
      state: 'Succeeded',
      providerReference: payment.refunds[0].id,
      amountMinor: 12000,
    });

    const cancelAgain = scenario.run(JOBS.cancel, { site: 'RefArch' });
    const refundAgain = scenario.run(JOBS.refund, { site: 'RefArch' });
    expect([cancelAgain.exitCode, refundAgain.exitCode]).to.deep.equal(['OK', 'OK']);
    expect(await scenario.requests(), 'nothing is sent twice').to.have.length(3);
  });

  it('settles an unknown capture before voiding a cancelled order: applied at Alma, so refunded instead of cancelled', async () => {
    const scenario = await host.scenario(eurSite({ orderNo: '00004101', total: '120.00' }));
    await scenario.sandbox.addFault({ kind: 'malformed', route: 'capture' });
    expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');
    scenario.cancelOrder('00004101');
    scenario.letTimePass();

    const cancel = scenario.run(JOBS.cancel, { site: 'RefArch' });

    expect(cancel.exitCode, describeResult(cancel)).to.equal('OK');
    expect(await scenario.calls()).to.deep.equal(['capture 200', 'get 200']);
    expect(scenario.order('00004101')).to.include({
      captureStatus: 'Captured',
      capturedAmount: 120,
      cancelStatus: null,
    });
    expect(scenario.operation('alma:capture:00004101:1').state).to.equal('Succeeded');

    const refund = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(refund.exitCode, describeResult(refund)).to.equal('OK');
    expect(await scenario.calls()).to.deep.equal(['capture 200', 'get 200', 'refund 200']);
    expect(scenario.order('00004101')).to.include({ refundStatus: 'Refunded', refundedAmount: 120 });
    const payment = await scenario.payment('payment_00004101');
    expect(payment.captures).to.have.length(1);
    expect(payment.amount_already_refunded).to.equal(12000);
  });

  it('withdraws an unknown capture Alma did not apply when the order is cancelled, then voids the payment', async () => {
    const scenario = await host.scenario(eurSite({ orderNo: '00004201', total: '120.00' }));
    await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'capture' });
    expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');
    scenario.cancelOrder('00004201');
    scenario.letTimePass();

    const cancel = scenario.run(JOBS.cancel, { site: 'RefArch' });

    expect(await scenario.calls()).to.deep.equal(['capture 503', 'get 200', 'cancel 204']);
    const order = scenario.order('00004201');
    expect(order).to.include({ cancelStatus: 'Cancelled', captureStatus: 'ToCapture', capturedAmount: null });
    expect(scenario.operation('alma:capture:00004201:1')).to.include({ state: 'Failed', attempts: 1 });
    expect(scenario.operation('alma:capture:00004201:1').reason).to.equal(
      'The capture was withdrawn (Alma had not applied it): the order was cancelled.',
    );
    expect((await scenario.payment('payment_00004201')).processing_status).to.equal('canceled');
    // The payment ended where the merchant wanted it (voided): nothing for an operator to fix.
    expect(cancel.exitCode, describeResult(cancel)).to.equal('OK');
  });

  it('does not void a cancelled order while its capture is still unknown: Alma could not be read, so nothing is cancelled until a read settles it', async () => {
    const scenario = await host.scenario(eurSite({ orderNo: '00004401', total: '120.00' }));
    await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'capture' });
    expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');
    scenario.cancelOrder('00004401');
    scenario.letTimePass();
    await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'get' });

    const blind = scenario.run(JOBS.cancel, { site: 'RefArch' });

    expect(blind.exitCode, describeResult(blind)).to.equal('RETRY_PENDING');
    expect(await scenario.calls(), 'no cancel sent').to.deep.equal(['capture 503', 'get 503']);
    expect(scenario.order('00004401')).to.include({ cancelStatus: null, captureStatus: 'ToCapture' });
    expect(reasonText(scenario.order('00004401').reason)).to.match(
      /^Outcome of the capture unknown and Alma could not be read \(HTTP 503: Service unavailable\); the next run reads it again before anything is sent\.$/,
    );
    expect(scenario.operation('alma:capture:00004401:1').state).to.equal('InFlight');
    expect([...scenario.journal().keys()]).to.deep.equal(['alma:capture:00004401:1']);
    expect((await scenario.payment('payment_00004401')).processing_status).to.equal('authorized');

    scenario.letTimePass();
    const settled = scenario.run(JOBS.cancel, { site: 'RefArch' });

    expect(settled.exitCode, describeResult(settled)).to.equal('OK');
    expect(await scenario.calls()).to.deep.equal(['capture 503', 'get 503', 'get 200', 'cancel 204']);
    expect(scenario.order('00004401')).to.include({ cancelStatus: 'Cancelled', captureStatus: 'ToCapture' });
    expect(scenario.operation('alma:capture:00004401:1').reason).to.equal(
      'The capture was withdrawn (Alma had not applied it): the order was cancelled.',
    );
    expect((await scenario.payment('payment_00004401')).processing_status).to.equal('canceled');
  });

  it('refunds an Amount to Refund on a captured order, clears the request, refuses an over-refund without a call, then refunds the rest', async () => {
    const scenario = await host.scenario(
      eurSite({ orderNo: '00005001', total: '120.00', capture: 'Captured', payment: { captured_amount: 12000 } }),
    );

    scenario.setOrderAttributes('00005001', { payopsRefundAmount: 30 });
    const partial = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(partial.exitCode, describeResult(partial)).to.equal('OK');
    expect(refundBodies(await scenario.requests('refund'))).to.deep.equal(['3000 00005001-refund-1-…']);
    let order = scenario.order('00005001');
    expect(order).to.include({ refundStatus: 'PartiallyRefunded', refundedAmount: 30, refundAmount: null });
    expect(reasonText(order.reason)).to.match(/^Refund of 30\.00 EUR succeeded at Alma/);

    scenario.setOrderAttributes('00005001', { payopsRefundAmount: 100 });
    const over = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(over.exitCode, describeResult(over)).to.equal('ERROR');
    order = scenario.order('00005001');
    expect(order).to.include({ refundStatus: 'Failed', refundedAmount: 30, refundAmount: null });
    expect(reasonText(order.reason)).to.equal(
      'Refund not possible: the Amount to Refund 100.00 EUR is more than the 90.00 EUR allowed; nothing was sent.',
    );
    expect(await scenario.requests('refund')).to.have.length(1);

    scenario.setOrderAttributes('00005001', { payopsRefundAmount: 90 });
    const rest = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(rest.exitCode, describeResult(rest)).to.equal('OK');
    const refunds = await scenario.requests('refund');
    expect(refundBodies(refunds)).to.deep.equal(['3000 00005001-refund-1-…', '9000 00005001-refund-2-…']);
    expect(JSON.parse(refunds[1].body).merchant_reference).to.match(refundReference('00005001', 2));
    order = scenario.order('00005001');
    expect(order).to.include({ refundStatus: 'Refunded', refundedAmount: 120, refundAmount: null });
    const payment = await scenario.payment('payment_00005001');
    expect(payment.refunds.map((r) => r.amount)).to.deep.equal([3000, 9000]);
    expect(payment.amount_already_refunded).to.equal(12000);
    expect(scenario.operation('alma:refund:00005001:2')).to.include({ state: 'Succeeded', amountMinor: 9000 });
  });

  it('refunds what is left when an order already partially refunded is cancelled', async () => {
    const scenario = await host.scenario(
      eurSite({ orderNo: '00005201', total: '120.00', capture: 'Captured', payment: { captured_amount: 12000 } }),
    );
    scenario.setOrderAttributes('00005201', { payopsRefundAmount: 30 });
    expect(scenario.run(JOBS.refund, { site: 'RefArch' }).exitCode).to.equal('OK');
    expect(scenario.order('00005201').refundStatus).to.equal('PartiallyRefunded');
    scenario.cancelOrder('00005201');

    const cancel = scenario.run(JOBS.cancel, { site: 'RefArch' });
    const refund = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(cancel.exitCode, describeResult(cancel)).to.equal('OK');
    expect(refund.exitCode, describeResult(refund)).to.equal('OK');
    const requests = await scenario.requests();
    expect(requests.map((r) => r.route)).to.deep.equal(['refund', 'refund']);
    expect(refundBodies(requests)).to.deep.equal(['3000 00005201-refund-1-…', '9000 00005201-refund-2-…']);
    expect(scenario.order('00005201')).to.include({
      refundStatus: 'Refunded',
      refundedAmount: 120,
      cancelStatus: null,
    });
    expect((await scenario.payment('payment_00005201')).amount_already_refunded).to.equal(12000);
  });

  it('refunds a cancelled, captured order in full after a refused Amount to Refund (500.00 on a 120.00 order)', async () => {
    const scenario = await host.scenario(
      eurSite({ orderNo: '00005501', total: '120.00', capture: 'Captured', payment: { captured_amount: 12000 } }),
    );
    scenario.setOrderAttributes('00005501', { payopsRefundAmount: 500 });

    const over = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(over.exitCode, describeResult(over)).to.equal('ERROR');
    expect(scenario.order('00005501')).to.include({ refundStatus: 'Failed', refundAmount: null, refundedAmount: null });
    expect(reasonText(scenario.order('00005501').reason)).to.equal(
      'Refund not possible: the Amount to Refund 500.00 EUR is more than the 120.00 EUR allowed; nothing was sent.',
    );
    expect(await scenario.calls()).to.deep.equal([]);

    scenario.cancelOrder('00005501');
    const refund = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(refund.exitCode, describeResult(refund)).to.equal('OK');
    expect(refundBodies(await scenario.requests())).to.deep.equal(['12000 00005501-refund-1-…']);
    expect(scenario.order('00005501')).to.include({ refundStatus: 'Refunded', refundedAmount: 120 });
    expect((await scenario.payment('payment_00005501')).amount_already_refunded).to.equal(12000);
  });

  it('does not send a refused full refund of a cancelled order again on every run: it waits until the operator clears Refund Status', async () => {
    const scenario = await host.scenario(
      eurSite({
        orderNo: '00005601',
        total: '120.00',
        status: 'CANCELLED',
        capture: 'Captured',
        payment: { captured_amount: 12000 },
      }),
    );
    await scenario.sandbox.addFault({ kind: 'status', status: 400, route: 'refund' });

    const refused = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(refused.exitCode, describeResult(refused)).to.equal('ERROR');
    expect(scenario.order('00005601')).to.include({ refundStatus: 'Rejected', refundedAmount: null });
    expect(reasonText(scenario.order('00005601').reason)).to.equal(
      'Alma refused the refund of 120.00 EUR: HTTP 400: Bad request.',
    );

    const again = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(again.exitCode, describeResult(again)).to.equal('OK');
    expect(await scenario.calls(), 'not sent again').to.deep.equal(['refund 400']);
    expect(scenario.order('00005601').refundStatus).to.equal('Rejected');

    scenario.setOrderAttributes('00005601', { payopsRefundStatus: null });
    const retried = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(retried.exitCode, describeResult(retried)).to.equal('OK');
    expect(await scenario.calls()).to.deep.equal(['refund 400', 'refund 200']);
    expect(refundBodies(await scenario.requests())).to.deep.equal([
      '12000 00005601-refund-1-…',
      '12000 00005601-refund-2-…',
    ]);
    expect(scenario.order('00005601')).to.include({ refundStatus: 'Refunded', refundedAmount: 120 });
  });

  it('refuses an Amount to Refund with more decimals than the currency (80.005 EUR, 99.5 JPY) before any call, instead of rounding it', async () => {
    const scenario = await host.scenario({
      sites: [
        {
          id: 'RefArch',
          currency: 'EUR',
          orders: [{ orderNo: 'E1', total: '120.00', capture: 'Captured', payment: { captured_amount: 12000 } }],
        },
        {
          id: 'RefArchJP',
          currency: 'JPY',
          orders: [{ orderNo: 'J1', total: '5000', capture: 'Captured', payment: { captured_amount: 5000 } }],
        },
      ],
    });
    scenario.setOrderAttributes('E1', { payopsRefundAmount: 80.005 });
    scenario.setOrderAttributes('J1', { payopsRefundAmount: 99.5 });

    for (const site of ['RefArch', 'RefArchJP']) {
      const result = scenario.run(JOBS.refund, { site });
      expect(result.exitCode, describeResult(result)).to.equal('ERROR');
    }

    expect(scenario.order('E1')).to.include({ refundStatus: 'Failed', refundAmount: null, refundedAmount: null });
    expect(reasonText(scenario.order('E1').reason)).to.equal(
      'Refund not possible: the amount 80.005 has more decimals than EUR allows (2).',
    );
    expect(scenario.order('J1')).to.include({ refundStatus: 'Failed', refundAmount: null, refundedAmount: null });
    expect(reasonText(scenario.order('J1').reason)).to.equal(
      'Refund not possible: the amount 99.5 has more decimals than JPY allows (0).',
    );
    expect(await scenario.calls()).to.deep.equal([]);
    expect(scenario.journal('RefArch').size + scenario.journal('RefArchJP').size).to.equal(0);
  });

  it('refunds the captured amount, not the order total, of a cancelled order captured partially', async () => {
    const scenario = await host.scenario(
      eurSite({
        orderNo: '00005301',
        total: '120.00',
        status: 'CANCELLED',
        capture: 'Captured',
        custom: { payopsCaptureAmount: 80, payopsCapturedAmount: 80 },
        payment: { captured_amount: 8000 },
      }),
    );

    const refund = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(refund.exitCode, describeResult(refund)).to.equal('OK');
    const requests = await scenario.requests();
    expect(requests.map((r) => `${r.route} ${r.status}`)).to.deep.equal(['refund 200']);
    expect(refundBodies(requests)).to.deep.equal(['8000 00005301-refund-1-…']);
    expect(scenario.order('00005301')).to.include({ refundStatus: 'Refunded', refundedAmount: 80 });
  });

  it('recovers a cancel whose answer the job never recorded (killed after Alma’s 204)', async () => {
    const scenario = await host.scenario(eurSite({ orderNo: '00004301', total: '120.00', status: 'CANCELLED' }));

    const crashed = scenario.run(JOBS.cancel, {
      site: 'RefArch',
      crash: { afterServiceResponse: (call) => call.method === 'PUT' && /\/cancel$/.test(call.url) },
    });

    expect(crashed.crash?.message).to.match(/simulated crash after PUT .*\/cancel answered 204/);
    expect(scenario.operation('alma:cancel:00004301:1')).to.include({ state: 'InFlight', attempts: 1 });
    expect(scenario.order('00004301').cancelStatus).to.equal(null);

    scenario.letTimePass();
    const recovered = scenario.run(JOBS.cancel, { site: 'RefArch' });

    expect(recovered.exitCode, describeResult(recovered)).to.equal('OK');
    expect(await scenario.calls()).to.deep.equal(['cancel 204', 'get 200']);
    expect(scenario.order('00004301').cancelStatus).to.equal('Cancelled');
    expect(scenario.operation('alma:cancel:00004301:1').state).to.equal('Succeeded');
  });

  it('finds a refund whose answer was lost by its merchant reference, and never refunds twice', async () => {
    const scenario = await host.scenario({
      timeoutMillis: 1000,
      ...eurSite({ orderNo: '00005101', total: '120.00', capture: 'Captured', payment: { captured_amount: 12000 } }),
    });
    await scenario.sandbox.addFault({ kind: 'timeout', route: 'refund', ms: 5000 });
    scenario.setOrderAttributes('00005101', { payopsRefundAmount: 50 });

    const first = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
    expect(scenario.operation('alma:refund:00005101:1')).to.include({ state: 'InFlight', attempts: 1 });
    expect(scenario.order('00005101')).to.include({ refundStatus: null, refundedAmount: null, refundAmount: null });

    scenario.letTimePass();
    const second = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(second.exitCode, describeResult(second)).to.equal('OK');
    expect((await scenario.requests()).map((r) => `${r.route} ${r.status}`)).to.deep.equal(['refund null', 'get 200']);
    const payment = await scenario.payment('payment_00005101');
    expect(payment.refunds.map((r) => r.amount)).to.deep.equal([5000]);
    const [sent] = await scenario.requests('refund');
    expect(payment.refunds[0].merchant_reference, 'found by the reference it was sent with')
      .to.match(refundReference('00005101', 1))
      .and.to.equal(JSON.parse(sent.body).merchant_reference);
    expect(scenario.order('00005101')).to.include({ refundStatus: 'PartiallyRefunded', refundedAmount: 50 });
    expect(scenario.operation('alma:refund:00005101:1')).to.include({
      state: 'Succeeded',
      providerReference: payment.refunds[0].id,
    });
  });

  it('gives a refund numbered 1 again after its journal entry expired another merchant reference: its lost answer is not mistaken for the old refund, and Alma receives both', async () => {
    const scenario = await host.scenario({
      timeoutMillis: 1000,
      ...eurSite({ orderNo: '00005701', total: '120.00', capture: 'Captured', payment: { captured_amount: 12000 } }),
    });
    scenario.setOrderAttributes('00005701', { payopsRefundAmount: 30 });
    expect(scenario.run(JOBS.refund, { site: 'RefArch' }).exitCode).to.equal('OK');
    // Months later the platform's retention removed the journal entry; the merchant refunds 30.00 again.
    scenario.expireOperation('alma:refund:00005701:1');
    scenario.setOrderAttributes('00005701', { payopsRefundAmount: 30 });
    // Alma never gets this one: its answer is lost, so the next run reads the payment by reference.
    await scenario.sandbox.addFault({ kind: 'timeout', route: 'refund', apply: false, ms: 5000 });

    const lost = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(lost.exitCode, describeResult(lost)).to.equal('RETRY_PENDING');
    const [first, second] = (await scenario.requests('refund')).map(
      (request) => (JSON.parse(request.body) as { merchant_reference: string }).merchant_reference,
    );
    expect(first).to.match(refundReference('00005701', 1));
    expect(second).to.match(refundReference('00005701', 1));
    expect(second, 'unique beyond the journal').to.not.equal(first);

    scenario.letTimePass();
    const retried = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(retried.exitCode, describeResult(retried)).to.equal('OK');
    expect(await scenario.calls()).to.deep.equal(['refund 200', 'refund null', 'get 200', 'refund 200']);
    const payment = await scenario.payment('payment_00005701');
    expect(payment.refunds.map((r) => `${r.amount} ${r.merchant_reference}`)).to.deep.equal([
      `3000 ${first}`,
      `3000 ${second}`,
    ]);
    expect(scenario.order('00005701')).to.include({ refundStatus: 'PartiallyRefunded', refundedAmount: 60 });
    expect(scenario.operation('alma:refund:00005701:1')).to.include({
      state: 'Succeeded',
      providerReference: payment.refunds[1].id,
    });
  });
});
