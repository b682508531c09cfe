/**
 * What the capture, cancel and refund steps do for one order: re-read it, re-check that the
 * operation is still due (the search index lags), validate the input, plan the operation once
 * (deterministic ID), run it through the state machine, and count the outcome. Bad input is
 * written onto the order as a readable reason and never reaches the provider.
 */
import OrderMgr = require('dw/order/OrderMgr');
import Order = require('dw/order/Order');
import Transaction = require('dw/system/Transaction');
import Logger = require('dw/system/Logger');
import type { ProviderLifecycle } from './lifecycle';
import type { JournalEntry } from './operationJournal';
import {
  findOperation,
  isFinal,
  operationId,
  operationsOfOrder,
  planOperation,
  updateOperation,
} from './operationJournal';
import type { OperationType } from './operation';
import { runOperation, type OperationRun } from './operationRunner';
import { addProblem, type RunSummary } from './jobSummary';
import {
  formatMinorUnits,
  fractionDigits,
  fromMinorUnits,
  isMinorUnits,
  toMinorUnits,
  toMinorUnitsExact,
} from './money';
import { afterOperation, beforeOperation, captureAmount, type OperationProposal } from './extensionHooks';
import { enumText, errorMessage } from './scriptValues';

export interface OrderRunSettings {
  readonly lifecycle: ProviderLifecycle;
  readonly runStartedAt: Date;
  readonly maxAttempts: number;
  /** See RunSettings.inFlightGraceMillis. */
  readonly inFlightGraceMillis: number;
  readonly summary: RunSummary;
}

const log = Logger.getLogger('payops', 'operations');

function orderAttributes(order: dw.order.Order): OrderCustomAttributes {
  return order.custom as unknown as OrderCustomAttributes;
}

/** The reason written on the order, stamped with the time (BM shows it as is). */
function stamped(reason: string): string {
  return new Date().toISOString().substring(0, 19).replace('T', ' ') + ' UTC — ' + reason;
}

function problem(settings: OrderRunSettings, orderNo: string, reason: string): void {
  addProblem(settings.summary, 'Order ' + orderNo + ': ' + reason);
}

