/**
 * Alma payments as the sandbox stores and serves them. Fields follow the official clients
 * (providers.md §1.2); `currency`, `captures[]` and `captured_amount` are the sandbox's own.
 */
import { isRecord, randomId } from '../core/json';

export type AlmaCaptureMethod = 'manual' | 'automatic';
export type AlmaPlanState = 'pending' | 'paid' | 'covered';

export interface AlmaInstalment {
  due_date: number;
  purchase_amount: number;
  customer_fee: number;
  state: AlmaPlanState;
}

export interface AlmaCapture {
  id: string;
  payment: string;
  amount: number;
  external_id: string | null;
  created: number;
}

export interface AlmaRefund {
  id: string;
  payment: string;
  amount: number;
  merchant_reference: string | null;
  comment: string | null;
  from_payment_cancellation: boolean;
  created: number;
}

export interface AlmaPayment {
  id: string;
  created: number;
  url: string;
  state: string;
  /** Third-party field, extended with `canceled`: `authorized` | `captured` | `canceled`. */
  processing_status: 'authorized' | 'captured' | 'canceled';
  purchase_amount: number;
  currency: string;
  capture_method: AlmaCaptureMethod;
  installments_count: number;
  deferred_days: number;
  deferred_months: number;
  customer_fee: number;
  customer_interest: number;
  payment_plan: AlmaInstalment[];
  captures: AlmaCapture[];
  /** Sum of `captures[]`; the purchase amount for automatic capture. */
  captured_amount: number;
  refunds: AlmaRefund[];
  amount_already_refunded: number;
  is_completely_refunded: boolean;
  custom_data: unknown;
  orders: { merchant_reference: string }[];
  deferred_trigger: boolean;
  deferred_trigger_applied: number | null;
  expired_at: number | null;
}

/** Alma's states do not include a cancelled one; the sandbox needs one to show a cancel. */
export const ALMA_CANCELED_STATE = 'canceled';
/** State of a manual-capture payment the customer completed but the merchant did not capture. */
export const ALMA_AUTHORIZED_STATE = 'in_progress';

const DAY_SECONDS = 86_400;

export function unixSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}

/** Equal instalments; the first one absorbs the rounding remainder. */
export function buildPaymentPlan(
  amount: number,
  count: number,
  created: number,
  deferredDays: number,
): AlmaInstalment[] {
  const base = Math.floor(amount / count);
  return Array.from({ length: count }, (_, index) => ({
    due_date: created + (deferredDays + index * 30) * DAY_SECONDS,
    purchase_amount: index === 0 ? amount - base * (count - 1) : base,
    customer_fee: 0,
    state: 'pending',
  }));
}

export function firstInstalmentAmount(payment: AlmaPayment): number {
  return payment.payment_plan[0]?.purchase_amount ?? payment.purchase_amount;
}

/**
 * What the customer owes once captured, hence the refund ceiling: a partial capture releases the
 * uncaptured part of the first instalment only (later instalments stay due).
 */
export function refundableBase(payment: AlmaPayment): number {
  if (payment.processing_status !== 'captured') return 0;
  if (payment.capture_method === 'automatic') return payment.purchase_amount;
  return payment.purchase_amount - (firstInstalmentAmount(payment) - payment.captured_amount);
}

export function remainingRefundable(payment: AlmaPayment): number {
  return refundableBase(payment) - payment.amount_already_refunded;
}

/** Marks the first instalment paid and derives `state` from the plan. */
export function markCaptured(payment: AlmaPayment, capture: AlmaCapture | undefined): void {
  if (capture) {
    payment.captures.push(capture);
    payment.captured_amount += capture.amount;
  } else {
    payment.captured_amount = payment.purchase_amount;
  }
  payment.processing_status = 'captured';
  const first = payment.payment_plan[0];
  if (first) first.state = 'paid';
  payment.state = payment.payment_plan.every((instalment) => instalment.state !== 'pending') ? 'paid' : 'in_progress';
}

export function addRefund(payment: AlmaPayment, refund: AlmaRefund): void {
  payment.refunds.push(refund);
  payment.amount_already_refunded += refund.amount;
  payment.is_completely_refunded = remainingRefundable(payment) === 0;
  // A fully refunded payment with nothing left due counts as paid (providers.md §1.2).
  if (payment.is_completely_refunded) payment.state = 'paid';
}

