/**
 * What the capture, cancel and refund steps do for one order: re-read it, re-check that the
 * operation is still due (the search index lags), validate the input, plan the operation once
 * (deterministic ID, found again in the order's payment history), run it through the state
 * machine, and count the outcome. Bad input is written onto the order as a readable reason and
 * never reaches the provider.
 */
import OrderMgr = require('dw/order/OrderMgr');
import Order = require('dw/order/Order');
import Transaction = require('dw/system/Transaction');
import Logger = require('dw/system/Logger');
import type { OutcomeAttributes, ProviderLifecycle } from './lifecycle';
import type { JournalEntry, OperationPlan } from './operationJournal';
import {
  dequeue,
  findOperation,
  isFinal,
  isQueued,
  operationId,
  operationsOfOrder,
  planOperation,
  updateOperation,
} from './operationJournal';
import type { OperationType } from './operation';
import { runOperation, startOperation, type OperationRun, type RunSettings } from './operationRunner';
import { addAttention, addProblem, type RunSummary } from './jobSummary';
import {
  formatMinorUnits,
  fractionDigits,
  fromMinorUnits,
  isMinorUnits,
  moneyToMinorUnits,
  toMinorUnits,
  toMinorUnitsExact,
} from './money';
import { afterOperation, beforeOperation, captureAmount, type OperationProposal } from './extensionHooks';
import { enumText, errorMessage } from './scriptValues';
import { message } from './messages';
import { STRING_ATTRIBUTE_LIMIT, cutText } from './text';

export interface OrderRunSettings {
  readonly lifecycle: ProviderLifecycle;
  readonly runStartedAt: Date;
  readonly maxAttempts: number;
  /** See RunSettings.inFlightGraceMillis. */
  readonly inFlightGraceMillis: number;
  readonly summary: RunSummary;
}

const log = Logger.getLogger('payops', 'operations');

/** "2026-11-23 09:15:00 UTC — " and the reason: what BM shows in Payment Operations Result. */
const STAMP_LENGTH = 26;

function orderAttributes(order: dw.order.Order): OrderCustomAttributes {
  return order.custom as unknown as OrderCustomAttributes;
}

/** The reason written on the order, stamped with the time, within a string attribute's 4,000 characters. */
function stamped(reason: string): string {
  const stamp = new Date().toISOString().substring(0, 19).replace('T', ' ') + ' UTC — ';
  return stamp + cutText(reason, STRING_ATTRIBUTE_LIMIT - STAMP_LENGTH);
}

/** The outcome status of a cancel or refund as text (e.g. "Failed"), or null when empty. */
function outcomeStatus(order: dw.order.Order, outcome: OutcomeAttributes): string | null {
  return enumText((order.custom as unknown as { [id: string]: unknown })[outcome.status]);
}

/**
 * Writes a cancel's or refund's outcome (inside the caller's transaction): the status, unless
 * null, and the stamped reason in the provider's response attribute when it has one.
 */
function writeOutcome(order: dw.order.Order, outcome: OutcomeAttributes, status: string | null, reason: string) {
  const custom = order.custom as unknown as { [id: string]: unknown };
  if (status !== null) custom[outcome.status] = status;
  if (outcome.response) custom[outcome.response] = stamped(reason);
}

function problem(settings: OrderRunSettings, orderNo: string, reason: string): void {
  addProblem(settings.summary, 'Order ' + orderNo + ': ' + reason);
}

/** Lists the order for the failure e-mail: it ended Rejected or Failed in this run and waits for a person. */
function needsAttention(
  settings: OrderRunSettings,
  order: dw.order.Order,
  type: OperationType,
  outcome: 'Rejected' | 'Failed',
  reason: string,
): void {
  const known = fractionDigits(order.currencyCode) !== null;
  const total = known ? moneyToMinorUnits(order.totalGrossPrice) : null;
  addAttention(settings.summary, {
    orderNo: order.orderNo,
    total: total !== null ? formatMinorUnits(total, order.currencyCode) : String(order.totalGrossPrice),
    operation: type,
    provider: settings.lifecycle.adapter.label,
    outcome: outcome,
    reason: reason,
  });
}

