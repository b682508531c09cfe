/**
 * The operation journal lives in two places, so that the number of custom objects follows the
 * unfinished work and never the order volume (the platform's custom-object quota is per instance
 * and enforced):
 *  - the order's **payment history** (order attribute payopsHistory, type text): every operation
 *    of the order with its type, amount, state, references, times, reason and its last masked
 *    interactions with the provider, as seed 001 keeps interfaceInteractions on the payment. It
 *    is the lasting record, and what "planning twice finds the first" looks up;
 *  - the **work queue** (custom object PaymentOperation, key = operation ID): one object per
 *    operation that is not final (Planned or InFlight), so that a run resumes unfinished work
 *    without trusting the order search. It is created with the intent to send and removed in the
 *    transaction that records the final outcome.
 * Operation IDs are deterministic (provider, type, order number, sequence). Every write here joins
 * the caller's transaction; nothing here calls a provider.
 */
import CustomObjectMgr = require('dw/object/CustomObjectMgr');
import type { Operation, OperationState, OperationType } from './operation';
import type { ProviderId } from './providers';
import type { Interaction } from './providerCall';
import { enumText } from './scriptValues';
import { STRING_ATTRIBUTE_LIMIT, cutText, utf8Length } from './text';
import { message } from './messages';

export const QUEUE_TYPE = 'PaymentOperation';

/** Interactions kept per operation (the newest), and the most UTF-8 bytes they may take together. */
export const MAX_INTERACTIONS = 10;
export const MAX_INTERACTIONS_TEXT = 9000;
/**
 * The longest payment history kept on an order, in characters. Beyond it, the interactions of the
 * oldest finished operations are dropped first; an operation's summary (type, amount, state,
 * references, times, reason) is never dropped, so that nothing is ever planned twice.
 */
export const MAX_HISTORY_LENGTH = 32000;
/** The longest reason kept per operation. */
export const MAX_REASON_LENGTH = 1000;

/** What is needed to plan an operation. */
export interface OperationPlan {
  readonly provider: ProviderId;
  readonly type: OperationType;
  /** The operation's number among the order's operations of its type, or what it is for (a shipment's ID). */
  readonly sequence: number | string;
  readonly amountMinor: number | null;
  readonly currencyCode: string;
  readonly paymentReference: string;
  readonly merchantReference: string;
  readonly idempotencyKey: string;
  /** Which of the provider's calls does it, when the provider has several (PayZen: refund, cancel or update of a debit). */
  readonly variant?: string | null;
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
  sent?: boolean;
  reads?: number;
  movedMinor?: number | null;
  settledMinor?: number | null;
  remainingMinor?: number | null;
  /** Exchanges with the provider to add to the operation's interactions. */
  interactions?: Interaction[];
}

/** The journal record of an operation, with its bookkeeping fields. */
export interface JournalEntry extends Operation {
  readonly reason: string | null;
  readonly lastAttemptAt: Date | null;
  readonly completedAt: Date | null;
  readonly createdAt: Date;
  /** True once a request may have reached the provider (kept when an operator re-arms it). */
  readonly sent: boolean;
  /** Reads of the provider that could not tell the outcome since the last send. */
  readonly reads: number;
  /** What the provider reported it moved, when it said. */
  readonly movedMinor: number | null;
  readonly settledMinor: number | null;
  readonly remainingMinor: number | null;
  readonly interactions: Interaction[];
}

/** One operation as stored in the order's payment history (JSON; times as ISO 8601). */
interface StoredOperation {
  id: string;
  provider: string;
  type: string;
  state: string;
  amountMinor: number | null;
  currencyCode: string;
  paymentReference: string;
  merchantReference: string;
  idempotencyKey: string;
  variant?: string;
  providerReference: string | null;
  attempts: number;
  sent: boolean;
  reads: number;
  createdAt: string;
  lastAttemptAt: string | null;
  completedAt: string | null;
  reason: string | null;
  movedMinor: number | null;
  settledMinor: number | null;
  remainingMinor: number | null;
  interactions: Interaction[];
  /** Interactions dropped to keep the history within MAX_HISTORY_LENGTH. */
  interactionsDropped?: number;
}

