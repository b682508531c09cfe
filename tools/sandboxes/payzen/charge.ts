import { randomBytes } from 'node:crypto';
import { daysToMs, isJsonObject, type JsonObject } from '../shared/json';
import { fail, isShipmentInitial, transactionAnswer, type WebServiceHandler } from './context';
import { payzenFailure, SHIPMENT_OVER_INITIAL_AMOUNT_CODE, SHIPMENT_WINDOW_EXPIRED_CODE } from './errors';
import { readAmount, readCurrency, readOptionalObject, readOptionalString, readRequiredString } from './fields';
import { STATUS_OF } from './statuses';
import { SHIPMENT_USE_CASE, type PayzenTransactionRecord } from './types';

/** Shipment transactions that still count towards the total and the duplicate guard. */
function isLiveShipment(record: PayzenTransactionRecord): boolean {
  return STATUS_OF[record.detailedStatus] !== 'UNPAID';
}

/** Manual validation unless `transactionOptions.cardOptions.manualValidation` is `NO` (the back-office default is taken as YES). */
function manualValidationRequested(body: JsonObject): boolean {
  const options = body.transactionOptions;
  const cardOptions = isJsonObject(options) ? options.cardOptions : undefined;
  return !(isJsonObject(cardOptions) && cardOptions.manualValidation === 'NO');
}

function formToken(): string {
  return `01${randomBytes(60).toString('base64url')}`;
}

/**
 * `Charge/CreatePayment`: the real service only returns a `formToken` for the browser form. With
 * no browser here, the transaction the shopper would create is created at once: a VERIFICATION
 * (`ACCEPTED`) for pay-on-shipment, else a DEBIT awaiting validation (or capture with
 * `manualValidation: NO`); REFUSED when a test queued a refused outcome. Find its uuid with
 * `Order/Get`, or in the IPN sent to the notification URL once this call is answered.
 */
export const createPayment: WebServiceHandler = (body, context) => {
  const amount = readAmount(body.amount);
  if (!amount.ok) return fail(amount.failure);
  const currency = readCurrency(body.currency, context.settings.contractCurrencies);
  if (!currency.ok) return fail(currency.failure);
  const orderId = readOptionalString(body, 'orderId');
  if (!orderId.ok) return fail(orderId.failure);
  const customer = readOptionalObject(body, 'customer');
  if (!customer.ok) return fail(customer.failure);
  if (body.useCase !== undefined && body.useCase !== null && body.useCase !== SHIPMENT_USE_CASE) {
    return fail(payzenFailure('INT_902', `useCase: unsupported value [${String(body.useCase)}]`));
  }
  const metadata = readOptionalObject(body, 'metadata');
  const shipment = body.useCase === SHIPMENT_USE_CASE;
  const manualValidation = manualValidationRequested(body);
  const email = customer.value?.email;
  const { now, settings, state } = context;
  const outcome = state.queuedPaymentOutcomes.shift() ?? {};
  const refused = outcome.refused === true;
  const accepted = shipment ? 'ACCEPTED' : manualValidation ? 'AUTHORISED_TO_VALIDATE' : 'AUTHORISED';
  const record = state.create({
    orderId: orderId.value,
    amount: amount.value,
    currency: currency.value,
    operationType: shipment ? 'VERIFICATION' : 'DEBIT',
    detailedStatus: refused ? 'REFUSED' : accepted,
    creationDate: now,
    useCase: shipment ? SHIPMENT_USE_CASE : null,
    manualValidation: !shipment && manualValidation,
    expectedCaptureDate: shipment || refused ? null : new Date(now.getTime() + settings.automaticCaptureDelayMs),
    metadata: metadata.ok ? metadata.value : null,
    customerEmail: typeof email === 'string' ? email : null,
  });
  if (outcome.ipn !== 'skip') context.ipn.paymentCreated(record, now, outcome.ipn === 'tamper');
  return { ok: true, answer: { formToken: formToken(), _type: 'V4/Charge/PaymentForm' } };
};

