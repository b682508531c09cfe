export const PAYZEN_DETAILED_STATUSES = [
  'ACCEPTED',
  'AUTHORISED',
  'CAPTURED',
  'PARTIALLY_AUTHORISED',
  'AUTHORISED_TO_VALIDATE',
  'WAITING_AUTHORISATION',
  'WAITING_AUTHORISATION_TO_VALIDATE',
  'UNDER_VERIFICATION',
  'SUSPENDED',
  'CANCELLED',
  'REFUSED',
  'EXPIRED',
  'CAPTURE_FAILED',
] as const;
export type PayzenDetailedStatus = (typeof PAYZEN_DETAILED_STATUSES)[number];
export type PayzenStatus = 'PAID' | 'RUNNING' | 'UNPAID';
export type PayzenOperationType = 'DEBIT' | 'CREDIT' | 'VERIFICATION';

export const SHIPMENT_USE_CASE = 'SHIPMENT_MULTIPLE_AUTHORISATION';

/** Outcomes a test can queue on an initial transaction for its next shipment (seed 003). */
export const INJECTABLE_SHIPMENT_OUTCOMES = ['PSP_227', 'PSP_228'] as const;
export type InjectableShipmentOutcome = (typeof INJECTABLE_SHIPMENT_OUTCOMES)[number];

/**
 * How the next `Charge/CreatePayment` ends, queued by a test (the shopper's card and the payment
 * form are not simulated): `refused` makes the transaction REFUSED (status UNPAID, IPN orderStatus
 * UNPAID); `ipn` sends the IPN (default), sends it with a wrong `kr-hash` (`tamper`), or not at all (`skip`).
 */
export interface PayzenPaymentOutcome {
  refused?: boolean;
  ipn?: 'send' | 'tamper' | 'skip';
}

export const PAYMENT_OUTCOME_IPN_MODES: readonly string[] = ['send', 'tamper', 'skip'];

export interface PayzenTransactionRecord {
  uuid: string;
  orderId: string | null;
  /** Current amount (lowered by Transaction/Update). */
  amount: number;
  /** Amount at creation, shown as `orderDetails.orderTotalAmount`. */
  initialAmount: number;
  currency: string;
  operationType: PayzenOperationType;
  detailedStatus: PayzenDetailedStatus;
  creationDate: Date;
  sequenceNumber: number;
  useCase: typeof SHIPMENT_USE_CASE | null;
  manualValidation: boolean;
  expectedCaptureDate: Date | null;
  captureDate: Date | null;
  /** Sum of the CREDIT transactions created from this one. */
  refundAmount: number;
  /** Refunded debit for a CREDIT, initial transaction for a shipment DEBIT. */
  parentTransactionUuid: string | null;
  comment: string | null;
  metadata: Record<string, unknown> | null;
  customerEmail: string | null;
  /** Shipment DEBITs only: what the duplicate guard compares. */
  shipmentSignature: string | null;
  /** Initial transactions only: outcomes forced on the next shipments, consumed in order. */
  queuedShipmentOutcomes: InjectableShipmentOutcome[];
}

export interface PayzenSandboxOptions {
  credentials?: { shopId: string; password: string };
  /** Currencies the merchant contract accepts; others get PSP_606. */
  contractCurrencies?: string[];
  /**
   * HTTP status of the ERROR envelope sent for bad credentials. Lyra's answer is not confirmed
   * (see the README section): 401 by default, 200 to simulate "everything rides the envelope".
   */
  authFailureHttpStatus?: number;
  /** Delay after which an AUTHORISED debit or credit becomes CAPTURED (the bank's capture). */
  automaticCaptureDelayMs?: number;
  /** A shipment with the same initial uuid, amount, orderId, comment and metadata within this window is a duplicate (PSP_236). */
  duplicateShipmentWindowMs?: number;
  /** Days after which an initial shipment transaction no longer accepts shipments (seed 003: 180). */
  shipmentWindowDays?: number;
  /** Refuse shipments whose sum would exceed the initial transaction's amount (PSP_229). */
  enforceInitialAmountLimit?: boolean;
  /**
   * The IPN URL of the back office's REST API section (seed 003): `http://127.0.0.1:<port>/…` only.
   * Unset (default): no IPN is sent until one is set (admin `notification-url`).
   */
  notificationUrl?: string;
  /** How long an IPN POST may take before it counts as failed (Lyra waits 30 s). Default 30,000, at most 60,000. */
  ipnTimeoutMs?: number;
  /** Delay between the CreatePayment answer and its IPN. Default 0 (right after the answer). */
  ipnDelayMs?: number;
  /** IPN deliveries kept in the state (the oldest are dropped). Default 100. */
  ipnDeliveryLimit?: number;
}

export interface PayzenSettings {
  shopId: string;
  password: string;
  contractCurrencies: ReadonlySet<string>;
  authFailureHttpStatus: number;
  automaticCaptureDelayMs: number;
  duplicateShipmentWindowMs: number;
  shipmentWindowDays: number;
  enforceInitialAmountLimit: boolean;
}
