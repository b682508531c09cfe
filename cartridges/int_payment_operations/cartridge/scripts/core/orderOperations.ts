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
import type { ProviderLifecycle } from './lifecycle';
import type { ProviderId } from './providers';
import {
  dequeue,
  findOperation,
  isFinal,
  isQueued,
  operationId,
  operationsOfOrder,
  planOperation,
} from './operationJournal';
import { formatMinorUnits, toMinorUnitsExact } from './money';
import { captureAmount, type OperationProposal } from './extensionHooks';
import { errorMessage } from './scriptValues';
import { message } from './messages';
import {
  addWindowNote,
  refuseOperation,
  amountProblem,
  captureWindowOf,
  decide,
  generatedReferences,
  handledElsewhere,
  handledFromJournal,
  inputProblem,
  isClosed,
  loadOrder,
  log,
  noteOnOrder,
  orderAttributes,
  outcomeStatus,
  proposalFor,
  rearm,
  refundedMinor,
  refuseCapture,
  resume,
  skip,
  start,
  wouldDo,
  withNote,
  writeOutcome,
  type OrderRunSettings,
} from './operationPlanning';
import { captureShipments, resumeShipmentCaptures } from './shipmentCaptureOrder';
import { capturesPerShipment } from './shipmentCapture';

export type { OrderRunSettings } from './operationPlanning';

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

/** Deferred capture of one order (item of the capture step). */
export function captureOrder(orderNo: string, settings: OrderRunSettings, fromJournal: boolean): void {
  const lifecycle = settings.lifecycle;
  const trigger = lifecycle.capture;
  if (!trigger) throw new Error(lifecycle.adapter.label + ' has no deferred capture');
  const order = loadOrder(settings, orderNo);
  if (!order) return;
  const provider = lifecycle.adapter.provider;
  const existing = findOperation(order, operationId(provider, 'capture', orderNo, 1));
  const perShipment = capturesPerShipment(lifecycle);
  const notDue =
    (trigger.isActivated() ? null : trigger.deactivatedLabel) ||
    trigger.notDueReason(order, perShipment) ||
    isClosed(order);

  // Shipment captures still unfinished are settled first, whatever the mode is now.
  if (!resumeShipmentCaptures(settings, order, fromJournal, notDue)) return;
  if (perShipment) return captureShipments(settings, order, notDue);

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
    if (settings.dryRun) return wouldDo(settings, order, existing, message('dryRun.nothing', already));
    noteOnOrder(order, already, function () {
      lifecycle.projectCapture(order, existing);
    });
    settings.summary.succeeded++;
    return;
  }

  const invalid = function (reason: string): void {
    refuseCapture(settings, order, reason);
  };
  const inputError = inputProblem(settings, order);
  if (inputError) return invalid(inputError);
  const window = captureWindowOf(lifecycle, order);
  if (window.refused) return invalid(window.refused);

  let proposal: OperationProposal | string;
  try {
    const authorised = lifecycle.authorisedMinor(order);
    if (authorised === null) return invalid(message('invalid.noTotal'));
    if (authorised <= 0)
      return invalid(message('invalid.authorisedNotPositive', formatMinorUnits(authorised, order.currencyCode)));
    const requested = orderAttributes(order).payopsCaptureAmount;
    const requestedMinor =
      requested === null || requested === undefined ? null : toMinorUnitsExact(requested, order.currencyCode);
    const chosenMinor = captureAmount(order, {
      provider: provider,
      currencyCode: order.currencyCode,
      authorisedMinor: authorised,
      proposedMinor: requestedMinor,
    });
    // A provider that needs every capture's amount (Monext) is sent the authorised amount for a full capture.
    const amountMinor = chosenMinor === null && lifecycle.adapter.requiresAmount ? authorised : chosenMinor;
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
  else start(settings, order, proposal, 1, null, withNote(message('why.capture'), window.note), invalid);
  addWindowNote(settings, order, window.note);
}

/**
 * What a cancel voids: the whole authorisation before any capture (amount null for a provider that
 * needs none); with a provider whose authorisation stays open after a partial capture (several
 * partial captures, Monext), the rest that was never captured, as Monext's own cartridge does, while
 * the refund step pays back what was captured. Null when nothing is left to void.
 */
