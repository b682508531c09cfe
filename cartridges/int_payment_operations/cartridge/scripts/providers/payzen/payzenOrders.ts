/**
 * Cancel and refund of a PayZen/Lyra order paid on shipment (providers.md §4.4, the official
 * refund algorithm). Money only moved through the shipment debits, so:
 * - **Cancel** (the order is cancelled): nothing at PayZen can be voided. The initial transaction
 *   cannot be modified (PSP_231) and lapses by itself; no shipment not yet debited will be (the
 *   capture job leaves cancelled orders alone). Cancel Status says so, with no call.
 * - **Refund** (a cancelled order's debits, or an Amount to Refund): the debits are given back
 *   from the last one backwards, one operation per debit part. Each is planned after reading the
 *   debit (`Transaction/Get`): captured → `CancelOrRefund` REFUND_ONLY for the part; not captured
 *   yet → `CancelOrRefund` CANCELLATION_ONLY for the whole debit, or `Transaction/Update` lowering
 *   it for a part. Never more than was debited and not given back yet, by our own record.
 */
import Order = require('dw/order/Order');
import Transaction = require('dw/system/Transaction');
import type { JournalEntry } from '../../core/operationJournal';
import { findOperation, isFinal, isQueued, operationId, operationsOfOrder } from '../../core/operationJournal';
import { formatMinorUnits, fromMinorUnits, toMinorUnitsExact } from '../../core/money';
import { message } from '../../core/messages';
import { errorMessage } from '../../core/scriptValues';
import { callProvider } from '../../core/providerCall';
import type { OperationProposal } from '../../core/extensionHooks';
import {
  amountProblem,
  decide,
  handledElsewhere,
  handledFromJournal,
  inputProblem,
  loadOrder,
  noteOnOrder,
  orderAttributes,
  outcomeStatus,
  problem,
  proposalFor,
  refuseOperation,
  resume,
  skip,
  start,
  wouldDo,
  writeOutcome,
  type OrderRunSettings,
} from '../../core/operationPlanning';
import { resumeShipmentCaptures } from '../../core/shipmentCaptureOrder';
import { hasUnfinishedCapture } from '../../core/orderOperations';
import { CANCELLATION_ONLY, REFUND_ONLY, TRANSACTION_GET, UPDATE, payzenAdapter } from './payzenAdapter';
import { readEnvelope, readPayzenAnswer } from './payzenResults';

/** One debit of the order, as our record has it. */
export interface Debit {
  readonly uuid: string;
  readonly debitedMinor: number;
  /** What is debited and not given back yet. */
  readonly leftMinor: number;
}

/** PayZen statuses of a debit not captured yet: it can still be cancelled or lowered. */
const NOT_CAPTURED = [
  'AUTHORISED',
  'AUTHORISED_TO_VALIDATE',
  'WAITING_AUTHORISATION',
  'WAITING_AUTHORISATION_TO_VALIDATE',
];

function moved(entry: JournalEntry): number {
  return entry.movedMinor !== null ? entry.movedMinor : entry.amountMinor || 0;
}

/** The order's debits in the order they were made, with what each has left to give back. */
export function debitsOf(order: dw.order.Order): Debit[] {
  const captures = operationsOfOrder(order, 'payzen', 'capture').concat(
    operationsOfOrder(order, 'payzen', 'shipmentCapture'),
  );
  captures.sort(function (a, b) {
    return a.createdAt.getTime() - b.createdAt.getTime();
  });
  const refunds = operationsOfOrder(order, 'payzen', 'refund');
  const debits: Debit[] = [];
  for (let i = 0; i < captures.length; i++) {
    const capture = captures[i];
    if (capture.state !== 'Succeeded' || !capture.providerReference) continue;
    let given = 0;
    for (let r = 0; r < refunds.length; r++) {
      if (refunds[r].state === 'Succeeded' && refunds[r].paymentReference === capture.providerReference)
        given += moved(refunds[r]);
    }
    const debited = moved(capture);
    debits.push({ uuid: capture.providerReference, debitedMinor: debited, leftMinor: Math.max(0, debited - given) });
  }
  return debits;
}

/**
 * After a part ended Rejected or Failed, the rest of its Amount to Refund is dropped as well: the
 * operator sees the reason and enters the amount again, rather than the next part going out alone.
 */
function dropRequestAfterFailedPart(order: dw.order.Order, id: string): void {
  const part = findOperation(order, id);
  if (!part || !isFinal(part.state) || part.state === 'Succeeded') return;
  const custom = orderAttributes(order);
  if (custom.payopsRefundAmount === null || custom.payopsRefundAmount === undefined) return;
  Transaction.wrap(function () {
    orderAttributes(order).payopsRefundAmount = null;
  });
}

