/**
 * Runs a BM job the way the job framework does: each flow in its site context (one flow per
 * storefront site for `all-storefront-sites`), each step by its step type (task or chunk), with
 * typed parameters, exit-status rules, a JobExecution context shared by the steps, and the
 * platform's transaction rule for steps (an open transaction commits at the end of the step
 * unless it failed). A run killed by a simulated crash stops at once: the crashed step ends in
 * ERROR, no later callback, step or flow runs, and the result carries `crash`.
 */
import type { CompletedServiceCall } from '../dw/context';
import { readStatus, Status } from '../dw/system/Status';
import type { SimulatedCrash } from '../simulatedCrash';
import type { FlowDefinition, JobDefinition, StepDefinition } from './jobDefinitions';
import { typeParameters, type ChunkStepType, type ParameterValue, type StepType, type TaskStepType } from './stepTypes';

export type StepOutcome = 'OK' | 'ERROR';

export interface ChunkProgress {
  total: number | null;
  read: number;
  written: number;
  chunks: number;
}

export interface StepResult {
  siteId: string | null;
  stepId: string;
  typeId: string;
  status: StepOutcome;
  exitCode: string;
  message: string | null;
  durationMs: number;
  chunk?: ChunkProgress;
  /** The error thrown by the step, with its stack, when it failed that way. */
  error?: string;
  transaction: 'none' | 'committed' | 'rolledBack';
  /** Set when a simulated crash killed the run during this step (the job stopped here). */
  crashed?: true;
}

/** Where and why a simulated crash killed the run. */
export interface JobCrash {
  /** `simulated crash after POST https://… answered 200` (or `… got no answer`). */
  message: string;
  siteId: string | null;
  stepId: string;
  call: CompletedServiceCall;
}

export interface JobResult {
  jobId: string;
  executionId: string;
  status: StepOutcome;
  exitCode: string;
  startTime: string;
  endTime: string;
  durationMs: number;
  steps: StepResult[];
  /** Present when a simulated crash killed the run (status and exit code are then ERROR). */
  crash?: JobCrash;
}

export type JobEvent =
  | { type: 'flow-start'; siteId: string | null }
  | { type: 'step-start'; siteId: string | null; stepId: string; typeId: string }
  | { type: 'chunk'; siteId: string | null; stepId: string; progress: ChunkProgress }
  | { type: 'step-end'; result: StepResult };

/** What the runner needs from the runtime around it. */
export interface JobHost {
  stepTypes: ReadonlyMap<string, StepType>;
  siteIds(): string[];
  enterSite(siteId: string | null): void;
  /** Loads a step module by its steptypes.json path (`cartridge/cartridge/scripts/…`). */
  loadStepModule(modulePath: string): Record<string, unknown>;
  newContextMap(): unknown;
  /** The dw.util.List handed to a chunk step's write function. */
  newListFor(items: unknown[]): unknown;
  beforeStep(): void;
  finishStepTransaction(failed: boolean): 'none' | 'committed' | 'rolledBack';
  wrapInTransaction<T>(fn: () => T): T;
  now(): Date;
  /** The simulated crash that killed the run, if any (see simulatedCrash.ts). */
  crashed?(): SimulatedCrash | null;
}

export interface RunJobOptions {
  /** Run only the flows of this site (BM: run the job for one site). */
  site?: string;
  onEvent?: (event: JobEvent) => void;
  executionId?: string;
}

class StepFailure extends Error {}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

function functionOf(
  module: Record<string, unknown>,
  name: string,
  modulePath: string,
): (...args: unknown[]) => unknown {
  const fn = module[name];
  if (typeof fn !== 'function') throw new StepFailure(`${modulePath} does not export a function '${name}'`);
  return fn as (...args: unknown[]) => unknown;
}

function flowSites(flow: FlowDefinition, host: JobHost, onlySite?: string): Array<string | null> {
  let sites: Array<string | null>;
  if (flow.context.kind === 'organization') sites = [null];
  else if (flow.context.kind === 'site') sites = [flow.context.siteId];
  else sites = host.siteIds();
  return onlySite === undefined ? sites : sites.filter((site) => site === onlySite);
}

