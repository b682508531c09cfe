/**
 * Chunk step custom.PaymentOperations.CapturePayments (job PaymentOperations-CapturePayments): for
 * each selected provider whose capture trigger is switched on, captures the orders it says are
 * due (KOMOJU: shipped and not paid, KOMOJU Capture Status empty; Alma: Capture Status ToCapture),
 * once, and writes the outcome as that provider shows it. The Alma seed's own job,
 * AlmaDeferredCapture, runs the same capture for Alma alone.
 */
import { createOperationStep, type OperationStepParameters, type StepItem } from '../core/operationStep';
import { captureDefinition } from '../providers/stepDefinitions';

const step = createOperationStep(captureDefinition('Capture payments'));

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
