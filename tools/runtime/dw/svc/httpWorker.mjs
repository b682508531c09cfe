// Worker thread behind httpExchange.ts: performs one HTTP exchange per message so that the main
// thread can wait for it synchronously (synckit). Plain JavaScript because worker threads start
// without the tsx loader.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { runAsWorker } from 'synckit';

runAsWorker(performExchange);

/**
 * @param {{ method: string, url: string, headers: [string, string][], body: Uint8Array | null, timeoutMillis: number }} request
 */
function performExchange(request) {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    let settled = false;
    let timer;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };

    let target;
    try {
      target = new URL(request.url);
    } catch {
      finish({ kind: 'failure', reason: 'CONFIGURATION', message: `Invalid URL: ${request.url}` });
      return;
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      finish({ kind: 'failure', reason: 'CONFIGURATION', message: `Unsupported URL protocol: ${target.protocol}` });
      return;
    }

    const headers = {};
    for (const [name, value] of request.headers) headers[name] = value;
    if (request.body !== null) headers['Content-Length'] = String(request.body.byteLength);

    const transport = target.protocol === 'https:' ? https : http;
    // agent: false opens one connection per call, so no pooled socket outlives the run.
    const outgoing = transport.request(target, { method: request.method, headers, agent: false }, (incoming) => {
      const chunks = [];
      incoming.on('data', (chunk) => chunks.push(chunk));
      incoming.on('error', (error) => finish(connectionFailure(error)));
      incoming.on('end', () =>
        finish({
          kind: 'response',
          statusCode: incoming.statusCode ?? 0,
          statusMessage: incoming.statusMessage ?? '',
          rawHeaders: incoming.rawHeaders,
          body: new Uint8Array(Buffer.concat(chunks)),
          elapsedMillis: Date.now() - startedAt,
        }),
      );
    });
    outgoing.on('error', (error) => finish(connectionFailure(error)));

    // One budget for the whole exchange (connect, send, wait, read), like a call-level timeout.
    timer = setTimeout(() => {
      finish({
        kind: 'failure',
        reason: 'TIMEOUT',
        message: `Read timed out after ${request.timeoutMillis} ms (${request.method} ${request.url})`,
      });
      outgoing.destroy();
    }, request.timeoutMillis);

    if (request.body !== null) outgoing.write(request.body);
    outgoing.end();
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
