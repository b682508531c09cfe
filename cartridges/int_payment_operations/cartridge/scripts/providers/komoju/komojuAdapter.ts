/**
 * The KOMOJU adapter of the operations engine: capture, cancel and refund of a KOMOJU payment
 * (providers.md §3), each POST carrying the operation's idempotency key in
 * `X-KOMOJU-IDEMPOTENCY`, so that a resend within the key's 24 hours is answered with the first
 * answer instead of moving money twice. Authentication is HTTP Basic with the secret key (the
 * credential's password) as user name and an empty password: `Basic base64("<key>:")`.
 */
import type {
  Classification,
  Operation,
  OperationType,
  ProviderAdapter,
  ProviderAnswer,
  ProviderRequest,
  Truth,
} from '../../core/operation';
import { parseJson } from '../../core/providerCall';
import { findProvider } from '../../core/providers';
import { basicAuthorization } from '../../core/serviceSupport';
import { message } from '../../core/messages';
import { komojuErrorText, readKomojuError } from './komojuErrors';
import { readableAnswer, refundTruth } from '../../core/truthReading';

const SERVICE_ID = (findProvider('komoju') as { serviceId: string }).serviceId;

export const IDEMPOTENCY_HEADER = 'X-KOMOJU-IDEMPOTENCY';
/** KOMOJU keeps a key's first answer for 24 hours (providers.md §3.4). */
export const IDEMPOTENCY_WINDOW_MILLIS = 24 * 60 * 60 * 1000;
/** KOMOJU accepts keys of 1 to 100 ASCII characters. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;

/** The KOMOJU Payment fields the adapter reads. */
export interface KomojuPayment {
  id?: string;
  status?: string;
  /** Before tax; once captured, the captured amount. */
  amount?: number;
  captured_at?: string | null;
  total?: number;
  amount_refunded?: number;
  refunds?: Array<{ id?: string; amount?: number; description?: string | null }>;
}

export function paymentPath(paymentId: string): string {
  return '/payments/' + encodeURIComponent(paymentId);
}

/** One capture per payment (whether KOMOJU allows several partial captures is open: providers.md §8.5). */
function supports(type: OperationType): boolean {
  return type === 'capture' || type === 'cancel' || type === 'refund';
}

function buildRequest(operation: Operation): ProviderRequest {
  const key = operation.idempotencyKey;
  if (!key || key.length > IDEMPOTENCY_KEY_MAX_LENGTH || !/^[\x20-\x7e]+$/.test(key)) {
    throw new Error(
      'The idempotency key "' + key + '" is not 1 to ' + IDEMPOTENCY_KEY_MAX_LENGTH + ' ASCII characters (KOMOJU)',
    );
  }
  const headers: { [name: string]: string } = {};
  headers[IDEMPOTENCY_HEADER] = key;
  const path = paymentPath(operation.paymentReference);
  switch (operation.type) {
    case 'capture': {
      const body: { amount?: number } = {};
      if (operation.amountMinor !== null) body.amount = operation.amountMinor;
      return { method: 'POST', path: path + '/capture', body: body, headers: headers };
    }
    case 'cancel':
      return { method: 'POST', path: path + '/cancel', body: null, headers: headers };
    case 'refund': {
      // The description carries our reference, so that a read of the payment finds this refund.
      const body: { amount?: number; description: string } = { description: operation.merchantReference };
      if (operation.amountMinor !== null) body.amount = operation.amountMinor;
      return { method: 'POST', path: path + '/refund', body: body, headers: headers };
    }
    default:
      throw new Error('KOMOJU does not support ' + operation.type + ' operations in this version');
  }
}

function refundOf(payment: KomojuPayment, reference: string): { id: string | null; amountMinor: number | null } | null {
  const refunds = payment.refunds instanceof Array ? payment.refunds : [];
  for (let i = refunds.length - 1; i >= 0; i--) {
    if (refunds[i] && refunds[i].description === reference) {
      const amount = refunds[i].amount;
      return {
        id: refunds[i].id ? String(refunds[i].id) : null,
        amountMinor: typeof amount === 'number' ? amount : null,
      };
    }
  }
  return null;
}

/**
 * What a captured payment settles, when the payment shows it captured; else null: its total (tax
 * and fee included), since refunds are tax-inclusive and may take back all of it. `amount`
 * alone leaves the tax out.
 */
function capturedOf(payment: KomojuPayment): { amountMinor: number; settledMinor: number } | null {
  if (!payment.captured_at || (payment.status !== 'captured' && payment.status !== 'refunded')) return null;
  if (typeof payment.amount !== 'number') return null;
  const settled = typeof payment.total === 'number' ? payment.total : payment.amount;
  return { amountMinor: payment.amount, settledMinor: settled };
}

