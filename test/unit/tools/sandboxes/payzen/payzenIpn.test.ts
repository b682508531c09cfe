import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { startSandbox, type RunningSandbox } from '../../../../../tools/sandboxes/core/server';
import {
  createPayzenSandbox,
  DEFAULT_PAYZEN_PASSWORD,
  DEFAULT_PAYZEN_SHOP_ID,
  type IpnDelivery,
  type PayzenSandbox,
} from '../../../../../tools/sandboxes/payzen';
import { startSandboxProcess, type SandboxProcess } from '../../../../../tools/sandboxes/sandboxProcess';
import { eventually, http, record } from '../core/httpClient';

const NOW = new Date('2025-03-01T10:00:00Z');
const AUTH = `Basic ${Buffer.from(`${DEFAULT_PAYZEN_SHOP_ID}:${DEFAULT_PAYZEN_PASSWORD}`).toString('base64')}`;
const SHIPMENT_PAYMENT = {
  amount: 7412,
  currency: 'EUR',
  customer: { email: 'sample@example.com' },
  orderId: 'myOrder-1234-initial',
  useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
  metadata: { basket: 'b-1' },
};

type Json = Record<string, unknown>;

interface Received {
  path: string;
  contentType: string | undefined;
  fields: Record<string, string>;
}

