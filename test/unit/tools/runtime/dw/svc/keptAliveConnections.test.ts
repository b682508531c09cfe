import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { type HttpExchangeOutcome, performHttpExchange } from '../../../../../../tools/runtime/dw/svc/httpExchange';
import { type ConnectionBehaviour, ConnectionServer } from './helpers/connectionServer';

/**
 * The HTTP worker keeps one connection open per origin between calls, and must never turn a POST
 * it did not send into a failure (the cartridge would count its outcome as unknown), nor send a
 * POST twice. The servers here run in a worker thread and count the connections they accept.
 */
describe('dw/svc synchronous HTTP: kept-alive connections', () => {
  // Longer than the time an idle connection must stay open before the first reuse towards its
  // server (20 ms), as the work between two calls of a job would be.
  const PAUSE_MS = 60;
  let server: ConnectionServer | undefined;
  let sequence = 0;

  async function start(behaviour: ConnectionBehaviour = {}): Promise<ConnectionServer> {
    server = await ConnectionServer.start(behaviour);
    return server;
  }
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  /** POSTs a body of its own (`{"call":N}`) and returns it with the outcome. */
  function post(to: ConnectionServer, path = '/captures', timeoutMillis = 5000) {
    const body = JSON.stringify({ call: (sequence += 1) });
    const outcome: HttpExchangeOutcome = performHttpExchange({
      method: 'POST',
      url: to.url(path),
      headers: [['Content-Type', 'application/json']],
      body: new Uint8Array(Buffer.from(body)),
      timeoutMillis,
    });
    return { body, outcome };
  }

  function expectAnswered(call: ReturnType<typeof post>): void {
    expect(call.outcome).to.include({ kind: 'response', statusCode: 200 });
    if (call.outcome.kind === 'response') expect(Buffer.from(call.outcome.body).toString()).to.equal(call.body);
  }

  it('sends a run of calls on one connection once the server has kept it open', async () => {
    const keeping = await start();
    const calls = [post(keeping)];
    await sleep(PAUSE_MS);
    for (let i = 0; i < 50; i += 1) calls.push(post(keeping));

    calls.forEach(expectAnswered);
    const report = await keeping.report();
    expect(report.connections).to.equal(1);
    expect(report.requests.map((request) => request.body)).to.deep.equal(calls.map((call) => call.body));
  });

  it('gets the real answer to every POST, each received once, from a server that closes each connection right after answering', async () => {
    // No `Connection: close`: the client only learns it from the close itself.
    const closing = await start({ closeAfterAnswer: true });
    const calls = [];
    for (let burst = 0; burst < 5; burst += 1) {
      for (let i = 0; i < 40; i += 1) calls.push(post(closing));
      await sleep(PAUSE_MS);
    }

    calls.forEach(expectAnswered);
    const report = await closing.report();
    expect(report.requests.map((request) => request.body)).to.deep.equal(calls.map((call) => call.body));
    expect(report.connections).to.equal(200);
  });

  it('gets the real answer to every POST, each received once, from a server that closes connections idle for 100 ms', async () => {
    const impatient = await start({ idleCloseMs: 100 });
    const calls = [];
    for (let round = 0; round < 3; round += 1) {
      calls.push(post(impatient));
      await sleep(PAUSE_MS);
      calls.push(post(impatient), post(impatient));
      // The server closes the idle connection meanwhile.
      await sleep(250);
    }

    calls.forEach(expectAnswered);
    const report = await impatient.report();
    expect(report.requests.map((request) => request.body)).to.deep.equal(calls.map((call) => call.body));
    expect(report.requests.some((request) => request.reused)).to.equal(true);
    expect(report.connections).to.be.greaterThan(1);
  });

  it('reports a connection failure, and does not send it again, when the server reads a POST on a reused connection and drops the connection unanswered', async () => {
    const dropping = await start({ dropReusedRequests: true });
    const first = post(dropping);
    await sleep(PAUSE_MS);
    const dropped = post(dropping);
    const next = post(dropping);

    expectAnswered(first);
    expect(dropped.outcome).to.include({ kind: 'failure', reason: 'CONNECTION' });
    expectAnswered(next);
    const report = await dropping.report();
    expect(report.requests.map((request) => [request.body, request.reused])).to.deep.equal([
      [first.body, false],
      [dropped.body, true],
      [next.body, false],
    ]);
  });

  it('opens a new connection for each call when the server answers with Connection: close', async () => {
    const closing = await start({ connectionClose: true });
    const calls = [];
    for (let i = 0; i < 3; i += 1) {
      calls.push(post(closing));
      await sleep(PAUSE_MS);
    }

    calls.forEach(expectAnswered);
    expect((await closing.report()).connections).to.equal(3);
  });

  it('does not reuse a connection after an answer with Keep-Alive: timeout=1 (less a second of margin, nothing is left)', async () => {
    const hinting = await start({ keepAliveHeader: 'timeout=1' });
    const calls = [];
    for (let i = 0; i < 3; i += 1) {
      calls.push(post(hinting));
      await sleep(PAUSE_MS);
    }

    calls.forEach(expectAnswered);
    expect((await hinting.report()).connections).to.equal(3);
  });

  it('reuses a connection after an answer with Keep-Alive: timeout=2 for one second only', async () => {
    const hinting = await start({ keepAliveHeader: 'timeout=2' });
    const calls = [post(hinting)];
    await sleep(PAUSE_MS);
    calls.push(post(hinting));
    await sleep(1100);
    calls.push(post(hinting));

    calls.forEach(expectAnswered);
    const report = await hinting.report();
    expect(report.requests.map((request) => request.connection)).to.deep.equal([1, 1, 2]);
  });

  it('does not reuse a connection that has been idle for 2 s, even when the server announced no timeout', async () => {
    const silent = await start({ neverCloseIdle: true });
    const calls = [post(silent)];
    await sleep(PAUSE_MS);
    calls.push(post(silent));
    await sleep(2100);
    calls.push(post(silent));

    calls.forEach(expectAnswered);
    const report = await silent.report();
    expect(report.requests.map((request) => request.connection)).to.deep.equal([1, 1, 2]);
  });

  it('times a call out on a reused connection, and never reuses that connection', async () => {
    const holding = await start();
    const first = post(holding);
    await sleep(PAUSE_MS);
    const held = post(holding, '/hold', 300);
    const next = post(holding);

    expectAnswered(first);
    expect(held.outcome).to.include({ kind: 'failure', reason: 'TIMEOUT' });
    expectAnswered(next);
    const report = await holding.report();
    expect(report.requests.map((request) => [request.path, request.connection])).to.deep.equal([
      ['/captures', 1],
      ['/hold', 1],
      ['/captures', 2],
    ]);
  });
});
