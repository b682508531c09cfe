/**
 * The sandbox HTTP framework: serves one ProviderSandbox on 127.0.0.1 with latency, fault
 * injection, a request journal and admin endpoints under `/__sandbox/`.
 *
 * Timeline of a provider request: read body → `arrive` (may answer at once; then no latency, no
 * fault and no `settle`) → latency (base + latency fault) → answer-fault decision → `handle`
 * (unless the fault skips it) → send / hold / drop → `settle` once the response closed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type AnswerFault, type Fault, FaultQueue, faultApplies, DEFAULT_TIMEOUT_HOLD_MS } from './faults';
import { Journal, type JournalEntry, maskBody, maskHeaders, DEFAULT_JOURNAL_LIMIT } from './journal';
import { cloneJson, expectsJson, parseJson } from './json';
import type { ProviderId, ProviderSandbox, SandboxRequest, SandboxResponse } from './types';
import { handleAdmin, ADMIN_PREFIX } from './admin';
import { hasHeader, sendResponse } from './respond';

/** The last stretch of a latency waited on the event loop rather than a timer (see sleepUntil). */
const PRECISE_WAIT_MS = 1.5;

export interface SandboxServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Added to every provider request before it is handled. */
  latencyMs?: number;
  /** Clock given to `handle` and `seed` (tests can freeze time). */
  now?: () => Date;
  journalLimit?: number;
  /** Request bodies above this size get the provider's 413 answer. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Where handler crashes are reported (they are answered with the provider's 500). Default stderr. */
  onError?: (error: unknown) => void;
}