export function runJob(job: JobDefinition, host: JobHost, options: RunJobOptions = {}): JobResult {
  const started = host.now();
  const executionId = options.executionId ?? `${job.jobId}-${started.getTime()}`;
  const emit = options.onEvent ?? (() => undefined);
  const context = host.newContextMap();
  const jobExecution = {
    ID: executionId,
    jobID: job.jobId,
    context,
    getID: () => executionId,
    getJobID: () => job.jobId,
    getContext: () => context,
  };
  const results: StepResult[] = [];
  let stopJob = false;
  let crash: JobCrash | undefined;

  if (options.site !== undefined && !host.siteIds().includes(options.site)) {
    throw new Error(`Site '${options.site}' is not in the instance file (sites: ${host.siteIds().join(', ')})`);
  }

  for (const flow of job.flows) {
    if (stopJob) break;
    for (const siteId of flowSites(flow, host, options.site)) {
      if (stopJob) break;
      host.enterSite(siteId);
      emit({ type: 'flow-start', siteId });
      let index = 0;
      while (index < flow.steps.length) {
        const step = flow.steps[index];
        emit({ type: 'step-start', siteId, stepId: step.stepId, typeId: step.typeId });
        const result = runStep(step, siteId, job, host, jobExecution, emit);
        results.push(result);
        emit({ type: 'step-end', result });
        const crashed = host.crashed?.();
        if (crashed) {
          // A dead process runs nothing: no exit-status rule, no further step or flow.
          crash = { message: crashed.message, siteId, stepId: step.stepId, call: { ...crashed.call } };
          stopJob = true;
          break;
        }
        const rule =
          step.rules.find((r) => r.status === result.exitCode) ??
          step.rules.find((r) => r.status === result.status) ??
          step.rules.find((r) => r.status === '*');
        const action =
          rule?.action ?? (result.status === 'ERROR' ? { kind: 'stop-job' as const } : { kind: 'continue' as const });
        if (action.kind === 'stop-job') {
          stopJob = true;
          break;
        }
        if (action.kind === 'stop-flow') break;
        if (action.nextStep !== undefined) {
          const next = flow.steps.findIndex((s) => s.stepId === action.nextStep);
          if (next < 0)
            throw new Error(`${job.jobId}: step ${step.stepId} continues with unknown step ${action.nextStep}`);
          index = next;
        } else index += 1;
      }
    }
  }
  host.enterSite(null);
  const ended = host.now();
  const failed = results.some((r) => r.status === 'ERROR');
  const notable = results.find((r) => r.exitCode !== 'OK');
  return {
    jobId: job.jobId,
    executionId,
    status: failed ? 'ERROR' : 'OK',
    exitCode: failed ? 'ERROR' : (notable?.exitCode ?? 'OK'),
    startTime: started.toISOString(),
    endTime: ended.toISOString(),
    durationMs: ended.getTime() - started.getTime(),
    steps: results,
    ...(crash ? { crash } : {}),
  };
}

function runStep(
  step: StepDefinition,
  siteId: string | null,
  job: JobDefinition,
  host: JobHost,
  jobExecution: object,
  emit: (event: JobEvent) => void,
): StepResult {
  const startedAt = Date.now();
  const base = { siteId, stepId: step.stepId, typeId: step.typeId };
  // An open transaction is committed at the end of the step unless the step threw (platform.md §7.5).
  // A step killed by a simulated crash ends in ERROR whatever it returned (it may have caught the crash).
  const finish = (
    status: StepOutcome,
    exitCode: string,
    message: string | null,
    extra: Partial<StepResult> = {},
  ): StepResult => {
    const crash = host.crashed?.();
    if (crash) {
      return {
        ...base,
        status: 'ERROR',
        exitCode: 'ERROR',
        message: crash.message,
        durationMs: Date.now() - startedAt,
        transaction: host.finishStepTransaction(true),
        ...(extra.chunk ? { chunk: extra.chunk } : {}),
        error: describeError(crash),
        crashed: true,
      };
    }
    return {
      ...base,
      status,
      exitCode,
      message,
      durationMs: Date.now() - startedAt,
      transaction: host.finishStepTransaction(extra.error !== undefined),
      ...extra,
    };
  };

  const stepType = host.stepTypes.get(step.typeId);
  if (!stepType) {
    const hint = step.typeId.startsWith('custom.')
      ? 'no steptypes.json declares it'
      : 'system step types are not emulated';
    return finish('ERROR', 'ERROR', `Unknown step type ${step.typeId} (${hint})`);
  }
  const raw: Record<string, string | undefined> = {};
  for (const parameter of step.parameters) {
    raw[parameter.name] =
      parameter.jobParameterRef !== undefined ? job.parameters[parameter.jobParameterRef] : parameter.value;
  }
  const typed = typeParameters(stepType.parameters?.parameter ?? [], raw);
  if (typed.problems.length > 0) {
    return finish('ERROR', 'ERROR', `Invalid step configuration: ${typed.problems.join('; ')}`);
  }
  const parameters = typed.values;
  const stepExecution = {
    ID: `${step.stepId}-${startedAt}`,
    stepID: step.stepId,
    stepTypeID: step.typeId,
    jobExecution,
    getID: () => `${step.stepId}-${startedAt}`,
    getStepID: () => step.stepId,
    getStepTypeID: () => step.typeId,
    getJobExecution: () => jobExecution,
    getParameterValue: (name: string) => (parameters as Record<string, ParameterValue>)[name] ?? null,
  };
  host.beforeStep();
  try {
    const module = host.loadStepModule(stepType.module);
    if (stepType.kind === 'task') return runTask(stepType, module, parameters, stepExecution, host, finish);
    return runChunk(stepType, module, parameters, stepExecution, host, emit, base, finish);
  } catch (error) {
    return finish('ERROR', 'ERROR', messageOf(error), { error: describeError(error) });
  }
}

