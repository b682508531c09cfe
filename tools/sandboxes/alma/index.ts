/**
 * Alma sandbox: `GET /v1/payments/{id}`, `POST …/captures`, `PUT|POST …/cancel`,
 * `POST …/refund` and `…/refunds`, `GET /v1/me/fee-plans`. Errors are `{ message, error_code? }`.
 */
import { cloneJson, isRecord, parseJson, randomId, setBounded } from '../core/json';
import type { ProviderSandbox, SandboxRequest, SandboxResponse } from '../core/types';
import { selectFeePlans } from './feePlans';
import {
  addRefund,
  ALMA_CANCELED_STATE,
  type AlmaPayment,
  firstInstalmentAmount,
  isPositiveInteger,
  markCaptured,
  paymentFromSeed,
  remainingRefundable,
  unixSeconds,
} from './model';

export const DEFAULT_ALMA_API_KEY = 'sk_test_payops_sandbox';
/** A cancel of an already cancelled payment: `error` (400, default) or `noop` (204 again). */
export type AlmaRepeatedCancel = 'error' | 'noop';
export const DEFAULT_ALMA_REPEATED_CANCEL: AlmaRepeatedCancel = 'error';
/** Status of a successful cancel; a third-party client expects 204 and the official ones ignore the body. */
export const ALMA_CANCEL_SUCCESS_STATUS = 204;
export const ALMA_MAX_PAYMENTS = 10_000;
export const ALMA_MAX_REFUNDS_PER_PAYMENT = 100;

export interface AlmaCredentials {
  apiKey: string;
}

export interface AlmaSandboxOptions {
  credentials?: Partial<AlmaCredentials>;
  repeatedCancel?: AlmaRepeatedCancel;
}

export interface AlmaSandbox extends ProviderSandbox {
  /** What the sandbox accepts, for the CLI banner and tests. */
  readonly credentials: { apiKey: string; authorization: string };
}

type AlmaRoute = 'get' | 'capture' | 'cancel' | 'refund' | 'feePlans';

const PAYMENT_PATH = /^\/v1\/payments\/([^/]+)(?:\/(captures|cancel|refund|refunds))?\/?$/;

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request entity too large',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

function almaError(status: number, message: string, errorCode?: string): SandboxResponse {
  return { status, json: errorCode === undefined ? { message } : { message, error_code: errorCode } };
}

