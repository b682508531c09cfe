/**
 * Capture on shipment, the engine's second capture trigger: whether a provider's orders are
 * captured per shipment or as a whole, how the authorised amount is shared out between the
 * shipments, and how capture outcomes show on the shipments and the order.
 *
 * The share-out rule (README, "Capture on shipment"): each shipment weighs what its own lines and
 * its own shipping cost (Shipment.totalGrossPrice); the authorised amount — which already holds
 * every order-level discount — is shared out in proportion, rounded down to the minor unit, and
 * the last shipment of the order (with a weight) takes what is left, so that the shares add up
 * exactly to what was authorised. A hook (app.payment.operations.shipmentSplit) may choose
 * another split; it must add up exactly too.
 */
import Order = require('dw/order/Order');
import Site = require('dw/system/Site');
import type { ProviderLifecycle } from './lifecycle';
import type { JournalEntry } from './operationJournal';
import { operationsOfOrder } from './operationJournal';
import type { ProviderId } from './providers';
import { fromMinorUnits, moneyToMinorUnits } from './money';
import { shipmentSplit } from './extensionHooks';
import { enumText } from './scriptValues';
import { message } from './messages';

/** Site preference: Order (capture when the order is shipped, the default) or Shipment (each shipment). */
export const CAPTURE_GRANULARITY_PREFERENCE = 'payopsShipmentCapture';
/** Site preference (default Yes): the order's payment status follows what was captured. */
export const PAYMENT_STATUS_PREFERENCE = 'payopsUpdatePaymentStatus';

/** The largest product the share-out computes exactly (2^53 − 1). */
const EXACT_LIMIT = 9007199254740991;

export interface ShipmentWeight {
  readonly shipmentID: string;
  /** What the shipment's lines and shipping cost, in minor units. */
  readonly baseMinor: number;
}

export interface ShipmentShare extends ShipmentWeight {
  /** What is captured when the shipment ships, in minor units. */
  readonly amountMinor: number;
}

/** True when the provider's orders are captured shipment by shipment. */
export function capturesPerShipment(lifecycle: ProviderLifecycle): boolean {
  const trigger = lifecycle.capture;
  if (!trigger || !trigger.onShipment || !lifecycle.adapter.supportsPartialCaptures) return false;
  const chosen = enumText(Site.getCurrent().getCustomPreferenceValue(CAPTURE_GRANULARITY_PREFERENCE));
  // Empty: the provider's documented default (Monext: the order; PayZen/Lyra: each shipment).
  return chosen ? chosen === 'Shipment' : !!trigger.perShipmentByDefault;
}

/** True unless the merchant switched off the payment status update (site preference). */
export function updatesPaymentStatus(): boolean {
  return Site.getCurrent().getCustomPreferenceValue(PAYMENT_STATUS_PREFERENCE) !== false;
}

/** The documented rule: shares in proportion to the weights, the last weighted shipment takes the rest. */
export function shareOut(weights: ReadonlyArray<ShipmentWeight>, totalMinor: number): ShipmentShare[] {
  let sum = 0;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i].baseMinor;
    if (weights[i].baseMinor > 0) last = i;
  }
  if (sum <= 0 || last < 0) throw new Error(message('invalid.shipmentsWithoutAmount'));
  const shares: ShipmentShare[] = [];
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i];
    let amount = 0;
    if (i === last) amount = totalMinor - given;
    else if (weight.baseMinor > 0) {
      if (totalMinor * weight.baseMinor > EXACT_LIMIT) throw new Error(message('invalid.shareTooLarge'));
      amount = Math.floor((totalMinor * weight.baseMinor) / sum);
    }
    given += amount;
    shares.push({ shipmentID: weight.shipmentID, baseMinor: weight.baseMinor, amountMinor: amount });
  }
  return shares;
}

/** What each shipment of the order weighs; throws a readable Error for a shipment without an amount. */
export function shipmentWeights(order: dw.order.Order): ShipmentWeight[] {
  const weights: ShipmentWeight[] = [];
  const shipments = order.getShipments().iterator();
  while (shipments.hasNext()) {
    const shipment = shipments.next();
    const total = shipment.totalGrossPrice;
    const minor = total && total.available ? moneyToMinorUnits(total) : null;
    if (minor === null || minor < 0) {
      throw new Error(message('invalid.shipmentWithoutAmount', shipment.ID, total ? String(total) : 'null'));
    }
    weights.push({ shipmentID: shipment.ID, baseMinor: minor });
  }
  return weights;
}

/**
 * The shares of the authorised amount: the documented rule, or the shipmentSplit hook's answer,
 * checked to hold every shipment with a whole, non-negative amount adding up exactly to the
 * authorised amount. Throws a readable Error otherwise.
 */
