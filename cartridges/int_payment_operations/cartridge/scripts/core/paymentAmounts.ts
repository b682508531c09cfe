/**
 * The amounts a provider's payment covers on an order, shared by the provider lifecycles: what
 * was authorised (the payment instrument whose transaction carries the provider's payment ID,
 * else the order total) and what was captured (as recorded when the capture succeeded, else the
 * whole payment, for a payment captured at checkout).
 */
import { moneyToMinorUnits, toMinorUnits } from './money';

/**
 * The amount of the payment instrument whose transaction ID is `paymentId` (the provider's
 * cartridge writes it so), else the order total. With a gift certificate or a split tender, the
 * order total is more than the provider authorised. Null when the order says neither.
 */
export function paymentAmountMinor(order: dw.order.Order, paymentId: string | null): number | null {
  const instruments = order.getPaymentInstruments().iterator();
  while (instruments.hasNext()) {
    const transaction = instruments.next().paymentTransaction;
    if (paymentId && transaction && transaction.transactionID === paymentId && transaction.amount) {
      const amount = moneyToMinorUnits(transaction.amount);
      if (amount !== null) return amount;
    }
  }
  return moneyToMinorUnits(order.totalGrossPrice);
}

/**
 * What the provider settles for the order, as recorded when the capture succeeded (Captured
 * Amount); without a record, the whole payment (`authorisedMinor`) counts as captured.
 */
export function recordedCapturedMinor(order: dw.order.Order, authorisedMinor: number | null): number {
  const recorded = (order.custom as unknown as OrderCustomAttributes).payopsCapturedAmount;
  if (recorded !== null && recorded !== undefined) return toMinorUnits(recorded, order.currencyCode);
  return authorisedMinor === null ? 0 : authorisedMinor;
}
