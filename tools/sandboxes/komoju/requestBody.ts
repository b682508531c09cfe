import { type SandboxRequest, type SandboxResponse } from '../core/types';
import { parseJsonObject, type JsonObject } from '../shared/json';
import { komojuError } from './errors';

export type BodyReading = { ok: true; body: JsonObject } | { ok: false; response: SandboxResponse };
export type AmountReading = { ok: true; amount: number | undefined } | { ok: false; response: SandboxResponse };

/** KOMOJU takes JSON or form-encoded bodies (curl and the WooCommerce client send forms). */
export function readKomojuBody(req: SandboxRequest): BodyReading {
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { ok: true, body: Object.fromEntries(new URLSearchParams(req.rawBody)) };
  }
  const body = parseJsonObject(req.rawBody);
  if (!body) return { ok: false, response: komojuError(400, 'bad_request', 'The request body is not valid JSON.') };
  return { ok: true, body };
}

/** Optional positive integer in the smallest currency unit; forms carry it as a digit string. */
export function readOptionalAmount(body: JsonObject): AmountReading {
  const raw = body.amount;
  if (raw === undefined || raw === null) return { ok: true, amount: undefined };
  const amount = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) {
    const message = 'amount must be a positive integer in the smallest currency unit.';
    return { ok: false, response: komojuError(422, 'unprocessable_entity', message, 'amount') };
  }
  return { ok: true, amount };
}
