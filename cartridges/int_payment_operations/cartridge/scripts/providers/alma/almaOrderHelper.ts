/**
 * almaOrderHelper, the seed's public helper (000_…): `setAlmaDeferredCapture(order, status)`
 * sets the order's Capture Status (`ALMA_Deferred_Capture`). Merchants call it from their own
 * code, for example to put an order in ToCapture when it ships.
 */
import Transaction = require('dw/system/Transaction');

export const CAPTURE_STATUSES = ['ToCapture', 'Captured', 'Failed'];

/**
 * Sets `ALMA_Deferred_Capture` to ToCapture, Captured or Failed, in a transaction (joining the
 * caller's when one is open). Throws on any other value, which the attribute would refuse.
 */
export function setAlmaDeferredCapture(order: dw.order.Order, status: string): void {
  if (!order) throw new Error('setAlmaDeferredCapture: no order given');
  const value = String(status);
  if (CAPTURE_STATUSES.indexOf(value) < 0) {
    throw new Error(
      'setAlmaDeferredCapture: "' + value + '" is not a Capture Status; expected one of ' + CAPTURE_STATUSES.join(', '),
    );
  }
  Transaction.wrap(function () {
    (order.custom as unknown as OrderCustomAttributes).ALMA_Deferred_Capture = value as
      'ToCapture' | 'Captured' | 'Failed';
  });
}
