import { type JsonObject } from '../shared/json';
import { fail, isShipmentInitial, transactionAnswer, type ServiceContext, type WebServiceHandler } from './context';
import { type PayzenOutcome } from './envelope';
import { payzenFailure } from './errors';
import { readAmount, readCurrency, readOptionalObject, readRequiredString } from './fields';
import { CANCELLABLE_STATUSES, VALIDATED_STATUS } from './statuses';
import { type PayzenTransactionRecord } from './types';

export const RESOLUTION_MODES = ['CANCELLATION_ONLY', 'REFUND_ONLY'] as const;
/** The automatic mode's name is unverified (providers.md §8.4): an absent mode or `AUTO` picks by status. */
export const AUTOMATIC_RESOLUTION_MODE = 'AUTO';

type Lookup = { ok: true; record: PayzenTransactionRecord } | { ok: false; outcome: PayzenOutcome };

/** Reads `uuid`, finds the transaction, and refuses to modify an initial shipment transaction (PSP_231). */
function findTransaction(body: JsonObject, context: ServiceContext, forModification: boolean): Lookup {
  const uuid = readRequiredString(body, 'uuid');
  if (!uuid.ok) return { ok: false, outcome: fail(uuid.failure) };
  const record = context.state.transactions.get(uuid.value);
  if (!record) return { ok: false, outcome: fail(payzenFailure('PSP_010', `uuid: ${uuid.value}`)) };
  if (forModification && isShipmentInitial(record)) return { ok: false, outcome: fail(payzenFailure('PSP_231')) };
  return { ok: true, record };
}

function wrongStatus(record: PayzenTransactionRecord): PayzenOutcome {
  return fail(payzenFailure('PSP_011', `transaction ${record.uuid} is ${record.detailedStatus}`));
}

export const getTransaction: WebServiceHandler = (body, context) => {
  const found = findTransaction(body, context, false);
  return found.ok ? transactionAnswer(found.record, context) : found.outcome;
};

/** `Transaction/Validate`: hands a manually validated transaction to the bank for capture. */
export const validateTransaction: WebServiceHandler = (body, context) => {
  const found = findTransaction(body, context, true);
  if (!found.ok) return found.outcome;
  const next = VALIDATED_STATUS[found.record.detailedStatus];
  if (!next) return wrongStatus(found.record);
  found.record.detailedStatus = next;
  found.record.manualValidation = false;
  return transactionAnswer(found.record, context);
};

/**
 * `Transaction/Update {cardUpdate}`: lower the amount (the partial-cancel path), move the
 * capture date, or switch manual to automatic validation (never the reverse).
 */
export const updateTransaction: WebServiceHandler = (body, context) => {
  const found = findTransaction(body, context, true);
  if (!found.ok) return found.outcome;
  const { record } = found;
  if (!CANCELLABLE_STATUSES.has(record.detailedStatus)) return wrongStatus(record);
  const update = readOptionalObject(body, 'cardUpdate');
  if (!update.ok) return fail(update.failure);
  if (!update.value) return fail(payzenFailure('INT_902', 'cardUpdate: field is missing'));
  const cardUpdate = update.value;
  let amount = record.amount;
  if (cardUpdate.amount !== undefined) {
    const reading = readAmount(cardUpdate.amount);
    if (!reading.ok) return fail(reading.failure);
    if (reading.value > record.amount) {
      return fail(payzenFailure('PSP_040', `amount ${reading.value} is above the authorised ${record.amount}`));
    }
    amount = reading.value;
  }
  if (cardUpdate.currency !== undefined && cardUpdate.currency !== record.currency) {
    return fail(payzenFailure('INT_010', `currency must be the transaction's (${record.currency})`));
  }
  let expectedCaptureDate = record.expectedCaptureDate;
  if (cardUpdate.expectedCaptureDate !== undefined) {
    const date =
      typeof cardUpdate.expectedCaptureDate === 'string' ? new Date(cardUpdate.expectedCaptureDate) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      return fail(payzenFailure('INT_902', 'cardUpdate.expectedCaptureDate: ISO 8601 date expected'));
    }
    expectedCaptureDate = date;
  }
  const manual = cardUpdate.manualValidation;
  if (manual !== undefined && manual !== 'YES' && manual !== 'NO') {
    return fail(payzenFailure('INT_902', 'cardUpdate.manualValidation: YES or NO expected'));
  }
  if (manual === 'YES' && !record.manualValidation) {
    return fail(payzenFailure('INT_902', 'cardUpdate.manualValidation: cannot switch back to manual validation'));
  }
  const validate = manual === 'NO' && record.manualValidation;
  const unchanged =
    amount === record.amount && expectedCaptureDate?.getTime() === record.expectedCaptureDate?.getTime() && !validate;
  if (unchanged) return fail(payzenFailure('PSP_014'));
  record.amount = amount;
  record.expectedCaptureDate = expectedCaptureDate;
  if (validate) {
    record.detailedStatus = VALIDATED_STATUS[record.detailedStatus] ?? record.detailedStatus;
    record.manualValidation = false;
  }
  return transactionAnswer(record, context);
};

