import { randomHexId } from '../shared/ids';
import { daysToMs, isJsonObject, isPositiveInteger, type JsonObject } from '../shared/json';
import { AWAITING_CAPTURE_STATUSES } from './statuses';
import { toPaymentTransaction } from './transactionView';
import {
  INJECTABLE_SHIPMENT_OUTCOMES,
  PAYZEN_DETAILED_STATUSES,
  SHIPMENT_USE_CASE,
  type InjectableShipmentOutcome,
  type PayzenDetailedStatus,
  type PayzenPaymentOutcome,
  type PayzenSettings,
  type PayzenTransactionRecord,
} from './types';

export type NewTransaction = Pick<
  PayzenTransactionRecord,
  'orderId' | 'amount' | 'currency' | 'operationType' | 'detailedStatus' | 'creationDate' | 'manualValidation'
> &
  Partial<PayzenTransactionRecord>;

export class PayzenState {
  readonly transactions = new Map<string, PayzenTransactionRecord>();
  /** Consumed in order by `Charge/CreatePayment`. */
  readonly queuedPaymentOutcomes: PayzenPaymentOutcome[] = [];
  private readonly lastSequenceByOrder = new Map<string, number>();

  constructor(private readonly settings: PayzenSettings) {}

  reset(): void {
    this.transactions.clear();
    this.lastSequenceByOrder.clear();
    this.queuedPaymentOutcomes.length = 0;
  }

  create(input: NewTransaction): PayzenTransactionRecord {
    const uuid = input.uuid ?? randomHexId(32);
    if (this.transactions.has(uuid)) throw new Error(`PayZen: transaction ${uuid} already exists`);
    const orderKey = input.orderId ?? uuid;
    const sequenceNumber = (this.lastSequenceByOrder.get(orderKey) ?? 0) + 1;
    this.lastSequenceByOrder.set(orderKey, sequenceNumber);
    const record: PayzenTransactionRecord = {
      initialAmount: input.amount,
      sequenceNumber,
      useCase: null,
      expectedCaptureDate: null,
      captureDate: null,
      refundAmount: 0,
      parentTransactionUuid: null,
      comment: null,
      metadata: null,
      customerEmail: null,
      shipmentSignature: null,
      queuedShipmentOutcomes: [],
      ...input,
      uuid,
    };
    this.transactions.set(uuid, record);
    return record;
  }

  /** The bank's automatic capture: AUTHORISED debits and credits past their capture date become CAPTURED. */
  captureDue(now: Date): void {
    for (const record of this.transactions.values()) {
      const due = record.expectedCaptureDate !== null && record.expectedCaptureDate.getTime() <= now.getTime();
      if (due && AWAITING_CAPTURE_STATUSES.has(record.detailedStatus)) {
        record.detailedStatus = 'CAPTURED';
        record.captureDate = now;
      }
    }
  }

  forOrder(orderId: string): PayzenTransactionRecord[] {
    return [...this.transactions.values()]
      .filter((record) => record.orderId === orderId)
      .sort((a, b) => a.sequenceNumber - b.sequenceNumber);
  }

  shipmentsOf(initialUuid: string): PayzenTransactionRecord[] {
    return [...this.transactions.values()].filter(
      (record) => record.operationType === 'DEBIT' && record.parentTransactionUuid === initialUuid,
    );
  }

  seed(entries: unknown[], now: Date): Record<string, unknown>[] {
    return entries.map((entry) => {
      if (!isJsonObject(entry)) throw new Error('PayZen seed: each entry must be an object');
      return toPaymentTransaction(this.seedTransaction(entry, now), this.settings.shopId);
    });
  }

  snapshot(): Record<string, unknown> {
    return {
      shopId: this.settings.shopId,
      transactions: [...this.transactions.values()].map((record) => ({
        ...toPaymentTransaction(record, this.settings.shopId),
        sandbox: {
          useCase: record.useCase,
          comment: record.comment,
          queuedShipmentOutcomes: record.queuedShipmentOutcomes,
        },
      })),
      queuedPaymentOutcomes: this.queuedPaymentOutcomes.map((outcome) => ({ ...outcome })),
    };
  }

