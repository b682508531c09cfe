/**
 * Monext REST ("Retail API") sessions and transactions as the sandbox stores them. One session
 * holds one authorization; captures, cancels and refunds are associated transactions of it.
 */
import { randomInt } from 'node:crypto';
import { isRecord, randomId } from '../core/json';

export type MonextCaptureMode = 'MANUAL' | 'AUTOMATIC';
export type MonextTransactionType = 'AUTHORIZATION' | 'AUTHORIZATION_AND_CAPTURE' | 'CAPTURE' | 'CANCEL' | 'REFUND';
export type MonextOperationType = 'CAPTURE' | 'CANCEL' | 'REFUND';
export type MonextSessionResult =
  'ACCEPTED' | 'REFUSED' | 'CANCELLED' | 'INPROGRESS' | 'ONHOLD_PARTNER' | 'PENDING_RISK' | 'ERROR';
export const MONEXT_SESSION_RESULTS: readonly MonextSessionResult[] = [
  'ACCEPTED',
  'REFUSED',
  'CANCELLED',
  'INPROGRESS',
  'ONHOLD_PARTNER',
  'PENDING_RISK',
  'ERROR',
];
export const MONEXT_REFUND_OPTIONS = ['STANDARD', 'LATE_DELIVERY', 'FINAL'] as const;

export interface MonextTransaction {
  id: string;
  /** ISO 8601. */
  date: string;
  type: MonextTransactionType;
  amount: number;
  status: 'OK' | 'KO';
  /** The authorization's id for associated transactions; null for the authorization itself. */
  originTransactionId: string | null;
  comment?: string;
  merchantReference?: string;
  option?: string;
}

export interface MonextSession {
  sessionId: string;
  pointOfSaleReference: string;
  orderReference: string;
  currency: string;
  capture: MonextCaptureMode;
  result: MonextSessionResult;
  authorization: MonextTransaction;
  /** Associated transactions after the authorization, oldest first (KO ones included). */
  operations: MonextTransaction[];
}

export interface MonextTotals {
  authorized: number;
  captured: number;
  cancelled: number;
  refunded: number;
  /** authorized − captured − cancelled (also what can still be cancelled). */
  capturable: number;
  /** captured − refunded. */
  refundable: number;
}

export function totals(session: MonextSession): MonextTotals {
  const auth = session.authorization;
  const authorized = auth.status === 'OK' ? auth.amount : 0;
  const sum = (type: MonextOperationType): number =>
    session.operations
      .filter((operation) => operation.type === type && operation.status === 'OK')
      .reduce((total, operation) => total + operation.amount, 0);
  const captured = (auth.type === 'AUTHORIZATION_AND_CAPTURE' ? authorized : 0) + sum('CAPTURE');
  const cancelled = sum('CANCEL');
  const refunded = sum('REFUND');
  return {
    authorized,
    captured,
    cancelled,
    refunded,
    capturable: authorized - captured - cancelled,
    refundable: captured - refunded,
  };
}

/** Monext transaction ids are long digit strings. */
export function monextTransactionId(): string {
  let id = String(randomInt(1, 10));
  for (let index = 1; index < 14; index += 1) id += String(randomInt(0, 10));
  return id;
}

export function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/**
 * Seed shape: `{ sessionId?, transactionId?, amount, currency? ('EUR'), capture? ('MANUAL' |
 * 'AUTOMATIC'), orderReference?, pointOfSaleReference?, result? ('ACCEPTED'), captured?,
 * cancelled?, refunded? }` (amounts in minor units; the history becomes OK transactions).
 */
export function sessionFromSeed(input: unknown, now: Date): MonextSession {
  if (!isRecord(input)) throw new Error('A Monext seed payment must be an object');
  const { amount } = input;
  if (!isPositiveInteger(amount)) throw new Error('amount must be a positive integer (minor units)');
  const capture = input.capture ?? 'MANUAL';
  if (capture !== 'MANUAL' && capture !== 'AUTOMATIC') throw new Error('capture must be "MANUAL" or "AUTOMATIC"');
  const result = input.result ?? 'ACCEPTED';
  if (!(MONEXT_SESSION_RESULTS as readonly unknown[]).includes(result)) {
    throw new Error(`result must be one of ${MONEXT_SESSION_RESULTS.join(', ')}`);
  }
  const currency = optionalString(input, 'currency') ?? 'EUR';
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error('currency must be an ISO 4217 code');
  const sessionId = optionalString(input, 'sessionId') ?? randomId('', 32);
  const date = now.toISOString();
  const authorization: MonextTransaction = {
    id: optionalString(input, 'transactionId') ?? monextTransactionId(),
    date,
    type: capture === 'AUTOMATIC' ? 'AUTHORIZATION_AND_CAPTURE' : 'AUTHORIZATION',
    amount,
    status: result === 'ACCEPTED' ? 'OK' : 'KO',
    originTransactionId: null,
  };
  const session: MonextSession = {
    sessionId,
    pointOfSaleReference: optionalString(input, 'pointOfSaleReference') ?? 'payops_pos',
    orderReference: optionalString(input, 'orderReference') ?? `ORDER-${sessionId.slice(0, 8)}`,
    currency,
    capture,
    result: result as MonextSessionResult,
    authorization,
    operations: [],
  };
  for (const [key, type] of [
    ['captured', 'CAPTURE'],
    ['cancelled', 'CANCEL'],
    ['refunded', 'REFUND'],
  ] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (!isPositiveInteger(value)) throw new Error(`${key} must be a positive integer (minor units)`);
    const current = totals(session);
    const room = type === 'REFUND' ? current.refundable : current.capturable;
    if (value > room) throw new Error(`${key} ${value} exceeds what the authorization allows (${room})`);
    session.operations.push({
      id: monextTransactionId(),
      date,
      type,
      amount: value,
      status: 'OK',
      originTransactionId: authorization.id,
    });
  }
  return session;
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new Error(`${key} must be a non-empty string`);
  return value;
}