/** Cancels the whole remaining authorisation; a partial amount must go through Transaction/Update. */
function cancel(record: PayzenTransactionRecord, amount: number | undefined, context: ServiceContext): PayzenOutcome {
  if (record.detailedStatus === 'CAPTURED') return fail(payzenFailure('PSP_075'));
  if (!CANCELLABLE_STATUSES.has(record.detailedStatus)) return wrongStatus(record);
  if (amount !== undefined && amount !== record.amount) {
    const detail = `a cancellation covers the whole amount (${record.amount}); use Transaction/Update to lower it`;
    return fail(payzenFailure('PSP_020', detail));
  }
  record.detailedStatus = 'CANCELLED';
  const parent =
    record.operationType === 'CREDIT' ? context.state.transactions.get(record.parentTransactionUuid ?? '') : undefined;
  if (parent) parent.refundAmount -= record.amount;
  return transactionAnswer(record, context);
}

/** Refunds a captured debit with a new CREDIT transaction; partial refunds may repeat up to the amount. */
function refund(record: PayzenTransactionRecord, amount: number | undefined, context: ServiceContext): PayzenOutcome {
  if (record.operationType !== 'DEBIT') return wrongStatus(record);
  if (CANCELLABLE_STATUSES.has(record.detailedStatus)) return fail(payzenFailure('PSP_076'));
  if (record.detailedStatus !== 'CAPTURED') return wrongStatus(record);
  const refundable = record.amount - record.refundAmount;
  const value = amount ?? refundable;
  if (value > refundable || value <= 0) {
    return fail(payzenFailure('PSP_020', `refund of ${value} above the refundable ${refundable}`));
  }
  record.refundAmount += value;
  const { now, settings, state } = context;
  const credit = state.create({
    orderId: record.orderId,
    amount: value,
    currency: record.currency,
    operationType: 'CREDIT',
    detailedStatus: 'AUTHORISED',
    creationDate: now,
    manualValidation: false,
    expectedCaptureDate: new Date(now.getTime() + settings.automaticCaptureDelayMs),
    parentTransactionUuid: record.uuid,
    customerEmail: record.customerEmail,
  });
  return transactionAnswer(credit, context);
}

type AmountInput = { ok: true; amount: number | undefined } | { ok: false; outcome: PayzenOutcome };

function readAmountAndCurrency(
  body: JsonObject,
  record: PayzenTransactionRecord,
  required: boolean,
  context: ServiceContext,
): AmountInput {
  if (!required && body.amount === undefined) return { ok: true, amount: undefined };
  const amount = readAmount(body.amount);
  if (!amount.ok) return { ok: false, outcome: fail(amount.failure) };
  if (required || body.currency !== undefined) {
    const currency = readCurrency(body.currency, context.settings.contractCurrencies);
    if (!currency.ok) return { ok: false, outcome: fail(currency.failure) };
    if (currency.value !== record.currency) {
      return {
        ok: false,
        outcome: fail(payzenFailure('INT_010', `currency must be the transaction's (${record.currency})`)),
      };
    }
  }
  return { ok: true, amount: amount.value };
}

/** `Transaction/CancelOrRefund {uuid, amount, currency, resolutionMode}`. */
export const cancelOrRefund: WebServiceHandler = (body, context) => {
  const found = findTransaction(body, context, true);
  if (!found.ok) return found.outcome;
  const mode = body.resolutionMode ?? AUTOMATIC_RESOLUTION_MODE;
  const known: readonly unknown[] = [...RESOLUTION_MODES, AUTOMATIC_RESOLUTION_MODE];
  if (!known.includes(mode))
    return fail(payzenFailure('INT_902', `resolutionMode: unsupported value [${String(mode)}]`));
  const input = readAmountAndCurrency(body, found.record, true, context);
  if (!input.ok) return input.outcome;
  const refundWanted =
    mode === 'REFUND_ONLY' || (mode === AUTOMATIC_RESOLUTION_MODE && found.record.detailedStatus === 'CAPTURED');
  return refundWanted ? refund(found.record, input.amount, context) : cancel(found.record, input.amount, context);
};

/** `Transaction/Cancel {uuid}` (newer docs). */
export const cancelTransaction: WebServiceHandler = (body, context) => {
  const found = findTransaction(body, context, true);
  return found.ok ? cancel(found.record, undefined, context) : found.outcome;
};

/** `Transaction/Refund {uuid, amount?, currency?}` (newer docs); no amount = the whole remainder. */
export const refundTransaction: WebServiceHandler = (body, context) => {
  const found = findTransaction(body, context, true);
  if (!found.ok) return found.outcome;
  const input = readAmountAndCurrency(body, found.record, false, context);
  return input.ok ? refund(found.record, input.amount, context) : input.outcome;
};