function countRun(settings: OrderRunSettings, order: dw.order.Order, run: OperationRun): void {
  const summary = settings.summary;
  summary.calls += run.calls;
  const entry = run.entry;
  if (run.result === 'succeeded') summary.succeeded++;
  else if (run.result === 'rejected') summary.rejected++;
  else if (run.result === 'failed') summary.failed++;
  else if (run.result === 'withdrawn') summary.skipped++;
  else if (run.result === 'escalated') summary.escalated++;
  else if (run.result === 'blocked') {
    summary.pending++;
    if (summary.blocked.indexOf(settings.lifecycle.adapter.label) < 0)
      summary.blocked.push(settings.lifecycle.adapter.label);
  } else summary.pending++;
  if (run.result === 'withdrawn') {
    noteOnOrder(order, entry.reason || entry.state);
  } else if (run.result !== 'succeeded') problem(settings, order.orderNo, entry.reason || entry.state);
  if (run.result === 'rejected' || run.result === 'failed') {
    needsAttention(
      settings,
      order,
      entry.type,
      run.result === 'rejected' ? 'Rejected' : 'Failed',
      entry.reason || entry.state,
    );
  }
  const level = run.result === 'succeeded' || run.result === 'withdrawn' ? 'info' : 'warn';
  log[level]('Order {0}: {1} {2} — {3}', order.orderNo, entry.id, entry.state, entry.reason || '');
  if (run.calls === 0) return;
  const hookError = afterOperation(order, {
    operationId: entry.id,
    provider: entry.provider,
    type: entry.type,
    state: entry.state,
    amountMinor: entry.amountMinor,
    currencyCode: entry.currencyCode,
    providerReference: entry.providerReference,
    reason: entry.reason || '',
  });
  if (hookError) {
    log.error('Order {0}: afterOperation hook failed (the outcome above is recorded): {1}', order.orderNo, hookError);
    problem(settings, order.orderNo, 'afterOperation hook failed: ' + hookError);
  }
}

function runSettings(
  settings: OrderRunSettings,
  order: dw.order.Order,
  withdrawReason: string | null,
  expectedMinor: number | null,
): RunSettings {
  const lifecycle = settings.lifecycle;
  return {
    adapter: lifecycle.adapter,
    runStartedAt: settings.runStartedAt,
    maxAttempts: settings.maxAttempts,
    inFlightGraceMillis: settings.inFlightGraceMillis,
    withdrawReason: withdrawReason,
    expectedMinor: expectedMinor,
    project: function (updated: JournalEntry) {
      project(lifecycle, order, updated);
    },
  };
}

/** What a capture is expected to move: the planned amount, or what was authorised. */
function expectedOf(
  settings: OrderRunSettings,
  order: dw.order.Order,
  entry: { type: OperationType; amountMinor: number | null },
) {
  if (entry.type !== 'capture') return entry.amountMinor;
  return entry.amountMinor !== null ? entry.amountMinor : settings.lifecycle.authorisedMinor(order);
}

/** Resumes an existing operation of the order. */
function resume(settings: OrderRunSettings, order: dw.order.Order, entry: JournalEntry, withdrawReason: string | null) {
  const run = runOperation(
    order,
    entry.id,
    runSettings(settings, order, withdrawReason, expectedOf(settings, order, entry)),
  );
  countRun(settings, order, run);
}

/** Plans a new operation and sends it (intent and planning in one transaction, with `prepare`). */
function start(
  settings: OrderRunSettings,
  order: dw.order.Order,
  proposal: OperationProposal,
  sequence: number,
  prepare: ((custom: OrderCustomAttributes) => void) | null,
): void {
  const plan: OperationPlan = {
    provider: proposal.provider,
    type: proposal.type,
    sequence: sequence,
    amountMinor: proposal.amountMinor,
    currencyCode: proposal.currencyCode,
    paymentReference: String(settings.lifecycle.paymentReference(order)),
    merchantReference: proposal.merchantReference,
    idempotencyKey: proposal.idempotencyKey,
  };
  const run = startOperation(
    order,
    plan,
    runSettings(settings, order, null, expectedOf(settings, order, proposal)),
    function () {
      const custom = orderAttributes(order);
      if (custom.payopsIdempotencyKey) custom.payopsIdempotencyKey = null;
      if (prepare) prepare(custom);
    },
  );
  countRun(settings, order, run);
}

/**
 * Sets an operator's request again (e.g. Capture Status back to ToCapture after a failure): the
 * operation gets a fresh attempt count and references, and is resumed, reading the provider
 * first if it was ever sent.
 */
