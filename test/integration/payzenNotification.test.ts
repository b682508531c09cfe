/**
 * The PayZen/Lyra IPN (providers.md §4.5, seed 003) end to end over real HTTP: the checkout's
 * Charge/CreatePayment at the PayZen sandbox, which POSTs the signed notification to the
 * controller PaymentOperationsPayzen-Notify served by the local runtime's storefront host; then
 * the shipments are debited from the initial transaction the IPN stored.
 */
import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { DEFAULT_PAYZEN_PASSWORD } from '../../tools/sandboxes/payzen/auth';
import type { AlmaScenario } from './almaScenario';
import { describeResult } from './almaScenario';
import { CAPTURE_JOB, PayzenHost, SITE, type PayzenSpec } from './payzenScenario';

const NOTIFY = 'PaymentOperationsPayzen-Notify';

describe('integration: PayZen/Lyra IPN through the storefront controller', function () {
  this.timeout(60_000);
  const host = new PayzenHost();
  const sandbox = () => host.sandbox;
  before(() => host.start());
  after(() => host.close());
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  /** A scenario whose storefront is the sandbox's notification URL. */
  async function withStorefront(specs: PayzenSpec[]): Promise<AlmaScenario> {
    const s = await host.scenario(specs);
    const storefront = await s.runtime.startStorefront();
    closers.push(() => storefront.close());
    await sandbox().setNotificationUrl(storefront.url(SITE, 'default', NOTIFY));
    return s;
  }
  const order = (s: AlmaScenario, orderNo: string) => s.runtime.core.state.sites.get(SITE)!.orders.get(orderNo)!;

  it('a valid IPN stores the initial transaction and its date; the shipments are then debited from it; a replay changes nothing', async () => {
    const s = await withStorefront([
      {
        orderNo: '00009101',
        total: '74.12',
        unpaid: true,
        shipments: [
          { id: 'p1', price: '35.00', shippingStatus: 'SHIPPED' },
          { id: 'p2', price: '39.12', shippingStatus: 'SHIPPED' },
        ],
      },
    ]);
    await host.checkout('00009101', 7412);
    const delivery = await sandbox().awaitIpn({ orderId: '00009101' });
    expect([delivery.status, delivery.body]).to.deep.equal([200, 'OK']);
    const stored = { ...order(s, '00009101').custom };
    expect(stored.payzenInitialTransactionUuid).to.equal(delivery.uuid);
    expect(stored.payzenInitialTransactionDate).to.be.instanceOf(Date);
    expect(String(stored.payopsReason)).to.contain(`initial transaction ${delivery.uuid} stored`);

    const replay = await sandbox().sendIpn({ orderId: '00009101' });
    expect([replay.status, replay.body]).to.deep.equal([200, 'OK, already recorded']);
    expect(order(s, '00009101').custom).to.deep.equal(stored);

    const result = s.run(CAPTURE_JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('OK');
    const debits = (await s.requests()).filter((r) => r.path.endsWith('/Charge/CreateShipmentTransaction'));
    expect(debits.map((r) => JSON.parse(r.body).uuid)).to.deep.equal([delivery.uuid, delivery.uuid]);
    expect(debits.map((r) => JSON.parse(r.body).amount)).to.deep.equal([3500, 3912]);
    expect(order(s, '00009101').custom).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 74.12 });
  });

  it('a wrong signature gets 401, and nothing is written or logged of the payload', async () => {
    const s = await withStorefront([{ orderNo: '00009102', total: '20.00', unpaid: true }]);
    const before = JSON.stringify(order(s, '00009102'));
    await sandbox().queuePaymentOutcome({ ipn: 'tamper' });
    await host.checkout('00009102', 2000);
    const delivery = await sandbox().awaitIpn({ orderId: '00009102' });
    expect([delivery.tampered, delivery.status, delivery.body]).to.deep.equal([true, 401, 'invalid signature']);
    expect(JSON.stringify(order(s, '00009102'))).to.equal(before);
    const logged = JSON.stringify(s.runtime.core.logs);
    expect(logged).to.contain('kr-hash does not match');
    for (const secret of [delivery.uuid, 'sample@example.com', '00009102']) expect(logged).to.not.contain(secret);
  });

  it('an IPN for an order the site does not have gets 404 and a logged reason; nothing is written', async () => {
    const s = await withStorefront([{ orderNo: '00009103', total: '20.00', unpaid: true }]);
    const before = JSON.stringify([...s.runtime.core.state.sites.get(SITE)!.orders.values()]);
    await host.checkout('99999999', 2000);
    const delivery = await sandbox().awaitIpn({ orderId: '99999999' });
    expect([delivery.status, delivery.body]).to.deep.equal([404, 'unknown order']);
    expect(JSON.stringify([...s.runtime.core.state.sites.get(SITE)!.orders.values()])).to.equal(before);
    expect(JSON.stringify(s.runtime.core.logs)).to.contain('IPN for order 99999999: no such order on this site');
  });

  it('an IPN of a refused payment is answered 200 and noted on the order, with nothing stored to debit from', async () => {
    const s = await withStorefront([{ orderNo: '00009104', total: '20.00', unpaid: true }]);
    await sandbox().queuePaymentOutcome({ refused: true });
    await host.checkout('00009104', 2000);
    const delivery = await sandbox().awaitIpn({ orderId: '00009104' });
    expect([delivery.orderStatus, delivery.status]).to.deep.equal(['UNPAID', 200]);
    const custom = order(s, '00009104').custom;
    expect(custom.payzenInitialTransactionUuid ?? null).to.equal(null);
    expect(String(custom.payopsReason)).to.match(/IPN: transaction [0-9a-f]{32} is not paid \(UNPAID REFUSED/);
    const result = s.run(CAPTURE_JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('OK');
    expect((await s.requests()).filter((r) => r.path.endsWith('/Charge/CreateShipmentTransaction'))).to.have.length(0);
  });

  /** Posts a notification the test writes itself, signed with `key` as `kr-hash-key` names it. */
  async function post(s: AlmaScenario, answer: object, key: string, hashKey = 'password'): Promise<[number, string]> {
    const storefront = await s.runtime.startStorefront();
    closers.push(() => storefront.close());
    const text = JSON.stringify(answer);
    const form = new URLSearchParams({
      'kr-hash': createHmac('sha256', key).update(text).digest('hex'),
      'kr-hash-algorithm': 'sha256_hmac',
      'kr-hash-key': hashKey,
      'kr-answer-type': 'V4/Payment',
      'kr-answer': text,
    });
    const response = await fetch(storefront.url(SITE, 'default', NOTIFY), { method: 'POST', body: form });
    return [response.status, await response.text()];
  }
  const payment = (orderId: string, uuid: string, amount: number, currency = 'EUR') => ({
    orderStatus: 'PAID',
    orderDetails: { orderId, orderTotalAmount: amount, orderCurrency: currency },
    transactions: [
      {
        uuid,
        amount,
        currency,
        status: 'PAID',
        detailedStatus: 'ACCEPTED',
        operationType: 'VERIFICATION',
        creationDate: '2026-12-01T10:00:00+00:00',
      },
    ],
    _type: 'V4/Payment',
  });

  it('an order that already holds another initial transaction keeps it; the other one is noted, not stored', async () => {
    const s = await host.scenario([{ orderNo: '00009105', total: '20.00' }]);
    const held = order(s, '00009105').custom.payzenInitialTransactionUuid;
    const answer = await post(s, payment('00009105', 'a'.repeat(32), 2000), DEFAULT_PAYZEN_PASSWORD);
    expect(answer).to.deep.equal([200, 'OK, the order already holds another initial transaction']);
    expect(order(s, '00009105').custom.payzenInitialTransactionUuid).to.equal(held);
    expect(String(order(s, '00009105').custom.payopsReason)).to.contain(`transaction ${'a'.repeat(32)} ignored`);
  });

  it('a notification for another amount or currency under this order number gets 409, and nothing is written', async () => {
    const s = await host.scenario([{ orderNo: '00009106', total: '20.00', unpaid: true }]);
    const before = JSON.stringify(order(s, '00009106'));
    expect(await post(s, payment('00009106', 'b'.repeat(32), 9900), DEFAULT_PAYZEN_PASSWORD)).to.deep.equal([
      409,
      'the order’s amount or currency differs',
    ]);
    expect(await post(s, payment('00009106', 'b'.repeat(32), 2000, 'JPY'), DEFAULT_PAYZEN_PASSWORD)).to.deep.equal([
      409,
      'the order’s amount or currency differs',
    ]);
    expect(JSON.stringify(order(s, '00009106'))).to.equal(before);
  });

  it('checks kr-hash with the key kr-hash-key names: the HMAC-SHA-256 key for sha256_hmac; an unknown name gets 400', async () => {
    const s = await host.scenario([{ orderNo: '00009107', total: '20.00', unpaid: true }], {
      payzenHmacSha256Key: 'hmac-key-of-the-shop',
    });
    const answer = payment('00009107', 'c'.repeat(32), 2000);
    expect(await post(s, answer, DEFAULT_PAYZEN_PASSWORD, 'sha256_hmac'), 'signed with the password').to.deep.equal([
      401,
      'invalid signature',
    ]);
    expect(await post(s, answer, 'hmac-key-of-the-shop', 'other-key')).to.deep.equal([
      400,
      'kr-hash-key must be password or sha256_hmac',
    ]);
    expect(JSON.stringify(s.runtime.core.logs)).to.not.contain('other-key');
    expect(await post(s, answer, 'hmac-key-of-the-shop', 'sha256_hmac')).to.deep.equal([200, 'OK']);
    expect(order(s, '00009107').custom.payzenInitialTransactionUuid).to.equal('c'.repeat(32));
  });
});
