/**
 * Monext on the order (seed 002): the checkout stores the payment session ID (on the payment
 * instrument, shown in BM under Payment > Payment Method > Attributes, and in the order attribute
 * `monextSessionID` that Monext's own cartridge writes). The first operation reads the session
 * once for its transaction and stores it (`monextTransactionID`); later operations need no read.
 * Capture is triggered by the shipment (manual-capture mode); a cancelled order is cancelled at
 * Monext before capture and refunded after it.
 */
import Order = require('dw/order/Order');
import Site = require('dw/system/Site');
import type { LookupResult, ProviderLifecycle, ReferenceLookup } from '../../core/lifecycle';
import type { ProviderAnswer } from '../../core/operation';
import { parseJson } from '../../core/providerCall';
import { message } from '../../core/messages';
import { enumText } from '../../core/scriptValues';
import { recordedCapturedMinor } from '../../core/paymentAmounts';
import { moneyToMinorUnits } from '../../core/money';
import { projectOrderCapture, shipmentCaptureTrigger } from '../../core/shipmentTrigger';
import { monextAdapter } from './monextAdapter';
import { isUnauthorized, readMonextAnswer } from './monextResults';

export const CAPTURE_MODE_PREFERENCE = 'monextCaptureMode';

function custom(order: dw.order.Order): OrderCustomAttributes {
  return order.custom as unknown as OrderCustomAttributes;
}

/** A stored ID, trimmed; null when blank. */
function idText(value: unknown): string | null {
  const text = value === null || value === undefined ? '' : String(value).replace(/^\s+|\s+$/g, '');
  return text ? text : null;
}

/** The session ID: the payment instrument's first, else the order attribute; blank is none. */
export function sessionId(order: dw.order.Order): string | null {
  const instruments = order.getPaymentInstruments().iterator();
  while (instruments.hasNext()) {
    const value = idText(
      (instruments.next().custom as unknown as OrderPaymentInstrumentCustomAttributes).monextSessionID,
    );
    if (value) return value;
  }
  return idText(custom(order).monextSessionID);
}

function paymentReference(order: dw.order.Order): string | null {
  const id = custom(order).monextTransactionID;
  return id ? String(id) : null;
}

/**
 * Monext's payment instrument: the one holding the session ID or the transaction ID, else the one
 * whose payment method names Monext, else the only one. Null when none can be told apart.
 */
function monextInstrument(order: dw.order.Order): dw.order.OrderPaymentInstrument | null {
  const instruments = order.getPaymentInstruments();
  const transactionId = paymentReference(order);
  let named: dw.order.OrderPaymentInstrument | null = null;
  const iterator = instruments.iterator();
  while (iterator.hasNext()) {
    const instrument = iterator.next();
    const transaction = instrument.paymentTransaction;
    if ((instrument.custom as unknown as OrderPaymentInstrumentCustomAttributes).monextSessionID) return instrument;
    if (transactionId && transaction && transaction.transactionID === transactionId) return instrument;
    if (!named && /monext/i.test(String(instrument.paymentMethod))) named = instrument;
  }
  if (named) return named;
  return instruments.size() === 1 ? instruments.iterator().next() : null;
}

/** What Monext authorised: its payment instrument's amount (a gift certificate is not Monext's), else the order total. */
function authorisedMinor(order: dw.order.Order): number | null {
  const instrument = monextInstrument(order);
  const amount =
    instrument && instrument.paymentTransaction ? moneyToMinorUnits(instrument.paymentTransaction.amount) : null;
  return amount !== null ? amount : moneyToMinorUnits(order.totalGrossPrice);
}

function isAutomatic(): boolean {
  return enumText(Site.getCurrent().getCustomPreferenceValue(CAPTURE_MODE_PREFERENCE)) === 'AUTOMATIC';
}

interface SessionDetails {
  result?: { title?: unknown; code?: unknown } | null;
  transactions?: Array<{ id?: unknown; status?: unknown }> | null;
}