function shipmentSignature(
  initialUuid: string,
  amount: number,
  orderId: string | null,
  comment: string | null,
  metadata: unknown,
): string {
  return JSON.stringify([initialUuid, amount, orderId, comment, metadata ?? null]);
}

/**
 * `Charge/CreateShipmentTransaction` (seed 003): one DEBIT per shipment from the initial
 * VERIFICATION transaction, within the shipment window, refusing duplicates (PSP_236).
 */
export const createShipmentTransaction: WebServiceHandler = (body, context) => {
  const { state, settings, now } = context;
  const uuid = readRequiredString(body, 'uuid');
  if (!uuid.ok) return fail(uuid.failure);
  const amount = readAmount(body.amount);
  if (!amount.ok) return fail(amount.failure);
  const orderId = readOptionalString(body, 'orderId');
  if (!orderId.ok) return fail(orderId.failure);
  const comment = readOptionalString(body, 'comment');
  if (!comment.ok) return fail(comment.failure);
  const initial = state.transactions.get(uuid.value);
  if (!initial && body.currency === undefined) return fail(payzenFailure('PSP_010', `uuid: ${uuid.value}`));
  // Seed 003's own example omits `currency`: it defaults to the initial transaction's.
  const currency = readCurrency(body.currency ?? initial?.currency, settings.contractCurrencies);
  if (!currency.ok) return fail(currency.failure);
  if (!initial) return fail(payzenFailure('PSP_010', `uuid: ${uuid.value}`));
  if (!isShipmentInitial(initial) || initial.detailedStatus !== 'ACCEPTED') {
    return fail(payzenFailure('PSP_229', `transaction ${uuid.value} is not an initial shipment-payment transaction`));
  }
  if (currency.value !== initial.currency) {
    return fail(payzenFailure('PSP_229', `currency ${currency.value} differs from the initial transaction's`));
  }
  const ageMs = now.getTime() - initial.creationDate.getTime();
  if (ageMs > daysToMs(settings.shipmentWindowDays)) {
    const detail = `the initial transaction is older than ${settings.shipmentWindowDays} days`;
    return fail(payzenFailure(SHIPMENT_WINDOW_EXPIRED_CODE, detail));
  }
  const shipments = state.shipmentsOf(initial.uuid).filter(isLiveShipment);
  const signature = shipmentSignature(initial.uuid, amount.value, orderId.value, comment.value, body.metadata);
  const windowStart = now.getTime() - settings.duplicateShipmentWindowMs;
  const duplicate = shipments.find(
    (shipment) => shipment.shipmentSignature === signature && shipment.creationDate.getTime() > windowStart,
  );
  if (duplicate) return fail(payzenFailure('PSP_236', `same shipment as transaction ${duplicate.uuid}`));
  const shipped = shipments.reduce((sum, shipment) => sum + shipment.amount, 0);
  if (settings.enforceInitialAmountLimit && shipped + amount.value > initial.amount) {
    const detail = `shipments would total ${shipped + amount.value}, above the initial ${initial.amount}`;
    return fail(payzenFailure(SHIPMENT_OVER_INITIAL_AMOUNT_CODE, detail));
  }
  const forced = initial.queuedShipmentOutcomes.shift();
  if (forced === 'PSP_227') return fail(payzenFailure('PSP_227'));
  const metadata = readOptionalObject(body, 'metadata');
  const shipment = state.create({
    orderId: orderId.value ?? initial.orderId,
    amount: amount.value,
    currency: currency.value,
    operationType: 'DEBIT',
    detailedStatus: 'AUTHORISED',
    creationDate: now,
    manualValidation: false,
    expectedCaptureDate: new Date(now.getTime() + settings.automaticCaptureDelayMs),
    parentTransactionUuid: initial.uuid,
    comment: comment.value,
    metadata: metadata.ok ? metadata.value : null,
    customerEmail: initial.customerEmail,
    shipmentSignature: signature,
  });
  // PSP_228: the debit exists, but the caller only learns it by reading the order again.
  if (forced === 'PSP_228') return fail(payzenFailure('PSP_228', `transaction ${shipment.uuid} was created`));
  return transactionAnswer(shipment, context);
};
