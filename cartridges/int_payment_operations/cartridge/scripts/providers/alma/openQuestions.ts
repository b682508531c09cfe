/**
 * Alma: the open questions of providers.md (§1, §8) and what this cartridge decided for each.
 * Every Alma call and every reading of an Alma answer that depends on one of them goes through
 * a constant or a function of this file, so confirming a question on Alma's real sandbox changes
 * one place. The local sandbox (tools/sandboxes/alma) implements the same choices.
 */

/**
 * Q1a — Capture path and body. Alma's own SFCC cartridge posts `/v1/payments/{id}/captures`
 * with `{ external_id, amount }`; the docs say the amount is optional and, when omitted, the
 * whole first instalment is captured. Decision: POST /captures with `external_id`, and `amount`
 * only for a partial capture (as the seed's `capturePayment({ external_id })`).
 */
export const CAPTURE_PATH_SUFFIX = '/captures';

/**
 * Q1b — Capture response schema: not documented. Alma's cartridge reads `id` from it.
 * Decision: a JSON object with a string `id` is a capture; its integer `amount`, when present,
 * is the amount captured. Anything else on a 2xx is an unknown outcome, reconciled by reading.
 */
export function captureFromAnswer(body: unknown): { id: string; amountMinor: number | null } | null {
  const capture = body as { id?: unknown; amount?: unknown } | null;
  if (!capture || typeof capture !== 'object' || typeof capture.id !== 'string' || !capture.id) return null;
  return { id: capture.id, amountMinor: integerOrNull(capture.amount) };
}

/**
 * Q1c — How a captured payment shows in the Payment object: field names unconfirmed.
 * Decision: a non-empty `captures[]` (first entry's `id` and `amount`), else a positive
 * `captured_amount`, else `processing_status: "captured"` (third-party field) means captured.
 */
export function captureFromPayment(payment: AlmaPayment): { id: string | null; amountMinor: number | null } | null {
  const captures = payment.captures;
  if (captures instanceof Array && captures.length > 0) {
    const first = captures[0] as { id?: unknown; amount?: unknown };
    return { id: typeof first.id === 'string' ? first.id : null, amountMinor: integerOrNull(first.amount) };
  }
  const capturedAmount = integerOrNull(payment.captured_amount);
  if (capturedAmount !== null && capturedAmount > 0) return { id: null, amountMinor: capturedAmount };
  if (payment.processing_status === 'captured') return { id: null, amountMinor: null };
  return null;
}

/** True when the payment carries at least one of the fields Q1c reads, so "not captured" is an answer. */
export function showsCaptureState(payment: AlmaPayment): boolean {
  return (
    payment.captures !== undefined || payment.captured_amount !== undefined || payment.processing_status !== undefined
  );
}

/**
 * Q1d — A repeated capture: multi-capture is not supported, the answer to a second call is
 * unknown (the sandbox answers 400 `already_captured`). Decision: never send a second capture;
 * reconcile by reading the payment instead.
 *
 * Q1e — Cancel method: the official clients use PUT, newer docs list POST. Decision: PUT.
 */
export const CANCEL_METHOD = 'PUT';
export const CANCEL_PATH_SUFFIX = '/cancel';

/**
 * Q1f — How a cancelled payment shows: Alma documents no cancelled state. Decision:
 * `state` or `processing_status` equal to "canceled" or "cancelled".
 */
export function isCancelled(payment: AlmaPayment): boolean {
  const values = [payment.state, payment.processing_status];
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 'canceled' || values[i] === 'cancelled') return true;
  }
  return false;
}

/**
 * Q2 — Refund path and answer: the SDKs post `/refund` and get the Payment back; Alma's SFCC
 * cartridge posts `/refunds`. Decision: `/refund` (the SDKs, confirmed in three official
 * clients); the new refund is found in `payment.refunds[]` by our unique `merchant_reference`.
 * A Refund object answer (`id` starting with "refund_") is accepted too.
 */
export const REFUND_PATH_SUFFIX = '/refund';

export function refundFromAnswer(
  body: unknown,
  merchantReference: string,
): { id: string; amountMinor: number | null } | null {
  const object = body as { id?: unknown; amount?: unknown; refunds?: unknown } | null;
  if (!object || typeof object !== 'object') return null;
  if (object.refunds instanceof Array) return refundFromPayment(object as AlmaPayment, merchantReference);
  if (typeof object.id === 'string' && object.id.indexOf('refund_') === 0) {
    return { id: object.id, amountMinor: integerOrNull(object.amount) };
  }
  return null;
}

/** The refund of the payment carrying our merchant reference (unique per refund operation). */
export function refundFromPayment(
  payment: AlmaPayment,
  merchantReference: string,
): { id: string; amountMinor: number | null } | null {
  const refunds = payment.refunds;
  if (!(refunds instanceof Array)) return null;
  for (let i = 0; i < refunds.length; i++) {
    const refund = refunds[i] as { id?: unknown; amount?: unknown; merchant_reference?: unknown };
    if (refund && refund.merchant_reference === merchantReference && typeof refund.id === 'string') {
      return { id: refund.id, amountMinor: integerOrNull(refund.amount) };
    }
  }
  return null;
}

/**
 * Q3 — Idempotency: Alma has no idempotency header. Decision: read the payment before any
 * retry (`supportsIdempotency: false` in the adapter).
 *
 * Q4 — Error statuses: documented as 4xx/5xx with `{ message }` and sometimes `error_code`.
 * Decision: 429 is transient (not applied); 5xx may have been applied, so it is an unknown
 * outcome; 401/403 and other 4xx are refusals.
 */
export const RATE_LIMITED_STATUS = 429;

/**
 * Q5 — What a captured payment settles, and what is left to refund: Alma documents neither as a
 * field. Decision: a captured payment settles its `purchase_amount` less the part of the first
 * instalment that was not captured (a partial capture releases only that part; later
 * instalments stay due, and refunds are capped at `purchase_amount`, providers.md §1.3, §1.5).
 * What is left to refund is that less the sum of `refunds[].amount`. Null when the payment does
 * not carry the figures, so nothing is concluded from a guess.
 */
export function settledAmount(payment: AlmaPayment): number | null {
  const purchase = integerOrNull(payment.purchase_amount);
  const capture = captureFromPayment(payment);
  if (purchase === null || !capture || capture.amountMinor === null) return null;
  const plan = payment.payment_plan;
  const first =
    plan instanceof Array && plan.length > 0
      ? integerOrNull((plan[0] as { purchase_amount?: unknown }).purchase_amount)
      : purchase;
  if (first === null) return null;
  return purchase - Math.max(0, first - capture.amountMinor);
}

export function remainingRefundable(payment: AlmaPayment): number | null {
  const settled = settledAmount(payment);
  const refunds = payment.refunds;
  if (settled === null || !(refunds instanceof Array)) return null;
  let refunded = 0;
  for (let i = 0; i < refunds.length; i++) {
    const amount = integerOrNull((refunds[i] as { amount?: unknown } | null)?.amount);
    if (amount === null) return null;
    refunded += amount;
  }
  return Math.max(0, settled - refunded);
}

/** The fields of Alma's Payment object this cartridge reads. */
export interface AlmaPayment {
  id?: unknown;
  state?: unknown;
  processing_status?: unknown;
  purchase_amount?: unknown;
  payment_plan?: unknown;
  captures?: unknown;
  captured_amount?: unknown;
  refunds?: unknown;
}

function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && isFinite(value) && Math.floor(value) === value ? value : null;
}