function rearm(settings: OrderRunSettings, order: dw.order.Order, previous: JournalEntry, proposal: OperationProposal) {
  const idempotencyKey = rearmedKey(settings, previous, proposal.idempotencyKey);
  const entry = Transaction.wrap(function () {
    const rearmed = updateOperation(order, previous.id, {
      state: 'Planned',
      attempts: 0,
      reads: 0,
      amountMinor: proposal.amountMinor,
      merchantReference: proposal.merchantReference,
      idempotencyKey: idempotencyKey,
      completedAt: null,
      reason: message('reason.requestedAgain', previous.state, previous.reason || message('reason.noneRecorded')),
    });
    const custom = orderAttributes(order);
    if (custom.payopsIdempotencyKey) custom.payopsIdempotencyKey = null;
    return rearmed;
  });
  resume(settings, order, entry, null);
}

/**
 * The key of an operation requested again. A provider that replays a key's first answer (KOMOJU)
 * would answer the earlier refusal again for the same key, so a sent operation gets the next
 * "-r<n>" key; a key the merchant or a hook chose anew is kept as it is.
 */
function rearmedKey(settings: OrderRunSettings, previous: JournalEntry, proposed: string): string {
  if (!settings.lifecycle.adapter.supportsIdempotency || !previous.sent) return proposed;
  const base = function (key: string): string {
    return key.replace(/-r\d+$/, '');
  };
  if (base(proposed) !== base(previous.idempotencyKey)) return proposed;
  const match = /-r(\d+)$/.exec(previous.idempotencyKey);
  return base(proposed) + '-r' + (match ? parseInt(match[1], 10) + 1 : 1);
}

/** Writes an operation's outcome onto the order (inside the caller's transaction). */
function project(lifecycle: ProviderLifecycle, order: dw.order.Order, entry: JournalEntry): void {
  const custom = orderAttributes(order);
  custom.payopsReason = stamped(entry.reason || entry.state);
  if (entry.type === 'capture') {
    lifecycle.projectCapture(order, entry);
    if (entry.state === 'Succeeded') {
      // What the provider says it settles, else what it reports it captured; only when it says
      // nothing, what was asked (the partial amount, or the whole authorisation).
      const asked = entry.amountMinor !== null ? entry.amountMinor : lifecycle.authorisedMinor(order);
      const captured =
        entry.settledMinor !== null ? entry.settledMinor : entry.movedMinor !== null ? entry.movedMinor : asked;
      custom.payopsCapturedAmount = fromMinorUnits(captured === null ? 0 : captured, entry.currencyCode);
    }
  } else if (entry.type === 'cancel') {
    const reason = entry.reason || entry.state;
    if (entry.state === 'Succeeded') writeOutcome(order, lifecycle.cancelOutcome, 'Cancelled', reason);
    else if (entry.state === 'Rejected' || entry.state === 'Failed')
      writeOutcome(order, lifecycle.cancelOutcome, entry.state, reason);
    else writeOutcome(order, lifecycle.cancelOutcome, null, reason);
  } else if (entry.type === 'refund') {
    const outcome = lifecycle.refundOutcome;
    if (entry.state === 'Succeeded') {
      const moved = entry.movedMinor !== null ? entry.movedMinor : entry.amountMinor || 0;
      const refunded = refundedMinor(order) + moved;
      custom.payopsRefundedAmount = fromMinorUnits(refunded, entry.currencyCode);
      // Refunded only when nothing captured is left: as the provider says, else by our own record.
      const nothingLeft =
        entry.remainingMinor !== null ? entry.remainingMinor <= 0 : refunded >= lifecycle.capturedMinor(order);
      let reason = entry.reason || entry.state;
      if (!nothingLeft && refunded >= lifecycle.capturedMinor(order) && entry.remainingMinor !== null) {
        reason +=
          ' ' +
          message(
            outcome.partial ? 'reason.providerStillHolds' : 'reason.providerStillHoldsNoStatus',
            lifecycle.adapter.label,
            formatMinorUnits(entry.remainingMinor, entry.currencyCode),
          );
        custom.payopsReason = stamped(reason);
      }
      writeOutcome(order, outcome, nothingLeft ? 'Refunded' : outcome.partial, reason);
      // Without a partial value (KOMOJU), an earlier Failed or Rejected must not stand next to a success.
      if (!nothingLeft && !outcome.partial && outcomeStatus(order, outcome) !== null)
        (order.custom as unknown as { [id: string]: unknown })[outcome.status] = null;
    } else if (entry.state === 'Rejected' || entry.state === 'Failed')
      writeOutcome(order, outcome, entry.state, entry.reason || entry.state);
    else writeOutcome(order, outcome, null, entry.reason || entry.state);
  }
}