export function createAlmaSandbox(options: AlmaSandboxOptions = {}): AlmaSandbox {
  const apiKey = options.credentials?.apiKey ?? DEFAULT_ALMA_API_KEY;
  const repeatedCancel = options.repeatedCancel ?? DEFAULT_ALMA_REPEATED_CANCEL;
  const payments = new Map<string, AlmaPayment>();

  const route = (req: SandboxRequest): AlmaRoute | undefined => {
    if (req.path === '/v1/me/fee-plans' || req.path === '/v1/me/fee-plans/') {
      return req.method === 'GET' ? 'feePlans' : undefined;
    }
    const match = PAYMENT_PATH.exec(req.path);
    if (!match) return undefined;
    switch (match[2]) {
      case undefined:
        return req.method === 'GET' ? 'get' : undefined;
      case 'captures':
        return req.method === 'POST' ? 'capture' : undefined;
      case 'cancel':
        return req.method === 'PUT' || req.method === 'POST' ? 'cancel' : undefined;
      default:
        return req.method === 'POST' ? 'refund' : undefined;
    }
  };

  const authenticate = (req: SandboxRequest): SandboxResponse | undefined => {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '')
      return almaError(401, 'Missing API key', 'authentication_required');
    const match = /^Alma-Auth\s+(\S+)$/i.exec(header.trim());
    if (!match || match[1] !== apiKey) return almaError(401, 'Invalid API key', 'invalid_api_key');
    return undefined;
  };

  const capture = (payment: AlmaPayment, body: Record<string, unknown>, now: Date): SandboxResponse => {
    if (payment.capture_method !== 'manual') {
      return almaError(400, 'Payment was not created with capture_method "manual"', 'capture_not_allowed');
    }
    if (payment.processing_status === 'canceled') return almaError(400, 'Payment is canceled', 'payment_canceled');
    if (payment.captures.length > 0) {
      return almaError(400, 'Payment has already been captured; multi-capture is not supported', 'already_captured');
    }
    const limit = firstInstalmentAmount(payment);
    const amount = body.amount === undefined ? limit : body.amount;
    if (!isPositiveInteger(amount))
      return almaError(400, 'amount must be a positive integer (cents)', 'invalid_amount');
    if (amount > limit) {
      return almaError(400, `amount ${amount} exceeds the capturable amount ${limit}`, 'invalid_amount');
    }
    const externalId = body.external_id;
    if (externalId !== undefined && externalId !== null && typeof externalId !== 'string') {
      return almaError(400, 'external_id must be a string', 'invalid_parameter');
    }
    const created = {
      id: randomId('capture_', 22),
      payment: payment.id,
      amount,
      external_id: externalId ?? null,
      created: unixSeconds(now),
    };
    markCaptured(payment, created);
    return { status: 200, json: { ...created } };
  };

  const cancel = (payment: AlmaPayment): SandboxResponse => {
    if (payment.processing_status === 'canceled') {
      return repeatedCancel === 'noop'
        ? { status: ALMA_CANCEL_SUCCESS_STATUS }
        : almaError(400, 'Payment is already canceled', 'payment_canceled');
    }
    if (payment.processing_status === 'captured') {
      return almaError(400, 'Payment has been captured and cannot be canceled; refund it instead', 'already_captured');
    }
    payment.state = ALMA_CANCELED_STATE;
    payment.processing_status = 'canceled';
    return { status: ALMA_CANCEL_SUCCESS_STATUS };
  };

  const refund = (payment: AlmaPayment, body: Record<string, unknown>, now: Date): SandboxResponse => {
    if (payment.processing_status === 'canceled') return almaError(400, 'Payment is canceled', 'payment_canceled');
    if (payment.processing_status !== 'captured') {
      return almaError(400, 'Payment has not been captured; cancel it instead', 'not_captured');
    }
    const remaining = remainingRefundable(payment);
    if (remaining <= 0) return almaError(400, 'Payment has already been fully refunded', 'already_refunded');
    if (payment.refunds.length >= ALMA_MAX_REFUNDS_PER_PAYMENT) {
      return almaError(400, 'Too many refunds on this payment', 'too_many_refunds');
    }
    const amount = body.amount === undefined ? remaining : body.amount;
    if (!isPositiveInteger(amount))
      return almaError(400, 'amount must be a positive integer (cents)', 'invalid_amount');
    if (amount > remaining) {
      return almaError(400, `amount ${amount} exceeds the refundable amount ${remaining}`, 'invalid_amount');
    }
    for (const key of ['merchant_reference', 'comment'] as const) {
      const value = body[key];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        return almaError(400, `${key} must be a string`, 'invalid_parameter');
      }
    }
    addRefund(payment, {
      id: randomId('refund_', 22),
      payment: payment.id,
      amount,
      merchant_reference: (body.merchant_reference as string | null | undefined) ?? null,
      comment: (body.comment as string | null | undefined) ?? null,
      from_payment_cancellation: false,
      created: unixSeconds(now),
    });
    return { status: 200, json: cloneJson(payment) };
  };

  const handle = (req: SandboxRequest, now: Date): SandboxResponse => {
    const name = route(req);
    if (name === undefined) return almaError(404, 'Not found');
    const denied = authenticate(req);
    if (denied) return denied;
    if (name === 'feePlans') return { status: 200, json: selectFeePlans(req.query) };

    const id = decodeURIComponent(PAYMENT_PATH.exec(req.path)?.[1] ?? '');
    const payment = payments.get(id);
    if (!payment) return almaError(404, `Payment ${id} not found`, 'not_found');
    if (name === 'get') return { status: 200, json: cloneJson(payment) };
    if (name === 'cancel') return cancel(payment);

    const parsed = parseJson(req.rawBody);
    const body = parsed.ok ? (parsed.value ?? {}) : undefined;
    if (!isRecord(body)) return almaError(400, 'The request body must be a JSON object', 'invalid_body');
    return name === 'capture' ? capture(payment, body, now) : refund(payment, body, now);
  };

  return {
    provider: 'alma',
    basePath: '',
    credentials: { apiKey, authorization: `Alma-Auth ${apiKey}` },
    route,
    handle,
    errorResponse: (status) => almaError(status, STATUS_MESSAGES[status] ?? `HTTP ${status}`),
    seed: (inputs, now) => {
      // Validate every payment before storing any, so that a bad seed changes nothing.
      const created = inputs.map((input) => paymentFromSeed(input, now));
      for (const payment of created) setBounded(payments, payment.id, payment, ALMA_MAX_PAYMENTS);
      return created.map((payment) => cloneJson(payment));
    },
    snapshot: () => ({ payments: [...payments.values()].map((payment) => cloneJson(payment)) }),
    reset: () => payments.clear(),
  };
}
