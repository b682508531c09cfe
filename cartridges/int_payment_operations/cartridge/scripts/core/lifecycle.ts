/**
 * What the generic capture, cancel and refund steps need to know about a provider besides its
 * adapter: where its payment ID is on the order, which orders are due, and how an outcome shows
 * on the order. One implementation per provider (providers/<provider>/<provider>Lifecycle).
 */
import type { JournalEntry } from './operationJournal';
import type { OperationType, ProviderAdapter, ProviderAnswer, ProviderRequest } from './operation';
import type { OrderSelection } from './orderStream';
import type { OrderRunSettings } from './operationPlanning';
import type { OrderAttributeId } from './providers';

/** Where a cancel's or a refund's outcome shows on the order. */
export interface OutcomeAttributes {
  /** The enum attribute set to Cancelled or Refunded, Rejected or Failed (e.g. Cancel Status). */
  readonly status: OrderAttributeId;
  /**
   * A text attribute that also receives the stamped reason of every outcome, as the provider's
   * cartridge shows it (KOMOJU Cancel Response), or null.
   */
  readonly response: OrderAttributeId | null;
  /** The status of a partial refund (PartiallyRefunded), or null to leave the status as it is. */
  readonly partial: string | null;
}

export interface ProviderLifecycle {
  readonly adapter: ProviderAdapter;
  /** The order attribute holding the provider's payment ID, named in reasons. */
  readonly paymentReferenceAttribute: string;
  paymentReference(order: dw.order.Order): string | null;

  /** Deferred capture, when the provider has it. */
  readonly capture: CaptureTrigger | null;

  /** Cancelled orders whose payment was not captured and whose cancel has not been done. */
  readonly cancelSelection: OrderSelection;
  /**
   * Cancelled orders whose payment was captured and not yet refunded, plus orders with an
   * Amount to Refund.
   */
  readonly refundSelection: OrderSelection;
  readonly cancelOutcome: OutcomeAttributes;
  readonly refundOutcome: OutcomeAttributes;
  /** True when the order's payment was captured (so a cancel must be a refund). */
  isCaptured(order: dw.order.Order): boolean;
  /**
   * What the provider's payment authorised, in minor units: the most that may be captured. Null
   * when the order does not say.
   */
  authorisedMinor(order: dw.order.Order): number | null;
  /**
   * The amount captured, in minor units: the most that can be refunded in total. It comes from
   * what was recorded when the capture succeeded (Captured Amount), never from an input the
   * merchant can still edit; an order captured at checkout counts as authorised = captured.
   */
  capturedMinor(order: dw.order.Order): number;
  /** Writes a capture's outcome onto the order (inside the outcome's transaction). */
  projectCapture(order: dw.order.Order, entry: JournalEntry): void;
  /**
   * The provider's own cancel and refund of one order, when the generic ones do not fit (PayZen:
   * one operation per shipment debit). Absent: the generic cancelOrder and refundOrder.
   */
  readonly cancelOrder?: OrderHandler;
  readonly refundOrder?: OrderHandler;
  /**
   * For a provider whose operations act on an ID that a first read finds (Monext: the checkout
   * stores the session ID, the operations act on its transaction). Absent: paymentReference is
   * always what the order holds.
   */
  readonly referenceLookup?: ReferenceLookup;
}

/**
 * One read that finds the ID a provider's operations act on, stored on the order so that no
 * later operation of the order reads again.
 */
export interface ReferenceLookup {
  /** The order attribute the checkout writes and the read starts from (named in reasons). */
  readonly sourceAttribute: string;
  /** What the order holds to read with (e.g. the Monext session ID), or null. */
  source(order: dw.order.Order): string | null;
  request(source: string): ProviderRequest;
  interpret(source: string, answer: ProviderAnswer): LookupResult;
  /** Stores the reference found (inside a transaction). */
  store(order: dw.order.Order, source: string, reference: string): void;
}

/**
 * found: the reference. refused: the provider's answer means no operation can act (final, with a
 * reason). unknown: try again on a later run. blocked: our credentials were refused.
 */
export type LookupResult =
  | { readonly outcome: 'found'; readonly reference: string }
  | { readonly outcome: 'refused' | 'unknown' | 'blocked'; readonly detail: string };

export interface CaptureTrigger {
  /** The site preference that switches deferred capture on, or null when always on. */
  isActivated(): boolean;
  /** What the step says when it is off, e.g. "Alma deferred capture (ALMA_Deferred_Capture_Activation is off)". */
  readonly deactivatedLabel: string;
  readonly selection: OrderSelection;
  /**
   * Re-check on the re-read order: null when the capture is due, else why not. `perShipment`:
   * the shipments are captured one by one, so a part-shipped order is due too.
   */
  notDueReason(order: dw.order.Order, perShipment?: boolean): string | null;
  /**
   * True when the trigger is the order's shipment (capture on shipment): with an adapter that
   * supports partial captures and the site preference set to per shipment, each shipped shipment
   * is captured for its own share, and `shipmentSelection` finds the orders.
   */
  readonly onShipment?: boolean;
  /** Orders with at least one shipped shipment still to capture (per-shipment capture). */
  readonly shipmentSelection?: OrderSelection;
  /**
   * Per shipment when the site preference payopsShipmentCapture is empty (PayZen/Lyra's payment
   * on shipment); else a whole-order capture.
   */
  readonly perShipmentByDefault?: boolean;
  /**
   * A time limit on captures (PayZen/Lyra: 180 days from the initial transaction): `refused` stops
   * the capture before any call, with that reason; `note` goes into the order's history.
   */
  captureWindow?(order: dw.order.Order, now: Date): CaptureWindow;
  /** Writes "capture not possible: <reason>" onto the order, without any operation. */
  projectInvalid(order: dw.order.Order, reason: string): void;
}

/** Handles one order in an operation step (the step definitions' `handle`). */
export type OrderHandler = (orderNo: string, settings: OrderRunSettings, fromJournal: boolean) => void;

export interface CaptureWindow {
  readonly refused: string | null;
  readonly note: string | null;
}

/** The operation types whose outcome the generic projection handles. */
export type ProjectedType = Extract<OperationType, 'cancel' | 'refund'>;
