/**
 * The PayZen/Lyra adapter of the operations engine (providers.md §4, seed 003: payment on
 * shipment). Every call is a POST of a V4 web service with HTTP Basic (shop ID : REST password).
 * A capture is a shipment transaction, `Charge/CreateShipmentTransaction`, made from the initial
 * (verification) transaction whose uuid the IPN gave: one debit per shipment, for its amount.
 * PayZen has no idempotency key, so each debit carries our operation's ID in its metadata; the
 * truth is `Order/Get` (the order's debits), where the debit carrying that ID is ours.
 *
 * A refund acts on one debit (providers.md §4.4, the official refund algorithm), in the way the
 * debit's state allows, recorded as the operation's variant when it was planned:
 * - `REFUND_ONLY`: `Transaction/CancelOrRefund` on a captured debit; PayZen creates a CREDIT, whose
 *   truth is a credit of that debit and amount no other operation of the order claimed;
 * - `CANCELLATION_ONLY`: `Transaction/CancelOrRefund` of a whole debit not captured yet; its truth
 *   is the debit CANCELLED;
 * - `UPDATE:<amount>`: `Transaction/Update` lowering a debit not captured yet to `<amount>`; its
 *   truth is the debit's amount.
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
import { findProvider } from '../../core/providers';
import { authenticateUserAndPassword } from '../../core/serviceSupport';
import { message } from '../../core/messages';
import { classifyByVerdict, type AnswerVerdict } from '../../core/answerVerdict';
import { readEnvelope, readPayzenAnswer, type PayzenEnvelope, type PayzenTransaction } from './payzenResults';

const SERVICE_ID = (findProvider('payzen') as { serviceId: string }).serviceId;

/** The metadata key under which each debit carries the operation that created it. */
export const OPERATION_METADATA_KEY = 'payopsOperationId';
export const SHIPMENT_TRANSACTION = '/Charge/CreateShipmentTransaction';
export const ORDER_GET = '/Order/Get';
export const TRANSACTION_GET = '/Transaction/Get';
export const REFUND_ONLY = 'REFUND_ONLY';
export const CANCELLATION_ONLY = 'CANCELLATION_ONLY';
export const UPDATE = 'UPDATE:';

function supports(type: OperationType): boolean {
  return type === 'capture' || type === 'shipmentCapture' || type === 'refund';
}

/** The amount an UPDATE variant lowers the debit to. */
export function updatedAmount(variant: string | null | undefined): number | null {
  if (!variant || variant.indexOf(UPDATE) !== 0) return null;
  const amount = Number(variant.substring(UPDATE.length));
  return isFinite(amount) && amount >= 0 ? amount : null;
}

function refundRequest(operation: Operation): ProviderRequest {
  const variant = operation.variant || REFUND_ONLY;
  const lowered = updatedAmount(variant);
  if (lowered !== null) {
    return {
      method: 'POST',
      path: '/Transaction/Update',
      body: { uuid: operation.paymentReference, cardUpdate: { amount: lowered, currency: operation.currencyCode } },
    };
  }
  if (variant !== REFUND_ONLY && variant !== CANCELLATION_ONLY) {
    throw new Error('PayZen/Lyra: unknown refund variant ' + variant + ' (operation ' + operation.id + ')');
  }
  return {
    method: 'POST',
    path: '/Transaction/CancelOrRefund',
    body: {
      uuid: operation.paymentReference,
      amount: operation.amountMinor,
      currency: operation.currencyCode,
      resolutionMode: variant,
    },
  };
}

function buildRequest(operation: Operation): ProviderRequest {
  if (!supports(operation.type)) throw new Error('PayZen/Lyra does not support ' + operation.type + ' operations');
  if (operation.amountMinor === null) {
    throw new Error('PayZen/Lyra needs the amount of every ' + operation.type + ' (operation ' + operation.id + ')');
  }
  if (operation.type === 'refund') return refundRequest(operation);
  const metadata: { [key: string]: string } = {};
  metadata[OPERATION_METADATA_KEY] = operation.id;
  return {
    method: 'POST',
    path: SHIPMENT_TRANSACTION,
    body: {
      uuid: operation.paymentReference,
      amount: operation.amountMinor,
      currency: operation.currencyCode,
      orderId: operation.orderNo,
      metadata: metadata,
    },
  };
}

