/**
 * The operation journal: one PaymentOperation custom object (site scope) per intended money
 * movement. Its key is deterministic (provider, type, order number, sequence), so planning the
 * same operation twice finds the first one instead of creating a second. Every write here must
 * run inside the caller's transaction; nothing here calls a provider.
 */
import CustomObjectMgr = require('dw/object/CustomObjectMgr');
import type { Operation, OperationState, OperationType } from './operation';
import type { ProviderId } from './providers';
import type { Interaction } from './providerCall';
import { enumText } from './scriptValues';

export const JOURNAL_TYPE = 'PaymentOperation';

/** Interactions kept per operation (the newest), and the most UTF-8 bytes they may take together. */
export const MAX_INTERACTIONS = 10;
export const MAX_INTERACTIONS_TEXT = 9000;

/** What is needed to plan an operation. */
export interface OperationPlan {
  readonly provider: ProviderId;
  readonly type: OperationType;
  readonly orderNo: string;
  readonly sequence: number;
  readonly amountMinor: number | null;
  readonly currencyCode: string;
  readonly paymentReference: string;
  readonly merchantReference: string;
  readonly idempotencyKey: string;
}

/** Changes recorded after an attempt or a reconciliation. */
export interface OperationUpdate {
  state?: OperationState;
  attempts?: number;
  amountMinor?: number | null;
  merchantReference?: string;
  idempotencyKey?: string;
  providerReference?: string | null;
  reason?: string;
  lastAttemptAt?: Date;
  completedAt?: Date | null;
  interaction?: Interaction;
}

/** The journal record of an operation, with its bookkeeping fields. */
export interface JournalEntry extends Operation {
  readonly reason: string | null;
  readonly lastAttemptAt: Date | null;
  readonly completedAt: Date | null;
  readonly createdAt: Date;
  readonly interactions: Interaction[];
}

/** "alma:capture:00001234:1" — provider, operation type, order number, sequence. */
export function operationId(provider: ProviderId, type: OperationType, orderNo: string, sequence: number): string {
  return provider + ':' + type + ':' + orderNo + ':' + sequence;
}

export function isFinal(state: OperationState): boolean {
  return state === 'Succeeded' || state === 'Rejected' || state === 'Failed';
}

function attributes(object: dw.object.CustomObject): PaymentOperationCustomAttributes {
  return object.custom as unknown as PaymentOperationCustomAttributes;
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function readInteractions(text: string | null): Interaction[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed instanceof Array ? (parsed as Interaction[]) : [];
  } catch {
    return [];
  }
}

/** Bytes of the text in UTF-8 (the platform's attribute limits count bytes, not characters). */
export function utf8Length(text: string): number {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/gi, 'x').length;
}

/** The newest interactions that fit the bounds, oldest first, as JSON. */
export function boundedInteractions(interactions: Interaction[]): string {
  let kept = interactions.slice(Math.max(0, interactions.length - MAX_INTERACTIONS));
  let text = JSON.stringify(kept);
  while (kept.length > 1 && utf8Length(text) > MAX_INTERACTIONS_TEXT) {
    kept = kept.slice(1);
    text = JSON.stringify(kept);
  }
  return text;
}

function toEntry(object: dw.object.CustomObject): JournalEntry {
  const custom = attributes(object);
  return {
    id: String(custom.operationId),
    provider: enumText(custom.provider) as ProviderId,
    type: enumText(custom.operationType) as OperationType,
    orderNo: String(custom.orderNo),
    amountMinor: numberOrNull(custom.amountMinor),
    currencyCode: String(custom.currencyCode),
    paymentReference: String(custom.paymentReference || ''),
    merchantReference: String(custom.merchantReference || ''),
    idempotencyKey: String(custom.idempotencyKey || ''),
    state: enumText(custom.state) as OperationState,
    attempts: Number(custom.attempts || 0),
    providerReference: custom.providerReference ? String(custom.providerReference) : null,
    reason: custom.reason ? String(custom.reason) : null,
    lastAttemptAt: custom.lastAttemptAt ? new Date(custom.lastAttemptAt.getTime()) : null,
    completedAt: custom.completedAt ? new Date(custom.completedAt.getTime()) : null,
    createdAt: new Date(object.creationDate.getTime()),
    interactions: readInteractions(custom.interactions),
  };
}

