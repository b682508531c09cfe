/**
 * Every PayZen/Lyra V4 answer read in one place (providers.md §4.2, seed 003). Every web service
 * answers an envelope whose `status` is the truth: `SUCCESS` with the answer, or `ERROR` with
 * `answer.errorCode`, both with HTTP 200. HTTP 200 is never success by itself. A shipment
 * transaction is accepted when the envelope says SUCCESS and the debit's own `status` is PAID.
 *
 * | Answer                                              | Meaning      | Why                                                        |
 * |-----------------------------------------------------|--------------|------------------------------------------------------------|
 * | 401, 403, or ERROR INT_905                          | unauthorized | our shop ID or REST password: stop calling PayZen this run |
 * | SUCCESS, transaction status PAID                    | accepted     | seed 003: PAID means the transaction was accepted          |
 * | SUCCESS, transaction status UNPAID                  | refused      | refused, cancelled or expired at PayZen                    |
 * | SUCCESS, transaction status RUNNING, or none        | pending      | decided later: read before anything else                   |
 * | ERROR INT_009, INT_010, INT_050, PSP_519, PSP_606   | invalid      | amount, currency or contract set-up: an operator must fix  |
 * | ERROR PSP_229, PSP_231, PSP_011, PSP_075, PSP_076   | refused      | PayZen will not do it in this state: never resent          |
 * | ERROR PSP_228                                       | unknown      | the debit was created, the answer lost: read it back       |
 * | ERROR PSP_227                                       | unknown      | technical error, may have been created: read it back first |
 * | ERROR PSP_236                                       | unknown      | an identical debit exists (ours, from an earlier attempt)  |
 * | ERROR with another code                             | invalid      | a definite refusal we do not know: an operator must look   |
 * | 429, 503                                            | transient    | not processed: try again later                             |
 * | other 5xx, or not a V4 envelope                     | unknown      | may have been applied: read before any retry               |
 * | other 4xx                                           | invalid      | refused as sent: an operator must look                     |
 *
 * PSP_227 is not resent blindly: PayZen has no idempotency key and "unknown technical error" does
 * not say nothing was created. The order is read first (Order/Get); if no debit of ours is there,
 * resending is safe, because the duplicate guard (PSP_236) refuses a second identical shipment
 * transaction, and ours carry the operation's ID in their metadata.
 */
import type { AnswerVerdict } from '../../core/answerVerdict';
import { parseJson } from '../../core/providerCall';

/** accepted: `reference` is the transaction's uuid (the debit, or the credit of a refund). */
export type PayzenVerdict = AnswerVerdict;

export const INVALID_INPUT_CODES = ['INT_009', 'INT_010', 'INT_050', 'PSP_519', 'PSP_606'];
export const REFUSED_CODES = ['PSP_229', 'PSP_231', 'PSP_011', 'PSP_075', 'PSP_076'];
export const READ_BACK_CODES = ['PSP_227', 'PSP_228', 'PSP_236'];
export const CREDENTIAL_CODES = ['INT_905'];

export interface PayzenTransaction {
  uuid?: unknown;
  amount?: unknown;
  currency?: unknown;
  status?: unknown;
  detailedStatus?: unknown;
  operationType?: unknown;
  creationDate?: unknown;
  metadata?: { [key: string]: unknown } | null;
  orderDetails?: { orderId?: unknown } | null;
  transactionDetails?: {
    parentTransactionUuid?: unknown;
    cardDetails?: { captureResponse?: { refundAmount?: unknown } | null } | null;
  } | null;
}

export interface PayzenEnvelope {
  webService?: unknown;
  status?: unknown;
  answer?:
    | (PayzenTransaction & {
        errorCode?: unknown;
        errorMessage?: unknown;
        detailedErrorCode?: unknown;
        detailedErrorMessage?: unknown;
        transactions?: PayzenTransaction[] | null;
      })
    | null;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The V4 envelope, or null when the text is not one. */
export function readEnvelope(answerText: string): PayzenEnvelope | null {
  const parsed = parseJson(answerText);
  if (!parsed || typeof parsed !== 'object') return null;
  const envelope = parsed as PayzenEnvelope;
  return envelope.status === 'SUCCESS' || envelope.status === 'ERROR' ? envelope : null;
}

/** "HTTP 200, ERROR PSP_229: unable to create a shipment transaction (the initial transaction is older than 180 days)". */
function describeError(status: number, envelope: PayzenEnvelope): string {
  const answer = envelope.answer || {};
  const detailed = text(answer.detailedErrorMessage);
  return (
    'HTTP ' +
    status +
    ', ERROR ' +
    (text(answer.errorCode) || 'without error code') +
    (answer.errorMessage ? ': ' + text(answer.errorMessage) : '') +
    (detailed ? ' (' + detailed + ')' : '')
  );
}

/** "HTTP 200, SUCCESS, PAID AUTHORISED, debit 7b81…". */
function describeTransaction(status: number, transaction: PayzenTransaction): string {
  return (
    'HTTP ' +
    status +
    ', SUCCESS, ' +
    [text(transaction.status), text(transaction.detailedStatus)].join(' ').replace(/^ | $/g, '') +
    (transaction.uuid ? ', transaction ' + text(transaction.uuid) : '')
  );
}

/** What a PayZen answer to an operation (a shipment transaction, a cancel, a refund) means. */
export function readPayzenAnswer(status: number, answerText: string): PayzenVerdict {
  const envelope = readEnvelope(answerText);
  if (status === 401 || status === 403) return { kind: 'unauthorized', detail: 'HTTP ' + status };
  if (status === 429 || status === 503) return { kind: 'transient', detail: 'HTTP ' + status };
  if (!envelope) {
    const detail = 'HTTP ' + status + ', not a PayZen V4 answer: ' + text(answerText).substring(0, 200);
    return status >= 400 && status < 500 ? { kind: 'invalid', detail: detail } : { kind: 'unknown', detail: detail };
  }
  if (envelope.status === 'ERROR') {
    const code = text(envelope.answer && envelope.answer.errorCode);
    const detail = describeError(status, envelope);
    if (CREDENTIAL_CODES.indexOf(code) >= 0) return { kind: 'unauthorized', detail: detail };
    if (READ_BACK_CODES.indexOf(code) >= 0) return { kind: 'unknown', detail: detail };
    if (REFUSED_CODES.indexOf(code) >= 0) return { kind: 'refused', detail: detail };
    if (status >= 500) return { kind: 'unknown', detail: detail };
    return { kind: 'invalid', detail: detail };
  }
  const transaction = envelope.answer || {};
  const detail = describeTransaction(status, transaction);
  const paid = text(transaction.status);
  if (paid === 'PAID') {
    return {
      kind: 'accepted',
      reference: transaction.uuid ? text(transaction.uuid) : null,
      amountMinor: typeof transaction.amount === 'number' ? transaction.amount : null,
      detail: detail,
    };
  }
  if (paid === 'UNPAID') return { kind: 'refused', detail: detail };
  return { kind: 'pending', detail: detail };
}
