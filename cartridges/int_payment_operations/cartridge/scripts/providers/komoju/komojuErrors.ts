/**
 * KOMOJU's answers to a cancel or a refund, read in one place (providers.md §3.3, §3.4). The
 * error body is `{"error": {"code", "message", "param"}}`. The seed (004) fixes two outcomes:
 * `not_cancellable` and `not_refundable` are Rejected; any other error is Failed. Between them,
 * what may succeed later is retried with the same idempotency key, which KOMOJU replays.
 */
import { parseJson } from '../../core/providerCall';
import { cutText } from '../../core/text';

/** The codes by which KOMOJU refuses a cancel or a refund for the state of the payment. */
export const NOT_CANCELLABLE = 'not_cancellable';
export const NOT_REFUNDABLE = 'not_refundable';

/**
 * rejected: the payment's state refuses it (seed: Rejected). failed: the request is wrong or not
 * allowed; nothing happened and a person must look (seed: Failed). retry: nothing was applied, or
 * KOMOJU will replay what was (409: the same key still in flight; 429; 5xx, including 504, which
 * KOMOJU documents as "not processed"). keyRefused: the secret key was not accepted.
 */
export type KomojuErrorKind = 'rejected' | 'failed' | 'retry' | 'keyRefused';

export interface KomojuError {
  readonly kind: KomojuErrorKind;
  /** "HTTP 422 not_cancellable: This payment cannot be cancelled …". */
  readonly detail: string;
  readonly code: string | null;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; param?: unknown };
}

function codeAndMessage(text: string): { code: string | null; message: string | null } {
  const body = parseJson(text) as ErrorBody | null;
  const error = body && typeof body === 'object' ? body.error : undefined;
  if (!error || typeof error !== 'object') return { code: null, message: null };
  return {
    code: typeof error.code === 'string' ? error.code : null,
    message: typeof error.message === 'string' ? error.message : null,
  };
}

/** KOMOJU's error as text: "HTTP 422 not_refundable: This payment cannot be refunded …". */
export function komojuErrorText(status: number, text: string): string {
  const parsed = codeAndMessage(text);
  let detail = 'HTTP ' + status;
  if (parsed.code) detail += ' ' + parsed.code;
  // Without its final period: the text goes inside our own sentences.
  if (parsed.message) detail += ': ' + parsed.message.replace(/[.。]\s*$/, '');
  else if (!parsed.code && text) detail += ': ' + (text.length > 200 ? cutText(text, 201) : text);
  return detail;
}

/** Reads a non-2xx answer to `operation` ('cancel', 'refund', 'capture'). */
export function readKomojuError(operation: string, status: number, text: string): KomojuError {
  const code = codeAndMessage(text).code;
  const detail = komojuErrorText(status, text);
  const refusal = operation === 'cancel' ? NOT_CANCELLABLE : operation === 'refund' ? NOT_REFUNDABLE : null;
  let kind: KomojuErrorKind;
  if (refusal !== null && code === refusal) kind = 'rejected';
  else if (status === 401 || status === 403) kind = 'keyRefused';
  else if (status === 409 || status === 429 || status >= 500) kind = 'retry';
  else kind = 'failed';
  return { kind: kind, detail: detail, code: code };
}
