import { expect } from 'chai';
import { createAlmaSandbox, DEFAULT_ALMA_API_KEY } from '../../../../../tools/sandboxes/alma';
import { type RunningSandbox, startSandbox } from '../../../../../tools/sandboxes/core/server';
import { http, record } from '../core/httpClient';

const AUTH = { Authorization: `Alma-Auth ${DEFAULT_ALMA_API_KEY}` };

describe('tools/sandboxes/alma: Alma API simulation', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startSandbox(createAlmaSandbox(), { now: () => new Date('2025-03-01T10:00:00Z') });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const seedOne = (payment: Record<string, unknown>): string =>
    String(record(sandbox.seed([{ purchase_amount: 10000, ...payment }])[0]).id);
  const call = (method: string, path: string, json?: unknown, headers: Record<string, string> = AUTH) =>
    http(`${sandbox.baseUrl}${path}`, { method, headers, ...(json === undefined ? {} : { json }) });

  it('serves a seeded payment at GET /v1/payments/{id} (basePath is empty)', async () => {
    expect(sandbox.baseUrl).to.equal(sandbox.origin);
    const id = seedOne({ installments_count: 3, custom_data: { order: '00001' }, merchant_reference: '00001' });
    expect(id).to.match(/^payment_[a-z0-9]+$/);
    const answer = await call('GET', `/v1/payments/${id}`);
    expect(answer.status).to.equal(200);
    const payment = record(answer.json);
    expect(payment).to.include({
      id,
      purchase_amount: 10000,
      currency: 'EUR',
      capture_method: 'manual',
      installments_count: 3,
      state: 'in_progress',
      processing_status: 'authorized',
      created: 1740823200,
      amount_already_refunded: 0,
    });
    expect(payment.payment_plan).to.have.length(3);
    expect((payment.payment_plan as { purchase_amount: number }[]).map((entry) => entry.purchase_amount)).to.deep.equal(
      [3334, 3333, 3333],
    );
    expect(payment.custom_data).to.deep.equal({ order: '00001' });
  });

  it('answers 401 { message } without or with a wrong Alma-Auth key, 404 for unknown payments', async () => {
    const id = seedOne({});
    const missing = await call('GET', `/v1/payments/${id}`, undefined, {});
    expect(missing.status).to.equal(401);
    expect(record(missing.json).message).to.be.a('string');
    const wrong = await call('GET', `/v1/payments/${id}`, undefined, { Authorization: 'Alma-Auth sk_test_other' });
    expect(wrong.status).to.equal(401);
    const unknown = await call('GET', '/v1/payments/payment_nope');
    expect(unknown.status).to.equal(404);
    expect(record(unknown.json).message).to.equal('Payment payment_nope not found');
    const noRoute = await call('GET', '/v1/nowhere');
    expect(noRoute.status).to.equal(404);
    expect(noRoute.json).to.deep.equal({ message: 'Not found' });
  });

  it('captures once (partial allowed, external_id kept) and refuses a second capture with 400', async () => {
    const id = seedOne({});
    const captured = await call('POST', `/v1/payments/${id}/captures`, { external_id: id, amount: 8000 });
    expect(captured.status).to.equal(200);
    const capture = record(captured.json);
    expect(capture.id).to.match(/^capture_/);
    expect(capture).to.include({ amount: 8000, external_id: id, payment: id });

    const again = await call('POST', `/v1/payments/${id}/captures`, {});
    expect(again.status).to.equal(400);
    expect(record(again.json).message).to.contain('already been captured');

    const payment = record((await call('GET', `/v1/payments/${id}`)).json);
    expect(payment).to.include({ state: 'paid', processing_status: 'captured', captured_amount: 8000 });
    expect(payment.captures).to.have.length(1);
  });

  it('validates capture amounts and needs capture_method manual', async () => {
    const id = seedOne({ installments_count: 4 });
    for (const amount of [0, -5, 12.5, '100', 2501]) {
      const answer = await call('POST', `/v1/payments/${id}/captures`, { amount });
      expect(answer.status, `amount ${JSON.stringify(amount)}`).to.equal(400);
      expect(record(answer.json).message).to.be.a('string');
    }
    // Without an amount, the whole first instalment is captured.
    expect(record((await call('POST', `/v1/payments/${id}/captures`)).json).amount).to.equal(2500);
    const payment = record((await call('GET', `/v1/payments/${id}`)).json);
    expect(payment.state).to.equal('in_progress');

    const automatic = seedOne({ capture_method: 'automatic' });
    expect((await call('POST', `/v1/payments/${automatic}/captures`, {})).status).to.equal(400);
  });

  it('cancels before capture (PUT or POST); refuses after capture and on a second cancel', async () => {
    const id = seedOne({});
    const cancelled = await call('PUT', `/v1/payments/${id}/cancel`);
    expect(cancelled.status).to.equal(204);
    expect(record((await call('GET', `/v1/payments/${id}`)).json).state).to.equal('canceled');
    expect((await call('PUT', `/v1/payments/${id}/cancel`)).status).to.equal(400);
    expect((await call('POST', `/v1/payments/${id}/captures`, {})).status).to.equal(400);

    const other = seedOne({});
    expect((await call('POST', `/v1/payments/${other}/cancel`)).status).to.equal(204);
    const captured = seedOne({ captured_amount: 10000 });
    const late = await call('PUT', `/v1/payments/${captured}/cancel`);
    expect(late.status).to.equal(400);
    expect(record(late.json).message).to.contain('refund it instead');
  });

  it('refunds on /refund and /refunds up to the captured amount and returns the Payment', async () => {
    const id = seedOne({ captured_amount: 6000 });
    const first = await call('POST', `/v1/payments/${id}/refund`, {
      amount: 2000,
      merchant_reference: '00042',
      comment: 'damaged',
    });
    expect(first.status).to.equal(200);
    const payment = record(first.json);
    expect(payment).to.include({ id, amount_already_refunded: 2000, is_completely_refunded: false });
    expect(payment.refunds).to.have.length(1);
    const refund = record((payment.refunds as unknown[])[0]);
    expect(refund.id).to.match(/^refund_/);
    expect(refund).to.include({ amount: 2000, merchant_reference: '00042', comment: 'damaged', payment: id });

    const tooMuch = await call('POST', `/v1/payments/${id}/refunds`, { amount: 4001 });
    expect(tooMuch.status).to.equal(400);
    expect(record(tooMuch.json).message).to.contain('exceeds the refundable amount 4000');

    const rest = record((await call('POST', `/v1/payments/${id}/refunds`, { merchant_reference: '00042' })).json);
    expect(rest).to.include({ amount_already_refunded: 6000, is_completely_refunded: true });
    expect((rest.refunds as { amount: number }[]).map((entry) => entry.amount)).to.deep.equal([2000, 4000]);
    expect((await call('POST', `/v1/payments/${id}/refund`, {})).status).to.equal(400);
  });

  it('refuses refunds before capture and invalid refund amounts; automatic capture refunds up to the purchase', async () => {
    const authorized = seedOne({});
    expect((await call('POST', `/v1/payments/${authorized}/refund`, {})).status).to.equal(400);
    const automatic = seedOne({ capture_method: 'automatic', purchase_amount: 5000 });
    for (const amount of [0, 1.5, null, 'x']) {
      expect((await call('POST', `/v1/payments/${automatic}/refund`, { amount })).status).to.equal(400);
    }
    expect((await call('POST', `/v1/payments/${automatic}/refund`, { amount: 5000 })).status).to.equal(200);
    expect(
      (await http(`${sandbox.baseUrl}/v1/payments/${automatic}/refund`, { method: 'POST', headers: AUTH, body: '[1' }))
        .status,
    ).to.equal(400);
  });

  it('lists fee plans with kind, only and deferred filters', async () => {
    const all = await call('GET', '/v1/me/fee-plans?kind=general&only=all&deferred=true');
    expect(all.status).to.equal(200);
    const plans = all.json as { installments_count: number; deferred_days: number; allowed: boolean }[];
    expect(plans.map((plan) => `${plan.installments_count}/${plan.deferred_days}`)).to.deep.equal([
      '1/0',
      '3/0',
      '4/0',
      '10/0',
      '1/15',
      '1/30',
    ]);
    expect(plans.find((plan) => plan.installments_count === 10)?.allowed).to.equal(false);
    const immediate = (await call('GET', '/v1/me/fee-plans?kind=general&only=all&deferred=false')).json as unknown[];
    expect(immediate).to.have.length(4);
    expect((await call('GET', '/v1/me/fee-plans?only=3,4')).json).to.have.length(2);
    expect((await call('GET', '/v1/me/fee-plans?kind=pos')).json).to.deep.equal([]);
  });

  it('keeps the capture when the client times out, so a retry is refused (journal shows both)', async () => {
    const id = seedOne({});
    sandbox.addFault({ kind: 'timeout', route: 'capture' });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 200);
    const first = await http(`${sandbox.baseUrl}/v1/payments/${id}/captures`, {
      method: 'POST',
      headers: AUTH,
      json: { external_id: id },
      signal: controller.signal,
    }).then(
      () => 'answered',
      () => 'timed out',
    );
    clearTimeout(timer);
    expect(first).to.equal('timed out');
    expect((await call('POST', `/v1/payments/${id}/captures`, { external_id: id })).status).to.equal(400);
    expect(record((await call('GET', `/v1/payments/${id}`)).json).processing_status).to.equal('captured');
    const captures = sandbox.journal().filter((entry) => entry.route === 'capture');
    expect(captures.map((entry) => [entry.status, entry.fault, entry.applied])).to.deep.equal([
      [null, 'timeout', true],
      [400, null, false],
    ]);
    expect(captures[0].headers.authorization).to.equal('Alma-Auth sk_t***');
  });

  it('answers injected statuses in its { message } format and checks seeds', async () => {
    const id = seedOne({});
    sandbox.addFault({ kind: 'status', status: 503, route: 'refund' });
    sandbox.addFault({ kind: 'status', status: 502, route: 'get' });
    const answer = await call('GET', `/v1/payments/${id}`);
    expect(answer.status).to.equal(502);
    expect(answer.json).to.deep.equal({ message: 'Bad gateway' });
    expect(() => sandbox.seed([{ purchase_amount: 1.5 }])).to.throw('purchase_amount');
    expect(() => sandbox.seed([{ purchase_amount: 100, captured_amount: 200 }])).to.throw('captured_amount');
    expect(() => sandbox.seed([{ purchase_amount: 100 }, { purchase_amount: 100, refunded_amount: 5 }])).to.throw(
      'refunded_amount',
    );
    expect(record(sandbox.snapshot()).payments).to.have.length(1);
  });
});
