import { expect } from 'chai';
import { type RunningSandbox, startSandbox } from '../../../../../tools/sandboxes/core/server';
import type { ProviderSandbox, SandboxRequest, SandboxResponse } from '../../../../../tools/sandboxes/core/types';
import { eventually, http, record } from './httpClient';

/** A minimal provider: a counter behind `POST /api/bump`, to observe what the framework applies. */
function counterProvider(): ProviderSandbox & { count: number; settled: number; handled: number } {
  const provider = {
    provider: 'alma' as const,
    basePath: '/api',
    count: 0,
    settled: 0,
    handled: 0,
    route: (req: SandboxRequest) =>
      req.path === '/api/bump' && req.method === 'POST'
        ? 'bump'
        : req.path === '/api/count' && req.method === 'GET'
          ? 'count'
          : undefined,
    arrive: (req: SandboxRequest): SandboxResponse | undefined =>
      req.headers['x-busy'] === 'yes' ? { status: 409, json: { error: 'busy' } } : undefined,
    handle: (req: SandboxRequest): SandboxResponse => {
      provider.handled += 1;
      if (req.path === '/api/bump') provider.count += 1;
      return { status: 200, json: { count: provider.count } };
    },
    settle: () => {
      provider.settled += 1;
    },
    errorResponse: (status: number): SandboxResponse => ({ status, json: { error: `status ${status}` } }),
    seed: (payments: unknown[]) => payments.map((payment) => ({ seeded: payment })),
    snapshot: () => ({ count: provider.count }),
    reset: () => {
      provider.count = 0;
    },
  };
  return provider;
}

