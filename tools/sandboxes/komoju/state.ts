import { randomAlphanumericId } from '../shared/ids';
import { isJsonObject, type JsonObject } from '../shared/json';
import { DEFAULT_KOMOJU_PAYMENT_METHODS, isKomojuPaymentMethod } from './paymentMethods';
import { toKomojuPayment } from './paymentView';
import {
  KOMOJU_PAYMENT_STATUSES,
  type KomojuCaptureMode,
  type KomojuPaymentMethod,
  type KomojuPaymentRecord,
  type KomojuPaymentStatus,
} from './types';

export const KOMOJU_ID_LENGTH = 25;

/**
 * One seed entry: either a payment
 * `{ id?, amount, tax?, currency?, status?, capture?, payment_method?, external_order_num?,
 *    payment_method_fee?, amount_refunded?, createdMinutesAgo? }`
 * or a payment method to enable: `{ paymentMethod: { type_slug, name_en, name_ja, name_ko, currency, … } }`,
 * or to disable: `{ paymentMethod: { type_slug, currency }, enabled: false }`.
 */
export type KomojuSeedResult = Record<string, unknown>;

function optionalInteger(seed: JsonObject, key: string, fallback: number): number {
  const value = seed[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Error(`KOMOJU seed: ${key} must be a non-negative integer`);
  }
  return value;
}

function optionalString(seed: JsonObject, key: string): string | undefined {
  const value = seed[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Error(`KOMOJU seed: ${key} must be a string`);
  return value;
}

function seedStatus(seed: JsonObject): KomojuPaymentStatus {
  const status = optionalString(seed, 'status') ?? 'authorized';
  const known: readonly string[] = KOMOJU_PAYMENT_STATUSES;
  if (!known.includes(status)) throw new Error(`KOMOJU seed: unknown status ${status}`);
  return status as KomojuPaymentStatus;
}

function seedCaptureMode(seed: JsonObject): KomojuCaptureMode {
  const capture = optionalString(seed, 'capture') ?? 'manual';
  if (capture !== 'manual' && capture !== 'auto') throw new Error('KOMOJU seed: capture must be manual or auto');
  return capture;
}

export class KomojuState {
  readonly payments = new Map<string, KomojuPaymentRecord>();
  paymentMethods: KomojuPaymentMethod[];

  constructor(private readonly initialPaymentMethods: readonly KomojuPaymentMethod[] = DEFAULT_KOMOJU_PAYMENT_METHODS) {
    this.paymentMethods = initialPaymentMethods.map((method) => ({ ...method }));
  }

  reset(): void {
    this.payments.clear();
    this.paymentMethods = this.initialPaymentMethods.map((method) => ({ ...method }));
  }

  seed(entries: unknown[], now: Date): KomojuSeedResult[] {
    return entries.map((entry) => {
      if (!isJsonObject(entry)) throw new Error('KOMOJU seed: each entry must be an object');
      if (entry.paymentMethod !== undefined && entry.enabled === false)
        return this.disablePaymentMethod(entry.paymentMethod);
      if (entry.paymentMethod !== undefined) return this.enablePaymentMethod(entry.paymentMethod);
      return toKomojuPayment(this.seedPayment(entry, now));
    });
  }

  /** `{ paymentMethod: { type_slug, currency }, enabled: false }`: the merchant disabled it at KOMOJU. */
  private disablePaymentMethod(method: unknown): KomojuSeedResult {
    const wanted = method as Partial<KomojuPaymentMethod> | null;
    if (!wanted || typeof wanted.type_slug !== 'string' || typeof wanted.currency !== 'string') {
      throw new Error('KOMOJU seed: a payment method to disable needs type_slug and currency');
    }
    const before = this.paymentMethods.length;
    this.paymentMethods = this.paymentMethods.filter(
      (other) => other.type_slug !== wanted.type_slug || other.currency !== wanted.currency,
    );
    return { disabled: before - this.paymentMethods.length };
  }

  private enablePaymentMethod(method: unknown): KomojuSeedResult {
    if (!isKomojuPaymentMethod(method)) {
      throw new Error('KOMOJU seed: paymentMethod needs type_slug, name_en, name_ja, name_ko and currency');
    }
    const same = (other: KomojuPaymentMethod) =>
      other.type_slug === method.type_slug && other.currency === method.currency;
    this.paymentMethods = [...this.paymentMethods.filter((other) => !same(other)), { ...method }];
    return { ...method };
  }

  private seedPayment(seed: JsonObject, now: Date): KomojuPaymentRecord {
    const amount = seed.amount;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
      throw new Error('KOMOJU seed: amount must be a non-negative integer in the smallest currency unit');
    }
    const id = optionalString(seed, 'id') ?? randomAlphanumericId(KOMOJU_ID_LENGTH);
    if (this.payments.has(id)) throw new Error(`KOMOJU seed: payment ${id} already exists`);
    const status = seedStatus(seed);
    const createdAt = new Date(now.getTime() - optionalInteger(seed, 'createdMinutesAgo', 0) * 60_000);
    const captured = status === 'captured' || status === 'refunded';
    const tax = optionalInteger(seed, 'tax', 0);
    const paymentMethodFee = optionalInteger(seed, 'payment_method_fee', 0);
    const total = amount + tax + paymentMethodFee;
    const amountRefunded = optionalInteger(seed, 'amount_refunded', status === 'refunded' ? total : 0);
    if (amountRefunded > total) throw new Error('KOMOJU seed: amount_refunded exceeds the total');
    const record: KomojuPaymentRecord = {
      id,
      status,
      authorizedAmount: amount,
      capturedAmount: captured ? amount : 0,
      tax,
      paymentMethodFee,
      currency: optionalString(seed, 'currency') ?? 'JPY',
      captureMode: seedCaptureMode(seed),
      paymentMethod: optionalString(seed, 'payment_method') ?? 'credit_card',
      externalOrderNum: optionalString(seed, 'external_order_num') ?? null,
      description: optionalString(seed, 'description') ?? null,
      metadata: {},
      createdAt,
      capturedAt: captured ? createdAt : null,
      amountRefunded,
      refunds: [],
    };
    if (amountRefunded > 0) {
      record.refunds.push({
        id: randomAlphanumericId(KOMOJU_ID_LENGTH),
        resource: 'refund',
        amount: amountRefunded,
        currency: record.currency,
        payment: id,
        description: 'seeded refund',
        created_at: createdAt.toISOString(),
        chargeback: false,
      });
    }
    this.payments.set(id, record);
    return record;
  }

  snapshot(): Record<string, unknown> {
    return {
      payments: [...this.payments.values()].map((record) => ({
        ...toKomojuPayment(record),
        sandbox: {
          authorizedAmount: record.authorizedAmount,
          capturedAmount: record.capturedAmount,
          captureMode: record.captureMode,
        },
      })),
      paymentMethods: this.paymentMethods.map((method) => ({ ...method })),
    };
  }
}