/** The debit to give back from next: the last one with something left. */
function lastDebitWithLeft(debits: Debit[]): Debit | null {
  for (let i = debits.length - 1; i >= 0; i--) if (debits[i].leftMinor > 0) return debits[i];
  return null;
}

/** The part's variant from the debit as PayZen has it now, or a string saying why there is none. */
function variantFor(
  settings: OrderRunSettings,
  debit: Debit,
  partMinor: number,
): { variant: string } | { unknown: string } | { refused: string } {
  const call = callProvider(
    payzenAdapter,
    { method: 'POST', path: TRANSACTION_GET, body: { uuid: debit.uuid } },
    'read',
  );
  settings.summary.calls++;
  if (call.answer.kind !== 'answered') return { unknown: call.answer.kind + ': ' + call.answer.reason };
  const verdict = readPayzenAnswer(call.answer.status, call.answer.text);
  if (verdict.kind === 'unauthorized') {
    // Our credentials: every other order would fail the same way; the run stops calling PayZen.
    const label = payzenAdapter.label;
    if (settings.summary.blocked.indexOf(label) < 0) settings.summary.blocked.push(label);
    return { unknown: message('detail.credentialsRefused', verdict.detail, label, payzenAdapter.serviceId) };
  }
  const envelope = readEnvelope(call.answer.text);
  if (envelope && envelope.status === 'ERROR' && envelope.answer && String(envelope.answer.errorCode) === 'PSP_010') {
    return { refused: message('payzen.debitGone', debit.uuid, 'PSP_010') };
  }
  if (!envelope || envelope.status !== 'SUCCESS' || !envelope.answer) {
    const code = envelope && envelope.answer ? String(envelope.answer.errorCode) : 'HTTP ' + call.answer.status;
    return { unknown: message('payzen.debitUnreadable', debit.uuid, code) };
  }
  const status = String(envelope.answer.detailedStatus);
  const amount = typeof envelope.answer.amount === 'number' ? envelope.answer.amount : null;
  if (status === 'CAPTURED') return { variant: REFUND_ONLY };
  if (NOT_CAPTURED.indexOf(status) >= 0 && amount !== null) {
    if (partMinor > amount)
      return { refused: message('payzen.debitSmaller', debit.uuid, String(amount), String(partMinor)) };
    return { variant: partMinor === amount ? CANCELLATION_ONLY : UPDATE + String(amount - partMinor) };
  }
  return { refused: message('payzen.debitGone', debit.uuid, status) };
}

/** Cancel of a cancelled PayZen/Lyra order: recorded, with no call (see the header). */
export function payzenCancelOrder(orderNo: string, settings: OrderRunSettings, _fromJournal: boolean): void {
  const lifecycle = settings.lifecycle;
  const order = loadOrder(settings, orderNo);
  if (!order) return;
  // A debit whose outcome is unknown is settled first: it decides what the refund gives back.
  if (!resumeShipmentCaptures(settings, order, true, message('notDue.orderCancelled'))) return;
  if (order.status.value !== Order.ORDER_STATUS_CANCELLED || outcomeStatus(order, lifecycle.cancelOutcome) !== null) {
    return skip(settings);
  }
  let debited = 0;
  const debits = debitsOf(order);
  for (let i = 0; i < debits.length; i++) debited += debits[i].debitedMinor;
  const reason =
    message('payzen.cancelNothingToVoid') +
    (debited > 0 ? ' ' + message('payzen.cancelRefundsDebits', formatMinorUnits(debited, order.currencyCode)) : '');
  if (settings.dryRun) {
    return wouldDo(settings, order, { type: 'cancel', amountMinor: null, currencyCode: order.currencyCode }, reason);
  }
  noteOnOrder(order, reason, function () {
    writeOutcome(order, lifecycle.cancelOutcome, 'Cancelled', reason);
  });
  settings.summary.succeeded++;
}

