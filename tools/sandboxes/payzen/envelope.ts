import { type SandboxResponse } from '../core/types';
import { randomHexId } from '../shared/ids';
import { type PayzenFailure } from './errors';

/** Version shown by the pay-on-shipment page (seed 003). */
export const PAYZEN_APPLICATION_VERSION = '6.12.0';

export type PayzenOutcome = { ok: true; answer: Record<string, unknown> } | { ok: false; failure: PayzenFailure };

/** Lyra writes dates as `2025-03-01T10:00:00+00:00`. */
export function lyraDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/**
 * Every answer, success or error, is this envelope. Errors go out with HTTP 200 by default: the
 * official modules only read `status`, which is the authoritative field.
 */
export function payzenEnvelope(
  webService: string | null,
  outcome: PayzenOutcome,
  now: Date,
  httpStatus = 200,
): SandboxResponse {
  const answer = outcome.ok ? outcome.answer : { ...outcome.failure, _type: 'V4/WebService/WebServiceError' };
  return {
    status: httpStatus,
    json: {
      webService,
      version: 'V4',
      applicationVersion: PAYZEN_APPLICATION_VERSION,
      status: outcome.ok ? 'SUCCESS' : 'ERROR',
      answer,
      ticket: randomHexId(32),
      serverDateTime: lyraDate(now),
      applicationProvider: 'PAYZEN',
      metadata: null,
      mode: 'TEST',
      _type: 'V4/WebService/Response',
    },
  };
}