export interface RunningSandbox {
  readonly provider: ProviderId;
  readonly port: number;
  /** `http://127.0.0.1:PORT`; admin endpoints live under `origin + '/__sandbox/'`. */
  readonly origin: string;
  /** `origin + provider.basePath`: the URL to put in the SFCC service credential. */
  readonly baseUrl: string;
  readonly sandbox: ProviderSandbox;
  journal(): JournalEntry[];
  clearJournal(): void;
  addFault(fault: Fault | readonly Fault[]): void;
  clearFaults(): void;
  /** Pending faults with their remaining `times`. */
  faults(): Fault[];
  seed(payments: unknown[]): unknown[];
  snapshot(): unknown;
  /** Provider state, journal and faults back to empty. */
  reset(): void;
  /** Stops listening, destroys every open socket (held responses included) and clears all timers. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const PROXY_ERROR_PAGE = (status: number): string =>
  `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head>\n` +
  `<body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n`;

export async function startSandbox(
  provider: ProviderSandbox,
  options: SandboxServerOptions = {},
): Promise<RunningSandbox> {
  const latencyMs = options.latencyMs ?? 0;
  const now = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const onError =
    options.onError ?? ((error: unknown) => process.stderr.write(`[sandbox ${provider.provider}] ${String(error)}\n`));
  const journal = new Journal(options.journalLimit ?? DEFAULT_JOURNAL_LIMIT);
  const faults = new FaultQueue();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const later = (ms: number, action: () => void): NodeJS.Timeout => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
    return timer;
  };
  const cancel = (timer: NodeJS.Timeout): void => {
    clearTimeout(timer);
    timers.delete(timer);
  };
  /**
   * Resolves at `due` (performance.now()), never before and as little after as the event loop
   * allows: a timer fires up to a millisecond late, so it is set short of `due` and the last
   * stretch is waited on the event loop's check phase (latency is what the sandbox emulates; a
   * late answer would be counted as the runtime's overhead). Never resolves once the sandbox is
   * closed: the request is abandoned with its socket.
   */
  const sleepUntil = (due: number): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (closed) return;
        const left = due - performance.now();
        if (left <= 0) resolve();
        else if (left > PRECISE_WAIT_MS) later(left - PRECISE_WAIT_MS, check);
        else setImmediate(check);
      };
      check();
    });

  const running: RunningSandbox = {
    provider: provider.provider,
    port: 0,
    origin: '',
    baseUrl: '',
    sandbox: provider,
    journal: () => journal.list(),
    clearJournal: () => journal.clear(),
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    seed: (payments) => provider.seed(payments, now()),
    snapshot: () => provider.snapshot(),
    reset: () => {
      provider.reset();
      journal.clear();
      faults.clear();
    },
    close: () => close(),
  };

  const handleProviderRequest = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const arrivedAt = performance.now();
    const body = await readBody(req, maxBodyBytes);
    const sandboxRequest: SandboxRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: lowerCaseHeaders(req),
      rawBody: body.text,
    };
    const route = provider.route(sandboxRequest);
    const entry = journal.open({
      time: now().toISOString(),
      route: route ?? null,
      method: sandboxRequest.method,
      path: sandboxRequest.path,
      query: Object.fromEntries(url.searchParams),
      headers: maskHeaders(sandboxRequest.headers),
      body: maskBody(body.text),
    });
    const answer = (response: SandboxResponse): void => {
      if (sendResponse(res, response)) entry.status = response.status;
    };
    if (route === undefined) return answer(provider.errorResponse(404));
    if (body.tooLarge) return answer(provider.errorResponse(413));
    const early = provider.arrive?.(sandboxRequest);
    if (early !== undefined) return answer(early);

    let settled = false;
    let waiting = true;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      provider.settle?.(sandboxRequest);
    };
    res.on('close', () => {
      if (!waiting) settle();
    });

    const faultLatency = faults.takeLatency(route);
    entry.delayMs = latencyMs + faultLatency;
    if (entry.delayMs > 0) await sleepUntil(arrivedAt + entry.delayMs);
    waiting = false;
    if (res.destroyed) {
      // The client left during the latency: a real server still processes the request.
      applyRequest(sandboxRequest, entry);
      return settle();
    }
    const fault = faults.takeAnswerFault(route);
    entry.fault = fault?.kind ?? (faultLatency > 0 ? 'latency' : null);
    const handled = fault === undefined || faultApplies(fault) ? applyRequest(sandboxRequest, entry) : undefined;
    if (fault === undefined) return answer(handled ?? provider.errorResponse(500));
    applyFault(fault, handled, req, res, answer);
  };

  const applyRequest = (request: SandboxRequest, entry: JournalEntry): SandboxResponse => {
    let response: SandboxResponse;
    if (expectsJson(request.headers['content-type']) && !parseJson(request.rawBody).ok) {
      response = provider.errorResponse(400);
    } else {
      try {
        response = provider.handle(request, now());
      } catch (error) {
        onError(error);
        response = provider.errorResponse(500);
      }
    }
    entry.applied = response.status < 400;
    return response;
  };

  const applyFault = (
    fault: AnswerFault,
    handled: SandboxResponse | undefined,
    req: IncomingMessage,
    res: ServerResponse,
    answer: (response: SandboxResponse) => void,
  ): void => {
    switch (fault.kind) {
      case 'status': {
        const response = provider.errorResponse(fault.status);
        if (fault.status === 429 && !hasHeader(response, 'retry-after')) {
          response.headers = { ...response.headers, 'Retry-After': String(fault.retryAfter ?? 1) };
        }
        return answer(response);
      }
      case 'timeout': {
        const timer = later(fault.ms ?? DEFAULT_TIMEOUT_HOLD_MS, () => req.socket.destroy());
        res.on('close', () => cancel(timer));
        return;
      }
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'malformed':
        return answer({
          status: 200,
          headers: { 'Content-Type': 'application/json' },
          text: truncatedJson(handled),
        });
      case 'nonJson': {
        const status = fault.status ?? 200;
        return answer({
          status,
          headers: { 'Content-Type': 'text/html; charset=utf-8' },
          text: PROXY_ERROR_PAGE(status >= 400 ? status : 502),
        });
      }
      case 'reply':
        // Exactly the chosen status and body, whatever `handle` answered (when apply: true).
        return answer({ status: fault.status, json: cloneJson(fault.json) });
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const work = url.pathname.startsWith(ADMIN_PREFIX)
      ? readBody(req, maxBodyBytes).then((body) => handleAdmin(running, req.method ?? 'GET', url, body.text, res))
      : handleProviderRequest(req, res, url);
    work.catch((error: unknown) => {
      onError(error);
      if (!res.headersSent && !res.destroyed) sendResponse(res, provider.errorResponse(500));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const close = (): Promise<void> => {
    if (closed) return Promise.resolve();
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    return stopped;
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The sandbox server has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  return Object.assign(running, { port: address.port, origin, baseUrl: origin + provider.basePath });
}

interface RequestBody {
  text: string;
  tooLarge: boolean;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<RequestBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), tooLarge }));
    req.on('error', reject);
  });
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The start of the answer the client would have got, cut so that no JSON parser accepts it. */
function truncatedJson(handled: SandboxResponse | undefined): string {
  const full = handled?.json !== undefined ? JSON.stringify(handled.json) : (handled?.text ?? '');
  if (full.length < 2) return '{"';
  return full.slice(0, Math.max(1, Math.floor(full.length / 2)));
}