/**
 * Seed shape (snake_case like Alma): `{ id?, purchase_amount, currency?, capture_method?
 * ('manual' default), installments_count? (1), deferred_days?, custom_data?, merchant_reference?,
 * created? (Unix s), captured_amount? (manual: a capture of that amount), refunded_amount?,
 * canceled? }`.
 */
export function paymentFromSeed(input: unknown, now: Date): AlmaPayment {
  if (!isRecord(input)) throw new Error('An Alma seed payment must be an object');
  const amount = input.purchase_amount;
  if (!isPositiveInteger(amount)) throw new Error('purchase_amount must be a positive integer (cents)');
  const captureMethod = input.capture_method ?? 'manual';
  if (captureMethod !== 'manual' && captureMethod !== 'automatic') {
    throw new Error('capture_method must be "manual" or "automatic"');
  }
  const count = input.installments_count ?? 1;
  if (!isPositiveInteger(count) || count > 12) throw new Error('installments_count must be an integer from 1 to 12');
  const deferredDays = input.deferred_days ?? 0;
  if (!Number.isInteger(deferredDays) || (deferredDays as number) < 0) throw new Error('deferred_days must be >= 0');
  const created = input.created ?? unixSeconds(now);
  if (!Number.isInteger(created)) throw new Error('created must be Unix seconds');
  const id = input.id ?? randomId('payment_', 22);
  if (typeof id !== 'string' || id === '') throw new Error('id must be a non-empty string');
  const currency = input.currency ?? 'EUR';
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    throw new Error('currency must be an ISO 4217 code');
  const reference = input.merchant_reference;
  if (reference !== undefined && typeof reference !== 'string') throw new Error('merchant_reference must be a string');

  const payment: AlmaPayment = {
    id,
    created: created as number,
    url: `https://checkout.sandbox.getalma.eu/${id}`,
    state: ALMA_AUTHORIZED_STATE,
    processing_status: 'authorized',
    purchase_amount: amount,
    currency,
    capture_method: captureMethod,
    installments_count: count,
    deferred_days: deferredDays as number,
    deferred_months: 0,
    customer_fee: 0,
    customer_interest: 0,
    payment_plan: buildPaymentPlan(amount, count, created as number, deferredDays as number),
    captures: [],
    captured_amount: 0,
    refunds: [],
    amount_already_refunded: 0,
    is_completely_refunded: false,
    custom_data: input.custom_data ?? null,
    orders: reference === undefined ? [] : [{ merchant_reference: reference }],
    deferred_trigger: false,
    deferred_trigger_applied: null,
    expired_at: null,
  };
  applySeedHistory(payment, input, created as number);
  return payment;
}

function applySeedHistory(payment: AlmaPayment, input: Record<string, unknown>, created: number): void {
  const { captured_amount: captured, refunded_amount: refunded, canceled } = input;
  if (canceled !== undefined && typeof canceled !== 'boolean') throw new Error('canceled must be a boolean');
  if (payment.capture_method === 'automatic') {
    if (captured !== undefined) throw new Error('captured_amount is only for capture_method "manual"');
    markCaptured(payment, undefined);
  } else if (captured !== undefined) {
    if (!isPositiveInteger(captured) || captured > firstInstalmentAmount(payment)) {
      throw new Error('captured_amount must be a positive integer up to the first instalment');
    }
    markCaptured(payment, {
      id: randomId('capture_', 22),
      payment: payment.id,
      amount: captured,
      external_id: null,
      created,
    });
  }
  if (canceled === true) {
    if (payment.processing_status === 'captured') throw new Error('A captured payment cannot be seeded as canceled');
    payment.state = ALMA_CANCELED_STATE;
    payment.processing_status = 'canceled';
  }
  if (refunded !== undefined) {
    if (!isPositiveInteger(refunded) || refunded > remainingRefundable(payment)) {
      throw new Error('refunded_amount must be a positive integer up to the captured amount');
    }
    addRefund(payment, {
      id: randomId('refund_', 22),
      payment: payment.id,
      amount: refunded,
      merchant_reference: null,
      comment: null,
      from_payment_cancellation: false,
      created,
    });
  }
}

export function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
