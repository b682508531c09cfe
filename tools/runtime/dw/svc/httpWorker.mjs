// Worker thread behind httpExchange.ts: performs one HTTP exchange per message so that the main
// thread can wait for it synchronously (synckit). Plain JavaScript because worker threads start
// without the tsx loader.
//
// Kept-alive connections, and why a failure never hides a request that was not sent
// ---------------------------------------------------------------------------------
// Calls are sequential, so each origin keeps at most one idle connection (a keep-alive
// http.Agent), and the next call reuses it: no TCP handshake per call (idleConnections.mjs).
//
// The cartridge counts a CONNECTION or TIMEOUT failure of a POST as "outcome unknown" and reads
// the provider back before anything else. So the worker reports such a failure only when the
// request may have reached the server. Two rules:
//
// 1. Never write to a connection the server may be closing. Before a call takes the idle
//    connection, one event-loop turn passes, so that a close or reset the server sent meanwhile
//    has been read; the connection is dropped if it ended, or if it has been idle for its idle
//    limit: CLIENT_IDLE_LIMIT_MS (2 s, below the usual server keep-alive timeouts: Node and Apache
//    5 s, nginx 75 s), less after an answer with `Keep-Alive: timeout=N` (N s minus 1 s; never
//    reused when that leaves nothing), and half the idle time a server of that origin was seen to
//    allow before closing an idle connection. An answer with `Connection: close` never leaves its
//    connection open. And the first reuse towards an origin waits until an idle connection of its
//    has stayed open for PROOF_MS (20 ms): a server that closes each connection right after
//    answering, without saying so, has done so by then (checking the close alone is not enough:
//    measured, 1 to 7 calls in 100 reached such a server's connection just before its close),
//    and the calls made meanwhile get a connection each. Whenever the idle connection is not
//    used, the call opens a new one and gets the server's real answer.
// 2. Never resend. Once the request bytes were written, a connection that dies without an answer
//    is reported as it is: CONNECTION (TIMEOUT if the budget ran out first). The server may have
//    read and applied the request before the connection died, and nothing the client sees (FIN,
//    RST, "socket hang up") proves it did not: a server that closed first and one that crashed
//    after applying look the same. So the worker never sends a request a second time, reused
//    connection or not, whatever the method: the platform's HTTP client does not resend a
//    non-idempotent request once sent (RFC 9112 §9.3.1), and a silent second POST could capture
//    twice. This choice costs at most a read-back, never a double capture.
//
// Left: a server that closes an idle connection before its usual or announced timeout at the
// very moment a call takes it (its close still in flight when the call checks), or that stalls
// longer than PROOF_MS between its answer and its close. That call ends in CONNECTION, as it
// would with any HTTP client; rule 1 then learns that server's shorter idle time, so it happens
// once per server.
//
// A timed-out call's connection is destroyed, never reused. Idle connections are unref'd by the
// agent and the worker is unref'd by synckit: a finished run exits without closing anything.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import { clearTimeout, setImmediate, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { runAsWorker } from 'synckit';
import { IdleConnections } from './idleConnections.mjs';

const connections = new IdleConnections();

runAsWorker(performExchange);

/**
 * @param {{ method: string, url: string, headers: [string, string][], body: Uint8Array | null, timeoutMillis: number }} request
 */
async function performExchange(request) {
  const startedAt = Date.now();
  let target;
  try {
    target = new URL(request.url);
  } catch {
    return { kind: 'failure', reason: 'CONFIGURATION', message: `Invalid URL: ${request.url}` };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { kind: 'failure', reason: 'CONFIGURATION', message: `Unsupported URL protocol: ${target.protocol}` };
  }
  // Rule 1: the events of the idle connection are read before it is checked.
  await new Promise((resolve) => setImmediate(resolve));
  return exchange(request, target, connections.agentFor(target), startedAt);
}

function exchange(request, target, agent, startedAt) {
  return new Promise((resolve) => {
    let settled = false;
    let timer;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };

    const headers = {};
    for (const [name, value] of request.headers) headers[name] = value;
    if (request.body !== null) headers['Content-Length'] = String(request.body.byteLength);

    const transport = target.protocol === 'https:' ? https : http;
    const outgoing = transport.request(target, { method: request.method, headers, agent }, (incoming) => {
      const chunks = [];
      incoming.on('data', (chunk) => chunks.push(chunk));
      incoming.on('error', (error) => finish(connectionFailure(error)));
      incoming.on('end', () => {
        if (agent) connections.answered(outgoing.socket, incoming.headers['keep-alive']);
        finish({
          kind: 'response',
          statusCode: incoming.statusCode ?? 0,
          statusMessage: incoming.statusMessage ?? '',
          rawHeaders: incoming.rawHeaders,
          body: new Uint8Array(Buffer.concat(chunks)),
          elapsedMillis: Date.now() - startedAt,
        });
      });
    });
    outgoing.on('error', (error) => finish(connectionFailure(error)));
    if (agent) outgoing.on('socket', (socket) => connections.assigned(socket, target));

    // One budget for the whole exchange (connect, send, wait, read), like a call-level timeout.
    // Destroying the request destroys its connection: a timed-out connection is never reused.
    timer = setTimeout(() => {
      finish({
        kind: 'failure',
        reason: 'TIMEOUT',
        message: `Read timed out after ${request.timeoutMillis} ms (${request.method} ${request.url})`,
      });
      outgoing.destroy();
    }, request.timeoutMillis);

    // Headers and body leave in one write.
    outgoing.end(request.body ?? undefined);
  });
}

function connectionFailure(error) {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'failure',
    reason: 'CONNECTION',
    message: code && !message.includes(code) ? `${code}: ${message}` : message,
  };
}
