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

/** Text of the reason without its time stamp. */
function reasonText(reason: string | null): string {
  return (reason ?? '').replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — /, '');
}

describe('integration: Alma cancel and refund against the Alma sandbox', function () {
  this.timeout(60_000);
  const host = new AlmaSandboxHost();
  before(() => host.start());
  after(() => host.stop());

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
    expect(JSON.parse(refunds[0].body)).to.deep.equal({ merchant_reference: '00004002-refund-1', amount: 12000 });
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

    const cancel = scenario.run(JOBS.cancel, { site: 'RefArch' });

    expect(await scenario.calls()).to.deep.equal(['capture 503', 'get 200', 'cancel 204']);
    const order = scenario.order('00004201');
    expect(order).to.include({ cancelStatus: 'Cancelled', captureStatus: 'ToCapture', capturedAmount: null });
    expect(scenario.operation('alma:capture:00004201:1')).to.include({ state: 'Failed', attempts: 1 });
    expect(scenario.operation('alma:capture:00004201:1').reason).to.equal(
      'The capture was withdrawn, never sent: the order was cancelled.',
    );
    expect((await scenario.payment('payment_00004201')).processing_status).to.equal('canceled');
    // The payment ended where the merchant wanted it (voided): nothing for an operator to fix.
    expect(cancel.exitCode, describeResult(cancel)).to.equal('OK');
  });

  it('refunds an Amount to Refund on a captured order, clears the request, refuses an over-refund without a call, then refunds the rest', async () => {
    const scenario = await host.scenario(
      eurSite({ orderNo: '00005001', total: '120.00', capture: 'Captured', payment: { captured_amount: 12000 } }),
    );

    scenario.setOrderAttributes('00005001', { payopsRefundAmount: 30 });
    const partial = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(partial.exitCode, describeResult(partial)).to.equal('OK');
    const [first] = await scenario.requests('refund');
    expect(JSON.parse(first.body)).to.deep.equal({ merchant_reference: '00005001-refund-1', amount: 3000 });
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
    expect(refunds.map((r) => JSON.parse(r.body))).to.deep.equal([
      { merchant_reference: '00005001-refund-1', amount: 3000 },
      { merchant_reference: '00005001-refund-2', amount: 9000 },
    ]);
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
    expect((await scenario.requests()).map((r) => `${r.route} ${r.body}`)).to.deep.equal([
      'refund {"merchant_reference":"00005201-refund-1","amount":3000}',
      'refund {"merchant_reference":"00005201-refund-2","amount":9000}',
    ]);
    expect(scenario.order('00005201')).to.include({
      refundStatus: 'Refunded',
      refundedAmount: 120,
      cancelStatus: null,
    });
    expect((await scenario.payment('payment_00005201')).amount_already_refunded).to.equal(12000);
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
    expect((await scenario.requests()).map((r) => `${r.route} ${r.status} ${r.body}`)).to.deep.equal([
      'refund 200 {"merchant_reference":"00005301-refund-1","amount":8000}',
    ]);
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

    const second = scenario.run(JOBS.refund, { site: 'RefArch' });

    expect(second.exitCode, describeResult(second)).to.equal('OK');
    expect((await scenario.requests()).map((r) => `${r.route} ${r.status}`)).to.deep.equal(['refund null', 'get 200']);
    const payment = await scenario.payment('payment_00005101');
    expect(payment.refunds.map((r) => `${r.merchant_reference} ${r.amount}`)).to.deep.equal(['00005101-refund-1 5000']);
    expect(scenario.order('00005101')).to.include({ refundStatus: 'PartiallyRefunded', refundedAmount: 50 });
    expect(scenario.operation('alma:refund:00005101:1')).to.include({
      state: 'Succeeded',
      providerReference: payment.refunds[0].id,
    });
  });
});
