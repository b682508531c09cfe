import { type JsonObject } from '../shared/json';
import { type PayzenOutcome } from './envelope';
import { type PayzenFailure } from './errors';
import { type PayzenState } from './state';
import { toPaymentTransaction } from './transactionView';
import { type PayzenSettings, type PayzenTransactionRecord } from './types';

/** What a handler may ask of the IPN sender (ipn.ts). */
export interface PaymentNotifier {
  /** Schedules the IPN of a transaction `Charge/CreatePayment` just created, if a notification URL is set. */
  paymentCreated(record: PayzenTransactionRecord, now: Date, tamper: boolean): void;
}

export interface ServiceContext {
  state: PayzenState;
  settings: PayzenSettings;
  now: Date;
  ipn: PaymentNotifier;
}

export type WebServiceHandler = (body: JsonObject, context: ServiceContext) => PayzenOutcome;

export function fail(failure: PayzenFailure): PayzenOutcome {
  return { ok: false, failure };
}

export function transactionAnswer(record: PayzenTransactionRecord, context: ServiceContext): PayzenOutcome {
  return { ok: true, answer: toPaymentTransaction(record, context.settings.shopId) };
}

export function isShipmentInitial(record: PayzenTransactionRecord): boolean {
  return record.operationType === 'VERIFICATION' && record.useCase !== null;
}
