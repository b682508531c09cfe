/**
 * This cartridge's registrations of its own extension points (hooks.json). They return nothing,
 * which leaves the decision to the engine's defaults; a merchant cartridge placed before this
 * one on the cartridge path registers the same names to decide instead. See README, "Extending".
 */
import type { CaptureAmountContext, OperationProposal, OperationReport } from '../core/extensionHooks';

/** Default: capture the Amount to Capture attribute, or the full amount when it is empty. */
export function captureAmount(_order: dw.order.Order, _context: CaptureAmountContext): undefined {
  return undefined;
}

/** Default: go ahead with the operation as proposed. */
export function beforeOperation(_order: dw.order.Order, _proposal: OperationProposal): undefined {
  return undefined;
}

/** Default: nothing to do; the outcome is already recorded on the order and in the journal. */
export function afterOperation(_order: dw.order.Order, _report: OperationReport): undefined {
  return undefined;
}
