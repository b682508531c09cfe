/**
 * Capture per shipment for one order (item of a capture step whose provider takes several partial
 * captures and whose site preference says Shipment): each shipped shipment is captured once for
 * its share (see shipmentCapture), under an operation ID made from the shipment's ID; the last
 * shipment still to capture takes exactly what is left of the authorisation. An unfinished
 * shipment capture is settled before anything new is planned, so that what is left is known.
 */
import type { JournalEntry } from './operationJournal';
import { findOperation, isFinal, operationId, operationsOfOrder } from './operationJournal';
import { formatMinorUnits } from './money';
import { errorMessage } from './scriptValues';
import { message } from './messages';
import {
  addWindowNote,
  amountProblem,
  captureWindowOf,
  decide,
  handledElsewhere,
  inputProblem,
  proposalFor,
  rearm,
  refuseCapture,
  resume,
  skip,
  start,
  withNote,
  type OrderRunSettings,
} from './operationPlanning';
import type { OperationProposal } from './extensionHooks';
import { isShipped, movedBy, shipmentIdOf, shipmentShares, type ShipmentShare } from './shipmentCapture';

/**
 * Continues the order's unfinished shipment captures (an unknown outcome is always settled; a
 * retry is sent only while the capture is due, else it is withdrawn). False while one is still
 * unfinished: nothing new may be planned for the order in this run.
 */
export function resumeShipmentCaptures(
  settings: OrderRunSettings,
  order: dw.order.Order,
  fromJournal: boolean,
  notDue: string | null,
): boolean {
  const provider = settings.lifecycle.adapter.provider;
  const captures = operationsOfOrder(order, provider, 'shipmentCapture');
  let unfinished = false;
  for (let i = 0; i < captures.length; i++) {
    if (isFinal(captures[i].state)) continue;
    unfinished = true;
    if (handledElsewhere(settings, captures[i], fromJournal)) continue;
    resume(settings, order, captures[i], notDue);
  }
  if (!unfinished || settings.dryRun) return !unfinished;
  const after = operationsOfOrder(order, provider, 'shipmentCapture');
  for (let i = 0; i < after.length; i++) if (!isFinal(after[i].state)) return false;
  return true;
}

function succeededFor(captures: JournalEntry[], shipmentID: string): boolean {
  for (let i = 0; i < captures.length; i++) {
    if (captures[i].state === 'Succeeded' && shipmentIdOf(captures[i]) === shipmentID) return true;
  }
  return false;
}

/** True when every other shipment with a share has been captured: this one takes what is left. */
function isLastToCapture(shares: ShipmentShare[], index: number, captures: JournalEntry[]): boolean {
  for (let i = 0; i < shares.length; i++) {
    if (i !== index && shares[i].amountMinor > 0 && !succeededFor(captures, shares[i].shipmentID)) return false;
  }
  return true;
}

/** Captures the order's shipped shipments that are not captured yet, one operation each. */
export function captureShipments(settings: OrderRunSettings, order: dw.order.Order, notDue: string | null): void {
  if (notDue) return skip(settings);
  const lifecycle = settings.lifecycle;
  const provider = lifecycle.adapter.provider;
  const inputError = inputProblem(settings, order);
  if (inputError) return refuseCapture(settings, order, inputError);
  const window = captureWindowOf(lifecycle, order);
  if (window.refused) return refuseCapture(settings, order, window.refused);
  const authorised = lifecycle.authorisedMinor(order);
  if (authorised === null) return refuseCapture(settings, order, message('invalid.noTotal'));
  if (authorised <= 0) {
    return refuseCapture(
      settings,
      order,
      message('invalid.authorisedNotPositive', formatMinorUnits(authorised, order.currencyCode)),
    );
  }
  let shares: ShipmentShare[];
  try {
    shares = shipmentShares(order, provider, authorised);
  } catch (e) {
    return refuseCapture(settings, order, errorMessage(e));
  }

  let due = false;
  for (let i = 0; i < shares.length; i++) {
    const share = shares[i];
    const shipment = order.getShipment(share.shipmentID);
    if (!shipment || !isShipped(order, shipment) || share.amountMinor <= 0) continue;
    const captures = operationsOfOrder(order, provider, 'shipmentCapture');
    const existing = findOperation(order, operationId(provider, 'shipmentCapture', order.orderNo, share.shipmentID));
    if (existing && existing.state === 'Succeeded') continue;
    due = true;
    const left = authorised - movedBy(captures);
    const amountMinor = isLastToCapture(shares, i, captures) ? left : share.amountMinor;
    const refuse = function (reason: string): void {
      refuseCapture(settings, order, message('invalid.shipment', share.shipmentID, reason), shipment);
    };
    let proposal: OperationProposal | string;
    try {
      proposal =
        amountProblem('amount.shipmentCapture', amountMinor, left, order.currencyCode) ||
        decide(order, proposalFor(settings, order, 'shipmentCapture', share.shipmentID, amountMinor));
      if (typeof proposal !== 'string') {
        proposal =
          (proposal.amountMinor === null
            ? message('invalid.captureWithoutAmount')
            : amountProblem('amount.shipmentCapture', proposal.amountMinor, left, order.currencyCode)) || proposal;
      }
    } catch (e) {
      proposal = errorMessage(e);
    }
    if (typeof proposal === 'string') return refuse(proposal);
    const why = withNote(
      message(
        'why.shipmentShipped',
        share.shipmentID,
        formatMinorUnits(share.amountMinor, order.currencyCode),
        formatMinorUnits(authorised, order.currencyCode),
      ),
      window.note,
    );
    if (existing) rearm(settings, order, existing, proposal);
    else start(settings, order, proposal, share.shipmentID, null, why, refuse);
    addWindowNote(settings, order, window.note);
    if (settings.dryRun) continue;
    // What is left is exact only once this capture is settled: the next shipment waits for a later run.
    const settled = findOperation(order, operationId(provider, 'shipmentCapture', order.orderNo, share.shipmentID));
    if (!settled || settled.state !== 'Succeeded') return;
  }
  if (!due) skip(settings);
}
