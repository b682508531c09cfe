/**
 * KOMOJU on the order (seed 004): the payment ID in `komojuPaymentId` (the attribute KOMOJU's own
 * cartridge writes, so its orders work too), and which cancelled orders the cancel and refund
 * steps take, by payment status as the seed says: Not Paid → cancel, Paid → refund. Outcomes show
 * in KOMOJU Cancel Status / Response and KOMOJU Refund Status / Response.
 */
import Order = require('dw/order/Order');
import type { ProviderLifecycle } from '../../core/lifecycle';
import { paymentAmountMinor, recordedCapturedMinor } from '../../core/paymentAmounts';
import { komojuAdapter } from './komojuAdapter';

function paymentReference(order: dw.order.Order): string | null {
  const id = (order.custom as unknown as OrderCustomAttributes).komojuPaymentId;
  return id ? String(id) : null;
}

function authorisedMinor(order: dw.order.Order): number | null {
  return paymentAmountMinor(order, paymentReference(order));
}

/** Paid: KOMOJU captured the payment (at checkout, or in KOMOJU's dashboard). */
function isCaptured(order: dw.order.Order): boolean {
  return order.paymentStatus.value === Order.PAYMENT_STATUS_PAID;
}

export const komojuLifecycle: ProviderLifecycle = {
  adapter: komojuAdapter,
  paymentReferenceAttribute: 'komojuPaymentId',
  paymentReference: paymentReference,
  capture: null,
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
  projectCapture: function (): void {
    throw new Error('KOMOJU deferred capture is not available in this version');
  },
};
