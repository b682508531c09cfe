/**
 * The Monext adapter of the operations engine (providers.md §2.1, REST "Retail API"): captures,
 * cancels and refunds are POSTed on the payment's authorisation transaction, each with its
 * amount in minor units; the truth is the transaction's details, whose `associatedTransactions`
 * list every movement. Monext has no idempotency key, so an operation that may have reached it is
 * read before any retry, and a movement found there is taken as ours only when no other
 * operation of the order has claimed it. Authentication is HTTP Basic with the merchant ID (the
 * credential's user) and the access key (its password).
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
import { authenticateUserAndPassword } from '../../core/serviceSupport';
import { message } from '../../core/messages';
import { classifyByVerdict } from '../../core/answerVerdict';
import { isUnauthorized, readMonextAnswer } from './monextResults';

const SERVICE_ID = (findProvider('monext') as { serviceId: string }).serviceId;

/** One movement of a transaction, as `associatedTransactions` lists it. */
export interface MonextMovement {
  id?: string;
  type?: string;
  amount?: number;
  status?: string;
  date?: string;
}

/** The associated-transaction types that are each operation's movement (both spellings of the combined type). */
const MOVEMENT_TYPES: { [type: string]: string[] } = {
  capture: ['CAPTURE'],
  shipmentCapture: ['CAPTURE'],
  cancel: ['CANCEL', 'RESET'],
  refund: ['REFUND', 'CREDIT'],
};
const CAPTURED_AT_CHECKOUT = ['AUTHORIZATION_AND_CAPTURE', 'AUTHORIZATION_CAPTURE'];

const SEGMENT: { [type: string]: string } = {
  capture: 'captures',
  shipmentCapture: 'captures',
  cancel: 'cancels',
  refund: 'refunds',
};

export function transactionPath(transactionId: string): string {
  return '/checkout/transactions/' + encodeURIComponent(transactionId);
}

function supports(type: OperationType): boolean {
  return SEGMENT[type] !== undefined;
}

function buildRequest(operation: Operation): ProviderRequest {
  if (!supports(operation.type)) throw new Error('Monext does not support ' + operation.type + ' operations');
  if (operation.amountMinor === null) {
    throw new Error('Monext needs the amount of every ' + operation.type + ' (operation ' + operation.id + ')');
  }
  return {
    method: 'POST',
    path: transactionPath(operation.paymentReference) + '/' + SEGMENT[operation.type],
    body: { amount: operation.amountMinor, merchantReference: operation.merchantReference },
  };
}

function classify(_operation: Operation, answer: ProviderAnswer): Classification {
  return classifyByVerdict(answer, 'Monext', SERVICE_ID, readMonextAnswer);
}

/**
 * Reads the transaction's movements: the operation is applied when a successful movement of its
 * type and amount is listed that no other operation of the order has claimed (or, for a full
 * capture, when Monext captured at checkout).
 */
function interpretTruth(operation: Operation, answer: ProviderAnswer, claimed?: ReadonlyArray<string>): Truth {
  if (answer.kind !== 'answered') return { applied: null, detail: answer.kind + ': ' + answer.reason };
  const body = parseJson(answer.text) as {
    type?: string;
    title?: unknown;
    associatedTransactions?: MonextMovement[];
  } | null;
  if (isUnauthorized(answer.status, body)) {
    const refused = readMonextAnswer(answer.status, answer.text).detail;
    return { applied: null, blocked: true, detail: message('detail.onService', refused, SERVICE_ID) };
  }
  if (answer.status < 200 || answer.status >= 300) {
    return { applied: null, detail: readMonextAnswer(answer.status, answer.text).detail };
  }
  const movements = body && body.associatedTransactions instanceof Array ? body.associatedTransactions : null;
  if (!movements) return { applied: null, detail: message('truth.noMovements') };
  const taken = claimed || [];
  const types = MOVEMENT_TYPES[operation.type] || [];
  let refused: MonextMovement | null = null;
  let undecided: MonextMovement | null = null;
  for (let i = movements.length - 1; i >= 0; i--) {
    const movement = movements[i];
    if (!movement || !movement.id) continue;
    const id = String(movement.id);
    if (operation.type === 'capture' && CAPTURED_AT_CHECKOUT.indexOf(String(movement.type)) >= 0) {
      if (taken.indexOf(id) < 0 && String(movement.status) === 'OK') {
        return { applied: true, providerReference: id, amountMinor: null, detail: 'captured at checkout' };
      }
    }
    if (types.indexOf(String(movement.type)) < 0 || movement.amount !== operation.amountMinor) continue;
    if (taken.indexOf(id) >= 0) continue;
    if (String(movement.status) === 'OK') {
      return {
        applied: true,
        providerReference: id,
        amountMinor: typeof movement.amount === 'number' ? movement.amount : null,
        detail: movement.type + ' ' + id + ' OK',
      };
    }
    // Only KO is a refusal: a movement still in progress may yet be accepted, so nothing is resent.
    if (String(movement.status) === 'KO') {
      if (!refused) refused = movement;
    } else if (!undecided) undecided = movement;
  }
  if (undecided) {
    return {
      applied: null,
      detail: message('truth.monextUndecided', String(undecided.type), String(undecided.id), String(undecided.status)),
    };
  }
  return {
    applied: false,
    detail: refused
      ? message('truth.monextRefused', String(refused.type), String(refused.id))
      : message('truth.monextNoMovement', String(operation.amountMinor)),
  };
}

export const monextAdapter: ProviderAdapter = {
  provider: 'monext',
  label: 'Monext',
  serviceId: SERVICE_ID,
  supportsIdempotency: false,
  supportsPartialCaptures: true,
  requiresAmount: true,
  supports: supports,
  authenticate: authenticateUserAndPassword,
  buildRequest: buildRequest,
  classify: classify,
  buildTruthRequest: function (operation: Operation): ProviderRequest {
    return { method: 'GET', path: transactionPath(operation.paymentReference), body: null };
  },
  interpretTruth: interpretTruth,
};