/**
 * "alma:capture:00001234:1" — provider, operation type, order number, sequence; for a shipment's
 * capture the shipment's ID takes the sequence's place ("monext:shipmentCapture:00001234:me"), so
 * that a shipment is captured once whatever happens.
 */
export function operationId(
  provider: ProviderId,
  type: OperationType,
  orderNo: string,
  sequence: number | string,
): string {
  return provider + ':' + type + ':' + orderNo + ':' + sequence;
}

/** The sequence of an ID; 0 for a shipment's ID (those keep the order they were planned in). */
function sequenceOf(id: string): number {
  const sequence = parseInt(id.substring(id.lastIndexOf(':') + 1), 10);
  return sequence === sequence ? sequence : 0;
}

export function isFinal(state: OperationState): boolean {
  return state === 'Succeeded' || state === 'Rejected' || state === 'Failed';
}

function orderAttributes(order: dw.order.Order): OrderCustomAttributes {
  return order.custom as unknown as OrderCustomAttributes;
}

function queueAttributes(object: dw.object.CustomObject): PaymentOperationCustomAttributes {
  return object.custom as unknown as PaymentOperationCustomAttributes;
}

/**
 * The order's history. A history that cannot be read is never taken for an empty one: planning
 * again over it could send a movement a second time, so the order is refused until it is repaired.
 */
function readHistory(order: dw.order.Order): StoredOperation[] {
  const text = orderAttributes(order).payopsHistory;
  if (!text) return [];
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(String(text));
  } catch {
    parsed = null;
  }
  if (!(parsed instanceof Array)) throw new Error(message('history.unreadable', order.orderNo));
  return parsed as StoredOperation[];
}

/** The newest interactions that fit the per-operation bounds, oldest first. */
export function boundedInteractions(interactions: Interaction[]): Interaction[] {
  let kept = interactions.slice(Math.max(0, interactions.length - MAX_INTERACTIONS));
  while (kept.length > 1 && utf8Length(JSON.stringify(kept)) > MAX_INTERACTIONS_TEXT) kept = kept.slice(1);
  return kept;
}

/** The history as stored: within MAX_HISTORY_LENGTH by dropping the oldest finished operations' interactions. */
export function historyText(history: StoredOperation[]): string {
  let text = JSON.stringify(history);
  for (let i = 0; i < history.length && text.length > MAX_HISTORY_LENGTH; i++) {
    const record = history[i];
    if (!isFinal(record.state as OperationState) || !(record.interactions instanceof Array)) continue;
    if (record.interactions.length === 0) continue;
    record.interactionsDropped = (record.interactionsDropped || 0) + record.interactions.length;
    record.interactions = [];
    text = JSON.stringify(history);
  }
  return text;
}

function writeHistory(order: dw.order.Order, history: StoredOperation[]): void {
  orderAttributes(order).payopsHistory = historyText(history);
}