function refundedMinor(order: dw.order.Order): number {
  const refunded = orderAttributes(order).payopsRefundedAmount;
  return refunded === null || refunded === undefined ? 0 : toMinorUnits(refunded, order.currencyCode);
}

/** Writes a reason (no operation) onto the order, e.g. for bad input. */
function noteOnOrder(order: dw.order.Order, reason: string, also?: (custom: OrderCustomAttributes) => void): void {
  Transaction.wrap(function () {
    const custom = orderAttributes(order);
    custom.payopsReason = stamped(reason);
    if (also) also(custom);
  });
}

/** The order-level checks every operation shares; null when the input is usable. */
function inputProblem(settings: OrderRunSettings, order: dw.order.Order): string | null {
  const lifecycle = settings.lifecycle;
  if (fractionDigits(order.currencyCode) === null) return message('invalid.currency', order.currencyCode);
  if (!lifecycle.paymentReference(order)) {
    return message('invalid.noPaymentId', lifecycle.adapter.label, lifecycle.paymentReferenceAttribute);
  }
  return null;
}

/** Checks an amount in minor units: a positive integer, at most `maximum`. `what` is a message key. */
function amountProblem(what: string, amountMinor: number | null, maximum: number, currencyCode: string): string | null {
  if (amountMinor === null) return null;
  if (!isMinorUnits(amountMinor) || amountMinor <= 0) {
    const got = isMinorUnits(amountMinor) ? formatMinorUnits(amountMinor, currencyCode) : String(amountMinor);
    return message('invalid.notPositive', message(what), got);
  }
  if (amountMinor > maximum) {
    return message(
      'invalid.tooMuch',
      message(what),
      formatMinorUnits(amountMinor, currencyCode),
      formatMinorUnits(maximum, currencyCode),
    );
  }
  return null;
}

/** The proposal after the beforeOperation hook: adjusted, or vetoed (a string reason). */
function decide(order: dw.order.Order, proposal: OperationProposal): OperationProposal | string {
  const decision = beforeOperation(order, proposal);
  if (decision.veto) return message('invalid.vetoed', String(decision.veto));
  return {
    provider: proposal.provider,
    type: proposal.type,
    orderNo: proposal.orderNo,
    currencyCode: proposal.currencyCode,
    amountMinor: decision.amountMinor !== undefined ? decision.amountMinor : proposal.amountMinor,
    merchantReference: decision.merchantReference ? String(decision.merchantReference) : proposal.merchantReference,
    idempotencyKey: decision.idempotencyKey ? String(decision.idempotencyKey) : proposal.idempotencyKey,
  };
}

function proposalFor(
  settings: OrderRunSettings,
  order: dw.order.Order,
  type: OperationType,
  sequence: number,
  amountMinor: number | null,
): OperationProposal {
  const merchantKey = orderAttributes(order).payopsIdempotencyKey;
  const generated = generatedReferences(order, type, sequence);
  return {
    provider: settings.lifecycle.adapter.provider,
    type: type,
    orderNo: order.orderNo,
    amountMinor: amountMinor,
    currencyCode: order.currencyCode,
    merchantReference: generated.merchantReference,
    idempotencyKey: merchantKey ? String(merchantKey) : generated.idempotencyKey,
  };
}

/** The references an operation gets unless a merchant or a hook chooses its own. */
function generatedReferences(
  order: dw.order.Order,
  type: OperationType,
  sequence: number,
): { merchantReference: string; idempotencyKey: string } {
  return {
    // Unique even if the record that numbered it is lost: a later refund numbered 1 again gets another reference.
    merchantReference: order.orderNo + '-' + type + '-' + sequence + '-' + new Date().getTime().toString(36),
    // The order's UUID makes the key unique across sites sharing a provider account.
    idempotencyKey: order.UUID + '-' + type + '-' + sequence,
  };
}

