/**
 * Alma on the order: the payment ID in `almaPaymentId`, deferred capture driven by
 * `ALMA_Deferred_Capture` (ToCapture → Captured / Failed, seed 000) while the site preference
 * `ALMA_Deferred_Capture_Activation` is on, and which orders the cancel and refund steps take.
 */
import Order = require('dw/order/Order');
import Site = require('dw/system/Site');
import type { CaptureTrigger, ProviderLifecycle } from '../../core/lifecycle';
import type { JournalEntry } from '../../core/operationJournal';
import { paymentAmountMinor, recordedCapturedMinor } from '../../core/paymentAmounts';
import { almaAdapter } from './almaAdapter';
import { setAlmaDeferredCapture } from './almaOrderHelper';
import { enumText } from '../../core/scriptValues';
import { message } from '../../core/messages';

export const CAPTURE_STATUS_ATTRIBUTE = 'ALMA_Deferred_Capture';
export const ACTIVATION_PREFERENCE = 'ALMA_Deferred_Capture_Activation';

function attributes(order: dw.order.Order): OrderCustomAttributes {
  return order.custom as unknown as OrderCustomAttributes;
}

/** The capture status as text ("ToCapture", "Captured", "Failed"), or null when not set. */
export function captureStatus(order: dw.order.Order): string | null {
  return enumText(attributes(order).ALMA_Deferred_Capture);
}

const captureTrigger: CaptureTrigger = {
  isActivated: function (): boolean {
    return Site.getCurrent().getCustomPreferenceValue(ACTIVATION_PREFERENCE) === true;
  },
  deactivatedLabel: 'Alma deferred capture (site preference ' + ACTIVATION_PREFERENCE + ' is No)',
  // Seed 000's query. Orders without a payment ID are selected too, so that they get a Failed reason.
  selection: {
    query: 'custom.ALMA_Deferred_Capture = {0} AND status != {1} AND status != {2}',
    args: ['ToCapture', Order.ORDER_STATUS_FAILED, Order.ORDER_STATUS_CANCELLED],
  },
  notDueReason: function (order: dw.order.Order): string | null {
    const status = captureStatus(order);
    return status === 'ToCapture' ? null : message('notDue.captureStatus', status || message('value.empty'));
  },
  projectInvalid: function (order: dw.order.Order): void {
    setAlmaDeferredCapture(order, 'Failed');
  },
};

function paymentReference(order: dw.order.Order): string | null {
  const id = attributes(order).almaPaymentId;
  return id ? String(id) : null;
}

/**
 * Captured: deferred capture done (Captured), or never deferred (empty Capture Status: Alma
 * captured at checkout). ToCapture and Failed mean the authorisation is still open.
 */
function isCaptured(order: dw.order.Order): boolean {
  const status = captureStatus(order);
  return status === null || status === 'Captured';
}

function authorisedMinor(order: dw.order.Order): number | null {
  return paymentAmountMinor(order, paymentReference(order));
}

/** Captured Amount as recorded; an order Alma captured at checkout (no deferred capture) counts whole. */
function capturedMinor(order: dw.order.Order): number {
  return recordedCapturedMinor(order, authorisedMinor(order));
}

export const almaLifecycle: ProviderLifecycle = {
  adapter: almaAdapter,
  paymentReferenceAttribute: 'almaPaymentId',
  paymentReference: paymentReference,
  capture: captureTrigger,
  cancelSelection: {
    query:
      'status = {0} AND custom.almaPaymentId != NULL AND custom.payopsCancelStatus = NULL AND ' +
      '(custom.ALMA_Deferred_Capture = {1} OR custom.ALMA_Deferred_Capture = {2})',
    args: [Order.ORDER_STATUS_CANCELLED, 'ToCapture', 'Failed'],
  },
  // Cancelled, captured orders are selected until fully refunded, whatever a partial request did
  // before; the step decides per order (a full refund that already failed waits for the operator).
  refundSelection: {
    query:
      'custom.almaPaymentId != NULL AND (custom.payopsRefundAmount != NULL OR (status = {0} AND ' +
      '(custom.payopsRefundStatus = NULL OR custom.payopsRefundStatus != {2}) AND ' +
      '(custom.ALMA_Deferred_Capture = NULL OR custom.ALMA_Deferred_Capture = {1})))',
    args: [Order.ORDER_STATUS_CANCELLED, 'Captured', 'Refunded'],
  },
  cancelOutcome: { status: 'payopsCancelStatus', response: null, partial: null },
  refundOutcome: { status: 'payopsRefundStatus', response: null, partial: 'PartiallyRefunded' },
  isCaptured: isCaptured,
  authorisedMinor: authorisedMinor,
  capturedMinor: capturedMinor,
  projectCapture: function (order: dw.order.Order, entry: JournalEntry): void {
    if (entry.state === 'Succeeded') setAlmaDeferredCapture(order, 'Captured');
    else if (entry.state === 'Rejected' || entry.state === 'Failed') setAlmaDeferredCapture(order, 'Failed');
  },
};
