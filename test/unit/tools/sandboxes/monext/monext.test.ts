import { expect } from 'chai';
import { type RunningSandbox, startSandbox } from '../../../../../tools/sandboxes/core/server';
import {
  createMonextSandbox,
  DEFAULT_MONEXT_ACCESS_KEY,
  DEFAULT_MONEXT_MERCHANT_ID,
  type MonextSandboxOptions,
} from '../../../../../tools/sandboxes/monext';
import { http, record } from '../core/httpClient';

const AUTH = {
  Authorization: `Basic ${Buffer.from(`${DEFAULT_MONEXT_MERCHANT_ID}:${DEFAULT_MONEXT_ACCESS_KEY}`).toString('base64')}`,
};

interface Associated {
  id: string;
  type: string;
  amount: number;
  status: string;
  originTransactionId: string | null;
}

describe('tools/sandboxes/monext: Monext REST API simulation', () => {
  let sandbox: RunningSandbox;
  const start = async (options: MonextSandboxOptions = {}): Promise<void> => {
    await sandbox?.close();
    sandbox = await startSandbox(createMonextSandbox(options));
  };
  beforeEach(() => start());
  after(() => sandbox.close());

  const seedOne = (payment: Record<string, unknown> = {}): { sessionId: string; transactionId: string } => {
    const created = record(sandbox.seed([{ amount: 10000, ...payment }])[0]);
    return { sessionId: String(created.sessionId), transactionId: String(created.transactionId) };
  };
  const call = (method: string, path: string, json?: unknown, headers: Record<string, string> = AUTH) =>
    http(`${sandbox.baseUrl}${path}`, { method, headers, ...(json === undefined ? {} : { json }) });
  const operate = (transactionId: string, operation: string, json: unknown) =>
    call('POST', `/checkout/transactions/${transactionId}/${operation}`, json);
  const associated = async (transactionId: string): Promise<Associated[]> =>
    record((await call('GET', `/checkout/transactions/${transactionId}`)).json).associatedTransactions as Associated[];

  it('serves alive, session details and transaction details under basePath /v1', async () => {
    expect(sandbox.baseUrl).to.equal(`${sandbox.origin}/v1`);
    expect((await call('GET', '/checkout/alive', undefined, {})).status).to.equal(200);
    const { sessionId, transactionId } = seedOne({ sessionId: 'sess-1', orderReference: '00001', currency: 'EUR' });
    const session = record((await call('GET', `/checkout/payments/sessions/${sessionId}`)).json);
    expect(session.result).to.deep.equal({ code: '00000', title: 'ACCEPTED', detail: 'Transaction approved' });
    expect(session.order).to.deep.equal({ reference: '00001', amount: 10000, currency: 'EUR' });
    const [authorization] = session.transactions as Record<string, unknown>[];
    expect(authorization).to.include({ id: transactionId, type: 'AUTHORIZATION', amount: 10000, status: 'OK' });
    expect(await associated(transactionId)).to.deep.equal([
      {
        id: transactionId,
        date: authorization.date,
        type: 'AUTHORIZATION',
        amount: 10000,
        status: 'OK',
        originTransactionId: null,
      },
    ]);
  });

  it('answers wrong credentials with HTTP 200 { title: Unauthorized } (or 401 as an option), no header with 401', async () => {
    const { sessionId } = seedOne();
    const wrong = { Authorization: `Basic ${Buffer.from('payops_merchant:nope').toString('base64')}` };
    const quirk = await call('GET', `/checkout/payments/sessions/${sessionId}`, undefined, wrong);
    expect(quirk.status).to.equal(200);
    expect(record(quirk.json)).to.include({ title: 'Unauthorized' });
    const missing = await call('GET', `/checkout/payments/sessions/${sessionId}`, undefined, {});
    expect(missing.status).to.equal(401);
    expect(record(missing.json).title).to.equal('Unauthorized');

    await start({ invalidCredentialsStatus: 401 });
    const again = seedOne();
    expect((await call('GET', `/checkout/payments/sessions/${again.sessionId}`, undefined, wrong)).status).to.equal(
      401,
    );
  });

  it('captures in several parts up to authorized − captured − cancelled, then refuses with REFUSED', async () => {
    const { transactionId } = seedOne();
    const first = await operate(transactionId, 'captures', { amount: 4000, comment: 'shipment 1' });
    expect(first.status).to.equal(200);
    const body = record(first.json);
    expect(body.result).to.deep.equal({ code: '00000', title: 'ACCEPTED', detail: 'Transaction approved' });
    expect(record(body.transaction)).to.include({ type: 'CAPTURE' });
    expect(record(body.transaction).id).to.match(/^\d{14}$/);

    expect((await operate(transactionId, 'cancels', { amount: 1000 })).status).to.equal(200);
    const over = await operate(transactionId, 'captures', { amount: 5001 });
    expect(over.status).to.equal(200);
    expect(record(record(over.json).result)).to.include({ title: 'REFUSED' });
    expect(String(record(record(over.json).result).detail)).to.contain('capturable amount 5000');
    expect(record((await operate(transactionId, 'captures', { amount: 5000 })).json).result).to.include({
      title: 'ACCEPTED',
    });

    const history = await associated(transactionId);
    expect(history.map((entry) => [entry.type, entry.amount, entry.status])).to.deep.equal([
      ['AUTHORIZATION', 10000, 'OK'],
      ['CAPTURE', 4000, 'OK'],
      ['CANCEL', 1000, 'OK'],
      ['CAPTURE', 5001, 'KO'],
      ['CAPTURE', 5000, 'OK'],
    ]);
    expect(history.slice(1).every((entry) => entry.originTransactionId === transactionId)).to.equal(true);
    // Child transactions have their own details, with the same family.
    expect(await associated(history[1].id)).to.deep.equal(history);
  });

  it('refunds up to captured − refunded, with the refund option', async () => {
    const { transactionId } = seedOne({ captured: 8000, refunded: 1000 });
    expect((await operate(transactionId, 'refunds', { amount: 7001 })).json).to.have.nested.property(
      'result.title',
      'REFUSED',
    );
    const ok = await operate(transactionId, 'refunds', { amount: 7000, option: 'FINAL', merchantReference: 'R-1' });
    expect(record(ok.json).result).to.include({ title: 'ACCEPTED' });
    expect((await operate(transactionId, 'refunds', { amount: 1, option: 'SOON' })).status).to.equal(400);
    const state = record(sandbox.snapshot()).sessions as { totals: Record<string, number> }[];
    expect(state[0].totals).to.deep.equal({
      authorized: 10000,
      captured: 8000,
      cancelled: 0,
      refunded: 8000,
      capturable: 2000,
      refundable: 0,
    });
  });

  it('validates bodies: amount required, integer, positive; errors are { title, detail, code }', async () => {
    const { transactionId } = seedOne();
    for (const json of [{}, { amount: 0 }, { amount: 10.5 }, { amount: '100' }, { amount: 5, comment: 3 }]) {
      const answer = await operate(transactionId, 'captures', json);
      expect(answer.status, JSON.stringify(json)).to.equal(400);
      expect(record(answer.json)).to.include({ title: 'Bad Request', code: 'INVALID_PARAMETER' });
    }
    const broken = await http(`${sandbox.baseUrl}/checkout/transactions/${transactionId}/captures`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: '{"amount":',
    });
    expect(broken.status).to.equal(400);
    expect(record(broken.json).title).to.equal('Bad Request');
    const unknown = await operate('99999999999999', 'captures', { amount: 1 });
    expect(unknown.status).to.equal(404);
    expect(record(unknown.json)).to.include({ title: 'Not Found', code: 'TRANSACTION_NOT_FOUND' });
    expect((await call('GET', '/checkout/nowhere')).status).to.equal(404);
  });

  it('options: multiCapture false refuses a second capture; refusal httpError answers 400', async () => {
    await start({ multiCapture: false, refusal: 'httpError' });
    const { transactionId } = seedOne();
    expect((await operate(transactionId, 'captures', { amount: 1000 })).status).to.equal(200);
    const second = await operate(transactionId, 'captures', { amount: 1000 });
    expect(second.status).to.equal(400);
    expect(record(second.json)).to.include({ title: 'Bad Request', code: 'OPERATION_REFUSED' });
    expect((await associated(transactionId)).map((entry) => entry.type)).to.deep.equal(['AUTHORIZATION', 'CAPTURE']);
  });

  it('AUTHORIZATION_AND_CAPTURE sessions are refundable, not capturable; non-accepted sessions refuse operations', async () => {
    const automatic = seedOne({ capture: 'AUTOMATIC' });
    expect((await associated(automatic.transactionId))[0].type).to.equal('AUTHORIZATION_AND_CAPTURE');
    expect((await operate(automatic.transactionId, 'captures', { amount: 1 })).json).to.have.nested.property(
      'result.title',
      'REFUSED',
    );
    expect((await operate(automatic.transactionId, 'refunds', { amount: 10000 })).json).to.have.nested.property(
      'result.title',
      'ACCEPTED',
    );
    const refused = seedOne({ result: 'REFUSED' });
    const session = record((await call('GET', `/checkout/payments/sessions/${refused.sessionId}`)).json);
    expect(record(session.result).title).to.equal('REFUSED');
    expect((await operate(refused.transactionId, 'cancels', { amount: 1 })).json).to.have.nested.property(
      'result.title',
      'REFUSED',
    );
  });

  it('applies a capture whose answer was lost (reset after apply); the journal tells which', async () => {
    const { transactionId } = seedOne();
    sandbox.addFault({ kind: 'reset', apply: true, route: 'capture' });
    const lost = await operate(transactionId, 'captures', { amount: 10000 }).then(
      () => 'answered',
      () => 'reset',
    );
    expect(lost).to.equal('reset');
    const retry = await operate(transactionId, 'captures', { amount: 10000 });
    expect(record(retry.json).result).to.include({ title: 'REFUSED' });
    expect(
      sandbox
        .journal()
        .filter((entry) => entry.route === 'capture')
        .map((entry) => [entry.status, entry.fault, entry.applied]),
    ).to.deep.equal([
      [null, 'reset', true],
      [200, null, true],
    ]);
    expect(sandbox.journal()[0].headers.authorization).to.match(/^Basic \S{4}\*\*\*$/);
  });

  it('answers injected 5xx with { status, error } and 4xx with { title, detail }', async () => {
    const { sessionId } = seedOne();
    sandbox.addFault([
      { kind: 'status', status: 503, route: 'session' },
      { kind: 'status', status: 429, route: 'session' },
    ]);
    const down = await call('GET', `/checkout/payments/sessions/${sessionId}`);
    expect(down.status).to.equal(503);
    expect(down.json).to.deep.equal({ status: 503, error: 'Service Unavailable' });
    const limited = await call('GET', `/checkout/payments/sessions/${sessionId}`);
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('retry-after')).to.equal('1');
    expect(record(limited.json).title).to.equal('Too Many Requests');
  });

  describe('reply fault: the exact answer chosen for one request', () => {
    const refusedByBank = { result: { code: '01100', title: 'REFUSED', detail: 'Refused by the issuing bank' } };
    const addFault = (fault: unknown) => http(`${sandbox.origin}/__sandbox/faults`, { method: 'POST', json: fault });
    const captureRows = () =>
      sandbox
        .journal()
        .filter((entry) => entry.route === 'capture')
        .map((entry) => [entry.status, entry.fault, entry.applied]);

    it('answers HTTP 200 REFUSED to a capture without capturing (apply defaults to false); the next capture is real', async () => {
      const { transactionId } = seedOne();
      expect((await addFault({ kind: 'reply', route: 'capture', status: 200, json: refusedByBank })).status).to.equal(
        201,
      );
      const refused = await operate(transactionId, 'captures', { amount: 10000 });
      expect(refused.status).to.equal(200);
      expect(refused.headers.get('content-type')).to.match(/^application\/json/);
      expect(refused.json).to.deep.equal(refusedByBank);
      expect((await associated(transactionId)).map((entry) => entry.type)).to.deep.equal(['AUTHORIZATION']);

      const real = await operate(transactionId, 'captures', { amount: 10000 });
      expect(record(real.json).result).to.include({ title: 'ACCEPTED' });
      expect(captureRows()).to.deep.equal([
        [200, 'reply', false],
        [200, null, true],
      ]);
    });

    it('apply: true captures first, then answers HTTP 200 { title: Unauthorized }: the caller cannot tell it captured', async () => {
      const { transactionId } = seedOne();
      await addFault({ kind: 'reply', route: 'capture', status: 200, json: { title: 'Unauthorized' }, apply: true });
      const answer = await operate(transactionId, 'captures', { amount: 10000 });
      expect(answer.status).to.equal(200);
      expect(answer.json).to.deep.equal({ title: 'Unauthorized' });
      const history = await associated(transactionId);
      expect(history.map((entry) => [entry.type, entry.amount, entry.status])).to.deep.equal([
        ['AUTHORIZATION', 10000, 'OK'],
        ['CAPTURE', 10000, 'OK'],
      ]);
      // A blind retry finds nothing left to capture.
      const retry = await operate(transactionId, 'captures', { amount: 10000 });
      expect(record(retry.json).result).to.include({ code: '01100', title: 'REFUSED' });
      expect(captureRows()).to.deep.equal([
        [200, 'reply', true],
        [200, null, true],
      ]);
    });

    it('times: the reply answers that many requests of its route only, then the sandbox answers again', async () => {
      const { sessionId, transactionId } = seedOne();
      await addFault({ kind: 'reply', route: 'session', status: 200, json: { title: 'Unauthorized' }, times: 2 });
      expect(record((await http(`${sandbox.origin}/__sandbox/faults`)).json).faults).to.deep.equal([
        { kind: 'reply', route: 'session', status: 200, json: { title: 'Unauthorized' }, times: 2 },
      ]);
      // Another route is not affected while the fault is pending.
      expect((await call('GET', `/checkout/transactions/${transactionId}`)).json).to.have.property(
        'associatedTransactions',
      );
      const session = () => call('GET', `/checkout/payments/sessions/${sessionId}`);
      expect((await session()).json).to.deep.equal({ title: 'Unauthorized' });
      expect(sandbox.faults()).to.deep.equal([
        { kind: 'reply', route: 'session', status: 200, json: { title: 'Unauthorized' }, times: 1 },
      ]);
      expect((await session()).json).to.deep.equal({ title: 'Unauthorized' });
      expect(sandbox.faults()).to.deep.equal([]);
      expect(record((await session()).json).result).to.include({ title: 'ACCEPTED' });
    });

    it('refuses a reply without a body status or without json, over the admin endpoint', async () => {
      const noBody = await addFault({ kind: 'reply', status: 204, json: {} });
      expect(noBody.status).to.equal(400);
      expect(record(noBody.json).error).to.contain('carries a body');
      const noJson = await addFault({ kind: 'reply', status: 200 });
      expect(noJson.status).to.equal(400);
      expect(record(noJson.json).error).to.contain('"json" is required');
      expect(sandbox.faults()).to.deep.equal([]);
    });
  });

  it('checks seeds and refuses operations on associated transactions', async () => {
    expect(() => sandbox.seed([{ amount: 100, captured: 60, cancelled: 50 }])).to.throw('cancelled 50 exceeds');
    expect(() => sandbox.seed([{ amount: 100, capture: 'LATER' }])).to.throw('capture must be');
    const { transactionId } = seedOne({ captured: 5000 });
    const capture = (await associated(transactionId))[1];
    const answer = await operate(capture.id, 'refunds', { amount: 100 });
    expect(answer.status).to.equal(400);
    expect(record(answer.json).code).to.equal('INVALID_TRANSACTION');
  });
});
