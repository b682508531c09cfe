import { type SandboxResponse } from '../core/types';

/** Codes of providers.md §3.3, with their HTTP statuses. */
export const KOMOJU_ERROR_CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  402: 'request_failed',
  403: 'forbidden',
  404: 'not_found',
  422: 'unprocessable_entity',
  500: 'internal_server_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** The official cartridge marks the order `Rejected` on these two codes and `Failed` on any other. */
export const NOT_CANCELLABLE = 'not_cancellable';
export const NOT_REFUNDABLE = 'not_refundable';
/** Sandbox choices (no published code): named after the two codes above. */
export const NOT_CAPTURABLE = 'not_capturable';
export const AMOUNT_EXCEEDS_CAPTURABLE = 'amount_exceeds_capturable';
export const AMOUNT_EXCEEDS_REFUNDABLE = 'amount_exceeds_refundable';
/** Sandbox choice for a key still in flight (HTTP 409 is documented, the code is not). */
export const IDEMPOTENCY_CONFLICT = 'conflict';
/** Sandbox choice for 429, which KOMOJU does not document. */
export const TOO_MANY_REQUESTS = 'too_many_requests';

const MESSAGES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'The request could not be understood.',
  401: 'Authentication failed: a valid secret key is required.',
  402: 'The request failed.',
  403: 'You are not allowed to perform this action.',
  404: 'The requested resource could not be found.',
  413: 'The request body is too large.',
  422: 'The request could not be processed.',
  429: 'Too many requests.',
  500: 'An internal error occurred. Please try again later.',
  502: 'The upstream payment processor returned an error.',
  503: 'KOMOJU is temporarily unavailable for maintenance.',
  504: 'The upstream payment processor timed out. The payment was not processed; please retry.',
};

export function komojuError(
  status: number,
  code: string,
  message: string,
  param: string | null = null,
): SandboxResponse {
  return { status, json: { error: { code, message, param } } };
}

/** KOMOJU's own body for an HTTP error status (used for injected faults and unmatched routes). */
export function komojuErrorForStatus(status: number): SandboxResponse {
  const code =
    KOMOJU_ERROR_CODES_BY_STATUS[status] ??
    (status === 429 ? TOO_MANY_REQUESTS : status < 500 ? 'bad_request' : 'internal_server_error');
  const message = MESSAGES_BY_STATUS[status] ?? MESSAGES_BY_STATUS[status < 500 ? 400 : 500];
  return komojuError(status, code, message);
}
