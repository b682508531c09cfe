/**
 * What one synchronous service call costs the runtime's thread: N sequential calls through
 * `performHttpExchange` (the path every `svc.call()` of the local runtime takes) against a
 * loopback server that answers after `latencyMs`, timed on the calling thread.
 *
 *   npx tsx tools/bench/callCost.ts [--calls 1000] [--latency 0,50]
 *
 * The server runs in a worker thread (the call blocks this one) and answers a POST the way the
 * Alma sandbox answers a capture: body read, then the latency (a timer), then a small JSON
 * answer. It counts the TCP connections it accepted and the time each request spent there, so
 * that `overheadMs` (call time minus server time) is what the transport costs on top.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { performHttpExchange, type HttpExchangeRequest } from '../runtime/dw/svc/httpExchange';
import { nextMessage } from '../workerMessages';

export interface CallCostOptions {
  /** Measured calls. */
  calls: number;
  /** The server answers this long after it read the request. */
  latencyMs: number;
  /** Calls made first and not measured (worker start, first connection). Default 20. */
  warmupCalls?: number;
}

export interface CallCost {
  calls: number;
  latencyMs: number;
  /** Wall time of one call on the calling thread, in ms. */
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Mean time from the server having read the request to its answer being written (latency included). */
  serverMs: number;
  /** meanMs − serverMs: what the transport (worker, messages, TCP) adds to each call. */
  overheadMs: number;
  /** TCP connections the server accepted during the measured calls (0: all reused a warm one). */
  connectionsOpened: number;
}

// Plain JavaScript: worker threads start without the tsx loader.
const SERVER_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
let connections = 0;
let serverMs = 0;
let requests = 0;
const answer = JSON.stringify({
  id: 'capture_' + 'x'.repeat(24),
  amount: 12345,
  payment_id: 'payment_' + 'y'.repeat(24),
  created: 1700000000,
  status: 'captured',
  custom_data: { order: '00012345', site: 'RefArch' },
});
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const readAt = performance.now();
    const respond = () => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(answer)) });
      res.end(answer);
      serverMs += performance.now() - readAt;
      requests += 1;
    };
    if (workerData.latencyMs > 0) setTimeout(respond, workerData.latencyMs);
    else respond();
  });
});
server.on('connection', () => (connections += 1));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
parentPort.on('message', (message) => {
  if (message === 'reset') { connections = 0; serverMs = 0; requests = 0; }
  if (message === 'stats') parentPort.postMessage({ type: 'stats', connections, serverMs, requests });
});
`;

interface ServerMessage {
  type: string;
  port?: number;
  connections?: number;
  serverMs?: number;
  requests?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

export async function measureCallCost(options: CallCostOptions): Promise<CallCost> {
  const { calls, latencyMs } = options;
  const warmupCalls = options.warmupCalls ?? 20;
  const server = new Worker(SERVER_SOURCE, { eval: true, workerData: { latencyMs } });
  try {
    const { port } = await nextMessage<ServerMessage>(server, 'listening');
    const request: HttpExchangeRequest = {
      method: 'POST',
      url: `http://127.0.0.1:${port}/v1/payments/payment_11xr/captures`,
      headers: [
        ['Content-Type', 'application/json'],
        ['Authorization', 'Alma-Auth sk_test_bench'],
      ],
      body: new Uint8Array(Buffer.from(JSON.stringify({ amount: 12345, idempotency_key: 'order-00012345-capture' }))),
      timeoutMillis: 10_000,
    };
    const call = (): number => {
      const startedAt = performance.now();
      const outcome = performHttpExchange(request);
      const elapsed = performance.now() - startedAt;
      if (outcome.kind !== 'response' || outcome.statusCode !== 200) {
        throw new Error(`Call failed: ${outcome.kind === 'failure' ? outcome.message : outcome.statusCode}`);
      }
      return elapsed;
    };

    for (let i = 0; i < warmupCalls; i += 1) call();
    server.postMessage('reset');
    // The server's thread handles the reset while this one waits here (not in a call). The pause
    // also ends the worker's wait before it first reuses a connection to a new server (20 ms),
    // as the first calls of a run do: what follows is a run's steady state.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const times: number[] = [];
    for (let i = 0; i < calls; i += 1) times.push(call());
    server.postMessage('stats');
    const stats = await nextMessage<ServerMessage>(server, 'stats');

    const sorted = [...times].sort((a, b) => a - b);
    const meanMs = times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length);
    const serverMs = (stats.serverMs ?? 0) / Math.max(1, stats.requests ?? 0);
    return {
      calls,
      latencyMs,
      meanMs: round(meanMs),
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
      maxMs: round(sorted[sorted.length - 1] ?? 0),
      serverMs: round(serverMs),
      overheadMs: round(meanMs - serverMs),
      connectionsOpened: stats.connections ?? 0,
    };
  } finally {
    await server.terminate();
  }
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  const calls = Number(argument('--calls', '1000'));
  const latencies = argument('--latency', '0,50')
    .split(',')
    .map((value) => Number(value));
  for (const latencyMs of latencies) {
    // Fewer calls when each waits: 200 × 50 ms is 10 s.
    const count = latencyMs > 0 ? Math.min(calls, 200) : calls;
    console.log(JSON.stringify(await measureCallCost({ calls: count, latencyMs })));
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
