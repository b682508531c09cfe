/**
 * Chunk step custom.PaymentOperations.CapturePayments (job PaymentOperations-CapturePayments): for
 * each selected provider whose capture trigger is switched on, captures the orders it says are
 * due (KOMOJU: shipped and not paid, KOMOJU Capture Status empty; Alma: Capture Status ToCapture),
 * once, and writes the outcome as that provider shows it. The Alma seed's own job,
 * AlmaDeferredCapture, runs the same capture for Alma alone.
 */
import { createOperationStep, type OperationStepParameters, type StepItem } from '../core/operationStep';
import { captureOrder } from '../core/orderOperations';
import { lifecycleOf } from '../providers/lifecycles';
import type { ProviderLifecycle } from '../core/lifecycle';
import type { OrderSelection } from '../core/orderStream';
import { capturesPerShipment } from '../core/shipmentCapture';

/** The orders a provider's capture trigger selects, or null while it is switched off. */
export function captureSelection(lifecycle: ProviderLifecycle): OrderSelection | null {
  const trigger = lifecycle.capture;
  if (!trigger || !trigger.isActivated()) return null;
  return (capturesPerShipment(lifecycle) && trigger.shipmentSelection) || trigger.selection;
}

/** What the step says when the trigger is off, or the provider has no deferred capture. */
export function captureDeactivatedLabel(lifecycle: ProviderLifecycle): string {
  return lifecycle.capture ? lifecycle.capture.deactivatedLabel : lifecycle.adapter.label + ' has no deferred capture';
}

const step = createOperationStep({
  type: 'capture',
  label: 'Capture payments',
  lifecycle: lifecycleOf,
  selection: captureSelection,
  deactivatedLabel: captureDeactivatedLabel,
  handle: captureOrder,
});

export function beforeStep(parameters: OperationStepParameters): void {
  step.beforeStep(parameters);
}

export function getTotalCount(): number {
  return step.getTotalCount();
}

export function read(): StepItem | undefined {
  return step.read();
}

export function process(item: StepItem): StepItem | undefined {
  return step.process(item);
}

export function write(): void {
  step.write();
}

export function afterStep(
  success: boolean,
  parameters: OperationStepParameters,
  stepExecution: dw.job.JobStepExecution,
): void {
  step.afterStep(success, parameters, stepExecution);
}