/** The session's transaction, from its details: the first OK one, else the first. */
function interpretSession(source: string, answer: ProviderAnswer): LookupResult {
  if (answer.kind !== 'answered') return { outcome: 'unknown', detail: answer.kind + ': ' + answer.reason };
  const body = parseJson(answer.text) as SessionDetails | null;
  if (isUnauthorized(answer.status, body as never)) {
    return { outcome: 'blocked', detail: readMonextAnswer(answer.status, answer.text).detail };
  }
  if (answer.status === 404) return { outcome: 'refused', detail: message('lookup.monextUnknownSession', source) };
  if (answer.status < 200 || answer.status >= 300) {
    return { outcome: 'unknown', detail: readMonextAnswer(answer.status, answer.text).detail };
  }
  const title = body && body.result ? String(body.result.title) : '';
  if (title !== 'ACCEPTED') return { outcome: 'refused', detail: message('lookup.monextNotAccepted', source, title) };
  const transactions = body && body.transactions instanceof Array ? body.transactions : [];
  let chosen: string | null = null;
  for (let i = 0; i < transactions.length && !chosen; i++) {
    if (transactions[i] && transactions[i].id && String(transactions[i].status) === 'OK')
      chosen = String(transactions[i].id);
  }
  if (!chosen && transactions.length && transactions[0] && transactions[0].id) chosen = String(transactions[0].id);
  return chosen
    ? { outcome: 'found', reference: chosen }
    : { outcome: 'refused', detail: message('lookup.monextNoTransaction', source) };
}

const referenceLookup: ReferenceLookup = {
  sourceAttribute: 'monextSessionID',
  source: sessionId,
  request: function (source: string) {
    return { method: 'GET', path: '/checkout/payments/sessions/' + encodeURIComponent(source), body: null };
  },
  interpret: interpretSession,
  store: function (order: dw.order.Order, source: string, reference: string): void {
    custom(order).monextTransactionID = reference;
    // Shown where the seed says: the payment method's Attributes tab (Monext's instrument).
    const instrument = monextInstrument(order);
    const attributes = instrument ? (instrument.custom as unknown as OrderPaymentInstrumentCustomAttributes) : null;
    if (attributes && !attributes.monextSessionID) attributes.monextSessionID = source;
  },
};

/** Capture on shipment (seed 002: manual-capture mode, the shipping status becomes Shipped). */
const captureTrigger = shipmentCaptureTrigger({
  attribute: 'monextSessionID',
  isActivated: function (): boolean {
    return !isAutomatic();
  },
  deactivatedLabel: 'Monext capture on shipment (site preference ' + CAPTURE_MODE_PREFERENCE + ' is AUTOMATIC)',
});

function isCaptured(order: dw.order.Order): boolean {
  const captured = custom(order).payopsCapturedAmount;
  if (captured !== null && captured !== undefined && captured > 0) return true;
  const paid = order.paymentStatus.value;
  return isAutomatic() || paid === Order.PAYMENT_STATUS_PAID || paid === Order.PAYMENT_STATUS_PARTPAID;
}

export const monextLifecycle: ProviderLifecycle = {
  adapter: monextAdapter,
  paymentReferenceAttribute: 'monextSessionID',
  paymentReference: paymentReference,
  referenceLookup: referenceLookup,
  capture: captureTrigger,
  // Cancelled orders not captured in full: before any capture, or partly captured (the rest is cancelled).
  cancelSelection: {
    query:
      'status = {0} AND (paymentStatus = {1} OR paymentStatus = {2}) AND custom.monextSessionID != NULL ' +
      'AND (custom.payopsCaptureStatus = NULL OR custom.payopsCaptureStatus != {3}) ' +
      'AND (custom.payopsCancelStatus = NULL OR custom.payopsCancelStatus = {4})',
    args: [
      Order.ORDER_STATUS_CANCELLED,
      Order.PAYMENT_STATUS_NOTPAID,
      Order.PAYMENT_STATUS_PARTPAID,
      'Captured',
      'Failed',
    ],
  },
  refundSelection: {
    query:
      'custom.monextSessionID != NULL AND (custom.payopsRefundAmount != NULL OR (status = {0} AND ' +
      '(paymentStatus != {1} OR custom.payopsCapturedAmount != NULL) AND ' +
      '(custom.payopsRefundStatus = NULL OR custom.payopsRefundStatus != {2})))',
    args: [Order.ORDER_STATUS_CANCELLED, Order.PAYMENT_STATUS_NOTPAID, 'Refunded'],
  },
  cancelOutcome: { status: 'payopsCancelStatus', response: null, partial: null },
  refundOutcome: { status: 'payopsRefundStatus', response: null, partial: 'PartiallyRefunded' },
  isCaptured: isCaptured,
  authorisedMinor: authorisedMinor,
  capturedMinor: function (order: dw.order.Order): number {
    return recordedCapturedMinor(order, authorisedMinor(order));
  },
  projectCapture: projectOrderCapture(authorisedMinor),
};