/** The order of an item; null when it is gone (its queued work is released after the item). */
function loadOrder(settings: OrderRunSettings, orderNo: string): dw.order.Order | null {
  const order = OrderMgr.getOrder(orderNo);
  if (order) return order;
  settings.summary.skipped++;
  problem(settings, orderNo, 'not found');
  return null;
}

/**
 * Removes a work-queue object whose operation the order's history does not hold unfinished: its
 * order no longer exists (deleted, purged), or the operation ended or is gone from the history.
 * The queue is only an index of unfinished work; without this, such an object would be read on
 * every run for ever.
 */
export function releaseStaleQueueEntry(orderNo: string, operationId: string): void {
  const order = OrderMgr.getOrder(orderNo);
  const entry = order ? findOperation(order, operationId) : null;
  if (entry && !isFinal(entry.state)) return;
  Transaction.wrap(function () {
    dequeue(operationId);
  });
  log.warn(
    'Work queue: {0} removed (its order {1} holds no unfinished operation under that ID).',
    operationId,
    orderNo,
  );
}

function skip(settings: OrderRunSettings): void {
  settings.summary.skipped++;
}

/** The order's unfinished operation was resumed from the work queue in this run: not a second selection. */
function handledFromJournal(settings: OrderRunSettings): void {
  settings.summary.selected--;
}

/**
 * An unfinished operation met through the order search: the work queue handles it, unless its
 * queue object is missing (removed by hand), in which case it is resumed here and queued again.
 */
function handledElsewhere(settings: OrderRunSettings, entry: JournalEntry, fromJournal: boolean): boolean {
  if (fromJournal || !isQueued(entry.id)) return false;
  handledFromJournal(settings);
  return true;
}

function isClosed(order: dw.order.Order): string | null {
  const status = order.status.value;
  if (status === Order.ORDER_STATUS_CANCELLED) return message('notDue.cancelled');
  if (status === Order.ORDER_STATUS_FAILED) return message('notDue.failed');
  return null;
}

/** Deferred capture of one order (item of the capture step). */
export function captureOrder(orderNo: string, settings: OrderRunSettings, fromJournal: boolean): void {
  const lifecycle = settings.lifecycle;
  const trigger = lifecycle.capture;
  if (!trigger) throw new Error(lifecycle.adapter.label + ' has no deferred capture');
  const order = loadOrder(settings, orderNo);
  if (!order) return;
  const provider = lifecycle.adapter.provider;
  const existing = findOperation(order, operationId(provider, 'capture', orderNo, 1));
  const notDue =
    (trigger.isActivated() ? null : trigger.deactivatedLabel) || trigger.notDueReason(order) || isClosed(order);

  if (existing && !isFinal(existing.state)) {
    if (handledElsewhere(settings, existing, fromJournal)) return;
    // An unknown outcome is always settled; a retry is sent only while the capture is still due.
    resume(settings, order, existing, notDue);
    return;
  }
  if (notDue) return skip(settings);
  if (existing && existing.state === 'Succeeded') {
    // Set back to ToCapture after a capture that happened: never capture twice.
    const already = message('reason.alreadyCaptured', existing.reason || existing.id);
    noteOnOrder(order, already, function () {
      lifecycle.projectCapture(order, existing);
    });
    settings.summary.succeeded++;
    return;
  }

  const invalid = function (reason: string): void {
    Transaction.wrap(function () {
      orderAttributes(order).payopsReason = stamped(message('invalid.capture', reason));
      trigger.projectInvalid(order, reason);
    });
    settings.summary.failed++;
    problem(settings, orderNo, message('invalid.capture', reason));
    needsAttention(settings, order, 'capture', 'Failed', message('invalid.capture', reason));
    log.warn('Order {0}: capture not possible: {1}', orderNo, reason);
  };
  const inputError = inputProblem(settings, order);
  if (inputError) return invalid(inputError);

  let proposal: OperationProposal | string;
  try {
    const authorised = lifecycle.authorisedMinor(order);
    if (authorised === null) return invalid(message('invalid.noTotal'));
    if (authorised <= 0)
      return invalid(message('invalid.authorisedNotPositive', formatMinorUnits(authorised, order.currencyCode)));
    const requested = orderAttributes(order).payopsCaptureAmount;
    const requestedMinor =
      requested === null || requested === undefined ? null : toMinorUnitsExact(requested, order.currencyCode);
    const amountMinor = captureAmount(order, {
      provider: provider,
      currencyCode: order.currencyCode,
      authorisedMinor: authorised,
      proposedMinor: requestedMinor,
    });
    const amountError = amountProblem('amount.toCapture', amountMinor, authorised, order.currencyCode);
    if (amountError) return invalid(amountError);
    proposal = decide(order, proposalFor(settings, order, 'capture', 1, amountMinor));
    if (typeof proposal !== 'string') {
      const adjustedError = amountProblem('amount.capture', proposal.amountMinor, authorised, order.currencyCode);
      if (adjustedError) proposal = adjustedError;
    }
  } catch (e) {
    return invalid(errorMessage(e));
  }
  if (typeof proposal === 'string') return invalid(proposal);
  if (existing) rearm(settings, order, existing, proposal);
  else start(settings, order, proposal, 1, null);
}