function leftToCancel(lifecycle: ProviderLifecycle, order: dw.order.Order): { amountMinor: number | null } | null {
  const adapter = lifecycle.adapter;
  if (!lifecycle.isCaptured(order)) {
    return { amountMinor: adapter.requiresAmount ? lifecycle.authorisedMinor(order) : null };
  }
  if (!adapter.supportsPartialCaptures || !adapter.requiresAmount) return null;
  const authorised = lifecycle.authorisedMinor(order);
  if (authorised === null) return null;
  const rest = authorised - lifecycle.capturedMinor(order);
  return rest > 0 ? { amountMinor: rest } : null;
}

/** Cancel (void) of a cancelled order's authorisation, or of its uncaptured rest (item of the cancel step). */
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
  if (!resumeShipmentCaptures(settings, order, true, message('notDue.orderCancelled'))) return;

  const existing = findOperation(order, operationId(provider, 'cancel', orderNo, 1));
  const cancellable = leftToCancel(lifecycle, order);
  if (existing && !isFinal(existing.state)) {
    if (handledElsewhere(settings, existing, fromJournal)) return;
    resume(settings, order, existing, cancellable ? null : message('notDue.capturedRefundInstead'));
    return;
  }
  const status = outcomeStatus(order, lifecycle.cancelOutcome);
  if (order.status.value !== Order.ORDER_STATUS_CANCELLED || status !== null || !cancellable) {
    settings.summary.skipped++;
    return;
  }
  if (existing && existing.state === 'Succeeded') {
    const already = message('reason.alreadyCancelled', existing.reason || existing.id);
    if (settings.dryRun) return wouldDo(settings, order, existing, message('dryRun.nothing', already));
    noteOnOrder(order, already, function () {
      writeOutcome(order, lifecycle.cancelOutcome, 'Cancelled', already);
    });
    settings.summary.succeeded++;
    return;
  }
  const invalid = function (reason: string): void {
    refuseOperation(settings, order, 'cancel', reason);
  };
  const inputError = inputProblem(settings, order);
  if (inputError) return invalid(inputError);
  const left = cancellable.amountMinor;
  const rest = lifecycle.isCaptured(order);
  let proposal: OperationProposal | string;
  try {
    // A provider that needs the amount (Monext) cancels what is left of the authorisation.
    if (lifecycle.adapter.requiresAmount && (left === null || left <= 0)) return invalid(message('invalid.noTotal'));
    proposal = decide(order, proposalFor(settings, order, 'cancel', 1, left));
    if (typeof proposal !== 'string' && left !== null) {
      proposal = amountProblem('amount.cancel', proposal.amountMinor, left, order.currencyCode) || proposal;
    }
  } catch (e) {
    return invalid(errorMessage(e));
  }
  if (typeof proposal === 'string') return invalid(proposal);
  const why = rest
    ? message(
        'why.cancelRest',
        formatMinorUnits(lifecycle.capturedMinor(order), order.currencyCode),
        formatMinorUnits(left || 0, order.currencyCode),
      )
    : message('why.cancel');
  if (existing) rearm(settings, order, existing, proposal);
  else start(settings, order, proposal, 1, null, why, invalid);
}

/** True while a capture (whole order or shipment) of the order has an unknown or pending outcome. */
export function hasUnfinishedCapture(order: dw.order.Order, provider: ProviderId): boolean {
  const captures = operationsOfOrder(order, provider, 'capture').concat(
    operationsOfOrder(order, provider, 'shipmentCapture'),
  );
  for (let i = 0; i < captures.length; i++) if (!isFinal(captures[i].state)) return true;
  return false;
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
  // A capture whose outcome is still unknown decides what there is to refund: wait for it.
  if (hasUnfinishedCapture(order, provider)) return skip(settings);

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
    refuseOperation(settings, order, 'refund', reason, function (attributes) {
      // The request is answered: the operator enters the amount again to retry.
      if (isRequest) attributes.payopsRefundAmount = null;
      // The automatic full refund is journaled as failed (never sent), so that the next runs
      // wait for the operator instead of failing it again on every run.
      if (!isRequest) recordUnsentRefund(lifecycle, order, sequence, reason);
    });
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
  const why = message(isRequest ? 'why.refundRequested' : 'why.refundCancelled');
  start(
    settings,
    order,
    proposal,
    sequence,
    function (attributes) {
      if (isRequest) attributes.payopsRefundAmount = null;
    },
    why,
    invalid,
  );
}
