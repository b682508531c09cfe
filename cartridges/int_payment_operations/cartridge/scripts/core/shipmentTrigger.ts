/**
 * The capture-on-shipment trigger shared by the providers whose orders show the outcome in
 * Payment Capture Status (Monext, PayZen/Lyra): which orders are due (shipped, or part shipped
 * when each shipment is captured on its own), why one is not, and how a capture shows on the
 * order. Each provider names the order attribute its orders are found by.
 */
import Order = require('dw/order/Order');
import type { CaptureTrigger, CaptureWindow } from './lifecycle';
import type { JournalEntry } from './operationJournal';
import { message } from './messages';
import { enumText } from './scriptValues';
import { projectCaptureTotals } from './shipmentCapture';

export interface ShipmentTriggerOptions {
  /** The order attribute that tells the provider's orders (e.g. monextSessionID). */
  readonly attribute: string;
  isActivated(): boolean;
  readonly deactivatedLabel: string;
  readonly perShipmentByDefault?: boolean;
  captureWindow?(order: dw.order.Order, now: Date): CaptureWindow;
}

function captureStatus(order: dw.order.Order): string | null {
  return enumText((order.custom as unknown as OrderCustomAttributes).payopsCaptureStatus);
}

/** Orders of the provider whose shipping status is (`shipped`) or is not (`!shipped`) the one given, still to capture. */
function selection(attribute: string, shippingTest: string, shippingStatus: number) {
  return {
    query:
      'custom.' +
      attribute +
      ' != NULL AND shippingStatus ' +
      shippingTest +
      ' {0} AND status != {1} AND status != {2} AND ' +
      '(custom.payopsCaptureStatus = NULL OR custom.payopsCaptureStatus = {3})',
    args: [shippingStatus, Order.ORDER_STATUS_FAILED, Order.ORDER_STATUS_CANCELLED, 'PartiallyCaptured'],
  };
}

export function shipmentCaptureTrigger(options: ShipmentTriggerOptions): CaptureTrigger {
  return {
    isActivated: options.isActivated,
    deactivatedLabel: options.deactivatedLabel,
    onShipment: true,
    perShipmentByDefault: options.perShipmentByDefault,
    selection: selection(options.attribute, '=', Order.SHIPPING_STATUS_SHIPPED),
    shipmentSelection: selection(options.attribute, '!=', Order.SHIPPING_STATUS_NOTSHIPPED),
    notDueReason: function (order: dw.order.Order, perShipment?: boolean): string | null {
      const status = captureStatus(order);
      if (status === 'Captured') return message('notDue.captured');
      if (status !== null && status !== 'PartiallyCaptured') return message('notDue.payopsCaptureStatus', status);
      const shipping = order.shippingStatus.value;
      if (perShipment ? shipping === Order.SHIPPING_STATUS_NOTSHIPPED : shipping !== Order.SHIPPING_STATUS_SHIPPED) {
        return message('notDue.notShipped');
      }
      return null;
    },
    captureWindow: options.captureWindow,
    projectInvalid: function (order: dw.order.Order): void {
      (order.custom as unknown as OrderCustomAttributes).payopsCaptureStatus = 'Failed';
    },
  };
}

/** A whole-order capture's outcome in Payment Capture Status and Captured Amount (and the payment status). */
export function projectOrderCapture(authorisedMinor: (order: dw.order.Order) => number | null) {
  return function (order: dw.order.Order, entry: JournalEntry): void {
    const authorised = authorisedMinor(order);
    if (entry.state === 'Succeeded') {
      const moved = entry.movedMinor !== null ? entry.movedMinor : entry.amountMinor;
      projectCaptureTotals(order, moved === null ? authorised || 0 : moved, authorised, null);
    } else if (entry.state === 'Rejected' || entry.state === 'Failed') {
      projectCaptureTotals(order, 0, authorised, entry.state);
    }
  };
}