function dateOrNull(text: string | null | undefined): Date | null {
  return text ? new Date(text) : null;
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function toEntry(order: dw.order.Order, record: StoredOperation): JournalEntry {
  return {
    id: record.id,
    provider: record.provider as ProviderId,
    type: record.type as OperationType,
    orderNo: order.orderNo,
    amountMinor: numberOrNull(record.amountMinor),
    currencyCode: record.currencyCode,
    paymentReference: record.paymentReference || '',
    merchantReference: record.merchantReference || '',
    idempotencyKey: record.idempotencyKey || '',
    variant: record.variant || null,
    state: record.state as OperationState,
    attempts: Number(record.attempts || 0),
    providerReference: record.providerReference || null,
    reason: record.reason || null,
    lastAttemptAt: dateOrNull(record.lastAttemptAt),
    completedAt: dateOrNull(record.completedAt),
    createdAt: dateOrNull(record.createdAt) || new Date(0),
    sent: record.sent === true,
    reads: Number(record.reads || 0),
    movedMinor: numberOrNull(record.movedMinor),
    settledMinor: numberOrNull(record.settledMinor),
    remainingMinor: numberOrNull(record.remainingMinor),
    interactions: record.interactions instanceof Array ? record.interactions : [],
  };
}

function indexOf(history: StoredOperation[], id: string): number {
  for (let i = 0; i < history.length; i++) if (history[i].id === id) return i;
  return -1;
}

export function findOperation(order: dw.order.Order, id: string): JournalEntry | null {
  const history = readHistory(order);
  const index = indexOf(history, id);
  return index < 0 ? null : toEntry(order, history[index]);
}

/** Operations of an order of one provider and type, in sequence order. */
export function operationsOfOrder(order: dw.order.Order, provider: ProviderId, type: OperationType): JournalEntry[] {
  const entries: JournalEntry[] = [];
  const history = readHistory(order);
  for (let i = 0; i < history.length; i++) {
    if (history[i].provider === provider && history[i].type === type) entries.push(toEntry(order, history[i]));
  }
  entries.sort(function (a, b) {
    return sequenceOf(a.id) - sequenceOf(b.id);
  });
  return entries;
}

/**
 * The provider references of the order's operations that succeeded, except `exceptId`: movements
 * a read of the provider must not take for another operation's.
 */
export function claimedReferences(order: dw.order.Order, provider: ProviderId, exceptId: string): string[] {
  const claimed: string[] = [];
  const history = readHistory(order);
  for (let i = 0; i < history.length; i++) {
    const record = history[i];
    if (record.provider !== provider || record.id === exceptId || record.state !== 'Succeeded') continue;
    if (record.providerReference) claimed.push(String(record.providerReference));
  }
  return claimed;
}

/** The work-queue object of an unfinished operation, mirroring its state (created when missing). */
function enqueue(entry: JournalEntry): void {
  const object =
    CustomObjectMgr.getCustomObject(QUEUE_TYPE, entry.id) || CustomObjectMgr.createCustomObject(QUEUE_TYPE, entry.id);
  const custom = queueAttributes(object);
  if (enumText(custom.provider) !== entry.provider) custom.provider = entry.provider;
  if (enumText(custom.operationType) !== entry.type) custom.operationType = entry.type;
  if (custom.orderNo !== entry.orderNo) custom.orderNo = entry.orderNo;
  if (enumText(custom.state) !== entry.state) custom.state = entry.state as 'Planned' | 'InFlight';
  if (custom.attempts !== entry.attempts) custom.attempts = entry.attempts;
  const reason = entry.reason ? cutText(entry.reason, STRING_ATTRIBUTE_LIMIT) : null;
  if (custom.reason !== reason) custom.reason = reason;
}

/** Removes the work-queue object of an operation (it is final, or its order is gone). */
export function dequeue(id: string): void {
  const object = CustomObjectMgr.getCustomObject(QUEUE_TYPE, id);
  if (object) CustomObjectMgr.remove(object);
}

/** True when the operation has a work-queue object. */
export function isQueued(id: string): boolean {
  return CustomObjectMgr.getCustomObject(QUEUE_TYPE, id) !== null;
}

function applyUpdate(record: StoredOperation, update: OperationUpdate): void {
  if (update.state !== undefined) record.state = update.state;
  if (update.attempts !== undefined) record.attempts = update.attempts;
  if (update.amountMinor !== undefined) record.amountMinor = update.amountMinor;
  if (update.merchantReference !== undefined) record.merchantReference = update.merchantReference;
  if (update.idempotencyKey !== undefined) record.idempotencyKey = update.idempotencyKey;
  if (update.providerReference !== undefined) record.providerReference = update.providerReference;
  if (update.reason !== undefined) record.reason = cutText(update.reason, MAX_REASON_LENGTH);
  if (update.lastAttemptAt !== undefined) record.lastAttemptAt = update.lastAttemptAt.toISOString();
  if (update.completedAt !== undefined)
    record.completedAt = update.completedAt ? update.completedAt.toISOString() : null;
  if (update.sent !== undefined) record.sent = update.sent;
  if (update.reads !== undefined) record.reads = update.reads;
  if (update.movedMinor !== undefined) record.movedMinor = update.movedMinor;
  if (update.settledMinor !== undefined) record.settledMinor = update.settledMinor;
  if (update.remainingMinor !== undefined) record.remainingMinor = update.remainingMinor;
  if (update.interactions && update.interactions.length) {
    const kept = record.interactions instanceof Array ? record.interactions : [];
    record.interactions = boundedInteractions(kept.concat(update.interactions));
  }
}

/** Writes the record into the history and keeps the work queue in step with its state. */
function store(order: dw.order.Order, history: StoredOperation[], index: number): JournalEntry {
  writeHistory(order, history);
  const entry = toEntry(order, history[index]);
  if (isFinal(entry.state)) dequeue(entry.id);
  else enqueue(entry);
  return entry;
}

/**
 * Plans an operation (state Planned, or the `update`'s state, e.g. InFlight for the intent to
 * send right away), or returns the one planned before under the same ID (created false, nothing
 * changed). Call inside a transaction.
 */
export function planOperation(
  order: dw.order.Order,
  plan: OperationPlan,
  update?: OperationUpdate,
): { entry: JournalEntry; created: boolean } {
  const id = operationId(plan.provider, plan.type, order.orderNo, plan.sequence);
  const history = readHistory(order);
  const existing = indexOf(history, id);
  if (existing >= 0) return { entry: toEntry(order, history[existing]), created: false };
  const record: StoredOperation = {
    id: id,
    provider: plan.provider,
    type: plan.type,
    state: 'Planned',
    amountMinor: plan.amountMinor,
    currencyCode: plan.currencyCode,
    paymentReference: plan.paymentReference,
    merchantReference: plan.merchantReference,
    idempotencyKey: plan.idempotencyKey,
    providerReference: null,
    attempts: 0,
    sent: false,
    reads: 0,
    createdAt: new Date().toISOString(),
    lastAttemptAt: null,
    completedAt: null,
    reason: null,
    movedMinor: null,
    settledMinor: null,
    remainingMinor: null,
    interactions: [],
  };
  if (plan.variant) record.variant = plan.variant;
  if (update) applyUpdate(record, update);
  history.push(record);
  return { entry: store(order, history, history.length - 1), created: true };
}

/** Applies the changes to the operation and returns the new record. Call inside a transaction. */
export function updateOperation(order: dw.order.Order, id: string, update: OperationUpdate): JournalEntry {
  const history = readHistory(order);
  const index = indexOf(history, id);
  if (index < 0)
    throw new Error('Payment operation ' + id + ' is not in the payment history of order ' + order.orderNo);
  applyUpdate(history[index], update);
  return store(order, history, index);
}

/**
 * Unfinished operations of one provider and type, oldest first: the work a run resumes before
 * it looks for new orders. The caller closes the iterator.
 */
export function pendingOperations(
  provider: ProviderId,
  type: OperationType,
): dw.util.SeekableIterator<dw.object.CustomObject> {
  return CustomObjectMgr.queryCustomObjects(
    QUEUE_TYPE,
    'custom.provider = {0} AND custom.operationType = {1}',
    'creationDate asc',
    provider,
    type,
  );
}

/** The order number of a work-queue object (for streaming pending work without loading everything). */
export function orderNoOf(object: dw.object.CustomObject): string {
  return String(queueAttributes(object).orderNo);
}

/** The operation ID (key) of a work-queue object. */
export function queuedOperationId(object: dw.object.CustomObject): string {
  return String(queueAttributes(object).operationId);
}
