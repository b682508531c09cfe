/**
 * Synchronous HTTP for the emulated services framework: the cartridge's ES5 code expects
 * `svc.call()` to return the finished exchange, so the main thread waits (synckit, Atomics.wait)
 * while a worker thread runs the request with node:http/node:https.
 */
import path from 'node:path';
import { createSyncFn } from 'synckit';

export interface HttpExchangeRequest {
  method: string;
  url: string;
  headers: [string, string][];
  /** Already encoded with the service's encoding; null sends no body. */
  body: Uint8Array | null;
  /** Budget for the whole exchange: connect, send, wait for and read the response. */
  timeoutMillis: number;
}

export interface HttpExchangeResponse {
  kind: 'response';
  statusCode: number;
  statusMessage: string;
  /** Node's rawHeaders: name, value, name, value… with the server's spelling. */
  rawHeaders: string[];
  body: Uint8Array;
  elapsedMillis: number;
}

export interface HttpExchangeFailure {
  kind: 'failure';
  /** CONFIGURATION: no request could be made (bad URL); CONNECTION: refused, reset, DNS… */
  reason: 'TIMEOUT' | 'CONNECTION' | 'CONFIGURATION';
  message: string;
}

export type HttpExchangeOutcome = HttpExchangeResponse | HttpExchangeFailure;

type AsyncExchange = (request: HttpExchangeRequest) => Promise<HttpExchangeOutcome>;

const WORKER_PATH = path.join(__dirname, 'httpWorker.mjs');

let exchangeSynchronously: ((request: HttpExchangeRequest) => HttpExchangeOutcome) | undefined;

/**
 * Starts the HTTP worker if it is not running yet. Booting it takes 100–200 ms; a job run calls
 * this when it starts, so the boot overlaps the job's first steps instead of delaying its first
 * call. The worker is unref'd by synckit: a finished run exits without closing anything.
 */
export function startHttpWorker(): (request: HttpExchangeRequest) => HttpExchangeOutcome {
  exchangeSynchronously ??= createSyncFn<AsyncExchange>(WORKER_PATH);
  return exchangeSynchronously;
}

/** Blocks until the worker reports the response or the failure; the worker enforces the timeout. */
export function performHttpExchange(request: HttpExchangeRequest): HttpExchangeOutcome {
  return startHttpWorker()(request);
}
