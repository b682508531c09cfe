import { type JsonObject } from '../shared/json';
import { type PayzenOutcome } from './envelope';
import { type PayzenFailure } from './errors';
import { type PayzenState } from './state';
import { toPaymentTransaction } from './transactionView';
import { type PayzenSettings, type PayzenTransactionRecord } from './types';

export interface ServiceContext {
  state: PayzenState;
  settings: PayzenSettings;
  now: Date;
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