  /**
   * `{ uuid?, orderId, amount, currency, useCase?, detailedStatus?, createdDaysAgo?,
   *    expectedCaptureInDays?, refundAmount?, customerEmail?, shipmentOutcomes? }`
   */
  private seedTransaction(seed: JsonObject, now: Date): PayzenTransactionRecord {
    const { orderId, amount, currency } = seed;
    if (typeof orderId !== 'string' || orderId === '') throw new Error('PayZen seed: orderId is required');
    if (!isPositiveInteger(amount)) throw new Error('PayZen seed: amount must be a positive integer (smallest unit)');
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
      throw new Error('PayZen seed: currency is required');
    const uuid = optionalString(seed, 'uuid');
    if (uuid !== undefined && !/^[0-9a-f]{32}$/.test(uuid)) throw new Error('PayZen seed: uuid must be 32 hex digits');
    const shipment = seed.useCase === SHIPMENT_USE_CASE;
    if (seed.useCase !== undefined && !shipment) throw new Error(`PayZen seed: useCase must be ${SHIPMENT_USE_CASE}`);
    const detailedStatus = seedStatus(seed, shipment ? 'ACCEPTED' : 'AUTHORISED_TO_VALIDATE');
    const creationDate = new Date(now.getTime() - daysToMs(optionalNumber(seed, 'createdDaysAgo') ?? 0));
    const captureInDays = optionalNumber(seed, 'expectedCaptureInDays');
    const refundAmount = optionalNumber(seed, 'refundAmount') ?? 0;
    if (refundAmount > 0 && (detailedStatus !== 'CAPTURED' || refundAmount > amount)) {
      throw new Error('PayZen seed: refundAmount needs CAPTURED and cannot exceed the amount');
    }
    return this.create({
      uuid,
      orderId,
      amount,
      currency,
      operationType: shipment ? 'VERIFICATION' : 'DEBIT',
      detailedStatus,
      creationDate,
      useCase: shipment ? SHIPMENT_USE_CASE : null,
      manualValidation: detailedStatus.endsWith('_TO_VALIDATE'),
      expectedCaptureDate: shipment
        ? null
        : captureInDays === undefined
          ? new Date(creationDate.getTime() + this.settings.automaticCaptureDelayMs)
          : new Date(now.getTime() + daysToMs(captureInDays)),
      captureDate: detailedStatus === 'CAPTURED' ? creationDate : null,
      refundAmount,
      customerEmail: optionalString(seed, 'customerEmail') ?? null,
      queuedShipmentOutcomes: seedOutcomes(seed),
    });
  }
}

function optionalString(seed: JsonObject, key: string): string | undefined {
  const value = seed[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`PayZen seed: ${key} must be a string`);
  return value;
}

function optionalNumber(seed: JsonObject, key: string): number | undefined {
  const value = seed[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`PayZen seed: ${key} must be a number`);
  return value;
}

function seedStatus(seed: JsonObject, fallback: PayzenDetailedStatus): PayzenDetailedStatus {
  const status = optionalString(seed, 'detailedStatus') ?? fallback;
  const known: readonly string[] = PAYZEN_DETAILED_STATUSES;
  if (!known.includes(status)) throw new Error(`PayZen seed: unknown detailedStatus ${status}`);
  return status as PayzenDetailedStatus;
}

function seedOutcomes(seed: JsonObject): InjectableShipmentOutcome[] {
  const outcomes = seed.shipmentOutcomes ?? [];
  const known: readonly unknown[] = INJECTABLE_SHIPMENT_OUTCOMES;
  if (!Array.isArray(outcomes) || !outcomes.every((outcome) => known.includes(outcome))) {
    throw new Error(`PayZen seed: shipmentOutcomes may only hold ${INJECTABLE_SHIPMENT_OUTCOMES.join(', ')}`);
  }
  return outcomes as InjectableShipmentOutcome[];
}