describe('tools/sandboxes/core/server: HTTP framework', () => {
  let provider: ReturnType<typeof counterProvider>;
  let sandbox: RunningSandbox;

  beforeEach(async () => {
    provider = counterProvider();
    sandbox = await startSandbox(provider, { port: 0 });
  });
  afterEach(() => sandbox.close());

  const bump = (init: RequestInit & { json?: unknown } = {}) =>
    http(`${sandbox.baseUrl}/bump`, { method: 'POST', json: {}, ...init });

  it('listens on 127.0.0.1 and exposes origin and baseUrl (origin + basePath)', async () => {
    expect(sandbox.origin).to.equal(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox.baseUrl).to.equal(`${sandbox.origin}/api`);
    const answer = await bump();
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.match(/^application\/json/);
    expect(answer.json).to.deep.equal({ count: 1 });
  });

  it('journals each provider request with secrets masked, and not the admin calls', async () => {
    await bump({
      headers: { Authorization: 'Basic c2VjcmV0OnBhc3N3b3Jk', 'X-Api-Key': 'abcdefgh', 'Idempotency-Key': 'k-1' },
      json: { amount: 5, password: 'hunter22', nested: { api_key: 'sk_live_123' } },
    });
    await http(`${sandbox.baseUrl}/count?verbose=1`);
    await http(`${sandbox.origin}/__sandbox/state`);

    const entries = sandbox.journal();
    expect(entries.map((entry) => entry.route)).to.deep.equal(['bump', 'count']);
    const [first, second] = entries;
    expect(first).to.include({ seq: 1, method: 'POST', path: '/api/bump', status: 200, fault: null, applied: true });
    expect(first.headers.authorization).to.equal('Basic c2Vj***');
    expect(first.headers['x-api-key']).to.equal('abcd***');
    expect(first.headers['idempotency-key']).to.equal('k-1');
    expect(first.body).to.equal('{"amount":5,"password":"hunt***","nested":{"api_key":"sk_l***"}}');
    expect(new Date(first.time).toISOString()).to.equal(first.time);
    expect(second.query).to.deep.equal({ verbose: '1' });

    const viaAdmin = await http(`${sandbox.origin}/__sandbox/journal?route=count`);
    expect(record(viaAdmin.json).entries).to.have.length(1);
    expect((await http(`${sandbox.origin}/__sandbox/journal`, { method: 'DELETE' })).status).to.equal(204);
    expect(sandbox.journal()).to.deep.equal([]);
  });

  it("answers unknown routes and invalid JSON bodies with the provider's own 404 and 400", async () => {
    const unknown = await http(`${sandbox.baseUrl}/nothing`);
    expect(unknown).to.include({ status: 404 });
    expect(unknown.json).to.deep.equal({ error: 'status 404' });

    const broken = await bump({ json: undefined, body: '{"amount":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).to.equal(400);
    expect(broken.json).to.deep.equal({ error: 'status 400' });
    expect(provider.handled).to.equal(0);
    expect(sandbox.journal()[1]).to.include({ route: 'bump', status: 400, applied: false });
  });

  it('lets arrive answer at once, without latency, faults or settle', async () => {
    sandbox.addFault({ kind: 'status', status: 503 });
    const answer = await bump({ headers: { 'x-busy': 'yes' } });
    expect(answer.status).to.equal(409);
    expect(provider.settled).to.equal(0);
    expect(sandbox.faults()).to.have.length(1);
  });

  it('adds the base latency and latency faults before handling', async () => {
    await sandbox.close();
    sandbox = await startSandbox(provider, { latencyMs: 60 });
    sandbox.addFault({ kind: 'latency', ms: 60, route: 'bump' });
    const started = Date.now();
    await bump();
    expect(Date.now() - started).to.be.at.least(110);
    expect(sandbox.journal()[0]).to.include({ delayMs: 120, fault: 'latency' });
  });

  it('status fault: the provider error, not applied unless apply: true, consumed per times', async () => {
    sandbox.addFault([
      { kind: 'status', status: 503, route: 'bump', times: 2 },
      { kind: 'status', status: 500, apply: true },
    ]);
    expect((await http(`${sandbox.baseUrl}/count`)).status).to.equal(500);
    expect((await bump()).status).to.equal(503);
    const second = await bump();
    expect(second.status).to.equal(503);
    expect(second.json).to.deep.equal({ error: 'status 503' });
    expect(provider.count).to.equal(0);
    expect((await bump()).json).to.deep.equal({ count: 1 });
    expect(sandbox.journal().map((entry) => [entry.status, entry.fault, entry.applied])).to.deep.equal([
      [500, 'status', true],
      [503, 'status', false],
      [503, 'status', false],
      [200, null, true],
    ]);

    sandbox.addFault({ kind: 'status', status: 500, apply: true, route: 'bump' });
    expect((await bump()).status).to.equal(500);
    expect(provider.count).to.equal(2);
  });

  it('status 429 carries Retry-After; times "always" never runs out', async () => {
    sandbox.addFault({ kind: 'status', status: 429, times: 'always', retryAfter: 7 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const answer = await bump();
      expect(answer.status).to.equal(429);
      expect(answer.headers.get('retry-after')).to.equal('7');
    }
    expect(sandbox.faults()).to.deep.equal([{ kind: 'status', status: 429, times: 'always', retryAfter: 7 }]);
    sandbox.clearFaults();
    expect((await bump()).status).to.equal(200);
  });

  it('timeout fault: the change is applied although the client times out; the socket is released', async () => {
    sandbox.addFault({ kind: 'timeout', route: 'bump' });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 200);
    let failure: unknown;
    try {
      await bump({ signal: controller.signal });
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(timer);
    }
    expect(failure).to.be.instanceOf(Error);
    expect(provider.count).to.equal(1);
    await eventually(() => provider.settled === 1);
    expect(sandbox.journal()[0]).to.include({ status: null, fault: 'timeout', applied: true });
  });

  it('timeout fault with ms destroys the socket by itself', async () => {
    sandbox.addFault({ kind: 'timeout', ms: 50, apply: false });
    const failure = await bump().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(Error);
    expect(provider.count).to.equal(0);
  });

  it('reset fault: the connection is reset, by default before applying', async () => {
    sandbox.addFault([{ kind: 'reset' }, { kind: 'reset', apply: true }]);
    for (const expected of [0, 1]) {
      const failure = await bump().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).to.be.instanceOf(Error);
      expect(provider.count).to.equal(expected);
    }
    expect(sandbox.journal().map((entry) => [entry.status, entry.fault, entry.applied])).to.deep.equal([
      [null, 'reset', false],
      [null, 'reset', true],
    ]);
  });

  it('malformed fault: 200 application/json with a body no parser accepts, change applied', async () => {
    sandbox.addFault({ kind: 'malformed' });
    const answer = await bump();
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.equal('application/json');
    expect(() => JSON.parse(answer.text)).to.throw();
    expect(answer.text).to.equal('{"cou');
    expect(provider.count).to.equal(1);
  });

  it('nonJson fault: an HTML proxy page with the chosen status', async () => {
    sandbox.addFault([{ kind: 'nonJson' }, { kind: 'nonJson', status: 502, apply: false }]);
    const ok = await bump();
    expect(ok.status).to.equal(200);
    expect(ok.headers.get('content-type')).to.match(/^text\/html/);
    expect(ok.text).to.contain('<html>');
    const gateway = await bump();
    expect(gateway.status).to.equal(502);
    expect(gateway.text).to.contain('502 Bad Gateway');
    expect(provider.count).to.equal(1);
  });

  it('reply fault: exactly the given status and JSON body; not applied unless apply: true; consumed per times', async () => {
    sandbox.addFault([
      { kind: 'reply', status: 200, json: { result: { title: 'REFUSED' } }, route: 'bump', times: 2 },
      { kind: 'reply', status: 502, json: ['upstream', null], apply: true },
    ]);
    // The second fault targets every route: the count request takes it, applied (a GET changes nothing).
    const gateway = await http(`${sandbox.baseUrl}/count`);
    expect(gateway.status).to.equal(502);
    expect(gateway.text).to.equal('["upstream",null]');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await bump();
      expect(refused.status).to.equal(200);
      expect(refused.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      expect(refused.text).to.equal('{"result":{"title":"REFUSED"}}');
    }
    expect(provider.count).to.equal(0);
    expect(sandbox.faults()).to.deep.equal([]);
    expect((await bump()).json).to.deep.equal({ count: 1 });

    sandbox.addFault({ kind: 'reply', status: 200, json: null, apply: true, route: 'bump' });
    const applied = await bump();
    expect([applied.status, applied.text]).to.deep.equal([200, 'null']);
    expect(provider.count).to.equal(2);
    expect(sandbox.journal().map((entry) => [entry.route, entry.status, entry.fault, entry.applied])).to.deep.equal([
      ['count', 502, 'reply', true],
      ['bump', 200, 'reply', false],
      ['bump', 200, 'reply', false],
      ['bump', 200, null, true],
      ['bump', 200, 'reply', true],
    ]);
  });

  it('admin endpoints: faults, seed, state and reset over HTTP', async () => {
    const admin = (path: string, init: RequestInit & { json?: unknown } = {}) =>
      http(`${sandbox.origin}/__sandbox/${path}`, init);
    expect((await admin('faults', { method: 'POST', json: [{ kind: 'status', status: 502 }] })).status).to.equal(201);
    expect(record((await admin('faults')).json).faults).to.deep.equal([{ kind: 'status', status: 502, times: 1 }]);
    const refused = await admin('faults', { method: 'POST', json: { kind: 'explode' } });
    expect(refused.status).to.equal(400);
    expect(String(record(refused.json).error)).to.contain('"kind" must be one of');
    expect((await admin('faults', { method: 'DELETE' })).status).to.equal(204);
    expect(sandbox.faults()).to.deep.equal([]);

    const seeded = await admin('seed', { method: 'POST', json: { payments: [{ id: 'p1' }] } });
    expect(seeded.status).to.equal(201);
    expect(seeded.json).to.deep.equal({ payments: [{ seeded: { id: 'p1' } }] });
    expect((await admin('seed', { method: 'POST', json: [] })).status).to.equal(400);

    await bump();
    expect((await admin('state')).json).to.deep.equal({ count: 1 });
    expect((await admin('reset', { method: 'POST' })).status).to.equal(204);
    expect(provider.count).to.equal(0);
    expect(sandbox.journal()).to.deep.equal([]);
    expect((await admin('nothing')).status).to.equal(404);
  });

  it('keeps only the last journalLimit entries', async () => {
    await sandbox.close();
    sandbox = await startSandbox(provider, { journalLimit: 2 });
    for (let index = 0; index < 4; index += 1) await bump();
    expect(sandbox.journal().map((entry) => entry.seq)).to.deep.equal([3, 4]);
  });

  it('close() ends held responses and latency waits at once', async () => {
    await sandbox.close();
    sandbox = await startSandbox(provider, { latencyMs: 30_000 });
    sandbox.addFault({ kind: 'timeout', ms: 60_000, route: 'count' });
    const pending = [bump(), http(`${sandbox.baseUrl}/count`)].map((call) =>
      call.then(
        () => 'answered',
        () => 'dropped',
      ),
    );
    await eventually(() => sandbox.journal().length === 2);
    // Held for 60 s and delayed by 30 s: only close() can end them within the test's timeout.
    await sandbox.close();
    expect(await Promise.all(pending)).to.deep.equal(['dropped', 'dropped']);
  });
});