/** What is still captured and not refunded at KOMOJU (its total includes tax and fee). */
function remainingOf(payment: KomojuPayment): number | null {
  if (typeof payment.total !== 'number' || typeof payment.amount_refunded !== 'number') return null;
  if (payment.status === 'refunded') return 0;
  return payment.total - payment.amount_refunded;
}

function asPayment(text: string): KomojuPayment | null {
  const body = parseJson(text) as KomojuPayment | null;
  return body && typeof body === 'object' && typeof body.status === 'string' ? body : null;
}

function classifyFailure(operation: Operation, answer: ProviderAnswer): Classification {
  if (answer.kind !== 'answered') {
    // A request that may have reached KOMOJU is sent again with the same key: KOMOJU replays.
    return answer.kind === 'notSent'
      ? { outcome: 'transient', detail: message('detail.notSent', answer.reason) }
      : { outcome: 'transient', detail: message('detail.noAnswer', 'KOMOJU', answer.reason) };
  }
  const error = readKomojuError(operation.type, answer.status, answer.text);
  switch (error.kind) {
    case 'rejected':
      return { outcome: 'rejected', detail: error.detail };
    case 'keyRefused':
      return { outcome: 'blocked', detail: message('detail.keyRefused', error.detail, 'KOMOJU', SERVICE_ID) };
    case 'retry':
      return { outcome: 'transient', detail: error.detail };
    default:
      return { outcome: 'failed', detail: error.detail };
  }
}

function classify(operation: Operation, answer: ProviderAnswer): Classification {
  if (answer.kind !== 'answered' || answer.status < 200 || answer.status >= 300)
    return classifyFailure(operation, answer);
  const status = 'HTTP ' + answer.status;
  const payment = asPayment(answer.text);
  if (operation.type === 'cancel') {
    return { outcome: 'success', providerReference: null, amountMinor: null, detail: status };
  }
  if (operation.type === 'capture') {
    const captured = payment ? capturedOf(payment) : null;
    if (captured === null) return { outcome: 'unknown', detail: message('detail.unreadableCapture', status) };
    return {
      outcome: 'success',
      providerReference: null,
      amountMinor: captured.amountMinor,
      settledMinor: captured.settledMinor,
      detail: status,
    };
  }
  const refund = payment ? refundOf(payment, operation.merchantReference) : null;
  if (!payment || !refund) return { outcome: 'unknown', detail: message('detail.refundMissing', status) };
  return {
    outcome: 'success',
    providerReference: refund.id,
    amountMinor: refund.amountMinor,
    remainingMinor: remainingOf(payment),
    detail: status,
  };
}

function interpretTruth(operation: Operation, answer: ProviderAnswer): Truth {
  const readable = readableAnswer(answer, komojuErrorText, SERVICE_ID);
  if ('truth' in readable) return readable.truth;
  const payment = asPayment(readable.text);
  if (!payment) return { applied: null, detail: message('truth.unreadablePayment') };
  if (operation.type === 'capture') {
    const captured = capturedOf(payment);
    return captured !== null
      ? {
          applied: true,
          providerReference: null,
          amountMinor: captured.amountMinor,
          settledMinor: captured.settledMinor,
          detail: 'captured',
        }
      : { applied: false, detail: 'status ' + payment.status };
  }
  if (operation.type === 'cancel') {
    return payment.status === 'cancelled'
      ? { applied: true, providerReference: null, amountMinor: null, detail: 'cancelled' }
      : { applied: false, detail: 'status ' + payment.status };
  }
  const refund = refundOf(payment, operation.merchantReference);
  return refundTruth(operation, refund, payment.refunds instanceof Array, remainingOf(payment), 'KOMOJU');
}

export const komojuAdapter: ProviderAdapter = {
  provider: 'komoju',
  label: 'KOMOJU',
  serviceId: SERVICE_ID,
  supportsPartialCaptures: false,
  supportsIdempotency: true,
  idempotencyWindowMillis: IDEMPOTENCY_WINDOW_MILLIS,
  supports: supports,
  authenticate: function (svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): void {
    svc.setAuthentication('NONE');
    svc.addHeader('Authorization', basicAuthorization(String(credential.password || ''), ''));
  },
  buildRequest: buildRequest,
  classify: classify,
  buildTruthRequest: function (operation: Operation): ProviderRequest {
    return { method: 'GET', path: paymentPath(operation.paymentReference), body: null };
  },
  interpretTruth: interpretTruth,
};
