/**
 * What an operation is, and the contract every provider adapter fulfils. An operation is one
 * intended money movement on one order's payment; its record in the order's payment history
 * (see operationJournal) is the source of truth for whether money moved.
 */
import type { ProviderId } from './providers';

export type OperationType = 'capture' | 'shipmentCapture' | 'cancel' | 'refund';

/**
 * Planned: not sent yet, or to be sent again. InFlight: sent and the outcome is not known; the
 * next run reads the provider before anything else happens. The other three are final.
 */
export type OperationState = 'Planned' | 'InFlight' | 'Succeeded' | 'Rejected' | 'Failed';

/** An operation as the engine and the adapters see it (a snapshot of the journal record). */
export interface Operation {
  readonly id: string;
  readonly provider: ProviderId;
  readonly type: OperationType;
  readonly orderNo: string;
  /** The amount in minor units; null means "everything", for operations that have no amount (cancel). */
  readonly amountMinor: number | null;
  readonly currencyCode: string;
  /** The provider's payment identifier (Alma payment ID, KOMOJU payment ID, …). */
  readonly paymentReference: string;
  readonly merchantReference: string;
  readonly idempotencyKey: string;
  /** Which of the provider's calls does it, when it has several for one type (PayZen); null otherwise. */
  readonly variant?: string | null;
  readonly state: OperationState;
  readonly attempts: number;
  /** The provider's identifier of the movement once known (capture ID, refund ID). */
  readonly providerReference: string | null;
}

/** One HTTP request to a provider, relative to the service credential's URL. */
export interface ProviderRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  /** A JSON-serialisable body, or null for none. */
  readonly body: unknown;
  /** Extra headers, e.g. the idempotency key of a provider that supports one. */
  readonly headers?: { readonly [name: string]: string };
}

/** What came back: an HTTP answer, or none (timeout, reset, refused, rate limited). */
export type ProviderAnswer =
  | { readonly kind: 'answered'; readonly status: number; readonly text: string }
  /**
   * notSent: the platform did not send the request (rate limiter, circuit breaker, configuration),
   * so the provider cannot have acted. noAnswer: it may have been sent and acted on.
   */
  | { readonly kind: 'notSent' | 'noAnswer'; readonly reason: string };

/**
 * success: the movement happened. rejected: the provider refused it for a business reason; do
 * not retry. transient: it did not happen and may succeed later. unknown: it may have happened;
 * read the provider's truth before anything else. blocked: the provider refused our credentials,
 * so nothing happened and no other order can succeed either: stop calling it in this run.
 * failed: the provider refused the request as invalid (not a business refusal of the payment,
 * which is rejected): nothing happened, and an operator must look before it is tried again.
 */
export type Classification =
  | ({
      readonly outcome: 'success';
      readonly providerReference: string | null;
      /** The amount the provider reports it moved, when it says. */
      readonly amountMinor: number | null;
      readonly detail: string;
    } & ProviderFigures)
  | { readonly outcome: 'rejected' | 'failed' | 'transient' | 'unknown' | 'blocked'; readonly detail: string };

/**
 * What the provider says about the whole payment after a movement, when its answer tells. The
 * order's Captured Amount and Refund Status follow these figures rather than our own arithmetic.
 */
export interface ProviderFigures {
  /** After a capture: the amount the provider settles for the payment (e.g. every instalment). */
  readonly settledMinor?: number | null;
  /** After a refund: what is still captured and not refunded at the provider. */
  readonly remainingMinor?: number | null;
}

/** The provider's truth about an operation, read for reconciliation. */
export type Truth =
  | ({
      readonly applied: true;
      readonly providerReference: string | null;
      readonly amountMinor: number | null;
      readonly detail: string;
    } & ProviderFigures)
  | { readonly applied: false; readonly detail: string }
  /**
   * The read itself failed or was not conclusive: stay in flight and try again later. blocked:
   * the provider refused our credentials.
   */
  | { readonly applied: null; readonly detail: string; readonly blocked?: boolean };

export interface ProviderAdapter {
  readonly provider: ProviderId;
  readonly label: string;
  /** Service ID in services.xml. */
  readonly serviceId: string;
  /**
   * True when the provider de-duplicates on our idempotency key, so a retry with the same key
   * is safe without reading the provider first (KOMOJU). False: read before any retry.
   */
  readonly supportsIdempotency: boolean;
  /**
   * How long the provider replays the first answer for a key (KOMOJU: 24 h). Past it, an
   * operation sent before is read first, as for a provider without keys. Required when
   * supportsIdempotency is true.
   */
  readonly idempotencyWindowMillis?: number;
  /**
   * True when the provider accepts several partial captures of one authorisation, so that each
   * shipment can be captured on its own (Monext); false: the order is captured once, when all
   * its shipments are shipped.
   */
  readonly supportsPartialCaptures: boolean;
  /**
   * True when every capture and cancel must name its amount (Monext): a full capture is sent as
   * the authorised amount, a cancel as what is left of the authorisation.
   */
  readonly requiresAmount?: boolean;
  supports(type: OperationType): boolean;
  /** Sets authentication on the service (headers, authentication mode) from its credential. */
  authenticate(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): void;
  buildRequest(operation: Operation): ProviderRequest;
  classify(operation: Operation, answer: ProviderAnswer): Classification;
  /** The read that tells whether the operation was applied (e.g. GET the payment). */
  buildTruthRequest(operation: Operation): ProviderRequest;
  /**
   * `claimed`: the provider references of the order's other operations that succeeded, so that a
   * provider without our reference in its records (Monext) never takes another operation's
   * movement for this one.
   */
  interpretTruth(operation: Operation, answer: ProviderAnswer, claimed?: ReadonlyArray<string>): Truth;
}
