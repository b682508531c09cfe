/**
 * Chunk step custom.PaymentOperations.AlmaDeferredCapture (job AlmaDeferredCapture): while the
 * site preference ALMA_Deferred_Capture_Activation is Yes, captures the orders whose Capture
 * Status (ALMA_Deferred_Capture) is ToCapture and whose status is neither Failed nor Cancelled,
 * then sets Captured or Failed with a readable reason (Payment Operations Result). A Failed
 * order set back to ToCapture is captured on the next run; a payment is never captured twice.
 */
import { createOperationStep, type OperationStepParameters, type StepItem } from '../core/operationStep';
import { captureOrder } from '../core/orderOperations';
import { captureDeactivatedLabel, captureSelection } from '../providers/stepDefinitions';
import { almaLifecycle } from '../providers/alma/almaLifecycle';
import type { ProviderLifecycle } from '../core/lifecycle';

const step = createOperationStep({
  type: 'capture',
  label: 'Alma deferred capture',
  providers: ['alma'],
  lifecycle: function (): ProviderLifecycle {
    return almaLifecycle;
  },
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
