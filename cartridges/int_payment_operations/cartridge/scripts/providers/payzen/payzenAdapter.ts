/**
 * The PayZen/Lyra adapter of the operations engine (providers.md §4, seed 003: payment on
 * shipment). Every call is a POST of a V4 web service with HTTP Basic (shop ID : REST password).
 * A capture is a shipment transaction, `Charge/CreateShipmentTransaction`, made from the initial
 * (verification) transaction whose uuid the IPN gave: one debit per shipment, for its amount.
 * PayZen has no idempotency key, so each debit carries our operation's ID in its metadata; the
 * truth is `Order/Get` (the order's debits), where the debit carrying that ID is ours.
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
import { basicAuthorization } from '../../core/serviceSupport';
import { message } from '../../core/messages';
import { readEnvelope, readPayzenAnswer, type PayzenTransaction } from './payzenResults';

const SERVICE_ID = (findProvider('payzen') as { serviceId: string }).serviceId;

/** The metadata key under which each debit carries the operation that created it. */
export const OPERATION_METADATA_KEY = 'payopsOperationId';
export const SHIPMENT_TRANSACTION = '/Charge/CreateShipmentTransaction';
export const ORDER_GET = '/Order/Get';

function supports(type: OperationType): boolean {
  return type === 'capture' || type === 'shipmentCapture';
}

function buildRequest(operation: Operation): ProviderRequest {
  if (!supports(operation.type)) throw new Error('PayZen/Lyra does not support ' + operation.type + ' operations');
  if (operation.amountMinor === null) {
    throw new Error('PayZen/Lyra needs the amount of every shipment transaction (operation ' + operation.id + ')');
  }
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

function classify(_operation: Operation, answer: ProviderAnswer): Classification {
  if (answer.kind !== 'answered') {
    return answer.kind === 'notSent'
      ? { outcome: 'transient', detail: message('detail.notSent', answer.reason) }
      : { outcome: 'unknown', detail: message('detail.noAnswer', 'PayZen/Lyra', answer.reason) };
  }
  const verdict = readPayzenAnswer(answer.status, answer.text);
  switch (verdict.kind) {
    case 'accepted':
      return {
        outcome: 'success',
        providerReference: verdict.uuid,
        amountMinor: verdict.amountMinor,
        detail: verdict.detail,
      };
    case 'refused':
      return { outcome: 'rejected', detail: verdict.detail };
    case 'invalid':
      return { outcome: 'failed', detail: verdict.detail };
    case 'transient':
      return { outcome: 'transient', detail: verdict.detail };
    case 'unauthorized':
      return {
        outcome: 'blocked',
        detail: message('detail.credentialsRefused', verdict.detail, 'PayZen/Lyra', SERVICE_ID),
      };
    default:
      return { outcome: 'unknown', detail: verdict.detail };
  }
}

/** The operation's debit among the order's transactions: the one carrying its ID in its metadata. */
function debitOf(operation: Operation, transactions: PayzenTransaction[]): PayzenTransaction | null {
  for (let i = transactions.length - 1; i >= 0; i--) {
    const metadata = transactions[i] && transactions[i].metadata;
    if (metadata && metadata[OPERATION_METADATA_KEY] === operation.id) return transactions[i];
  }
  return null;
}

function interpretTruth(operation: Operation, answer: ProviderAnswer): Truth {
  if (answer.kind !== 'answered') return { applied: null, detail: answer.kind + ': ' + answer.reason };
  const verdict = readPayzenAnswer(answer.status, answer.text);
  if (verdict.kind === 'unauthorized') {
    return { applied: null, blocked: true, detail: message('detail.onService', verdict.detail, SERVICE_ID) };
  }
  const envelope = readEnvelope(answer.text);
  if (!envelope) return { applied: null, detail: verdict.detail };
  const body = envelope.answer || {};
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
  authenticate: function (svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): void {
    svc.setAuthentication('NONE');
    svc.addHeader(
      'Authorization',
      basicAuthorization(String(credential.user || ''), String(credential.password || '')),
    );
  },
  buildRequest: buildRequest,
  classify: classify,
  buildTruthRequest: function (operation: Operation): ProviderRequest {
    return { method: 'POST', path: ORDER_GET, body: { orderId: operation.orderNo, operationType: 'DEBIT' } };
  },
  interpretTruth: interpretTruth,
};