export function shipmentShares(order: dw.order.Order, provider: ProviderId, authorisedMinor: number): ShipmentShare[] {
  const proposed = shareOut(shipmentWeights(order), authorisedMinor);
  const chosen = shipmentSplit(order, {
    provider: provider,
    currencyCode: order.currencyCode,
    authorisedMinor: authorisedMinor,
    shipments: proposed,
  });
  if (chosen === undefined) return proposed;
  const shares: ShipmentShare[] = [];
  let sum = 0;
  for (let i = 0; i < proposed.length; i++) {
    const amount = chosen[proposed[i].shipmentID];
    if (typeof amount !== 'number' || Math.floor(amount) !== amount || amount < 0) {
      throw new Error(message('invalid.splitAmount', proposed[i].shipmentID, String(amount)));
    }
    sum += amount;
    shares.push({ shipmentID: proposed[i].shipmentID, baseMinor: proposed[i].baseMinor, amountMinor: amount });
  }
  if (sum !== authorisedMinor) throw new Error(message('invalid.splitSum', String(sum), String(authorisedMinor)));
  return shares;
}

/** True when the shipment counts as shipped: its own status is Shipped, or the whole order's is. */
export function isShipped(order: dw.order.Order, shipment: dw.order.Shipment): boolean {
  return (
    order.shippingStatus.value === Order.SHIPPING_STATUS_SHIPPED ||
    shipment.shippingStatus.value === Order.SHIPPING_STATUS_SHIPPED
  );
}

/** The shipment a shipment capture's ID names ("monext:shipmentCapture:<orderNo>:<shipmentID>"). */
export function shipmentIdOf(entry: { provider: string; orderNo: string; id: string }): string {
  return entry.id.substring((entry.provider + ':shipmentCapture:' + entry.orderNo + ':').length);
}

/** What the succeeded operations among `entries` moved (as the provider reported, else as planned), in minor units. */
export function movedBy(entries: ReadonlyArray<JournalEntry>): number {
  let moved = 0;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].state !== 'Succeeded') continue;
    const reported = entries[i].movedMinor;
    moved += reported !== null ? reported : entries[i].amountMinor || 0;
  }
  return moved;
}

/** What the order's shipment captures of the provider moved, in minor units. */
export function shipmentCapturedMinor(order: dw.order.Order, provider: ProviderId): number {
  return movedBy(operationsOfOrder(order, provider, 'shipmentCapture'));
}

/**
 * Writes the order's Capture Status, Captured Amount and, unless switched off, its payment status
 * (Part Paid, Paid) after a capture outcome (inside the outcome's transaction). `failed`: the
 * capture just ended Rejected or Failed.
 */
export function projectCaptureTotals(
  order: dw.order.Order,
  capturedMinor: number,
  authorisedMinor: number | null,
  failed: 'Rejected' | 'Failed' | null,
): void {
  const custom = order.custom as unknown as OrderCustomAttributes;
  const complete = authorisedMinor !== null && capturedMinor >= authorisedMinor;
  if (failed) custom.payopsCaptureStatus = failed;
  else if (capturedMinor > 0) custom.payopsCaptureStatus = complete ? 'Captured' : 'PartiallyCaptured';
  if (capturedMinor > 0) custom.payopsCapturedAmount = fromMinorUnits(capturedMinor, order.currencyCode);
  if (capturedMinor > 0 && updatesPaymentStatus()) {
    order.setPaymentStatus(complete ? Order.PAYMENT_STATUS_PAID : Order.PAYMENT_STATUS_PARTPAID);
  }
}

/** Writes a shipment capture's outcome on its shipment and the order totals (inside its transaction). */
export function projectShipmentCapture(lifecycle: ProviderLifecycle, order: dw.order.Order, entry: JournalEntry): void {
  const shipment = order.getShipment(shipmentIdOf(entry));
  const failed = entry.state === 'Rejected' || entry.state === 'Failed' ? entry.state : null;
  if (shipment) {
    const custom = shipment.custom as unknown as ShipmentCustomAttributes;
    if (entry.state === 'Succeeded') {
      const moved = entry.movedMinor !== null ? entry.movedMinor : entry.amountMinor || 0;
      custom.payopsCaptureStatus = 'Captured';
      custom.payopsCapturedAmount = fromMinorUnits(moved, entry.currencyCode);
      custom.payopsCaptureReference = entry.providerReference;
    } else if (failed) custom.payopsCaptureStatus = failed;
  }
  if (entry.state !== 'Succeeded' && !failed) return;
  projectCaptureTotals(
    order,
    shipmentCapturedMinor(order, lifecycle.adapter.provider),
    lifecycle.authorisedMinor(order),
    failed,
  );
}