/**
 * A refund's answer: the CREDIT (PAID, or RUNNING as the official module accepts), the debit
 * CANCELLED, or the debit lowered to the amount asked. What it moved is the operation's amount.
 */
function refundSucceeded(operation: Operation, answer: { status: number; text: string }): boolean {
  const envelope = readEnvelope(answer.text);
  if (!envelope || envelope.status !== 'SUCCESS' || !envelope.answer) return false;
  const transaction = envelope.answer;
  const variant = operation.variant || REFUND_ONLY;
  if (variant === REFUND_ONLY) {
    return String(transaction.operationType) === 'CREDIT' && String(transaction.status) !== 'UNPAID';
  }
  if (variant === CANCELLATION_ONLY) return String(transaction.detailedStatus) === 'CANCELLED';
  return transaction.amount === updatedAmount(variant) && String(transaction.status) !== 'UNPAID';
}

function isSuccessEnvelope(text: string): boolean {
  const envelope = readEnvelope(text);
  return !!envelope && envelope.status === 'SUCCESS';
}

function classify(operation: Operation, answer: ProviderAnswer): Classification {
  if (operation.type === 'refund' && answer.kind === 'answered') {
    if (refundSucceeded(operation, answer)) {
      const envelope = readEnvelope(answer.text);
      const uuid = envelope && envelope.answer && envelope.answer.uuid ? String(envelope.answer.uuid) : null;
      const detail = readPayzenAnswer(answer.status, answer.text).detail;
      return { outcome: 'success', providerReference: uuid, amountMinor: null, detail: detail };
    }
    const verdict = readPayzenAnswer(answer.status, answer.text);
    if (verdict.kind !== 'unauthorized' && isSuccessEnvelope(answer.text)) {
      // SUCCESS, but not what this refund should have made: read PayZen before anything else.
      return { outcome: 'unknown', detail: verdict.detail };
    }
  }
  return classifyByVerdict(answer, 'PayZen/Lyra', SERVICE_ID, readDebitAnswer);
}

/**
 * A shipment transaction's answer. An accepted debit without its uuid (some white-label answers)
 * is read back, so that the debit is known and can be given back later.
 */
function readDebitAnswer(status: number, text: string): AnswerVerdict {
  const verdict = readPayzenAnswer(status, text);
  if (verdict.kind === 'accepted' && !verdict.reference) {
    return { kind: 'unknown', detail: verdict.detail + ', ' + message('payzen.noDebitUuid') };
  }
  return verdict;
}

/**
 * The operation's debit among the order's transactions: a DEBIT made from this order's initial
 * transaction and carrying the operation's ID in its metadata. The initial transaction decides:
 * two sites sharing one PayZen shop may both have an order with this number.
 */
function debitOf(operation: Operation, transactions: PayzenTransaction[]): PayzenTransaction | null {
  for (let i = transactions.length - 1; i >= 0; i--) {
    const transaction = transactions[i];
    const metadata = transaction && transaction.metadata;
    const details = transaction && transaction.transactionDetails;
    if (!metadata || metadata[OPERATION_METADATA_KEY] !== operation.id) continue;
    if (String(transaction.operationType) !== 'DEBIT') continue;
    if (!details || String(details.parentTransactionUuid) !== operation.paymentReference) continue;
    return transaction;
  }
  return null;
}

