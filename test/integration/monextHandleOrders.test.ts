/**
 * Monext (seed 002) through the job monextHandleOrders, in the local runtime against the Monext
 * sandbox over loopback HTTP: capture on shipment (whole order, and per shipment with an order
 * discount), cancel before capture, refund after, a refusal answered with HTTP 200, and a dry run.
 */
import { expect } from 'chai';
import type { AlmaScenario } from './almaScenario';
import { describeResult } from './almaScenario';
import { MONEXT_JOB as JOB, MonextHost, SITE, type MonextSpec as Spec } from './monextScenario';

describe('integration: Monext (monextHandleOrders) against the Monext sandbox', function () {
  this.timeout(60_000);
  const host = new MonextHost();
  const sandbox = () => host.sandbox;
  before(() => host.start());
  after(() => host.close());
  const scenario = (specs: Spec[], preferences?: Record<string, unknown>, secondSite: Spec[] = []) =>
    host.scenario(specs, preferences, secondSite);
  const custom = (s: AlmaScenario, orderNo: string) => s.runtime.core.state.sites.get(SITE)!.orders.get(orderNo)!;
  const lines = async (s: AlmaScenario) =>
    (await s.requests()).map((r) => `${r.method} ${r.path} ${r.status} ${r.body}`);

  /** 74.12 EUR after a 10.00 order discount, over three shipments, the first one shipped. */
  const threeShipments = (orderNo: string): Spec => ({
    orderNo,
    total: '74.12',
    discount: '-10.00',
    shippingStatus: 'PARTSHIPPED',
    shipments: [
      { id: 's1', price: '40.00', shippingStatus: 'SHIPPED' },
      { id: 's2', price: '30.00', shippingStatus: 'NOTSHIPPED' },
      { id: 's3', price: '14.12', shippingStatus: 'NOTSHIPPED' },
    ],
  });

  it('captures a shipped order once: one session read, one capture; the transaction is kept so no later operation reads again', async () => {
    const s = await scenario([
      { orderNo: '00007001', total: '50.00' },
      { orderNo: '00007002', total: '20.00', shippingStatus: 'NOTSHIPPED' },
    ]);
    const first = s.run(JOB, { site: SITE });
    const again = s.run(JOB, { site: SITE });
    expect(first.exitCode, describeResult(first)).to.equal('OK');
    expect(again.exitCode, describeResult(again)).to.equal('OK');
    expect(await lines(s)).to.deep.equal([
      'GET /v1/checkout/payments/sessions/session-00007001 200 ',
      'POST /v1/checkout/transactions/90000000007001/captures 200 ' +
        JSON.stringify({
          amount: 5000,
          merchantReference: JSON.parse((await s.requests())[1].body).merchantReference,
        }),
    ]);
    const order = custom(s, '00007001');
    expect(order.custom).to.include({
      monextTransactionID: '90000000007001',
      payopsCaptureStatus: 'Captured',
      payopsCapturedAmount: 50,
    });
    expect(order.paymentStatus, 'Paid').to.equal(2);
    expect(order.paymentInstruments[0].custom.monextSessionID).to.equal('session-00007001');
    expect(custom(s, '00007002').custom.payopsCaptureStatus ?? null).to.equal(null);

    // Cancelled after capture: refunded in full, with no read (the transaction is known).
    custom(s, '00007001').status = 6;
    await sandbox().clearJournal();
    const refund = s.run(JOB, { site: SITE });
    expect(refund.exitCode, describeResult(refund)).to.equal('OK');
    expect((await lines(s)).map((l) => l.split(' ').slice(0, 3).join(' '))).to.deep.equal([
      'POST /v1/checkout/transactions/90000000007001/refunds 200',
    ]);
    expect(custom(s, '00007001').custom).to.include({ payopsRefundStatus: 'Refunded', payopsRefundedAmount: 50 });
  });

  it('captures per shipment: three shipments with an order discount add up exactly to the authorised amount', async () => {
    const s = await scenario([threeShipments('00007101')], { payopsShipmentCapture: 'Shipment' });
    const first = s.run(JOB, { site: SITE });
    expect(first.exitCode, describeResult(first)).to.equal('OK');
    expect(custom(s, '00007101').custom.payopsCaptureStatus).to.equal('PartiallyCaptured');
    expect(custom(s, '00007101').paymentStatus, 'Part Paid').to.equal(1);
    for (const shipment of custom(s, '00007101').shipments) shipment.shippingStatus = 2;
    custom(s, '00007101').shippingStatus = 2;
    const rest = s.run(JOB, { site: SITE });
    s.run(JOB, { site: SITE });
    expect(rest.exitCode, describeResult(rest)).to.equal('OK');
    const captures = (await s.requests()).filter((r) => r.path.endsWith('/captures'));
    const amounts = captures.map((r) => JSON.parse(r.body).amount as number);
    // 74.12 shared in proportion to 40.00, 30.00 and 14.12 (84.12 before the order discount).
    expect(amounts).to.deep.equal([3524, 2643, 1245]);
    expect(amounts.reduce((a, b) => a + b, 0)).to.equal(7412);
    const order = custom(s, '00007101');
    expect(order.custom).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 74.12 });
    expect(order.paymentStatus, 'Paid').to.equal(2);
    expect(order.shipments.map((x) => x.custom.payopsCaptureStatus)).to.deep.equal([
      'Captured',
      'Captured',
      'Captured',
    ]);
    expect(Object.keys(s.journal())).to.have.length(0);
  });

  it('cancelled after one of three shipments was captured: the uncaptured rest is cancelled and the captured part refunded, each once', async () => {
    const s = await scenario([threeShipments('00007111')], { payopsShipmentCapture: 'Shipment' });
    expect(s.run(JOB, { site: SITE }).exitCode).to.equal('OK');
    custom(s, '00007111').status = 6;
    const cancelled = s.run(JOB, { site: SITE });
    const again = s.run(JOB, { site: SITE });
    expect(cancelled.exitCode, describeResult(cancelled)).to.equal('OK');
    expect(again.exitCode, describeResult(again)).to.equal('OK');
    const posts = (await s.requests())
      .filter((r) => r.method === 'POST')
      .map((r) => `${r.path.replace(/^.*\//, '')} ${JSON.parse(r.body).amount}`);
    // 35.24 captured for s1; the rest of the 74.12 authorisation is cancelled, the 35.24 refunded.
    expect(posts).to.deep.equal(['captures 3524', 'cancels 3888', 'refunds 3524']);
    expect(custom(s, '00007111').custom).to.include({
      payopsCaptureStatus: 'PartiallyCaptured',
      payopsCancelStatus: 'Cancelled',
      payopsRefundStatus: 'Refunded',
      payopsRefundedAmount: 35.24,
    });
  });

  it('refunds part of a captured order for its Amount to Refund, once; a cancelled order then gets the rest back, never more', async () => {
    const captured = { payopsCapturedAmount: 50, payopsCaptureStatus: 'Captured' };
    const s = await scenario([
      {
        orderNo: '00007121',
        total: '50.00',
        paymentStatus: 'PAID',
        captured: 5000,
        custom: { ...captured, payopsRefundAmount: 20 },
      },
      {
        orderNo: '00007122',
        total: '50.00',
        status: 'CANCELLED',
        paymentStatus: 'PAID',
        captured: 5000,
        custom: { ...captured, payopsRefundAmount: 20 },
      },
    ]);
    const first = s.run(JOB, { site: SITE });
    const again = s.run(JOB, { site: SITE });
    const third = s.run(JOB, { site: SITE });
    for (const result of [first, again, third]) expect(result.exitCode, describeResult(result)).to.equal('OK');
    const posts = (await s.requests()).filter((r) => r.method === 'POST');
    expect(posts.map((r) => `${r.path.replace(/^.*transactions\//, '')} ${JSON.parse(r.body).amount}`)).to.deep.equal([
      '90000000007121/refunds 2000',
      '90000000007122/refunds 2000',
      '90000000007122/refunds 3000',
    ]);
    expect(custom(s, '00007121').custom).to.include({
      payopsRefundStatus: 'PartiallyRefunded',
      payopsRefundedAmount: 20,
    });
    expect(custom(s, '00007121').custom.payopsRefundAmount ?? null, 'the request is cleared').to.equal(null);
    expect(custom(s, '00007122').custom).to.include({ payopsRefundStatus: 'Refunded', payopsRefundedAmount: 50 });
  });

  it('cancels before capture, for the authorised amount; a refusal answered with HTTP 200 is Rejected, never success', async () => {
    const s = await scenario([
      { orderNo: '00007201', total: '30.00', status: 'CANCELLED', shippingStatus: 'NOTSHIPPED' },
      { orderNo: '00007202', total: '12.00' },
    ]);
    await sandbox().addFault({
      kind: 'reply',
      route: 'capture',
      status: 200,
      json: { result: { code: '01100', title: 'REFUSED', detail: 'Transaction refused' }, transaction: { id: '1' } },
    });
    const result = s.run(JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('ERROR');
    expect(custom(s, '00007201').custom.payopsCancelStatus).to.equal('Cancelled');
    const cancel = (await s.requests()).find((r) => r.path.endsWith('/cancels'))!;
    expect(JSON.parse(cancel.body).amount).to.equal(3000);
    expect(custom(s, '00007202').custom.payopsCaptureStatus).to.equal('Rejected');
    expect(String(custom(s, '00007202').custom.payopsReason)).to.contain('REFUSED 01100');
  });

  it('dry run: the same selection and amounts, no call, no change, and the result lists what would be done', async () => {
    const s = await scenario([{ orderNo: '00007301', total: '45.00' }]);
    const before = JSON.stringify(custom(s, '00007301'));
    // The job as a merchant sets it for a test run: DryRun = true on its step.
    const job = structuredClone(s.runtime.jobs.get(JOB)!);
    for (const flow of job.flows) {
      for (const step of flow.steps) {
        step.parameters = step.parameters.map((p) => (p.name === 'DryRun' ? { name: 'DryRun', value: 'true' } : p));
      }
    }
    s.runtime.jobs.set(JOB, job);
    const result = s.run(JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('DRY_RUN');
    expect(await s.requests()).to.have.length(0);
    expect(JSON.stringify(custom(s, '00007301'))).to.equal(before);
    expect(describeResult(result)).to.contain('Dry run').and.to.contain('00007301').and.to.contain('45.00');
  });

  it('a capture answered 500 after Monext applied it is read back on the next run: exactly one capture at Monext', async () => {
    const s = await scenario([{ orderNo: '00007401', total: '25.00' }]);
    await sandbox().addFault({ kind: 'status', route: 'capture', status: 500, apply: true });
    const first = s.run(JOB, { site: SITE });
    expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
    expect(custom(s, '00007401').custom.payopsCaptureStatus ?? null).to.equal(null);
    s.letTimePass(3001 + 1000);
    const second = s.run(JOB, { site: SITE });
    expect(second.exitCode, describeResult(second)).to.equal('OK');
    const paths = (await s.requests()).map((r) => `${r.method} ${r.path.replace(/^.*checkout/, '')}`);
    expect(paths).to.deep.equal([
      'GET /payments/sessions/session-00007401',
      'POST /transactions/90000000007401/captures',
      'GET /transactions/90000000007401',
    ]);
    expect(custom(s, '00007401').custom).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 25 });
  });

  it('bad input gets a clear reason and no operation: a blank session ID, a session Monext does not know, an Amount to Refund above what is left', async () => {
    const s = await scenario([
      { orderNo: '00007501', total: '15.00' },
      { orderNo: '00007503', total: '16.00', custom: { monextSessionID: '   ' } },
      {
        orderNo: '00007502',
        total: '20.00',
        status: 'CANCELLED',
        paymentStatus: 'PAID',
        captured: 2000,
        custom: { payopsRefundAmount: 25 },
      },
    ]);
    await sandbox().reset();
    await sandbox().seed([
      { sessionId: 'session-00007502', transactionId: '90000000007502', amount: 2000, currency: 'EUR', captured: 2000 },
    ]);
    const result = s.run(JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('ERROR');
    expect(custom(s, '00007501').custom.payopsCaptureStatus).to.equal('Failed');
    expect(String(custom(s, '00007501').custom.payopsReason)).to.contain('Monext knows no session session-00007501');
    expect(custom(s, '00007502').custom.payopsRefundStatus).to.equal('Failed');
    expect(String(custom(s, '00007502').custom.payopsReason)).to.contain('is more than the 20.00 EUR allowed');
    expect(custom(s, '00007503').custom.payopsCaptureStatus).to.equal('Failed');
    expect(String(custom(s, '00007503').custom.payopsReason)).to.contain(
      'the order has no Monext payment ID (attribute monextSessionID); nothing was sent',
    );
    const requests = (await s.requests()).map((r) => `${r.method} ${r.path.replace(/^.*checkout/, '')}`);
    expect(requests).to.deep.equal(['GET /payments/sessions/session-00007501']);
  });

  it('captures only what Monext authorised when a gift certificate paid part of the order', async () => {
    const s = await scenario([{ orderNo: '00007811', total: '50.00', giftCertificate: '10.00' }]);
    const result = s.run(JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('OK');
    const capture = (await s.requests()).find((r) => r.path.endsWith('/captures'))!;
    expect(JSON.parse(capture.body).amount).to.equal(4000);
    const order = custom(s, '00007811');
    expect(order.custom).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 40 });
    expect(order.paymentInstruments.map((p) => p.custom.monextSessionID ?? null)).to.deep.equal([
      null,
      'session-00007811',
    ]);
  });

  it('per shipment: shipments without an amount get a clear reason and no call; a free shipment is never captured', async () => {
    const s = await scenario(
      [
        // Paid 30.00, but its only shipment adds up to nothing: the 30.00 cannot be shared out.
        { orderNo: '00007801', total: '30.00', shipments: [{ id: 's1', price: '0.00', shippingStatus: 'SHIPPED' }] },
        {
          orderNo: '00007802',
          total: '25.00',
          shipments: [
            { id: 'gift', price: '0.00', shippingStatus: 'SHIPPED' },
            { id: 's2', price: '25.00', shippingStatus: 'SHIPPED' },
          ],
        },
      ],
      { payopsShipmentCapture: 'Shipment' },
    );
    const result = s.run(JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('ERROR');
    expect(custom(s, '00007801').custom.payopsCaptureStatus).to.equal('Failed');
    expect(String(custom(s, '00007801').custom.payopsReason)).to.contain('the shipments add up to nothing');
    const paths = (await s.requests()).map((r) => `${r.method} ${r.path.replace(/^.*checkout/, '')}`);
    expect(paths).to.deep.equal([
      'GET /payments/sessions/session-00007802',
      'POST /transactions/90000000007802/captures',
    ]);
    const order = custom(s, '00007802');
    expect(order.custom).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 25 });
    expect(order.shipments.map((x) => x.custom.payopsCaptureStatus ?? null)).to.deep.equal([null, 'Captured']);
  });

  it('sends one failure e-mail for the whole run, listing the capture, cancel and refund that need attention', async () => {
    const s = await scenario(
      [
        { orderNo: '00007701', total: '15.00' },
        { orderNo: '00007702', total: '18.00', status: 'CANCELLED', shippingStatus: 'NOTSHIPPED' },
        {
          orderNo: '00007703',
          total: '20.00',
          status: 'CANCELLED',
          paymentStatus: 'PAID',
          captured: 2000,
          custom: { payopsRefundAmount: 25 },
        },
      ],
      {
        payopsFailureMailEnabled: true,
        payopsFailureMailTo: 'ops@shop.fr',
        payopsFailureMailFrom: 'payments@shop.fr',
        payopsFailureMailLocale: 'en',
      },
    );
    await sandbox().addFault({
      kind: 'reply',
      route: 'capture',
      status: 200,
      json: { result: { code: '01100', title: 'REFUSED', detail: 'Transaction refused' } },
    });
    await sandbox().addFault({ kind: 'status', route: 'cancel', status: 400 });
    const result = s.run(JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('ERROR');
    const mails = s.runtime.core.mails;
    expect(mails, 'one e-mail, not one per action').to.have.length(1);
    for (const orderNo of ['00007701', '00007702', '00007703']) expect(mails[0].content).to.contain(orderNo);
    expect(mails[0].subject).to.contain('3');
  });

  it('captures 1,500 shipped orders, beyond the order search cap of 1,000, at 2 calls each and none twice', async () => {
    const specs: Spec[] = [];
    for (let n = 0; n < 1500; n++) specs.push({ orderNo: String(10_000_000 + n), total: '10.00' });
    const s = await scenario(specs);
    const result = s.run(JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('OK');
    const again = s.run(JOB, { site: SITE });
    expect(again.exitCode, describeResult(again)).to.equal('OK');
    const requests = await s.requests();
    const captures = requests.filter((r) => r.path.endsWith('/captures'));
    expect(captures).to.have.length(1500);
    expect(new Set(captures.map((r) => r.path)).size).to.equal(1500);
    expect(requests).to.have.length(3000);
    const orders = [...s.runtime.core.state.sites.get(SITE)!.orders.values()];
    expect(orders.filter((o) => o.custom.payopsCaptureStatus === 'Captured')).to.have.length(1500);
  });

  it('runs for two sites sharing one Monext account: each site captures its own orders, once', async () => {
    const s = await scenario([{ orderNo: '00007601', total: '11.00' }], {}, [{ orderNo: '00007602', total: '22.00' }]);
    const result = s.run(JOB);
    const again = s.run(JOB);
    expect(result.exitCode, describeResult(result)).to.equal('OK');
    expect(again.exitCode, describeResult(again)).to.equal('OK');
    const captures = (await s.requests()).filter((r) => r.path.endsWith('/captures'));
    expect(captures.map((r) => r.path).sort()).to.deep.equal([
      '/v1/checkout/transactions/90000000007601/captures',
      '/v1/checkout/transactions/90000000007602/captures',
    ]);
    const sites = s.runtime.core.state.sites;
    expect(sites.get(SITE)!.orders.get('00007601')!.custom.payopsCaptureStatus).to.equal('Captured');
    expect(sites.get('RefArchFR')!.orders.get('00007602')!.custom.payopsCaptureStatus).to.equal('Captured');
  });
});