/** The merchant's IPN endpoint: records each POST and answers `answer` (or nothing, when `hang`). */
class IpnReceiver {
  readonly received: Received[] = [];
  answer = { status: 200, body: 'OK! accepted' };
  hang = false;
  private readonly server: Server;
  private readonly held: ServerResponse[] = [];

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        this.received.push({ path: req.url ?? '', contentType: req.headers['content-type'], fields });
        if (this.hang) {
          this.held.push(res);
          return;
        }
        res.writeHead(this.answer.status, { 'content-type': 'text/plain' });
        res.end(this.answer.body);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    return `http://127.0.0.1:${address.port}/lyra/ipn`;
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function answerOf(fields: Record<string, string>): Json {
  return JSON.parse(fields['kr-answer']) as Json;
}

function verifies(fields: Record<string, string>, password = DEFAULT_PAYZEN_PASSWORD): boolean {
  return createHmac('sha256', password).update(fields['kr-answer'], 'utf8').digest('hex') === fields['kr-hash'];
}

function firstTransaction(answer: Json): Json {
  return (answer.transactions as Json[])[0];
}

describe('PayZen sandbox: IPN', () => {
  let receiver: IpnReceiver;
  let ipnUrl: string;
  let running: RunningSandbox;
  let sandbox: PayzenSandbox;

  async function start(options: Parameters<typeof createPayzenSandbox>[0] = {}): Promise<void> {
    sandbox = createPayzenSandbox({ notificationUrl: ipnUrl, ...options });
    running = await startSandbox(sandbox, { port: 0, now: () => NOW });
  }

  async function createPayment(body: Json = SHIPMENT_PAYMENT): Promise<Json> {
    const answer = await http(`${running.baseUrl}/Charge/CreatePayment`, {
      method: 'POST',
      headers: { authorization: AUTH },
      json: body,
    });
    expect(record(answer.json).status).to.equal('SUCCESS');
    return record(answer.json);
  }

  async function adminCall(method: string, endpoint: string, json?: unknown): Promise<{ status: number; json: Json }> {
    const answer = await http(`${running.origin}/__sandbox/${endpoint}`, { method, json });
    return { status: answer.status, json: answer.json === undefined ? {} : record(answer.json) };
  }

  async function awaitDelivery(orderId: string): Promise<IpnDelivery> {
    const answer = await adminCall('POST', 'ipn/await', { orderId, timeoutMs: 2_000 });
    expect(answer.status, JSON.stringify(answer.json)).to.equal(200);
    return answer.json.delivery as IpnDelivery;
  }

  beforeEach(async () => {
    receiver = new IpnReceiver();
    ipnUrl = await receiver.start();
  });

  afterEach(async () => {
    await running?.close();
    await receiver.close();
  });

  it('posts a signed V4/Payment after Charge/CreatePayment, with the shape of seed 003', async () => {
    await start();
    await createPayment();
    const delivery = await awaitDelivery('myOrder-1234-initial');
    expect(receiver.received).to.have.length(1);
    const [ipn] = receiver.received;
    expect(ipn.path).to.equal('/lyra/ipn');
    expect(ipn.contentType).to.equal('application/x-www-form-urlencoded');
    expect(Object.keys(ipn.fields)).to.have.members([
      'kr-hash',
      'kr-hash-algorithm',
      'kr-hash-key',
      'kr-answer-type',
      'kr-answer',
    ]);
    expect(ipn.fields).to.include({
      'kr-hash-algorithm': 'sha256_hmac',
      'kr-hash-key': 'password',
      'kr-answer-type': 'V4/Payment',
    });
    expect(ipn.fields['kr-hash']).to.match(/^[0-9a-f]{64}$/);
    expect(verifies(ipn.fields)).to.equal(true);
    expect(verifies(ipn.fields, 'testpassword_other')).to.equal(false);

    const answer = answerOf(ipn.fields);
    expect(answer).to.include({
      shopId: DEFAULT_PAYZEN_SHOP_ID,
      orderCycle: 'CLOSED',
      orderStatus: 'PAID',
      serverDate: '2025-03-01T10:00:00+00:00',
      _type: 'V4/Payment',
    });
    expect(answer.orderDetails).to.deep.equal({
      orderTotalAmount: 7412,
      orderEffectiveAmount: 7412,
      orderCurrency: 'EUR',
      mode: 'TEST',
      orderId: 'myOrder-1234-initial',
      metadata: { basket: 'b-1' },
      _type: 'V4/OrderDetails',
    });
    expect(record(answer.customer)).to.include({ email: 'sample@example.com', _type: 'V4/Customer/Customer' });
    expect(answer.transactions).to.have.length(1);
    const transaction = firstTransaction(answer);
    expect(transaction).to.include({
      shopId: DEFAULT_PAYZEN_SHOP_ID,
      amount: 7412,
      currency: 'EUR',
      paymentMethodType: 'CARD',
      status: 'PAID',
      detailedStatus: 'ACCEPTED',
      operationType: 'VERIFICATION',
      creationDate: '2025-03-01T10:00:00+00:00',
      orderId: 'myOrder-1234-initial',
      _type: 'V4/PaymentTransaction',
    });
    expect(transaction.metadata).to.deep.equal({ basket: 'b-1' });
    expect(record(transaction.transactionDetails)._type).to.equal('V4/TransactionDetails');
    expect(transaction).not.to.have.any.keys('orderDetails', 'customer');

    // The uuid to keep (seed 003) is the transaction Order/Get lists.
    const order = await http(`${running.baseUrl}/Order/Get`, {
      method: 'POST',
      headers: { authorization: AUTH },
      json: { orderId: 'myOrder-1234-initial' },
    });
    const listed = (record(record(order.json).answer).transactions as Json[])[0];
    expect(transaction.uuid).to.equal(listed.uuid);

    expect(delivery).to.include({
      trigger: 'payment',
      url: ipnUrl,
      orderId: 'myOrder-1234-initial',
      uuid: transaction.uuid,
      orderStatus: 'PAID',
      tampered: false,
      state: 'answered',
      status: 200,
      body: 'OK! accepted',
      error: null,
    });
    expect(delivery.fields['kr-answer']).to.equal(ipn.fields['kr-answer']);
    const state = record(running.snapshot());
    expect(state.notificationUrl).to.equal(ipnUrl);
    expect((state.ipnDeliveries as IpnDelivery[]).map((entry) => entry.status)).to.deep.equal([200]);
  });

  it('replays an IPN on demand (sendIpn) and answers with what the target answered', async () => {
    await start();
    await createPayment();
    const first = await awaitDelivery('myOrder-1234-initial');
    receiver.answer = { status: 503, body: 'try later' };
    const replay = await adminCall('POST', 'ipn', { orderId: 'myOrder-1234-initial' });
    expect(replay.status).to.equal(200);
    const delivery = replay.json.delivery as IpnDelivery;
    expect(delivery).to.include({ trigger: 'sendIpn', uuid: first.uuid, state: 'answered', status: 503 });
    expect(delivery.body).to.equal('try later');
    expect(receiver.received).to.have.length(2);
    expect(verifies(receiver.received[1].fields)).to.equal(true);
    expect(firstTransaction(answerOf(receiver.received[1].fields)).uuid).to.equal(first.uuid);

    const byUuid = await sandbox.sendIpn({ uuid: first.uuid });
    expect(byUuid).to.include({ status: 503, uuid: first.uuid });
    const listed = await adminCall('GET', `ipn?uuid=${first.uuid}`);
    expect((listed.json.deliveries as IpnDelivery[]).map((entry) => [entry.trigger, entry.status])).to.deep.equal([
      ['payment', 200],
      ['sendIpn', 503],
      ['sendIpn', 503],
    ]);
  });

  it('sends a wrong kr-hash when told to (tamper), on a replay or for the next payment', async () => {
    await start();
    await createPayment();
    await awaitDelivery('myOrder-1234-initial');
    const tampered = await adminCall('POST', 'ipn', { orderId: 'myOrder-1234-initial', tamper: true });
    expect((tampered.json.delivery as IpnDelivery).tampered).to.equal(true);
    expect(verifies(receiver.received[1].fields)).to.equal(false);
    expect(receiver.received[1].fields['kr-hash']).to.match(/^[0-9a-f]{64}$/);

    expect((await adminCall('POST', 'payment-outcomes', { ipn: 'tamper' })).status).to.equal(201);
    await createPayment({ ...SHIPMENT_PAYMENT, orderId: 'order-2' });
    expect(await awaitDelivery('order-2')).to.include({ tampered: true, status: 200 });
    expect(verifies(receiver.received[2].fields)).to.equal(false);
  });

  it('ends a payment REFUSED when told to: the IPN says UNPAID', async () => {
    await start();
    expect((await adminCall('POST', 'payment-outcomes', [{ refused: true }])).status).to.equal(201);
    await createPayment();
    const delivery = await awaitDelivery('myOrder-1234-initial');
    expect(delivery.orderStatus).to.equal('UNPAID');
    const answer = answerOf(receiver.received[0].fields);
    expect(answer).to.include({ orderStatus: 'UNPAID', orderCycle: 'CLOSED' });
    expect(firstTransaction(answer)).to.include({ status: 'UNPAID', detailedStatus: 'REFUSED' });
    expect(verifies(receiver.received[0].fields)).to.equal(true);
    // The next payment is accepted again: outcomes are consumed.
    await createPayment({ ...SHIPMENT_PAYMENT, orderId: 'order-2' });
    expect((await awaitDelivery('order-2')).orderStatus).to.equal('PAID');
  });

  it('refuses a notification URL that is not http://127.0.0.1', async () => {
    for (const url of ['http://localhost:8080/ipn', 'http://10.0.0.1/ipn', 'https://127.0.0.1/ipn', 'not a url']) {
      expect(() => createPayzenSandbox({ notificationUrl: url }), url).to.throw(/notification URL/);
    }
    await start({ notificationUrl: undefined });
    const refused = await adminCall('POST', 'notification-url', { url: 'http://example.com/ipn' });
    expect(refused.status).to.equal(400);
    expect(refused.json.error).to.match(/only http:\/\/127\.0\.0\.1/);
    expect((await adminCall('GET', 'notification-url')).json.url).to.equal(null);
    expect(() => sandbox.setNotificationUrl('http://[::1]:80/ipn')).to.throw(/127\.0\.0\.1/);
  });

  it('sends nothing without a notification URL, then sends once one is set', async () => {
    await start({ notificationUrl: undefined });
    await createPayment();
    const noUrl = await adminCall('POST', 'ipn', { orderId: 'myOrder-1234-initial' });
    expect(noUrl.status).to.equal(409);
    expect((await adminCall('POST', 'ipn/await', { orderId: 'myOrder-1234-initial', timeoutMs: 50 })).status).to.equal(
      408,
    );
    expect(receiver.received).to.have.length(0);
    const set = await adminCall('POST', 'notification-url', { url: ipnUrl, timeoutMs: 5_000 });
    expect(set.json).to.deep.equal({ url: ipnUrl, timeoutMs: 5_000 });
    const sent = await adminCall('POST', 'ipn', { orderId: 'myOrder-1234-initial' });
    expect((sent.json.delivery as IpnDelivery).status).to.equal(200);
    expect((await adminCall('POST', 'ipn', { orderId: 'unknown-order' })).status).to.equal(404);
  });

  it('records a target that does not answer in time, or is not there, as failed', async () => {
    await start({ ipnTimeoutMs: 100 });
    receiver.hang = true;
    await createPayment();
    const late = await awaitDelivery('myOrder-1234-initial');
    expect(late).to.include({ state: 'failed', status: null, error: 'no answer within 100 ms' });
    expect(late.durationMs).to.be.at.least(90);

    await receiver.close();
    const refused = await adminCall('POST', 'ipn', { orderId: 'myOrder-1234-initial' });
    expect(refused.json.delivery).to.include({ state: 'failed', status: null });
    expect((refused.json.delivery as IpnDelivery).error).to.match(/ECONNREFUSED/);
  });

  it('keeps at most ipnDeliveryLimit deliveries, and a reset forgets them and restores the options', async () => {
    await start({ ipnDeliveryLimit: 2 });
    await createPayment();
    await awaitDelivery('myOrder-1234-initial');
    await sandbox.sendIpn({ orderId: 'myOrder-1234-initial' });
    await sandbox.sendIpn({ orderId: 'myOrder-1234-initial' });
    expect(sandbox.ipnDeliveries().map((delivery) => delivery.id)).to.deep.equal([2, 3]);

    sandbox.setNotificationUrl(null);
    await createPayment({ ...SHIPMENT_PAYMENT, orderId: 'order-2' });
    expect(sandbox.ipnDeliveries({ orderId: 'order-2' })).to.deep.equal([]);
    expect((await adminCall('POST', 'reset')).status).to.equal(204);
    expect(sandbox.ipnDeliveries()).to.deep.equal([]);
    expect((await adminCall('GET', 'notification-url')).json.url).to.equal(ipnUrl);
  });

  it('refuses malformed admin calls', async () => {
    await start();
    expect((await adminCall('POST', 'ipn', { orderId: 'x', uuid: 'y' })).status).to.equal(400);
    expect((await adminCall('POST', 'payment-outcomes', { refused: 'yes' })).status).to.equal(400);
    expect((await adminCall('POST', 'payment-outcomes', { ipn: 'later' })).status).to.equal(400);
    expect((await adminCall('POST', 'notification-url', { url: ipnUrl, timeoutMs: 120_000 })).status).to.equal(400);
    expect((await adminCall('GET', 'nothing-here')).status).to.equal(404);
  });
});

describe('PayZen sandbox: IPN through RemoteSandbox (child process)', function () {
  this.timeout(30_000);
  let processes: SandboxProcess;
  let receiver: IpnReceiver;
  let ipnUrl: string;

  before(async () => {
    processes = await startSandboxProcess(['payzen', 'alma']);
    receiver = new IpnReceiver();
    ipnUrl = await receiver.start();
  });

  after(async () => {
    await processes?.close();
    await receiver?.close();
  });

  it('sets the URL, queues an outcome, awaits, replays and lists deliveries', async () => {
    const payzen = processes.sandboxes.get('payzen');
    if (!payzen) throw new Error('no payzen sandbox');
    await payzen.reset();
    await payzen.setNotificationUrl(ipnUrl, { timeoutMs: 5_000 });
    await payzen.queuePaymentOutcome({ refused: true });
    const created = await http(`${payzen.baseUrl}/Charge/CreatePayment`, {
      method: 'POST',
      headers: { authorization: AUTH },
      json: { ...SHIPMENT_PAYMENT, orderId: 'remote-1' },
    });
    expect(record(created.json).status).to.equal('SUCCESS');
    const delivered = await payzen.awaitIpn({ orderId: 'remote-1' }, 5_000);
    expect(delivered).to.include({ orderStatus: 'UNPAID', status: 200, trigger: 'payment' });
    const replay = await payzen.sendIpn({ uuid: delivered.uuid }, { tamper: true });
    expect(replay).to.include({ tampered: true, status: 200 });
    await eventually(() => receiver.received.length === 2);
    expect(verifies(receiver.received[0].fields)).to.equal(true);
    expect(verifies(receiver.received[1].fields)).to.equal(false);
    expect((await payzen.ipnDeliveries({ orderId: 'remote-1' })).map((delivery) => delivery.trigger)).to.deep.equal([
      'payment',
      'sendIpn',
    ]);
    let wrongHost: unknown;
    await payzen.setNotificationUrl('http://example.com/ipn').catch((error: unknown) => (wrongHost = error));
    expect(String(wrongHost)).to.match(/HTTP 400.*only http:\/\/127\.0\.0\.1/);
    const state = record(await payzen.state());
    expect(state.notificationUrl).to.equal(ipnUrl);

    const alma = processes.sandboxes.get('alma');
    let refused: unknown;
    await alma?.setNotificationUrl(ipnUrl).catch((error: unknown) => (refused = error));
    expect(String(refused)).to.match(/HTTP 404/);
  });
});