function runTask(
  stepType: TaskStepType & { cartridge: string },
  module: Record<string, unknown>,
  parameters: Record<string, ParameterValue>,
  stepExecution: object,
  host: JobHost,
  finish: (status: StepOutcome, exitCode: string, message: string | null, extra?: Partial<StepResult>) => StepResult,
): StepResult {
  const execute = functionOf(module, stepType.function ?? 'execute', stepType.module);
  const call = () => execute(parameters, stepExecution);
  const returned =
    stepType.transactional === true || stepType.transactional === 'true' ? host.wrapInTransaction(call) : call();
  if (returned === undefined || returned === null) return finish('OK', 'OK', null);
  const status = readStatus(returned);
  if (!status) return finish('OK', 'OK', `The step returned ${typeof returned}, not a dw.system.Status; counted as OK`);
  if (status.status === Status.ERROR)
    return finish('ERROR', 'ERROR', status.message ?? (status.code !== 'ERROR' ? status.code : null));
  const declared = (stepType['status-codes']?.status ?? []).map((s) => s['@code']);
  if (status.code !== 'OK' && declared.length > 0 && !declared.includes(status.code)) {
    return finish(
      'OK',
      status.code,
      `${status.message ?? ''} (status code ${status.code} is not declared in steptypes.json)`.trim(),
    );
  }
  return finish('OK', status.code, status.message);
}

function runChunk(
  stepType: ChunkStepType & { cartridge: string },
  module: Record<string, unknown>,
  parameters: Record<string, ParameterValue>,
  stepExecution: object,
  host: JobHost,
  emit: (event: JobEvent) => void,
  base: { siteId: string | null; stepId: string },
  finish: (status: StepOutcome, exitCode: string, message: string | null, extra?: Partial<StepResult>) => StepResult,
): StepResult {
  // After each callback: if the run was killed meanwhile (even if the code caught the crash), stop.
  const guarded =
    (fn: (...args: unknown[]) => unknown) =>
    (...args: unknown[]): unknown => {
      const returned = fn(...args);
      const crash = host.crashed?.();
      if (crash) throw crash;
      return returned;
    };
  const required = (name: string) => guarded(functionOf(module, name, stepType.module));
  const optional = (name: string | undefined) => (name ? required(name) : undefined);
  const read = required(stepType['read-function'] ?? 'read');
  const process = required(stepType['process-function'] ?? 'process');
  const write = required(stepType['write-function'] ?? 'write');
  const beforeStep = optional(stepType['before-step-function']);
  const afterStep = optional(stepType['after-step-function']);
  const beforeChunk = optional(stepType['before-chunk-function']);
  const afterChunk = optional(stepType['after-chunk-function']);
  const totalCount = optional(stepType['total-count-function']);
  const chunkSize = Number(stepType['chunk-size']);
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) throw new StepFailure(`chunk-size must be a positive integer`);
  const transactional = stepType.transactional === true || stepType.transactional === 'true';
  const progress: ChunkProgress = { total: null, read: 0, written: 0, chunks: 0 };
  let success = false;
  let failure: unknown;
  try {
    beforeStep?.(parameters, stepExecution);
    if (totalCount) {
      const total = totalCount(parameters, stepExecution);
      progress.total = typeof total === 'number' ? total : Number(total);
    }
    let exhausted = false;
    while (!exhausted) {
      const runChunkOnce = () => {
        beforeChunk?.(parameters, stepExecution);
        const processed: unknown[] = [];
        let readInChunk = 0;
        while (readInChunk < chunkSize) {
          const item = read(parameters, stepExecution);
          if (item === undefined || item === null) {
            exhausted = true;
            break;
          }
          readInChunk += 1;
          const output = process(item, parameters, stepExecution);
          if (output !== undefined && output !== null) processed.push(output);
        }
        if (readInChunk > 0) {
          write(host.newListFor(processed), parameters, stepExecution);
          progress.read += readInChunk;
          progress.written += processed.length;
          progress.chunks += 1;
        }
        afterChunk?.(parameters, stepExecution);
        return readInChunk;
      };
      const readCount = transactional ? host.wrapInTransaction(runChunkOnce) : runChunkOnce();
      if (readCount > 0) emit({ type: 'chunk', ...base, progress: { ...progress } });
    }
    success = true;
  } catch (error) {
    failure = error;
  }
  // A dead process runs no afterStep.
  if (afterStep && !host.crashed?.()) {
    try {
      afterStep(success, parameters, stepExecution);
    } catch (error) {
      if (success) failure = error;
    }
  }
  if (failure !== undefined) throw failure;
  return finish('OK', 'OK', null, { chunk: progress });
}