/** Refund of a PayZen/Lyra order, debit by debit (see the header). */
export function payzenRefundOrder(orderNo: string, settings: OrderRunSettings, fromJournal: boolean): void {
  const order = loadOrder(settings, orderNo);
  if (!order) return;
  // A debit whose outcome is still unknown decides what there is to give back: wait for it.
  if (hasUnfinishedCapture(order, 'payzen')) return skip(settings);
  // One refund at a time per order: unfinished ones continue, and nothing new is planned meanwhile.
  const refunds = operationsOfOrder(order, 'payzen', 'refund');
  let unfinished = false;
  for (let i = 0; i < refunds.length; i++) {
    if (isFinal(refunds[i].state)) continue;
    unfinished = true;
    if (!fromJournal && isQueued(refunds[i].id)) {
      handledFromJournal(settings);
      return;
    }
    if (handledElsewhere(settings, refunds[i], fromJournal)) return;
    resume(settings, order, refunds[i], null);
    dropRequestAfterFailedPart(order, refunds[i].id);
  }
  if (unfinished) return;
  // Part after part while each succeeds: at most one per debit, and one more to see that all is done.
  const limit = debitsOf(order).length + 1;
  for (let round = 0; round < limit; round++) {
    if (!refundNextPart(order, settings, round === 0)) return;
  }
}

/** Plans and sends the next part; true when it succeeded and another may follow. */
function refundNextPart(order: dw.order.Order, settings: OrderRunSettings, first: boolean): boolean {
  const lifecycle = settings.lifecycle;
  const custom = orderAttributes(order);
  const requested = custom.payopsRefundAmount;
  const isRequest = requested !== null && requested !== undefined;
  const status = outcomeStatus(order, lifecycle.refundOutcome);
  const debits = debitsOf(order);
  let left = 0;
  for (let i = 0; i < debits.length; i++) left += debits[i].leftMinor;
  // A failed or rejected part waits for the operator (who clears Refund Status to go on).
  const cancelledUnrefunded =
    order.status.value === Order.ORDER_STATUS_CANCELLED &&
    left > 0 &&
    status !== 'Refunded' &&
    status !== 'Failed' &&
    status !== 'Rejected';
  if (!isRequest && !cancelledUnrefunded) {
    if (first) skip(settings);
    return false;
  }
  const refunds = operationsOfOrder(order, 'payzen', 'refund');
  const sequence = refunds.length + 1;
  const invalid = function (reason: string): void {
    refuseOperation(settings, order, 'refund', reason, function (attributes) {
      if (isRequest) attributes.payopsRefundAmount = null;
    });
  };
  const inputError = inputProblem(settings, order);
  if (inputError) {
    invalid(inputError);
    return false;
  }
  let wanted: number;
  try {
    wanted = isRequest ? toMinorUnitsExact(requested as number, order.currencyCode) : left;
  } catch (e) {
    invalid(errorMessage(e));
    return false;
  }
  const amountError = amountProblem('amount.toRefund', wanted, left, order.currencyCode);
  const debit = lastDebitWithLeft(debits);
  if (amountError || !debit) {
    invalid(amountError || message('payzen.nothingDebited'));
    return false;
  }
  const part = Math.min(wanted, debit.leftMinor);
  const why = message(
    'payzen.refundPart',
    formatMinorUnits(part, order.currencyCode),
    debit.uuid,
    formatMinorUnits(wanted, order.currencyCode),
  );
  let proposal: OperationProposal | string = decide(order, proposalFor(settings, order, 'refund', sequence, part));
  if (typeof proposal !== 'string' && proposal.amountMinor !== part) {
    // The part is what this debit can give back; another amount would break the algorithm.
    proposal = message('payzen.partChanged', formatMinorUnits(part, order.currencyCode));
  }
  if (typeof proposal === 'string') {
    invalid(proposal);
    return false;
  }
  if (settings.dryRun) {
    wouldDo(settings, order, proposal, message('dryRun.wouldSend', why));
    return false;
  }
  const choice = variantFor(settings, debit, part);
  if ('unknown' in choice) {
    // PayZen could not tell the debit's state now: the next run reads it again.
    settings.summary.pending++;
    problem(settings, order.orderNo, choice.unknown);
    noteOnOrder(order, choice.unknown);
    return false;
  }
  if ('refused' in choice) {
    invalid(choice.refused);
    return false;
  }
  const remainder = wanted - part;
  start(
    settings,
    order,
    proposal,
    sequence,
    function (attributes) {
      // An Amount to Refund larger than this debit goes on with the next one.
      if (isRequest)
        attributes.payopsRefundAmount = remainder > 0 ? fromMinorUnits(remainder, order.currencyCode) : null;
    },
    why,
    invalid,
    { paymentReference: debit.uuid, variant: choice.variant },
  );
  const id = operationId('payzen', 'refund', order.orderNo, sequence);
  const settled = findOperation(order, id);
  if (settled && settled.state === 'Succeeded') return true;
  dropRequestAfterFailedPart(order, id);
  return false;
}
