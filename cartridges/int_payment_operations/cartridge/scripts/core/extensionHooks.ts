/**
 * The extension points developers implement in their own cartridge's hooks.json (see README,
 * "Extending"). Each is called through dw.system.HookMgr, which calls every registration along
 * the cartridge path and returns the LAST one's value (platform.md §11.1). So this cartridge
 * registers none of them: its defaults live here, used when no cartridge registers the hook, and
 * a do-nothing registration of ours can never throw a merchant's answer away.
 */
import HookMgr = require('dw/system/HookMgr');
import type { OperationType } from './operation';
import type { ProviderId } from './providers';
import { errorMessage } from './scriptValues';

export const CAPTURE_AMOUNT_HOOK = 'app.payment.operations.captureAmount';
export const BEFORE_OPERATION_HOOK = 'app.payment.operations.beforeOperation';
export const AFTER_OPERATION_HOOK = 'app.payment.operations.afterOperation';
export const SHIPMENT_SPLIT_HOOK = 'app.payment.operations.shipmentSplit';

/** What captureAmount receives besides the order. Amounts are in minor units. */
export interface CaptureAmountContext {
  readonly provider: ProviderId;
  readonly currencyCode: string;
  /** The most that may be captured (the order total). */
  readonly authorisedMinor: number;
  /** What the engine would capture: the Amount to Capture attribute, or null for the full amount. */
  readonly proposedMinor: number | null;
}

/** What shipmentSplit receives besides the order. Amounts are in minor units. */
export interface ShipmentSplitContext {
  readonly provider: ProviderId;
  readonly currencyCode: string;
  /** What the shares must add up to exactly. */
  readonly authorisedMinor: number;
  /** Each shipment with its weight (baseMinor) and the documented rule's share (amountMinor). */
  readonly shipments: ReadonlyArray<{ shipmentID: string; baseMinor: number; amountMinor: number }>;
}

/** An operation about to be planned, as beforeOperation sees it. */
export interface OperationProposal {
  readonly provider: ProviderId;
  readonly type: OperationType;
  readonly orderNo: string;
  readonly amountMinor: number | null;
  readonly currencyCode: string;
  readonly merchantReference: string;
  readonly idempotencyKey: string;
}

/** beforeOperation's answer: nothing (go ahead), a veto, or changes to the proposal. */
export interface OperationDecision {
  /** When set, the operation is not planned and the order shows this reason. */
  readonly veto?: string;
  readonly amountMinor?: number | null;
  readonly merchantReference?: string;
  readonly idempotencyKey?: string;
}

/** What afterOperation receives besides the order. */
export interface OperationReport {
  readonly operationId: string;
  readonly provider: ProviderId;
  readonly type: OperationType;
  /** Succeeded, Rejected, Failed (final), or Planned / InFlight (to be continued by a later run). */
  readonly state: string;
  readonly amountMinor: number | null;
  readonly currencyCode: string;
  readonly providerReference: string | null;
  readonly reason: string;
}

/** Calls an extension point; a hook that throws is reported as an Error naming the extension point. */
function call(extensionPoint: string, functionName: string, order: dw.order.Order, argument: unknown): unknown {
  if (!HookMgr.hasHook(extensionPoint)) return undefined;
  try {
    return HookMgr.callHook(extensionPoint, functionName, order, argument);
  } catch (e) {
    throw new Error('hook ' + extensionPoint + ' failed: ' + errorMessage(e));
  }
}

/** The amount to capture chosen by a hook, or the proposal when no hook decides. */
export function captureAmount(order: dw.order.Order, context: CaptureAmountContext): number | null {
  const chosen = call(CAPTURE_AMOUNT_HOOK, 'captureAmount', order, context);
  if (chosen === undefined) return context.proposedMinor;
  if (chosen === null) return null;
  if (typeof chosen !== 'number') {
    throw new Error(
      'hook ' + CAPTURE_AMOUNT_HOOK + ' returned ' + String(chosen) + ' instead of an amount in minor units',
    );
  }
  return chosen;
}

/**
 * The split a hook chooses, as { shipmentID: amount in minor units }, or undefined when no hook
 * decides (the documented rule applies). The caller checks it.
 */
export function shipmentSplit(
  order: dw.order.Order,
  context: ShipmentSplitContext,
): { [shipmentID: string]: unknown } | undefined {
  const chosen = call(SHIPMENT_SPLIT_HOOK, 'shipmentSplit', order, context);
  if (chosen === undefined || chosen === null) return undefined;
  if (typeof chosen !== 'object') {
    throw new Error('hook ' + SHIPMENT_SPLIT_HOOK + ' returned ' + String(chosen) + ' instead of an object');
  }
  return chosen as { [shipmentID: string]: unknown };
}

export function beforeOperation(order: dw.order.Order, proposal: OperationProposal): OperationDecision {
  const decision = call(BEFORE_OPERATION_HOOK, 'beforeOperation', order, proposal);
  if (decision === undefined || decision === null) return {};
  if (typeof decision !== 'object') {
    throw new Error('hook ' + BEFORE_OPERATION_HOOK + ' returned ' + String(decision) + ' instead of an object');
  }
  return decision as OperationDecision;
}

/** Tells the hooks what happened. A failing hook never changes the recorded outcome; it is returned as text. */
export function afterOperation(order: dw.order.Order, report: OperationReport): string | null {
  try {
    call(AFTER_OPERATION_HOOK, 'afterOperation', order, report);
    return null;
  } catch (e) {
    return errorMessage(e);
  }
}
