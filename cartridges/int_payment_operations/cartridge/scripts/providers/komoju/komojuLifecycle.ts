/**
 * KOMOJU on the order (seed 004): the payment ID in `komojuPaymentId` (the attribute KOMOJU's own
 * cartridge writes, so its orders work too), and which cancelled orders the cancel and refund
 * steps take, by payment status as the seed says: Not Paid → cancel, Paid → refund. Outcomes show
 * in KOMOJU Cancel Status / Response and KOMOJU Refund Status / Response.
 */
import Order = require('dw/order/Order');
import Site = require('dw/system/Site');
import type { CaptureTrigger, ProviderLifecycle } from '../../core/lifecycle';
import type { JournalEntry } from '../../core/operationJournal';
import { message } from '../../core/messages';
import { enumText } from '../../core/scriptValues';
import { paymentAmountMinor, recordedCapturedMinor } from '../../core/paymentAmounts';
import { komojuAdapter } from './komojuAdapter';

function paymentReference(order: dw.order.Order): string | null {
  const id = (order.custom as unknown as OrderCustomAttributes).komojuPaymentId;
  return id ? String(id) : null;
}

function authorisedMinor(order: dw.order.Order): number | null {
  return paymentAmountMinor(order, paymentReference(order));
}

export const CAPTURE_SWITCH = 'komojuCaptureOnShipment';

function custom(order: dw.order.Order): OrderCustomAttributes {
  return order.custom as unknown as OrderCustomAttributes;
}

/**
 * Capture on shipment, off by default (site preference KOMOJU Capture on Shipment): an order
 * shipped and not paid, whose KOMOJU Capture Status is empty, has its payment captured once; the
 * order is then Paid, so cancelling it afterwards refunds it. Rejected or Failed waits for the
 * operator, who clears KOMOJU Capture Status to capture again.
 */
const captureTrigger: CaptureTrigger = {
  isActivated: function (): boolean {
    return Site.getCurrent().getCustomPreferenceValue(CAPTURE_SWITCH) === true;
  },
  deactivatedLabel: 'KOMOJU capture on shipment (site preference ' + CAPTURE_SWITCH + ' is No)',
  selection: {
    query:
      'custom.komojuPaymentId != NULL AND custom.komojuCaptureStatus = NULL AND shippingStatus = {0} AND ' +
      'paymentStatus = {1} AND status != {2} AND status != {3}',
    args: [
      Order.SHIPPING_STATUS_SHIPPED,
      Order.PAYMENT_STATUS_NOTPAID,
      Order.ORDER_STATUS_FAILED,
      Order.ORDER_STATUS_CANCELLED,
    ],
  },
  notDueReason: function (order: dw.order.Order): string | null {
    const status = enumText(custom(order).komojuCaptureStatus);
    if (status !== null) return message('notDue.komojuCaptureStatus', status);
    if (order.paymentStatus.value !== Order.PAYMENT_STATUS_NOTPAID) return message('notDue.paid');
    if (order.shippingStatus.value !== Order.SHIPPING_STATUS_SHIPPED) return message('notDue.notShipped');
    return null;
  },
  projectInvalid: function (order: dw.order.Order, reason: string): void {
    custom(order).komojuCaptureStatus = 'Failed';
    custom(order).komojuCaptureResponse = (custom(order).payopsReason as string | null) || reason;
  },
};

/** Writes a capture's outcome (inside its transaction): Captured and Paid, or Rejected / Failed. */
function projectCapture(order: dw.order.Order, entry: JournalEntry): void {
  const attributes = custom(order);
  attributes.komojuCaptureResponse = attributes.payopsReason;
  if (entry.state === 'Succeeded') {
    attributes.komojuCaptureStatus = 'Captured';
    order.setPaymentStatus(Order.PAYMENT_STATUS_PAID);
  } else if (entry.state === 'Rejected' || entry.state === 'Failed') {
    attributes.komojuCaptureStatus = entry.state;
  }
}

/** Paid: KOMOJU captured the payment (at checkout, in KOMOJU's dashboard, or on shipment). */
function isCaptured(order: dw.order.Order): boolean {
  return order.paymentStatus.value === Order.PAYMENT_STATUS_PAID;
}

export const komojuLifecycle: ProviderLifecycle = {
  adapter: komojuAdapter,
  paymentReferenceAttribute: 'komojuPaymentId',
  paymentReference: paymentReference,
  capture: captureTrigger,
  // Seed 004: cancelled, not paid, KOMOJU Cancel Status neither Cancelled nor Rejected. A Failed
  // order is selected too, and waits for the operator (the step skips it until its status is cleared).
  cancelSelection: {
    query:
      'status = {0} AND paymentStatus = {1} AND custom.komojuPaymentId != NULL AND ' +
      '(custom.komojuCancelStatus = NULL OR custom.komojuCancelStatus = {2})',
    args: [Order.ORDER_STATUS_CANCELLED, Order.PAYMENT_STATUS_NOTPAID, 'Failed'],
  },
  // Seed 004: cancelled, paid, KOMOJU Refund Status neither Refunded nor Rejected; and any order
  // with an Amount to Refund.
  refundSelection: {
    query:
      'custom.komojuPaymentId != NULL AND (custom.payopsRefundAmount != NULL OR (status = {0} AND ' +
      'paymentStatus = {1} AND (custom.komojuRefundStatus = NULL OR custom.komojuRefundStatus = {2})))',
    args: [Order.ORDER_STATUS_CANCELLED, Order.PAYMENT_STATUS_PAID, 'Failed'],
  },
  cancelOutcome: { status: 'komojuCancelStatus', response: 'komojuCancelResponse', partial: null },
  refundOutcome: { status: 'komojuRefundStatus', response: 'komojuRefundResponse', partial: null },
  isCaptured: isCaptured,
  authorisedMinor: authorisedMinor,
  capturedMinor: function (order: dw.order.Order): number {
    return recordedCapturedMinor(order, authorisedMinor(order));
  },
  projectCapture: projectCapture,
};
