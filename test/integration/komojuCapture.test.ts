/**
 * KOMOJU capture on shipment (job PaymentOperations-CapturePayments, the engine's generic capture
 * step), off by default: an order shipped and not paid gets its KOMOJU payment (created with
 * manual capture) captured once; the order is then Paid, so cancelling it later refunds it.
 */
import { expect } from 'chai';
import { describeResult, reasonText } from './almaScenario';
import { KOMOJU_JOBS, KomojuSandboxHost, komojuPaymentId, type KomojuOrderSpec } from './komojuScenario';

const SITE = 'RefArch';
const ON = { komojuCaptureOnShipment: true };

function site(preferences: Record<string, unknown>, ...orders: KomojuOrderSpec[]) {
  return [{ id: SITE, preferences, orders }];
}

describe('integration: KOMOJU capture on shipment against the KOMOJU sandbox', function () {
  this.timeout(60_000);
  const host = new KomojuSandboxHost();
  before(() => host.start());
  after(() => host.stop());

  it('captures a shipped, unpaid order once with an idempotency key, marks it Captured and Paid; cancelling it then refunds it', async () => {
    const scenario = await host.scenario(
      site(
        ON,
        { orderNo: '00006001', total: '6000', status: 'NEW', shippingStatus: 'SHIPPED' },
        { orderNo: '00006002', total: '6000', status: 'NEW', shippingStatus: 'NOTSHIPPED' },
        { orderNo: '00006003', total: '6000', status: 'NEW', shippingStatus: 'SHIPPED', paymentStatus: 'PAID' },
      ),
    );

    const first = scenario.run(KOMOJU_JOBS.capture, { site: SITE });
    const again = scenario.run(KOMOJU_JOBS.capture, { site: SITE });

    expect(first.exitCode, describeResult(first)).to.equal('OK');
    expect(again.exitCode, describeResult(again)).to.equal('OK');
    const requests = await scenario.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.body}`)).to.deep.equal([
      `POST /api/v1/payments/${komojuPaymentId('00006001')}/capture 200 {}`,
    ]);
    expect(requests[0].headers['x-komoju-idempotency']).to.match(/-capture-1$/);
    expect(scenario.komoju('00006001').captureStatus).to.equal('Captured');
    expect(reasonText(scenario.komoju('00006001').captureResponse)).to.equal(
      'Capture succeeded at KOMOJU (KOMOJU reports 6000 JPY).',
    );
    const record = scenario.runtime.core.state.sites.get(SITE)!.orders.get('00006001')!;
    expect(record.paymentStatus, 'Paid').to.equal(2);
    expect((await scenario.komojuPayment(komojuPaymentId('00006001'))).status).to.equal('captured');
    expect(scenario.komoju('00006002').captureStatus).to.equal(null);
    expect(scenario.komoju('00006003').captureStatus).to.equal(null);

    scenario.cancelOrder('00006001');
    const refunded = scenario.run(KOMOJU_JOBS.refund, { site: SITE });
    expect(refunded.exitCode, describeResult(refunded)).to.equal('OK');
    expect(scenario.komoju('00006001')).to.include({ refundStatus: 'Refunded', refundedAmount: 6000 });
  });

  it('records what KOMOJU settles, tax included, so that a later refund gives all of it back', async () => {
    const scenario = await host.scenario(
      site(ON, {
        orderNo: '00006401',
        total: '5500',
        status: 'NEW',
        shippingStatus: 'SHIPPED',
        payment: { amount: 5000, tax: 500 },
      }),
    );

    expect(scenario.run(KOMOJU_JOBS.capture, { site: SITE }).exitCode).to.equal('OK');
    expect(scenario.order('00006401').capturedAmount).to.equal(5500);
    scenario.cancelOrder('00006401');
    const refunded = scenario.run(KOMOJU_JOBS.refund, { site: SITE });

    expect(refunded.exitCode, describeResult(refunded)).to.equal('OK');
    const refund = (await scenario.requests('refund'))[0];
    expect(JSON.parse(refund.body).amount).to.equal(5500);
    expect(scenario.komoju('00006401')).to.include({ refundStatus: 'Refunded', refundedAmount: 5500 });
    expect((await scenario.komojuPayment(komojuPaymentId('00006401'))).status).to.equal('refunded');
  });

  it('captures nothing while the switch is off (the default), and says so', async () => {
    const scenario = await host.scenario(
      site({}, { orderNo: '00006101', total: '6000', status: 'NEW', shippingStatus: 'SHIPPED' }),
    );

    const result = scenario.run(KOMOJU_JOBS.capture, { site: SITE });

    expect(result.exitCode, describeResult(result)).to.equal('DEACTIVATED');
    expect(await scenario.requests()).to.deep.equal([]);
    expect(scenario.komoju('00006101').captureStatus).to.equal(null);
  });

  it('timeout after KOMOJU captured: the next run replays the same key, one capture at KOMOJU', async () => {
    const scenario = await host.scenario(
      site(ON, { orderNo: '00006201', total: '6000', status: 'NEW', shippingStatus: 'SHIPPED' }),
    );
    await scenario.sandbox.addFault({ kind: 'timeout', route: 'capture', apply: true, ms: 3000 });

    const first = scenario.run(KOMOJU_JOBS.capture, { site: SITE });
    const second = scenario.run(KOMOJU_JOBS.capture, { site: SITE });

    expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
    expect(second.exitCode, describeResult(second)).to.equal('OK');
    const requests = await scenario.requests();
    expect(requests.map((r) => `${r.route} ${r.status}`)).to.deep.equal(['capture null', 'capture 200']);
    expect(requests[1].headers['x-komoju-idempotency']).to.equal(requests[0].headers['x-komoju-idempotency']);
    expect(scenario.komoju('00006201').captureStatus).to.equal('Captured');
  });

  it('a refused capture is Failed and waits for the operator; clearing KOMOJU Capture Status captures with a new key', async () => {
    const scenario = await host.scenario(
      site(ON, { orderNo: '00006301', total: '6000', status: 'NEW', shippingStatus: 'SHIPPED' }),
    );
    await scenario.sandbox.addFault({ kind: 'status', status: 400, route: 'capture' });

    const failed = scenario.run(KOMOJU_JOBS.capture, { site: SITE });
    const waits = scenario.run(KOMOJU_JOBS.capture, { site: SITE });

    expect(failed.exitCode, describeResult(failed)).to.equal('ERROR');
    expect(waits.exitCode, describeResult(waits)).to.equal('OK');
    expect(scenario.komoju('00006301').captureStatus).to.equal('Failed');
    expect(reasonText(scenario.komoju('00006301').captureResponse)).to.match(
      /^KOMOJU did not accept the capture: HTTP 400/,
    );
    expect((await scenario.requests()).length).to.equal(1);

    scenario.setOrderAttributes('00006301', { komojuCaptureStatus: null });
    const retried = scenario.run(KOMOJU_JOBS.capture, { site: SITE });

    expect(retried.exitCode, describeResult(retried)).to.equal('OK');
    const keys = (await scenario.requests()).map((r) => r.headers['x-komoju-idempotency']);
    expect(keys[1]).to.equal(`${keys[0]}-r1`);
    expect(scenario.komoju('00006301').captureStatus).to.equal('Captured');
  });
});
