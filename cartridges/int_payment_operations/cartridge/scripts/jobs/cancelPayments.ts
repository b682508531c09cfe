/**
 * Chunk step custom.PaymentOperations.CancelPayments (job PaymentOperations-CancelPayments): for
 * each selected provider, voids the authorisation of cancelled orders whose payment was not
 * captured (Cancel Status empty), and sets Cancel Status to Cancelled, Rejected or Failed with a
 * readable reason. Cancelled orders that were captured are the refund step's.
 */
import { createOperationStep, type OperationStepParameters, type StepItem } from '../core/operationStep';
import { cancelDefinition } from '../providers/stepDefinitions';

const step = createOperationStep(cancelDefinition('Cancel payments'));

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
