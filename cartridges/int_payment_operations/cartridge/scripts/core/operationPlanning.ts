/**
 * The machinery the capture, cancel and refund handlers share for one order: the settings of a
 * run, checks of the input, proposals through the hooks, planning and sending through the state
 * machine, the projection of outcomes onto the order, the counts of the run and, in a dry run,
 * the lines that say what would be done instead of doing it.
 */
import OrderMgr = require('dw/order/OrderMgr');
import Order = require('dw/order/Order');
import Transaction = require('dw/system/Transaction');
import Logger = require('dw/system/Logger');
import type { CaptureWindow, OutcomeAttributes, ProviderLifecycle } from './lifecycle';
import type { JournalEntry, OperationPlan } from './operationJournal';
import { isQueued, updateOperation } from './operationJournal';
import type { Operation, OperationType } from './operation';
import { reason, runOperation, startOperation, type OperationRun, type RunSettings } from './operationRunner';
import { callProvider } from './providerCall';
import { projectShipmentCapture } from './shipmentCapture';
import { addAttention, addDryRunLine, addProblem, type RunSummary } from './jobSummary';
import {
  formatMinorUnits,
  fractionDigits,
  fromMinorUnits,
  isMinorUnits,
  moneyToMinorUnits,
  toMinorUnits,
} from './money';
import { afterOperation, beforeOperation, type OperationProposal } from './extensionHooks';
import { enumText } from './scriptValues';
import { message } from './messages';
import { STRING_ATTRIBUTE_LIMIT, cutText } from './text';
import type { CaptureTrigger } from './lifecycle';

export interface OrderRunSettings {
  readonly lifecycle: ProviderLifecycle;
  readonly runStartedAt: Date;
  readonly maxAttempts: number;
  /** See RunSettings.inFlightGraceMillis. */
  readonly inFlightGraceMillis: number;
  readonly summary: RunSummary;
  /**
   * Test mode (job parameter DryRun): the same selection, checks and amounts, but no provider is
   * called and no order or journal is changed; each operation that would be sent, continued or
   * refused is logged and listed in the summary instead.
   */
  readonly dryRun?: boolean;
}

export const log = Logger.getLogger('payops', 'operations');

/** "2026-11-23 09:15:00 UTC — " and the reason: what BM shows in Payment Operations Result. */
const STAMP_LENGTH = 26;

export function orderAttributes(order: dw.order.Order): OrderCustomAttributes {
  return order.custom as unknown as OrderCustomAttributes;
}

/** The reason written on the order, stamped with the time, within a string attribute's 4,000 characters. */
export function stamped(reason: string): string {
  const stamp = new Date().toISOString().substring(0, 19).replace('T', ' ') + ' UTC — ';
  return stamp + cutText(reason, STRING_ATTRIBUTE_LIMIT - STAMP_LENGTH);
}

/** The outcome status of a cancel or refund as text (e.g. "Failed"), or null when empty. */
export function outcomeStatus(order: dw.order.Order, outcome: OutcomeAttributes): string | null {
  return enumText((order.custom as unknown as { [id: string]: unknown })[outcome.status]);
}

/**
 * Writes a cancel's or refund's outcome (inside the caller's transaction): the status, unless
 * null, and the stamped reason in the provider's response attribute when it has one.
 */
export function writeOutcome(order: dw.order.Order, outcome: OutcomeAttributes, status: string | null, reason: string) {
  const custom = order.custom as unknown as { [id: string]: unknown };
  if (status !== null) custom[outcome.status] = status;
  if (outcome.response) custom[outcome.response] = stamped(reason);
}

export function problem(settings: OrderRunSettings, orderNo: string, reason: string): void {
  addProblem(settings.summary, 'Order ' + orderNo + ': ' + reason);
}

