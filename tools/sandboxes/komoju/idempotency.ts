import { type SandboxRequest, type SandboxResponse } from '../core/types';
import { IDEMPOTENCY_CONFLICT, komojuError } from './errors';

export const IDEMPOTENCY_HEADER = 'x-komoju-idempotency';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type IdempotencyKeyReading =
  { kind: 'absent' } | { kind: 'invalid'; response: SandboxResponse } | { kind: 'valid'; key: string };

/** What `handle` must do with a POST: answer at once, or run it and record the answer. */
export type IdempotencyDecision =
  { kind: 'answer'; response: SandboxResponse } | { kind: 'run'; record: (response: SandboxResponse) => void };

interface CompletedRequest {
  fingerprint: string;
  response: SandboxResponse;
  firstUsedAt: number;
}

export function readIdempotencyKey(req: SandboxRequest): IdempotencyKeyReading {
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (req.method !== 'POST' || key === undefined) return { kind: 'absent' };
  // Visible ASCII only: a header value cannot carry control characters anyway.
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH || !/^[\x20-\x7e]+$/.test(key)) {
    const message = `X-KOMOJU-IDEMPOTENCY must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} ASCII characters.`;
    return { kind: 'invalid', response: komojuError(400, 'bad_request', message, 'X-KOMOJU-IDEMPOTENCY') };
  }
  return { kind: 'valid', key };
}

function fingerprintOf(req: SandboxRequest): string {
  return `${req.method} ${req.path}\n${req.rawBody}`;
}

function clone(response: SandboxResponse): SandboxResponse {
  return structuredClone(response);
}

/**
 * `X-KOMOJU-IDEMPOTENCY` (providers.md §3.4): a completed request replays its first answer for
 * the key's lifetime; a retry while the first is still running gets 409. "Running" spans from
 * `arrive` to `settle`, which is what the framework's latency and dropped connections need.
 */
export class KomojuIdempotency {
  private readonly completed = new Map<string, CompletedRequest>();
  private readonly inFlight = new Map<string, SandboxRequest>();

  constructor(private readonly ttlMs: number) {}

  reset(): void {
    this.completed.clear();
    this.inFlight.clear();
  }

  arrive(req: SandboxRequest): SandboxResponse | undefined {
    const reading = readIdempotencyKey(req);
    if (reading.kind !== 'valid') return undefined;
    const owner = this.inFlight.get(reading.key);
    if (owner && owner !== req) return this.conflict();
    this.inFlight.set(reading.key, req);
    return undefined;
  }

  settle(req: SandboxRequest): void {
    const reading = readIdempotencyKey(req);
    if (reading.kind === 'valid' && this.inFlight.get(reading.key) === req) this.inFlight.delete(reading.key);
  }

  decide(req: SandboxRequest, key: string, now: Date): IdempotencyDecision {
    const owner = this.inFlight.get(key);
    if (owner && owner !== req) return { kind: 'answer', response: this.conflict() };
    const previous = this.completed.get(key);
    if (previous && now.getTime() - previous.firstUsedAt >= this.ttlMs) this.completed.delete(key);
    const fresh = this.completed.get(key);
    const fingerprint = fingerprintOf(req);
    if (fresh && fresh.fingerprint === fingerprint) return { kind: 'answer', response: clone(fresh.response) };
    if (fresh) {
      const message = 'This idempotency key was already used with a different request.';
      return { kind: 'answer', response: komojuError(422, 'unprocessable_entity', message, 'X-KOMOJU-IDEMPOTENCY') };
    }
    return {
      kind: 'run',
      record: (response) => {
        this.completed.set(key, { fingerprint, response: clone(response), firstUsedAt: now.getTime() });
      },
    };
  }

  snapshot(): Record<string, unknown> {
    return {
      keys: [...this.completed.entries()].map(([key, entry]) => ({
        key,
        firstUsedAt: new Date(entry.firstUsedAt).toISOString(),
        status: entry.response.status,
      })),
      inFlight: [...this.inFlight.keys()],
    };
  }

  private conflict(): SandboxResponse {
    const message = 'A request with this idempotency key is still being processed. Retry later.';
    return komojuError(409, IDEMPOTENCY_CONFLICT, message, 'X-KOMOJU-IDEMPOTENCY');
  }
}
