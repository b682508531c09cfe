/**
 * Chunk step custom.monextHandleOrders (seed 002): one job for Monext's queued actions, in turn —
 * capture on shipment (validation), cancel of cancelled orders before capture, refund of
 * cancelled orders after capture (in full, or the Amount to Refund). The parameters Capture,
 * Cancel and Refund choose which of them the run does; DryRun runs them in test mode.
 */
import type { RunSummary } from '../core/jobSummary';
import { createOperationStep, mailFailures, type OperationStepParameters, type StepItem } from '../core/operationStep';
import type { ProviderId } from '../core/providers';
import { cancelDefinition, captureDefinition, refundDefinition } from '../providers/stepDefinitions';

export interface MonextStepParameters extends OperationStepParameters {
  Capture?: boolean | null;
  Cancel?: boolean | null;
  Refund?: boolean | null;
}

const MONEXT: ReadonlyArray<ProviderId> = ['monext'];

const PARTS = [
  { parameter: 'Capture' as const, step: createOperationStep(captureDefinition('Monext capture on shipment', MONEXT)) },
  { parameter: 'Cancel' as const, step: createOperationStep(cancelDefinition('Monext cancel', MONEXT)) },
  { parameter: 'Refund' as const, step: createOperationStep(refundDefinition('Monext refund', MONEXT)) },
];

interface MonextItem extends StepItem {
  part: number;
}

let chosen: number[] = [];
let current = 0;

/** An action runs unless its parameter is explicitly No. */
function isChosen(parameters: MonextStepParameters | null | undefined, name: 'Capture' | 'Cancel' | 'Refund'): boolean {
  return !parameters || parameters[name] !== false;
}

export function beforeStep(parameters: MonextStepParameters): void {
  chosen = [];
  current = 0;
  for (let i = 0; i < PARTS.length; i++) {
    if (!isChosen(parameters, PARTS[i].parameter)) continue;
    chosen.push(i);
    PARTS[i].step.beforeStep(parameters);
  }
}

export function getTotalCount(): number {
  let total = 0;
  for (let i = 0; i < chosen.length; i++) total += PARTS[chosen[i]].step.getTotalCount();
  return total;
}

export function read(): MonextItem | undefined {
  while (current < chosen.length) {
    const item = PARTS[chosen[current]].step.read();
    if (item)
      return {
        provider: item.provider,
        orderNo: item.orderNo,
        fromJournal: item.fromJournal,
        operationId: item.operationId,
        part: chosen[current],
      };
    current++;
  }
  return undefined;
}

export function process(item: MonextItem): MonextItem | undefined {
  return PARTS[item.part].step.process(item) ? item : undefined;
}

export function write(): void {
  // Every outcome was written by process, in its own transaction.
}

export function afterStep(
  success: boolean,
  _parameters: MonextStepParameters,
  stepExecution: dw.job.JobStepExecution,
): void {
  // One failure e-mail for the whole run, not one per action.
  const summaries: RunSummary[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const summary = PARTS[chosen[i]].step.finish(success, stepExecution);
    if (summary) summaries.push(summary);
  }
  chosen = [];
  mailFailures(summaries, stepExecution, 'monextHandleOrders');
}
