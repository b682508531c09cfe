/**
 * Chunk step custom.PaymentOperations.RefundPayments (job PaymentOperations-RefundPayments): for
 * each selected provider, refunds what is left of cancelled orders whose payment was captured
 * (Refund Status empty), and refunds the Amount to Refund of any order that has one (cleared
 * once planned). Sets Refund Status (Refunded, PartiallyRefunded, Rejected, Failed), Refunded
 * Amount and a readable reason. Never refunds more than was captured.
 */
import { createOperationStep, type OperationStepParameters, type StepItem } from '../core/operationStep';
import { refundDefinition } from '../providers/stepDefinitions';

const step = createOperationStep(refundDefinition('Refund payments'));

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