function countRun(settings: OrderRunSettings, order: dw.order.Order, run: OperationRun): void {
  const summary = settings.summary;
  summary.calls += run.calls;
  const entry = run.entry;
  if (run.result === 'succeeded') summary.succeeded++;
  else if (run.result === 'rejected') summary.rejected++;
  else if (run.result === 'failed') summary.failed++;
  else if (run.result === 'withdrawn') summary.skipped++;
  else if (run.result === 'blocked') {
    summary.pending++;
    if (summary.blocked.indexOf(settings.lifecycle.adapter.label) < 0)
      summary.blocked.push(settings.lifecycle.adapter.label);
  } else summary.pending++;
  if (run.result === 'withdrawn') {
    noteOnOrder(order, entry.reason || entry.state);
  } else if (run.result !== 'succeeded') problem(settings, order.orderNo, entry.reason || entry.state);
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

function run(
  settings: OrderRunSettings,
  order: dw.order.Order,
  entry: JournalEntry,
  withdrawReason: string | null,
): void {
  const lifecycle = settings.lifecycle;
  const result = runOperation(entry.id, {
    adapter: lifecycle.adapter,
    runStartedAt: settings.runStartedAt,
    maxAttempts: settings.maxAttempts,
    inFlightGraceMillis: settings.inFlightGraceMillis,
    withdrawReason: withdrawReason,
    project: function (updated: JournalEntry) {
      project(lifecycle, order, updated);
    },
  });
  countRun(settings, order, result);
}

/** Writes an operation's outcome onto the order (inside the caller's transaction). */
function project(lifecycle: ProviderLifecycle, order: dw.order.Order, entry: JournalEntry): void {
  const custom = orderAttributes(order);
  custom.payopsReason = stamped(entry.reason || entry.state);
  if (entry.type === 'capture') {
    lifecycle.projectCapture(order, entry);
    // What the provider settles for the order (for Alma the order total or the partial amount,
    // although Alma's capture itself reports only the first instalment, kept in the journal).
    if (entry.state === 'Succeeded') {
      const captured = entry.amountMinor !== null ? entry.amountMinor : lifecycle.authorisedMinor(order);
      custom.payopsCapturedAmount = fromMinorUnits(captured === null ? 0 : captured, entry.currencyCode);
    }
  } else if (entry.type === 'cancel') {
    if (entry.state === 'Succeeded') custom.payopsCancelStatus = 'Cancelled';
    else if (entry.state === 'Rejected') custom.payopsCancelStatus = 'Rejected';
    else if (entry.state === 'Failed') custom.payopsCancelStatus = 'Failed';
  } else if (entry.type === 'refund') {
    if (entry.state === 'Succeeded') {
      const refunded = refundedMinor(order) + (entry.amountMinor || 0);
      custom.payopsRefundedAmount = fromMinorUnits(refunded, entry.currencyCode);
      custom.payopsRefundStatus = refunded >= lifecycle.capturedMinor(order) ? 'Refunded' : 'PartiallyRefunded';
    } else if (entry.state === 'Rejected') custom.payopsRefundStatus = 'Rejected';
    else if (entry.state === 'Failed') custom.payopsRefundStatus = 'Failed';
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
  if (fractionDigits(order.currencyCode) === null) {
    return 'the order currency "' + order.currencyCode + '" is not a currency the platform knows; nothing was sent';
  }
  if (!lifecycle.paymentReference(order)) {
    return (
      'the order has no ' +
      lifecycle.adapter.label +
      ' payment ID (attribute ' +
      lifecycle.paymentReferenceAttribute +
      '); nothing was sent'
    );
  }
  return null;
}

/** Checks an amount in minor units: a positive integer, at most `maximum`. */
function amountProblem(what: string, amountMinor: number | null, maximum: number, currencyCode: string): string | null {
  if (amountMinor === null) return null;
  if (!isMinorUnits(amountMinor) || amountMinor <= 0) {
    return (
      what +
      ' must be more than zero (got ' +
      (isMinorUnits(amountMinor) ? formatMinorUnits(amountMinor, currencyCode) : String(amountMinor)) +
      '); nothing was sent'
    );
  }
  if (amountMinor > maximum) {
    return (
      what +
      ' ' +
      formatMinorUnits(amountMinor, currencyCode) +
      ' is more than the ' +
      formatMinorUnits(maximum, currencyCode) +
      ' allowed; nothing was sent'
    );
  }
  return null;
}

/** The proposal after the beforeOperation hook: adjusted, or vetoed (a string reason). */
function decide(order: dw.order.Order, proposal: OperationProposal): OperationProposal | string {
  const decision = beforeOperation(order, proposal);
  if (decision.veto) return 'stopped by the beforeOperation hook: ' + decision.veto;
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
    // Unique beyond the journal's retention: a later refund numbered 1 again gets another reference.
    merchantReference: order.orderNo + '-' + type + '-' + sequence + '-' + new Date().getTime().toString(36),
    // The order's UUID makes the key unique across sites sharing a provider account.
    idempotencyKey: order.UUID + '-' + type + '-' + sequence,
  };
}

/**
 * Plans (or re-arms, after an operator reset) the operation in one transaction, together with
 * `consume` (e.g. clearing the request attribute), and returns its journal entry.
 */
function plan(
  settings: OrderRunSettings,
  order: dw.order.Order,
  proposal: OperationProposal,
  sequence: number,
  rearm: JournalEntry | null,
  consume: ((custom: OrderCustomAttributes) => void) | null,
): JournalEntry {
  const paymentReference = String(settings.lifecycle.paymentReference(order));
  return Transaction.wrap(function () {
    let entry: JournalEntry;
    if (rearm) {
      entry = updateOperation(rearm.id, {
        state: 'Planned',
        attempts: 0,
        amountMinor: proposal.amountMinor,
        merchantReference: proposal.merchantReference,
        idempotencyKey: proposal.idempotencyKey,
        completedAt: null,
        reason: 'Requested again after ' + rearm.state + ' (' + (rearm.reason || 'no reason recorded') + ')',
      });
    } else {
      entry = planOperation({
        provider: proposal.provider,
        type: proposal.type,
        orderNo: proposal.orderNo,
        sequence: sequence,
        amountMinor: proposal.amountMinor,
        currencyCode: proposal.currencyCode,
        paymentReference: paymentReference,
        merchantReference: proposal.merchantReference,
        idempotencyKey: proposal.idempotencyKey,
      }).entry;
    }
    const custom = orderAttributes(order);
    if (custom.payopsIdempotencyKey) custom.payopsIdempotencyKey = null;
    if (consume) consume(custom);
    return entry;
  });
}

function loadOrder(settings: OrderRunSettings, orderNo: string): dw.order.Order | null {
  const order = OrderMgr.getOrder(orderNo);
  if (!order) {
    settings.summary.skipped++;
    problem(settings, orderNo, 'not found');
  }
  return order;
}

function skip(settings: OrderRunSettings): void {
  settings.summary.skipped++;
}

/** The order's unfinished operation was resumed from the journal in this run: not a second selection. */
function handledFromJournal(settings: OrderRunSettings): void {
  settings.summary.selected--;
}

function isClosed(order: dw.order.Order): string | null {
  const status = order.status.value;
  if (status === Order.ORDER_STATUS_CANCELLED) return 'the order is cancelled';
  if (status === Order.ORDER_STATUS_FAILED) return 'the order is failed';
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
  const existing = findOperation(operationId(provider, 'capture', orderNo, 1));
  const notDue =
    (trigger.isActivated() ? null : trigger.deactivatedLabel) || trigger.notDueReason(order) || isClosed(order);

  if (existing && !isFinal(existing.state)) {
    // Unfinished work is resumed from the journal (read first in each run), not from the search.
    if (!fromJournal) return handledFromJournal(settings);
    // An unknown outcome is always settled; a retry is sent only while the capture is still due.
    run(settings, order, existing, notDue);
    return;
  }
  if (notDue) return skip(settings);
  if (existing && existing.state === 'Succeeded') {
    // Set back to ToCapture after a capture that happened: never capture twice.
    noteOnOrder(order, 'Already captured (' + (existing.reason || existing.id) + '); not captured again.', function () {
      lifecycle.projectCapture(order, existing);
    });
    settings.summary.succeeded++;
    return;
  }

  const invalid = function (reason: string): void {
    Transaction.wrap(function () {
      orderAttributes(order).payopsReason = stamped('Capture not possible: ' + reason + '.');
      trigger.projectInvalid(order, reason);
    });
    settings.summary.failed++;
    problem(settings, orderNo, 'capture not possible: ' + reason);
    log.warn('Order {0}: capture not possible: {1}', orderNo, reason);
  };
  const inputError = inputProblem(settings, order);
  if (inputError) return invalid(inputError);

  let proposal: OperationProposal | string;
  try {
    const authorised = lifecycle.authorisedMinor(order);
    if (authorised === null) return invalid('the order has no total');
    const requested = orderAttributes(order).payopsCaptureAmount;
    const requestedMinor =
      requested === null || requested === undefined ? null : toMinorUnitsExact(requested, order.currencyCode);
    const amountMinor = captureAmount(order, {
      provider: provider,
      currencyCode: order.currencyCode,
      authorisedMinor: authorised,
      proposedMinor: requestedMinor,
    });
    const amountError = amountProblem('the Amount to Capture', amountMinor, authorised, order.currencyCode);
    if (amountError) return invalid(amountError);
    proposal = decide(order, proposalFor(settings, order, 'capture', 1, amountMinor));
    if (typeof proposal !== 'string') {
      const adjustedError = amountProblem('the capture amount', proposal.amountMinor, authorised, order.currencyCode);
      if (adjustedError) proposal = adjustedError;
    }
  } catch (e) {
    return invalid(errorMessage(e));
  }
  if (typeof proposal === 'string') return invalid(proposal);
  run(settings, order, plan(settings, order, proposal, 1, existing, null), null);
}

/** Cancel (void) of a cancelled order's authorisation (item of the cancel step). */
export function cancelOrder(orderNo: string, settings: OrderRunSettings, fromJournal: boolean): void {
  const lifecycle = settings.lifecycle;
  const order = loadOrder(settings, orderNo);
  if (!order) return;
  const provider = lifecycle.adapter.provider;

  // A capture whose outcome is unknown is settled first: if it happened, this is a refund's job.
  const capture = findOperation(operationId(provider, 'capture', orderNo, 1));
  if (capture && !isFinal(capture.state)) {
    run(settings, order, capture, 'the order was cancelled');
    const settled = findOperation(capture.id);
    // Still unknown: cancelling now could void nothing or hit a captured payment. Wait for the read.
    if (settled && !isFinal(settled.state)) return;
  }

  const existing = findOperation(operationId(provider, 'cancel', orderNo, 1));
  const captured = lifecycle.isCaptured(order);
  if (existing && !isFinal(existing.state)) {
    if (!fromJournal) return handledFromJournal(settings);
    run(settings, order, existing, captured ? 'the payment was captured; the refund step refunds it' : null);
    return;
  }
  const status = enumText(orderAttributes(order).payopsCancelStatus);
  if (order.status.value !== Order.ORDER_STATUS_CANCELLED || status !== null || captured) {
    settings.summary.skipped++;
    return;
  }
  if (existing && existing.state === 'Succeeded') {
    noteOnOrder(order, 'Already cancelled (' + (existing.reason || existing.id) + ').', function (custom) {
      custom.payopsCancelStatus = 'Cancelled';
    });
    settings.summary.succeeded++;
    return;
  }
  const invalid = function (reason: string): void {
    noteOnOrder(order, 'Cancel not possible: ' + reason + '.', function (custom) {
      custom.payopsCancelStatus = 'Failed';
    });
    settings.summary.failed++;
    problem(settings, orderNo, 'cancel not possible: ' + reason);
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
  run(settings, order, plan(settings, order, proposal, 1, existing, null), null);
}

/** A refund that failed its checks, journaled as Failed without any call. Call inside a transaction. */
function recordUnsentRefund(
  lifecycle: ProviderLifecycle,
  order: dw.order.Order,
  sequence: number,
  reason: string,
): void {
  const generated = generatedReferences(order, 'refund', sequence);
  const planned = planOperation({
    provider: lifecycle.adapter.provider,
    type: 'refund',
    orderNo: order.orderNo,
    sequence: sequence,
    amountMinor: null,
    currencyCode: order.currencyCode,
    paymentReference: lifecycle.paymentReference(order) || '',
    merchantReference: generated.merchantReference,
    idempotencyKey: generated.idempotencyKey,
  });
  updateOperation(planned.entry.id, {
    state: 'Failed',
    completedAt: new Date(),
    reason: 'Refund not possible, nothing was sent: ' + reason + '.',
  });
}

/** Refund of a cancelled, captured order, or of an Amount to Refund (item of the refund step). */
export function refundOrder(orderNo: string, settings: OrderRunSettings, fromJournal: boolean): void {
  const lifecycle = settings.lifecycle;
  const order = loadOrder(settings, orderNo);
  if (!order) return;
  const provider = lifecycle.adapter.provider;

  // One refund at a time per order: unfinished ones continue, and nothing new is planned meanwhile.
  const refunds = operationsOfOrder(provider, 'refund', orderNo);
  let unfinished = false;
  for (let i = 0; i < refunds.length; i++) {
    if (!isFinal(refunds[i].state)) {
      unfinished = true;
      if (fromJournal) run(settings, order, refunds[i], null);
    }
  }
  if (unfinished) return fromJournal ? undefined : handledFromJournal(settings);

  const custom = orderAttributes(order);
  const requested = custom.payopsRefundAmount;
  const isRequest = requested !== null && requested !== undefined;
  // A cancelled, captured order is refunded whatever is left, also after a partial refund or a
  // failed partial request; a full refund that itself failed waits for the operator (who clears
  // Refund Status to retry), so that it is not retried and reported on every run.
  const refundStatus = enumText(custom.payopsRefundStatus);
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
    noteOnOrder(order, 'Refund not possible: ' + reason + '.', function (attributes) {
      attributes.payopsRefundStatus = 'Failed';
      // The request is answered: the operator enters the amount again to retry.
      if (isRequest) attributes.payopsRefundAmount = null;
      // The automatic full refund is journaled as failed (never sent), so that the next runs
      // wait for the operator instead of failing it again on every run.
      if (!isRequest) recordUnsentRefund(lifecycle, order, sequence, reason);
    });
    settings.summary.failed++;
    problem(settings, orderNo, 'refund not possible: ' + reason);
  };
  const inputError = inputProblem(settings, order);
  if (inputError) return invalid(inputError);
  let proposal: OperationProposal | string;
  try {
    if (!lifecycle.isCaptured(order))
      return invalid('the payment has not been captured; cancel the order to void it instead');
    const refundable = lifecycle.capturedMinor(order) - refundedMinor(order);
    if (refundable <= 0 && !isRequest) {
      noteOnOrder(order, 'Nothing left to refund.', function (attributes) {
        attributes.payopsRefundStatus = 'Refunded';
      });
      settings.summary.succeeded++;
      return;
    }
    const amountMinor = isRequest ? toMinorUnitsExact(requested as number, order.currencyCode) : refundable;
    const amountError = amountProblem('the Amount to Refund', amountMinor, refundable, order.currencyCode);
    if (amountError) return invalid(amountError);
    proposal = decide(order, proposalFor(settings, order, 'refund', sequence, amountMinor));
    if (typeof proposal !== 'string') {
      const adjustedError =
        proposal.amountMinor === null
          ? 'a refund needs an amount (the beforeOperation hook removed it); nothing was sent'
          : amountProblem('the refund amount', proposal.amountMinor, refundable, order.currencyCode);
      if (adjustedError) proposal = adjustedError;
    }
  } catch (e) {
    return invalid(errorMessage(e));
  }
  if (typeof proposal === 'string') return invalid(proposal);
  const entry = plan(settings, order, proposal, sequence, null, function (attributes) {
    if (isRequest) attributes.payopsRefundAmount = null;
  });
  run(settings, order, entry, null);
}