export function findOperation(id: string): JournalEntry | null {
  const object = CustomObjectMgr.getCustomObject(JOURNAL_TYPE, id);
  return object ? toEntry(object) : null;
}

/**
 * Creates the operation in state Planned, or returns the one planned before under the same ID
 * (created false). Call inside a transaction.
 */
export function planOperation(plan: OperationPlan): { entry: JournalEntry; created: boolean } {
  const id = operationId(plan.provider, plan.type, plan.orderNo, plan.sequence);
  const existing = CustomObjectMgr.getCustomObject(JOURNAL_TYPE, id);
  if (existing) return { entry: toEntry(existing), created: false };
  const object = CustomObjectMgr.createCustomObject(JOURNAL_TYPE, id);
  const custom = attributes(object);
  custom.orderNo = plan.orderNo;
  custom.provider = plan.provider;
  custom.operationType = plan.type;
  custom.state = 'Planned';
  custom.amountMinor = plan.amountMinor;
  custom.currencyCode = plan.currencyCode;
  custom.paymentReference = plan.paymentReference;
  custom.merchantReference = plan.merchantReference;
  custom.idempotencyKey = plan.idempotencyKey;
  custom.attempts = 0;
  return { entry: toEntry(object), created: true };
}

/** Applies the changes to the operation and returns the new record. Call inside a transaction. */
export function updateOperation(id: string, update: OperationUpdate): JournalEntry {
  const object = CustomObjectMgr.getCustomObject(JOURNAL_TYPE, id);
  if (!object) throw new Error('Payment operation ' + id + ' is not in the journal');
  const custom = attributes(object);
  if (update.state !== undefined) custom.state = update.state;
  if (update.attempts !== undefined) custom.attempts = update.attempts;
  if (update.amountMinor !== undefined) custom.amountMinor = update.amountMinor;
  if (update.merchantReference !== undefined) custom.merchantReference = update.merchantReference;
  if (update.idempotencyKey !== undefined) custom.idempotencyKey = update.idempotencyKey;
  if (update.providerReference !== undefined) custom.providerReference = update.providerReference;
  if (update.reason !== undefined) custom.reason = update.reason;
  if (update.lastAttemptAt !== undefined) custom.lastAttemptAt = update.lastAttemptAt;
  if (update.completedAt !== undefined) custom.completedAt = update.completedAt;
  if (update.interaction) {
    const interactions = readInteractions(custom.interactions);
    interactions.push(update.interaction);
    custom.interactions = boundedInteractions(interactions);
  }
  return toEntry(object);
}

/**
 * Operations of one provider and type that are not final (Planned or InFlight), oldest first:
 * the work a run resumes before it looks for new orders. The caller closes the iterator.
 */
export function pendingOperations(
  provider: ProviderId,
  type: OperationType,
): dw.util.SeekableIterator<dw.object.CustomObject> {
  return CustomObjectMgr.queryCustomObjects(
    JOURNAL_TYPE,
    'custom.provider = {0} AND custom.operationType = {1} AND (custom.state = {2} OR custom.state = {3})',
    'creationDate asc',
    provider,
    type,
    'Planned',
    'InFlight',
  );
}

/** The order number of a journal object (for streaming pending work without loading everything). */
export function orderNoOf(object: dw.object.CustomObject): string {
  return String(attributes(object).orderNo);
}

/** Operations of an order of one provider and type, in sequence order (1, 2, …, until a gap). */
export function operationsOfOrder(provider: ProviderId, type: OperationType, orderNo: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (let sequence = 1; ; sequence++) {
    const entry = findOperation(operationId(provider, type, orderNo, sequence));
    if (!entry) return entries;
    entries.push(entry);
  }
}