/** A refund's truth: see the header. `claimed`: credits other operations of the order hold. */
function refundTruth(operation: Operation, body: PayzenEnvelope['answer'], claimed: ReadonlyArray<string>): Truth {
  const variant = operation.variant || REFUND_ONLY;
  const answer = body || {};
  if (variant !== REFUND_ONLY) {
    const described =
      'debit ' + String(answer.uuid) + ' ' + String(answer.detailedStatus) + ' ' + String(answer.amount);
    const applied =
      variant === CANCELLATION_ONLY
        ? String(answer.detailedStatus) === 'CANCELLED'
        : answer.amount === updatedAmount(variant);
    return applied
      ? { applied: true, providerReference: null, amountMinor: null, detail: described }
      : { applied: false, detail: message('truth.payzenNotApplied', described) };
  }
  const credits = answer.transactions instanceof Array ? answer.transactions : [];
  for (let i = credits.length - 1; i >= 0; i--) {
    const credit = credits[i];
    const details = credit.transactionDetails;
    const uuid = credit.uuid ? String(credit.uuid) : '';
    if (!uuid || claimed.indexOf(uuid) >= 0 || credit.amount !== operation.amountMinor) continue;
    if (!details || String(details.parentTransactionUuid) !== operation.paymentReference) continue;
    if (String(credit.status) === 'UNPAID') continue;
    return {
      applied: true,
      providerReference: uuid,
      amountMinor: null,
      detail: 'credit ' + uuid + ' ' + String(credit.status),
    };
  }
  return { applied: false, detail: message('truth.payzenNoCredit', operation.paymentReference) };
}

function interpretTruth(operation: Operation, answer: ProviderAnswer, claimed?: ReadonlyArray<string>): Truth {
  if (answer.kind !== 'answered') return { applied: null, detail: answer.kind + ': ' + answer.reason };
  const verdict = readPayzenAnswer(answer.status, answer.text);
  if (verdict.kind === 'unauthorized') {
    return { applied: null, blocked: true, detail: message('detail.onService', verdict.detail, SERVICE_ID) };
  }
  const envelope = readEnvelope(answer.text);
  if (!envelope) return { applied: null, detail: verdict.detail };
  const body = envelope.answer || {};
  if (operation.type === 'refund' && envelope.status === 'SUCCESS') return refundTruth(operation, body, claimed || []);
  if (envelope.status === 'ERROR') {
    // Order/Get of an order PayZen holds nothing for: no debit was created.
    if (String(body.errorCode) === 'PSP_010') return { applied: false, detail: message('truth.payzenNoDebit') };
    return { applied: null, detail: verdict.detail };
  }
  const transactions = body.transactions instanceof Array ? body.transactions : [];
  const debit = debitOf(operation, transactions);
  if (!debit) return { applied: false, detail: message('truth.payzenNoDebit') };
  const status = String(debit.status);
  const described = 'debit ' + String(debit.uuid) + ' ' + status + ' ' + String(debit.detailedStatus);
  if (status === 'PAID') {
    return {
      applied: true,
      providerReference: debit.uuid ? String(debit.uuid) : null,
      amountMinor: typeof debit.amount === 'number' ? debit.amount : null,
      detail: described,
    };
  }
  if (status === 'UNPAID') return { applied: false, detail: message('truth.payzenRefused', described) };
  return { applied: null, detail: message('truth.payzenUndecided', described) };
}

export const payzenAdapter: ProviderAdapter = {
  provider: 'payzen',
  label: 'PayZen/Lyra',
  serviceId: SERVICE_ID,
  supportsIdempotency: false,
  supportsPartialCaptures: true,
  requiresAmount: true,
  supports: supports,
  authenticate: authenticateUserAndPassword,
  buildRequest: buildRequest,
  classify: classify,
  buildTruthRequest: function (operation: Operation): ProviderRequest {
    if (operation.type === 'refund' && operation.variant && operation.variant !== REFUND_ONLY) {
      return { method: 'POST', path: TRANSACTION_GET, body: { uuid: operation.paymentReference } };
    }
    const kind = operation.type === 'refund' ? 'CREDIT' : 'DEBIT';
    return { method: 'POST', path: ORDER_GET, body: { orderId: operation.orderNo, operationType: kind } };
  },
  interpretTruth: interpretTruth,
};