/** Lists the order for the failure e-mail: it ended Rejected or Failed in this run and waits for a person. */
export function needsAttention(
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

export function countRun(settings: OrderRunSettings, order: dw.order.Order, run: OperationRun): void {
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

export function runSettings(
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
export function expectedOf(
  settings: OrderRunSettings,
  order: dw.order.Order,
  entry: { type: OperationType; amountMinor: number | null },
) {
  if (entry.type !== 'capture') return entry.amountMinor;
  return entry.amountMinor !== null ? entry.amountMinor : settings.lifecycle.authorisedMinor(order);
}

/** Resumes an existing operation of the order. */
export function resume(
  settings: OrderRunSettings,
  order: dw.order.Order,
  entry: JournalEntry,
  withdrawReason: string | null,
) {
  if (settings.dryRun) {
    const state = withdrawReason ? message('dryRun.withdraw', withdrawReason) : entry.reason || entry.state;
    return wouldDo(settings, order, entry, message('dryRun.wouldContinue', entry.state, state));
  }
  const run = runOperation(
    order,
    entry.id,
    runSettings(settings, order, withdrawReason, expectedOf(settings, order, entry)),
  );
  countRun(settings, order, run);
}

/** What an operation acts on when it is not the order's payment (PayZen: one debit), and how. */
export interface OperationTarget {
  readonly paymentReference: string;
  readonly variant: string | null;
}

/**
 * Plans a new operation and sends it (intent and planning in one transaction, with `prepare`).
 * `why` says what made it due (for a dry run's line); `invalid` reports input the provider's
 * first read refuses (a Monext session without a transaction).
 */
export function start(
  settings: OrderRunSettings,
  order: dw.order.Order,
  proposal: OperationProposal,
  sequence: number | string,
  prepare: ((custom: OrderCustomAttributes) => void) | null,
  why: string,
  invalid: (reason: string) => void,
  target?: OperationTarget,
): void {
  if (settings.dryRun) {
    const lookup = target ? null : settings.lifecycle.referenceLookup;
    const read =
      !settings.lifecycle.paymentReference(order) && lookup
        ? ' ' + message('dryRun.lookupFirst', settings.lifecycle.adapter.label, String(lookup.source(order)))
        : '';
    return wouldDo(settings, order, proposal, message('dryRun.wouldSend', why) + read);
  }
  const known = target ? target.paymentReference : settings.lifecycle.paymentReference(order);
  const found = known ? null : lookUpReference(settings, order, invalid);
  const reference = known || (found && found.reference);
  if (!reference) return;
  const plan: OperationPlan = {
    provider: proposal.provider,
    type: proposal.type,
    sequence: sequence,
    amountMinor: proposal.amountMinor,
    currencyCode: proposal.currencyCode,
    paymentReference: reference,
    merchantReference: proposal.merchantReference,
    idempotencyKey: proposal.idempotencyKey,
    variant: target ? target.variant : null,
  };
  const run = startOperation(
    order,
    plan,
    runSettings(settings, order, null, expectedOf(settings, order, proposal)),
    function () {
      const custom = orderAttributes(order);
      if (custom.payopsIdempotencyKey) custom.payopsIdempotencyKey = null;
      if (prepare) prepare(custom);
      // What the read told is stored with the plan: one commit, not one more.
      if (found) found.store();
    },
  );
  countRun(settings, order, run);
}

/**
 * Sets an operator's request again (e.g. Capture Status back to ToCapture after a failure): the
 * operation gets a fresh attempt count and references, and is resumed, reading the provider
 * first if it was ever sent.
 */
export function rearm(
  settings: OrderRunSettings,
  order: dw.order.Order,
  previous: JournalEntry,
  proposal: OperationProposal,
) {
  if (settings.dryRun) {
    const again = message('reason.requestedAgain', previous.state, previous.reason || message('reason.noneRecorded'));
    return wouldDo(settings, order, proposal, message('dryRun.wouldSend', again));
  }
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
export function rearmedKey(settings: OrderRunSettings, previous: JournalEntry, proposed: string): string {
  if (!settings.lifecycle.adapter.supportsIdempotency || !previous.sent) return proposed;
  const base = function (key: string): string {
    return key.replace(/-r\d+$/, '');
  };
  if (base(proposed) !== base(previous.idempotencyKey)) return proposed;
  const match = /-r(\d+)$/.exec(previous.idempotencyKey);
  return base(proposed) + '-r' + (match ? parseInt(match[1], 10) + 1 : 1);
}

/** Writes an operation's outcome onto the order (inside the caller's transaction). */
export function project(lifecycle: ProviderLifecycle, order: dw.order.Order, entry: JournalEntry): void {
  const custom = orderAttributes(order);
  custom.payopsReason = stamped(entry.reason || entry.state);
  if (entry.type === 'shipmentCapture') {
    projectShipmentCapture(lifecycle, order, entry);
  } else if (entry.type === 'capture') {
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

export function refundedMinor(order: dw.order.Order): number {
  const refunded = orderAttributes(order).payopsRefundedAmount;
  return refunded === null || refunded === undefined ? 0 : toMinorUnits(refunded, order.currencyCode);
}

/** Writes a reason (no operation) onto the order, e.g. for bad input. */
export function noteOnOrder(
  order: dw.order.Order,
  reason: string,
  also?: (custom: OrderCustomAttributes) => void,
): void {
  Transaction.wrap(function () {
    const custom = orderAttributes(order);
    custom.payopsReason = stamped(reason);
    if (also) also(custom);
  });
}

/**
 * Refuses a cancel or refund before any call: Failed with the reason on the order (and `also`, in
 * the same commit), counted and reported for the operator; in a dry run, only the line saying so.
 */
export function refuseOperation(
  settings: OrderRunSettings,
  order: dw.order.Order,
  type: 'cancel' | 'refund',
  reason: string,
  also?: (custom: OrderCustomAttributes) => void,
): void {
  const lifecycle = settings.lifecycle;
  const text = message(type === 'cancel' ? 'invalid.cancel' : 'invalid.refund', reason);
  if (settings.dryRun) return wouldFail(settings, order, type, text);
  noteOnOrder(order, text, function (attributes) {
    writeOutcome(order, type === 'cancel' ? lifecycle.cancelOutcome : lifecycle.refundOutcome, 'Failed', text);
    if (also) also(attributes);
  });
  settings.summary.failed++;
  problem(settings, order.orderNo, text);
  needsAttention(settings, order, type, 'Failed', text);
}

/** The order-level checks every operation shares; null when the input is usable. */
export function inputProblem(settings: OrderRunSettings, order: dw.order.Order): string | null {
  const lifecycle = settings.lifecycle;
  if (fractionDigits(order.currencyCode) === null) return message('invalid.currency', order.currencyCode);
  if (!lifecycle.paymentReference(order)) {
    const lookup = lifecycle.referenceLookup;
    if (!lookup || !lookup.source(order)) {
      return message('invalid.noPaymentId', lifecycle.adapter.label, lifecycle.paymentReferenceAttribute);
    }
  }
  return null;
}

/** The provider's time limit on captures, checked now (no limit: nothing refused, no note). */
export function captureWindowOf(lifecycle: ProviderLifecycle, order: dw.order.Order): CaptureWindow {
  const trigger = lifecycle.capture;
  return trigger && trigger.captureWindow ? trigger.captureWindow(order, new Date()) : { refused: null, note: null };
}

/** "why" followed by the capture window's note, when there is one (dry-run lines). */
export function withNote(why: string, note: string | null): string {
  return note ? why + '; ' + note : why;
}

/**
 * Adds the capture window's note to what the order says after the operation (Payment Operations
 * Result), e.g. that the CB payment guarantee no longer applies. Nothing in a dry run.
 */
export function addWindowNote(settings: OrderRunSettings, order: dw.order.Order, note: string | null): void {
  if (!note || settings.dryRun) return;
  Transaction.wrap(function () {
    const custom = orderAttributes(order);
    const current = custom.payopsReason ? String(custom.payopsReason) : '';
    if (current.indexOf(note) < 0) custom.payopsReason = current ? current + ' — ' + note : stamped(note);
  });
}

/** Checks an amount in minor units: a positive integer, at most `maximum`. `what` is a message key. */
export function amountProblem(
  what: string,
  amountMinor: number | null,
  maximum: number,
  currencyCode: string,
): string | null {
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
export function decide(order: dw.order.Order, proposal: OperationProposal): OperationProposal | string {
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

export function proposalFor(
  settings: OrderRunSettings,
  order: dw.order.Order,
  type: OperationType,
  sequence: number | string,
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
export function generatedReferences(
  order: dw.order.Order,
  type: OperationType,
  sequence: number | string,
): { merchantReference: string; idempotencyKey: string } {
  return {
    // Unique even if the record that numbered it is lost: a later refund numbered 1 again gets another reference.
    merchantReference: order.orderNo + '-' + type + '-' + sequence + '-' + new Date().getTime().toString(36),
    // The order's UUID makes the key unique across sites sharing a provider account.
    idempotencyKey: order.UUID + '-' + type + '-' + sequence,
  };
}

/** The order of an item; null when it is gone (its queued work is released after the item). */
export function loadOrder(settings: OrderRunSettings, orderNo: string): dw.order.Order | null {
  const order = OrderMgr.getOrder(orderNo);
  if (order) return order;
  settings.summary.skipped++;
  problem(settings, orderNo, 'not found');
  return null;
}

export function skip(settings: OrderRunSettings): void {
  settings.summary.skipped++;
}

/** The order's unfinished operation was resumed from the work queue in this run: not a second selection. */
export function handledFromJournal(settings: OrderRunSettings): void {
  settings.summary.selected--;
}

/**
 * An unfinished operation met through the order search: the work queue handles it, unless its
 * queue object is missing (removed by hand), in which case it is resumed here and queued again.
 */
export function handledElsewhere(settings: OrderRunSettings, entry: JournalEntry, fromJournal: boolean): boolean {
  if (fromJournal || !isQueued(entry.id)) return false;
  handledFromJournal(settings);
  return true;
}

export function isClosed(order: dw.order.Order): string | null {
  const status = order.status.value;
  if (status === Order.ORDER_STATUS_CANCELLED) return message('notDue.cancelled');
  if (status === Order.ORDER_STATUS_FAILED) return message('notDue.failed');
  return null;
}

/**
 * In a dry run: the line saying what would be done (order, operation, amount, provider, why), in
 * the log and the run's summary. Nothing is sent or written.
 */
export function wouldDo(
  settings: OrderRunSettings,
  order: dw.order.Order,
  operation: { type: OperationType; amountMinor: number | null; currencyCode: string },
  what: string,
): void {
  const line = reason(
    'dryRun.line',
    { ...operation, id: '', orderNo: order.orderNo } as unknown as Operation,
    settings.lifecycle.adapter,
    true,
    [order.orderNo, what],
  );
  addDryRunLine(settings.summary, line);
  log.info('Dry run: {0}', line);
}

/** In a dry run: the order's input is refused as it would be, without writing anything. */
export function wouldFail(
  settings: OrderRunSettings,
  order: dw.order.Order,
  type: OperationType,
  reason: string,
): void {
  settings.summary.failed++;
  wouldDo(
    settings,
    order,
    { type: type, amountMinor: null, currencyCode: order.currencyCode },
    message('dryRun.wouldFail', reason),
  );
}

/**
 * The provider's ID the operations act on, found by one read (Monext: the transaction of the
 * session the checkout stored), with what stores it on the order in the plan's own commit. Null when it cannot be found now: input
 * the provider refuses is reported through `invalid`; a read that could not tell leaves the order
 * for a later run.
 */
function lookUpReference(
  settings: OrderRunSettings,
  order: dw.order.Order,
  invalid: (reason: string) => void,
): { reference: string; store: () => void } | null {
  const lifecycle = settings.lifecycle;
  const lookup = lifecycle.referenceLookup;
  const source = lookup ? lookup.source(order) : null;
  if (!lookup || !source) {
    invalid(message('invalid.noPaymentId', lifecycle.adapter.label, lifecycle.paymentReferenceAttribute));
    return null;
  }
  const call = callProvider(lifecycle.adapter, lookup.request(source), 'read');
  settings.summary.calls++;
  const found =
    call.answer.kind === 'notSent'
      ? { outcome: 'unknown' as const, detail: message('detail.notSent', call.answer.reason) }
      : lookup.interpret(source, call.answer);
  if (found.outcome === 'found') {
    const reference = found.reference;
    log.info('Order {0}: {1} {2} → {3}', order.orderNo, lookup.sourceAttribute, source, reference);
    return {
      reference: reference,
      store: function () {
        lookup.store(order, source, reference);
      },
    };
  }
  if (found.outcome === 'refused') {
    invalid(message('invalid.lookupRefused', lifecycle.adapter.label, source, found.detail));
    return null;
  }
  const label = lifecycle.adapter.label;
  if (found.outcome === 'blocked' && settings.summary.blocked.indexOf(label) < 0) settings.summary.blocked.push(label);
  const text = message('reason.lookupUnknown', label, source, found.detail);
  settings.summary.pending++;
  problem(settings, order.orderNo, text);
  noteOnOrder(order, text);
  log.warn('Order {0}: {1}', order.orderNo, text);
  return null;
}

/**
 * Refuses a capture whose input is not usable, before any call: the reason on the order (and on
 * the shipment, for a shipment's capture) and the trigger's Failed status; in a dry run, only the
 * line that says so.
 */
export function refuseCapture(
  settings: OrderRunSettings,
  order: dw.order.Order,
  reason: string,
  shipment?: dw.order.Shipment | null,
): void {
  const text = message('invalid.capture', reason);
  const type: OperationType = shipment ? 'shipmentCapture' : 'capture';
  if (settings.dryRun) return wouldFail(settings, order, type, text);
  const trigger = settings.lifecycle.capture as CaptureTrigger;
  Transaction.wrap(function () {
    orderAttributes(order).payopsReason = stamped(text);
    trigger.projectInvalid(order, reason);
    if (shipment) (shipment.custom as unknown as ShipmentCustomAttributes).payopsCaptureStatus = 'Failed';
  });
  settings.summary.failed++;
  problem(settings, order.orderNo, text);
  needsAttention(settings, order, type, 'Failed', text);
  log.warn('Order {0}: capture not possible: {1}', order.orderNo, reason);
}