/** Cancel (void) of a cancelled order's authorisation (item of the cancel step). */
export function cancelOrder(orderNo: string, settings: OrderRunSettings, fromJournal: boolean): void {
  const lifecycle = settings.lifecycle;
  const order = loadOrder(settings, orderNo);
  if (!order) return;
  const provider = lifecycle.adapter.provider;

  // A capture whose outcome is unknown is settled first: if it happened, this is a refund's job.
  const capture = findOperation(order, operationId(provider, 'capture', orderNo, 1));
  if (capture && !isFinal(capture.state)) {
    resume(settings, order, capture, message('notDue.orderCancelled'));
    const settled = findOperation(order, capture.id);
    // Still unknown: cancelling now could void nothing or hit a captured payment. Wait for the read.
    if (settled && !isFinal(settled.state)) return;
  }

  const existing = findOperation(order, operationId(provider, 'cancel', orderNo, 1));
  const captured = lifecycle.isCaptured(order);
  if (existing && !isFinal(existing.state)) {
    if (handledElsewhere(settings, existing, fromJournal)) return;
    resume(settings, order, existing, captured ? message('notDue.capturedRefundInstead') : null);
    return;
  }
  const status = outcomeStatus(order, lifecycle.cancelOutcome);
  if (order.status.value !== Order.ORDER_STATUS_CANCELLED || status !== null || captured) {
    settings.summary.skipped++;
    return;
  }
  if (existing && existing.state === 'Succeeded') {
    const already = message('reason.alreadyCancelled', existing.reason || existing.id);
    noteOnOrder(order, already, function () {
      writeOutcome(order, lifecycle.cancelOutcome, 'Cancelled', already);
    });
    settings.summary.succeeded++;
    return;
  }
  const invalid = function (reason: string): void {
    const text = message('invalid.cancel', reason);
    noteOnOrder(order, text, function () {
      writeOutcome(order, lifecycle.cancelOutcome, 'Failed', text);
    });
    settings.summary.failed++;
    problem(settings, orderNo, text);
    needsAttention(settings, order, 'cancel', 'Failed', text);
  };
  const inputError = inputProblem(settings, order);
  if (inputError) return invalid(inputError);
  let proposal: OperationProposal | string;
  try {
    proposal = decide(order, proposalFor(settings, order, 'cancel', 1, null));
  } catch (e) {
    return invalid(errorMessage(e));
  }
  if (typeof proposal === 'string') return invalid(proposal);
  if (existing) rearm(settings, order, existing, proposal);
  else start(settings, order, proposal, 1, null);
}

/** A refund that failed its checks, journaled as Failed without any call. Call inside a transaction. */
function recordUnsentRefund(
  lifecycle: ProviderLifecycle,
  order: dw.order.Order,
  sequence: number,
  reason: string,
): void {
  const generated = generatedReferences(order, 'refund', sequence);
  planOperation(
    order,
    {
      provider: lifecycle.adapter.provider,
      type: 'refund',
      sequence: sequence,
      amountMinor: null,
      currencyCode: order.currencyCode,
      paymentReference: lifecycle.paymentReference(order) || '',
      merchantReference: generated.merchantReference,
      idempotencyKey: generated.idempotencyKey,
    },
    { state: 'Failed', completedAt: new Date(), reason: message('invalid.refundUnsent', reason) },
  );
}

