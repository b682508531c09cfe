import { type SandboxResponse } from '../core/types';
import { randomAlphanumericId } from '../shared/ids';
import { type JsonObject } from '../shared/json';
import {
  AMOUNT_EXCEEDS_CAPTURABLE,
  AMOUNT_EXCEEDS_REFUNDABLE,
  NOT_CANCELLABLE,
  NOT_CAPTURABLE,
  NOT_REFUNDABLE,
  komojuError,
} from './errors';
import { refundableAmount, toKomojuPayment } from './paymentView';
import { readOptionalAmount } from './requestBody';
import { KOMOJU_ID_LENGTH } from './state';
import { type KomojuPaymentRecord } from './types';

export interface CapturePolicy {
  allowMultipleCaptures: boolean;
}

function ok(record: KomojuPaymentRecord): SandboxResponse {
  return { status: 200, json: toKomojuPayment(record) };
}

function capturableAmount(record: KomojuPaymentRecord, policy: CapturePolicy): number {
  if (record.captureMode !== 'manual') return 0;
  if (record.status === 'authorized') return record.authorizedAmount;
  const partiallyCaptured = record.status === 'captured' && record.capturedAmount < record.authorizedAmount;
  return policy.allowMultipleCaptures && partiallyCaptured ? record.authorizedAmount - record.capturedAmount : 0;
}

/**
 * `POST /payments/{id}/capture {amount?}`: only for payments created with manual capture. With a
 * single capture (the default), a partial capture releases the rest and `amount` becomes the
 * captured amount.
 */
export function capturePayment(
  record: KomojuPaymentRecord,
  body: JsonObject,
  policy: CapturePolicy,
  now: Date,
): SandboxResponse {
  const remaining = capturableAmount(record, policy);
  if (remaining === 0) {
    const reason =
      record.captureMode === 'manual'
        ? `a payment in status ${record.status} cannot be captured`
        : 'the payment was created with automatic capture';
    return komojuError(422, NOT_CAPTURABLE, `This payment is not capturable: ${reason}.`);
  }
  const reading = readOptionalAmount(body);
  if (!reading.ok) return reading.response;
  const amount = reading.amount ?? remaining;
  if (amount > remaining) {
    const message = `The capture amount (${amount}) exceeds the capturable amount (${remaining}).`;
    return komojuError(422, AMOUNT_EXCEEDS_CAPTURABLE, message, 'amount');
  }
  record.capturedAmount += amount;
  record.capturedAt = record.capturedAt ?? now;
  record.status = 'captured';
  return ok(record);
}

/** `POST /payments/{id}/cancel`: only `pending` or `authorized`. */
export function cancelPayment(record: KomojuPaymentRecord): SandboxResponse {
  if (record.status !== 'pending' && record.status !== 'authorized') {
    const message = `This payment cannot be cancelled: its status is ${record.status}.`;
    return komojuError(422, NOT_CANCELLABLE, message);
  }
  record.status = 'cancelled';
  return ok(record);
}

/**
 * `POST /payments/{id}/refund {amount?, description?}`: only from `captured`; omitted amount =
 * the whole remainder. A partial refund keeps `captured`; reaching the total makes it `refunded`.
 */
export function refundPayment(record: KomojuPaymentRecord, body: JsonObject, now: Date): SandboxResponse {
  const remaining = record.status === 'captured' ? refundableAmount(record) : 0;
  if (remaining === 0) {
    const message = `This payment cannot be refunded: its status is ${record.status}.`;
    return komojuError(422, NOT_REFUNDABLE, message);
  }
  const reading = readOptionalAmount(body);
  if (!reading.ok) return reading.response;
  const amount = reading.amount ?? remaining;
  if (amount > remaining) {
    const message = `The refund amount (${amount}) exceeds the refundable amount (${remaining}).`;
    return komojuError(422, AMOUNT_EXCEEDS_REFUNDABLE, message, 'amount');
  }
  const description = body.description;
  if (description !== undefined && description !== null && typeof description !== 'string') {
    return komojuError(422, 'unprocessable_entity', 'description must be a string.', 'description');
  }
  record.refunds.push({
    id: randomAlphanumericId(KOMOJU_ID_LENGTH),
    resource: 'refund',
    amount,
    currency: record.currency,
    payment: record.id,
    description: description ?? null,
    created_at: now.toISOString(),
    chargeback: false,
  });
  record.amountRefunded += amount;
  if (amount === remaining) record.status = 'refunded';
  return ok(record);
}
