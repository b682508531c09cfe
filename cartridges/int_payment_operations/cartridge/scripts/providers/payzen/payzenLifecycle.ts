/**
 * PayZen/Lyra payment on shipment on the order (seed 003). The checkout creates the initial
 * transaction (`useCase: SHIPMENT_MULTIPLE_AUTHORISATION`); the IPN controller stores its uuid
 * (`payzenInitialTransactionUuid`) and its date (`payzenInitialTransactionDate`). Each shipment
 * whose shipping status becomes Shipped is then debited for its share by one shipment
 * transaction, within 180 days of the initial transaction; after 30 days the CB payment guarantee
 * no longer applies (seed 003), which the order's history says.
 */
import Order = require('dw/order/Order');
import type { CaptureWindow, ProviderLifecycle } from '../../core/lifecycle';
import { message } from '../../core/messages';
import { moneyToMinorUnits } from '../../core/money';
import { recordedCapturedMinor } from '../../core/paymentAmounts';
import { projectOrderCapture, shipmentCaptureTrigger } from '../../core/shipmentTrigger';
import { payzenAdapter } from './payzenAdapter';
import { payzenCancelOrder, payzenRefundOrder } from './payzenOrders';

/** Seed 003: shipment transactions only within 180 days of the initial one. */
export const SHIPMENT_WINDOW_DAYS = 180;
/** Seed 003: on the CB network, shipments within 30 days of the order keep the payment guarantee. */
export const CB_GUARANTEE_DAYS = 30;
const DAY_MILLIS = 24 * 60 * 60 * 1000;

function custom(order: dw.order.Order): OrderCustomAttributes {
  return order.custom as unknown as OrderCustomAttributes;
}

function paymentReference(order: dw.order.Order): string | null {
  const value = custom(order).payzenInitialTransactionUuid;
  const text = value === null || value === undefined ? '' : String(value).replace(/^\s+|\s+$/g, '');
  return text ? text : null;
}

/**
 * What PayZen authorised: the payment instrument whose transaction ID is the initial uuid, else the
 * one whose payment method names PayZen or Lyra, else the only one; else the order total.
 */
function authorisedMinor(order: dw.order.Order): number | null {
  const instruments = order.getPaymentInstruments();
  const uuid = paymentReference(order);
  let chosen: dw.order.OrderPaymentInstrument | null = null;
  let named: dw.order.OrderPaymentInstrument | null = null;
  const iterator = instruments.iterator();
  while (iterator.hasNext() && !chosen) {
    const instrument = iterator.next();
    const transaction = instrument.paymentTransaction;
    if (uuid && transaction && transaction.transactionID === uuid) chosen = instrument;
    else if (!named && /payzen|lyra/i.test(String(instrument.paymentMethod))) named = instrument;
  }
  chosen = chosen || named || (instruments.size() === 1 ? instruments.iterator().next() : null);
  const amount = chosen && chosen.paymentTransaction ? moneyToMinorUnits(chosen.paymentTransaction.amount) : null;
  return amount !== null ? amount : moneyToMinorUnits(order.totalGrossPrice);
}

/** The 180-day window and the 30-day CB guarantee, counted from the initial transaction's date. */
function captureWindow(order: dw.order.Order, now: Date): CaptureWindow {
  const date = custom(order).payzenInitialTransactionDate;
  if (!date) return { refused: null, note: message('payzen.noInitialDate', 'payzenInitialTransactionDate') };
  const days = Math.floor((now.getTime() - date.getTime()) / DAY_MILLIS);
  if (now.getTime() - date.getTime() > SHIPMENT_WINDOW_DAYS * DAY_MILLIS) {
    return { refused: message('payzen.windowClosed', String(days), String(SHIPMENT_WINDOW_DAYS)), note: null };
  }
  if (now.getTime() - date.getTime() > CB_GUARANTEE_DAYS * DAY_MILLIS) {
    return { refused: null, note: message('payzen.noGuarantee', String(days), String(CB_GUARANTEE_DAYS)) };
  }
  return { refused: null, note: null };
}

/** Capture on shipment (seed 003): each shipped shipment is debited for its share. */
const captureTrigger = shipmentCaptureTrigger({
  attribute: 'payzenInitialTransactionUuid',
  isActivated: function (): boolean {
    return true;
  },
  deactivatedLabel: 'PayZen/Lyra payment on shipment',
  perShipmentByDefault: true,
  captureWindow: captureWindow,
});

export const payzenLifecycle: ProviderLifecycle = {
  adapter: payzenAdapter,
  paymentReferenceAttribute: 'payzenInitialTransactionUuid',
  paymentReference: paymentReference,
  capture: captureTrigger,
  // Cancelled orders not yet marked cancelled; their debits are refunded by the refund step.
  cancelSelection: {
    query:
      'status = {0} AND custom.payzenInitialTransactionUuid != NULL AND ' +
      '(custom.payopsCancelStatus = NULL OR custom.payopsCancelStatus = {1})',
    args: [Order.ORDER_STATUS_CANCELLED, 'Failed'],
  },
  refundSelection: {
    query:
      'custom.payzenInitialTransactionUuid != NULL AND (custom.payopsRefundAmount != NULL OR (status = {0} AND ' +
      'custom.payopsCapturedAmount != NULL AND (custom.payopsRefundStatus = NULL OR custom.payopsRefundStatus = {1})))',
    args: [Order.ORDER_STATUS_CANCELLED, 'PartiallyRefunded'],
  },
  cancelOrder: payzenCancelOrder,
  refundOrder: payzenRefundOrder,
  cancelOutcome: { status: 'payopsCancelStatus', response: null, partial: null },
  refundOutcome: { status: 'payopsRefundStatus', response: null, partial: 'PartiallyRefunded' },
  isCaptured: function (order: dw.order.Order): boolean {
    const captured = custom(order).payopsCapturedAmount;
    return captured !== null && captured !== undefined && captured > 0;
  },
  authorisedMinor: authorisedMinor,
  capturedMinor: function (order: dw.order.Order): number {
    return recordedCapturedMinor(order, 0);
  },
  projectCapture: projectOrderCapture(authorisedMinor),
};