/** Refund of a cancelled, captured order, or of an Amount to Refund (item of the refund step). */
export function refundOrder(orderNo: string, settings: OrderRunSettings, fromJournal: boolean): void {
  const lifecycle = settings.lifecycle;
  const order = loadOrder(settings, orderNo);
  if (!order) return;
  const provider = lifecycle.adapter.provider;

  // One refund at a time per order: unfinished ones continue, and nothing new is planned meanwhile.
  const refunds = operationsOfOrder(order, provider, 'refund');
  let unfinished = false;
  let counted = false;
  for (let i = 0; i < refunds.length; i++) {
    if (isFinal(refunds[i].state)) continue;
    unfinished = true;
    if (!fromJournal && isQueued(refunds[i].id)) {
      // The work queue resumes it (first in each run): not a second selection.
      if (!counted) handledFromJournal(settings);
      counted = true;
      continue;
    }
    resume(settings, order, refunds[i], null);
  }
  if (unfinished) return;

  const custom = orderAttributes(order);
  const requested = custom.payopsRefundAmount;
  const isRequest = requested !== null && requested !== undefined;
  // A cancelled, captured order is refunded whatever is left, also after a partial refund or a
  // failed partial request; a full refund that itself failed waits for the operator (who clears
  // Refund Status to retry), so that it is not retried and reported on every run.
  const refundStatus = outcomeStatus(order, lifecycle.refundOutcome);
  const last = refunds.length ? refunds[refunds.length - 1] : null;
  const fullRefundFailed =
    refundStatus !== null &&
    last !== null &&
    last.state !== 'Succeeded' &&
    (last.amountMinor === null || last.amountMinor === lifecycle.capturedMinor(order) - refundedMinor(order));
  const cancelledUnrefunded =
    order.status.value === Order.ORDER_STATUS_CANCELLED &&
    refundStatus !== 'Refunded' &&
    !fullRefundFailed &&
    lifecycle.isCaptured(order);
  if (!isRequest && !cancelledUnrefunded) {
    settings.summary.skipped++;
    return;
  }
  const sequence = refunds.length + 1;
  const invalid = function (reason: string): void {
    const text = message('invalid.refund', reason);
    noteOnOrder(order, text, function (attributes) {
      writeOutcome(order, lifecycle.refundOutcome, 'Failed', text);
      // The request is answered: the operator enters the amount again to retry.
      if (isRequest) attributes.payopsRefundAmount = null;
      // The automatic full refund is journaled as failed (never sent), so that the next runs
      // wait for the operator instead of failing it again on every run.
      if (!isRequest) recordUnsentRefund(lifecycle, order, sequence, reason);
    });
    settings.summary.failed++;
    problem(settings, orderNo, text);
    needsAttention(settings, order, 'refund', 'Failed', text);
  };
  const inputError = inputProblem(settings, order);
  if (inputError) return invalid(inputError);
  let proposal: OperationProposal | string;
  try {
    if (!lifecycle.isCaptured(order)) return invalid(message('invalid.notCaptured'));
    const refundable = lifecycle.capturedMinor(order) - refundedMinor(order);
    if (refundable <= 0 && !isRequest) {
      // Refund Status is not Refunded although our record has nothing left: the provider said
      // money is still captured, or the amounts were edited. Never claim Refunded unconfirmed.
      return invalid(
        message(
          'invalid.nothingLeft',
          formatMinorUnits(lifecycle.capturedMinor(order), order.currencyCode),
          formatMinorUnits(refundedMinor(order), order.currencyCode),
          lifecycle.adapter.label,
        ),
      );
    }
    const amountMinor = isRequest ? toMinorUnitsExact(requested as number, order.currencyCode) : refundable;
    const amountError = amountProblem('amount.toRefund', amountMinor, refundable, order.currencyCode);
    if (amountError) return invalid(amountError);
    proposal = decide(order, proposalFor(settings, order, 'refund', sequence, amountMinor));
    if (typeof proposal !== 'string') {
      const adjustedError =
        proposal.amountMinor === null
          ? message('invalid.refundWithoutAmount')
          : amountProblem('amount.refund', proposal.amountMinor, refundable, order.currencyCode);
      if (adjustedError) proposal = adjustedError;
    }
  } catch (e) {
    return invalid(errorMessage(e));
  }
  if (typeof proposal === 'string') return invalid(proposal);
  start(settings, order, proposal, sequence, function (attributes) {
    if (isRequest) attributes.payopsRefundAmount = null;
  });
}
