/**
 * almaPaymentHelper, the seed's public helper (000_…): `capturePayment({ external_id })` captures
 * an Alma payment and returns the capture (with its `id`), or throws. Unlike the vendor sample,
 * it never captures twice: it reads the payment first and returns the existing capture when
 * there is one, and after an answer that does not say what happened (timeout, 5xx, unreadable
 * body) it reads the payment again before giving up. The capture job does not use it: the job
 * goes through the operation journal, which also survives a job killed mid-call.
 */
import type { ProviderAnswer } from '../../core/operation';
import { callProvider, parseJson } from '../../core/providerCall';
import { almaAdapter, almaError, paymentPath } from './almaAdapter';
import { CAPTURE_PATH_SUFFIX, captureFromAnswer, captureFromPayment, type AlmaPayment } from './openQuestions';

export interface CapturePaymentParameters {
  /** The Alma payment ID (the order's `almaPaymentId`). */
  external_id: string;
  /** Optional partial amount in cents (minor units); omitted: the whole first instalment. */
  amount?: number;
}

export interface AlmaCapture {
  id: string | null;
  payment: string;
  amount: number | null;
  /** False when the payment had already been captured before this call. */
  created: boolean;
}

function readPayment(paymentId: string): { payment: AlmaPayment | null; answer: ProviderAnswer } {
  const answer = callProvider(almaAdapter, { method: 'GET', path: paymentPath(paymentId), body: null }, 'read').answer;
  if (answer.kind === 'answered' && answer.status >= 200 && answer.status < 300) {
    const payment = parseJson(answer.text) as AlmaPayment | null;
    if (payment && typeof payment === 'object') return { payment: payment, answer: answer };
  }
  return { payment: null, answer: answer };
}

function answerText(answer: ProviderAnswer): string {
  return answer.kind === 'answered' ? almaError(answer.status, answer.text) : answer.kind + ': ' + answer.reason;
}

export function capturePayment(parameters: CapturePaymentParameters): AlmaCapture {
  const paymentId = parameters && parameters.external_id ? String(parameters.external_id) : '';
  if (!paymentId) throw new Error('capturePayment: external_id (the Alma payment ID) is required');
  const amount = parameters.amount;
  if (amount !== undefined && (typeof amount !== 'number' || Math.floor(amount) !== amount || amount <= 0)) {
    throw new Error('capturePayment: amount must be a positive integer in cents, got ' + String(amount));
  }

  const before = readPayment(paymentId);
  if (!before.payment)
    throw new Error(
      'capturePayment: could not read Alma payment ' + paymentId + ' (' + answerText(before.answer) + ')',
    );
  const existing = captureFromPayment(before.payment);
  if (existing) return { id: existing.id, payment: paymentId, amount: existing.amountMinor, created: false };

  const body: { external_id: string; amount?: number } = { external_id: paymentId };
  if (amount !== undefined) body.amount = amount;
  const answer = callProvider(
    almaAdapter,
    { method: 'POST', path: paymentPath(paymentId) + CAPTURE_PATH_SUFFIX, body: body },
    'capture',
  ).answer;
  if (answer.kind === 'answered' && answer.status >= 200 && answer.status < 300) {
    const capture = captureFromAnswer(parseJson(answer.text));
    if (capture) return { id: capture.id, payment: paymentId, amount: capture.amountMinor, created: true };
  }
  const refused = answer.kind === 'answered' && answer.status >= 400 && answer.status < 500;
  if (!refused && answer.kind !== 'notSent') {
    // The outcome is unknown: Alma may have captured. Read before reporting a failure.
    const after = readPayment(paymentId);
    const settled = after.payment ? captureFromPayment(after.payment) : null;
    if (settled) return { id: settled.id, payment: paymentId, amount: settled.amountMinor, created: true };
    if (!after.payment) {
      throw new Error(
        'capturePayment: outcome unknown for Alma payment ' +
          paymentId +
          ' (' +
          answerText(answer) +
          ') and the payment could not be read; read it before trying again',
      );
    }
  }
  throw new Error('capturePayment: Alma did not capture payment ' + paymentId + ' (' + answerText(answer) + ')');
}
