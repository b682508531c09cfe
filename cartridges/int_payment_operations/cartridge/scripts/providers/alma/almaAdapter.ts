/**
 * The Alma adapter of the operations engine: Alma's capture, cancel and refund calls, how each
 * answer is classified, and how a payment read tells whether an operation was applied. Alma
 * authenticates with `Authorization: Alma-Auth <API key>`, the key being the password of the
 * service credential; the service's own Basic authentication is turned off.
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
import { message } from '../../core/messages';
import { cutText } from '../../core/text';
import { readableAnswer, refundTruth } from '../../core/truthReading';
import {
  CANCEL_METHOD,
  CANCEL_PATH_SUFFIX,
  CAPTURE_PATH_SUFFIX,
  RATE_LIMITED_STATUS,
  REFUND_PATH_SUFFIX,
  captureFromAnswer,
  captureFromPayment,
  isCancelled,
  remainingRefundable,
  settledAmount,
  showsCaptureState,
  refundFromAnswer,
  refundFromPayment,
  type AlmaPayment,
} from './openQuestions';

const SERVICE_ID = (findProvider('alma') as { serviceId: string }).serviceId;

export function paymentPath(paymentId: string): string {
  return '/v1/payments/' + encodeURIComponent(paymentId);
}

/** Alma's error text: "HTTP 400 already_captured: Payment has already been captured". */
export function almaError(status: number, text: string): string {
  const body = parseJson(text) as { message?: unknown; error_code?: unknown } | null;
  let detail = 'HTTP ' + status;
  if (body && typeof body === 'object') {
    if (typeof body.error_code === 'string') detail += ' ' + body.error_code;
    if (typeof body.message === 'string') detail += ': ' + body.message;
  } else if (text) {
    detail += ': ' + (text.length > 200 ? cutText(text, 201) : text);
  }
  return detail;
}

function supports(type: OperationType): boolean {
  // Alma has no multi-capture, so no capture per shipment.
  return type === 'capture' || type === 'cancel' || type === 'refund';
}

function buildRequest(operation: Operation): ProviderRequest {
  const path = paymentPath(operation.paymentReference);
  switch (operation.type) {
    case 'capture': {
      const body: { external_id: string; amount?: number } = { external_id: operation.paymentReference };
      if (operation.amountMinor !== null) body.amount = operation.amountMinor;
      return { method: 'POST', path: path + CAPTURE_PATH_SUFFIX, body: body };
    }
    case 'cancel':
      return { method: CANCEL_METHOD, path: path + CANCEL_PATH_SUFFIX, body: null };
    case 'refund': {
      const body: { merchant_reference: string; amount?: number } = { merchant_reference: operation.merchantReference };
      if (operation.amountMinor !== null) body.amount = operation.amountMinor;
      return { method: 'POST', path: path + REFUND_PATH_SUFFIX, body: body };
    }
    default:
      throw new Error('Alma does not support ' + operation.type + ' operations');
  }
}

/** The reading of an answer that did not succeed, shared by every operation type. */
function classifyFailure(operation: Operation, answer: ProviderAnswer): Classification {
  if (answer.kind !== 'answered') {
    return answer.kind === 'notSent'
      ? { outcome: 'transient', detail: message('detail.notSent', answer.reason) }
      : { outcome: 'unknown', detail: message('detail.noAnswer', 'Alma', answer.reason) };
  }
  const detail = almaError(answer.status, answer.text);
  if (answer.status === RATE_LIMITED_STATUS)
    return { outcome: 'transient', detail: message('detail.rateLimited', detail) };
  // "Already captured" says the payment is captured, maybe by us: read it rather than fail.
  if (operation.type === 'capture' && /\balready_captured\b/.test(answer.text))
    return { outcome: 'unknown', detail: detail };
  if (answer.status >= 500) return { outcome: 'unknown', detail: detail };
  if (answer.status === 401 || answer.status === 403) {
    return { outcome: 'blocked', detail: message('detail.keyRefused', detail, 'Alma', SERVICE_ID) };
  }
  return { outcome: 'rejected', detail: detail };
}

function classify(operation: Operation, answer: ProviderAnswer): Classification {
  if (answer.kind !== 'answered' || answer.status < 200 || answer.status >= 300)
    return classifyFailure(operation, answer);
  const status = 'HTTP ' + answer.status;
  switch (operation.type) {
    case 'capture': {
      const capture = captureFromAnswer(parseJson(answer.text));
      if (!capture) return { outcome: 'unknown', detail: message('detail.unreadableCapture', status) };
      return { outcome: 'success', providerReference: capture.id, amountMinor: capture.amountMinor, detail: status };
    }
    case 'cancel':
      return { outcome: 'success', providerReference: null, amountMinor: null, detail: status };
    default: {
      const body = parseJson(answer.text);
      const refund = refundFromAnswer(body, operation.merchantReference);
      if (!refund) return { outcome: 'unknown', detail: message('detail.refundMissing', status) };
      // Alma answers a refund with the payment: what is left to refund comes with it.
      const remaining = isPayment(body) ? remainingRefundable(body) : null;
      return {
        outcome: 'success',
        providerReference: refund.id,
        amountMinor: refund.amountMinor,
        remainingMinor: remaining,
        detail: status,
      };
    }
  }
}

function isPayment(body: unknown): body is AlmaPayment {
  return !!body && typeof body === 'object' && (body as AlmaPayment).refunds instanceof Array;
}

function interpretTruth(operation: Operation, answer: ProviderAnswer): Truth {
  const readable = readableAnswer(answer, almaError, SERVICE_ID);
  if ('truth' in readable) return readable.truth;
  const payment = parseJson(readable.text) as AlmaPayment | null;
  if (!payment || typeof payment !== 'object') return { applied: null, detail: message('truth.unreadablePayment') };
  switch (operation.type) {
    case 'capture': {
      const capture = captureFromPayment(payment);
      if (capture) {
        return {
          applied: true,
          providerReference: capture.id,
          amountMinor: capture.amountMinor,
          settledMinor: settledAmount(payment),
          detail: 'captured',
        };
      }
      return showsCaptureState(payment)
        ? { applied: false, detail: 'not captured' }
        : { applied: null, detail: message('truth.noCaptureFields') };
    }
    case 'cancel':
      if (isCancelled(payment))
        return { applied: true, providerReference: null, amountMinor: null, detail: 'cancelled' };
      return payment.state !== undefined || payment.processing_status !== undefined
        ? { applied: false, detail: 'not cancelled' }
        : { applied: null, detail: message('truth.noState') };
    default: {
      const refund = refundFromPayment(payment, operation.merchantReference);
      return refundTruth(operation, refund, payment.refunds instanceof Array, remainingRefundable(payment), 'Alma');
    }
  }
}

export const almaAdapter: ProviderAdapter = {
  provider: 'alma',
  label: 'Alma',
  serviceId: SERVICE_ID,
  supportsPartialCaptures: false,
  supportsIdempotency: false,
  supports: supports,
  authenticate: function (svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): void {
    svc.setAuthentication('NONE');
    svc.addHeader('Authorization', 'Alma-Auth ' + credential.password);
  },
  buildRequest: buildRequest,
  classify: classify,
  buildTruthRequest: function (operation: Operation): ProviderRequest {
    return { method: 'GET', path: paymentPath(operation.paymentReference), body: null };
  },
  interpretTruth: interpretTruth,
};
