/**
 * The chunk-step functions shared by the capture, cancel and refund steps. For each selected
 * provider, a run first resumes the journal's unfinished operations of the step's type (retries
 * and unknown outcomes, which no order search can be trusted to find), then streams the orders
 * the provider's selection finds. Items are small ({ provider, orderNo }); each is handled
 * completely in `process`, with its own short transactions; `write` has nothing left to do.
 * The step's counts go to the job context for the Report step.
 */
import { sendFailureMail } from './failureMail';
import Logger = require('dw/system/Logger');
import type { ProviderLifecycle } from './lifecycle';
import type { OperationType } from './operation';
import { orderNoOf, pendingOperations, queuedOperationId } from './operationJournal';
import { countOrders, OrderStream, type OrderSelection } from './orderStream';
import {
  addAttention,
  addProblem,
  addToJobSummary,
  describeSummary,
  emptySummary,
  type RunSummary,
} from './jobSummary';
import { credentialProblem, serviceTimeoutMillis } from './providerCall';
import { useSiteLocale } from './messages';
import { releaseStaleQueueEntry, type OrderRunSettings } from './orderOperations';
import { findProvider, parseProviderList, PROVIDERS, type ProviderDefinition, type ProviderId } from './providers';
import { errorMessage } from './scriptValues';

/** Attempts allowed by default before a transiently failing operation is given up as Failed. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Added to the service timeout before an InFlight operation of another run is read back. */
export const IN_FLIGHT_MARGIN_MILLIS = 1000;

export interface OperationStepParameters {
  Providers?: string | null;
  MaxAttempts?: number | null;
  /** Test mode: same selection, checks and amounts; no call, no change; the log says what would be done. */
  DryRun?: boolean | null;
}

export interface StepDefinition {
  readonly type: OperationType;
  /** The step's name in logs, e.g. "Alma deferred capture". */
  readonly label: string;
  /** Providers the step always serves (no Providers parameter), e.g. ['alma'] for Alma's capture. */
  readonly providers?: ReadonlyArray<ProviderId>;
  /** The lifecycles of the providers this step serves; throws on one it cannot serve. */
  lifecycle(provider: ProviderId): ProviderLifecycle;
  /** The provider's orders for this step, or null when the step is switched off for it. */
  selection(lifecycle: ProviderLifecycle): OrderSelection | null;
  /** Why the step is off for the provider (for the summary), when selection() is null. */
  deactivatedLabel?(lifecycle: ProviderLifecycle): string;
  handle(orderNo: string, settings: OrderRunSettings, fromJournal: boolean): void;
}

export interface StepItem {
  provider: ProviderId;
  orderNo: string;
  fromJournal: boolean;
  /** The work-queue object's operation, for an item read from the work queue. */
  operationId?: string;
}

interface Source {
  lifecycle: ProviderLifecycle;
  /** The operation types whose unfinished work is resumed, in turn, before the selection. */
  pendingTypes: OperationType[];
  /** False when the provider's credential is incomplete: nothing of it is read or sent. */
  callable: boolean;
  selection: OrderSelection | null;
  journal: dw.util.SeekableIterator<dw.object.CustomObject> | null;
  orders: OrderStream | null;
}

interface StepState {
  sources: Source[];
  current: number;
  settings: { [provider: string]: OrderRunSettings };
  summary: RunSummary;
}

/** A start time strictly after anything a previous run attempted (Date has millisecond steps). */
function runStart(): Date {
  const now = Date.now();
  for (let spins = 0; Date.now() === now && spins < 10000000; spins++) {
    // wait for the clock to move on
  }
  return new Date(now + 1);
}

function maxAttemptsOf(parameters: OperationStepParameters): number {
  const value = parameters ? Number(parameters.MaxAttempts) : NaN;
  return value >= 1 && Math.floor(value) === value ? value : DEFAULT_MAX_ATTEMPTS;
}

/**
 * The step's fixed providers, else the Providers parameter, else (empty parameter) every
 * provider the operations engine serves.
 */
function selectedProviders(definition: StepDefinition, parameters: OperationStepParameters): ProviderDefinition[] {
  const selected: ProviderDefinition[] = [];
  if (definition.providers) {
    for (let i = 0; i < definition.providers.length; i++)
      selected.push(findProvider(definition.providers[i]) as ProviderDefinition);
    return selected;
  }
  const value = parameters ? parameters.Providers : null;
  if (value && String(value).replace(/[\s,;]+/g, '') !== '') return parseProviderList(value);
  for (let i = 0; i < PROVIDERS.length; i++) if (PROVIDERS[i].usesOperationsEngine) selected.push(PROVIDERS[i]);
  return selected;
}

/** A capture step also resumes the shipment captures (capture on shipment). */
function pendingTypesOf(type: OperationType): OperationType[] {
  return type === 'capture' ? ['capture', 'shipmentCapture'] : [type];
}

function hasPendingWork(lifecycle: ProviderLifecycle, type: OperationType): boolean {
  const types = pendingTypesOf(type);
  let found = false;
  for (let i = 0; i < types.length && !found; i++) {
    const pending = pendingOperations(lifecycle.adapter.provider, types[i]);
    found = pending.hasNext();
    pending.close();
  }
  return found;
}

/** The job's ID for the failure e-mail ("komojuRefundProcess"), else the step's label. */
function jobIdOf(stepExecution: dw.job.JobStepExecution | null | undefined, fallback: string): string {
  const execution =
    stepExecution && typeof stepExecution.getJobExecution === 'function' ? stepExecution.getJobExecution() : null;
  const id = execution ? execution.getJobID() : null;
  return id ? String(id) : fallback;
}

/**
 * One failure e-mail for the runs of one job step (a step such as monextHandleOrders runs several
 * operation steps): every order needing attention, in the order the runs met them. Dry runs send
 * nothing.
 */
export function mailFailures(
  summaries: ReadonlyArray<RunSummary>,
  stepExecution: dw.job.JobStepExecution,
  label: string,
): void {
  const merged = emptySummary();
  let ran = false;
  for (let i = 0; i < summaries.length; i++) {
    if (summaries[i].dryRun) continue;
    ran = true;
    for (let a = 0; a < summaries[i].attention.length; a++) addAttention(merged, summaries[i].attention[a]);
    merged.attentionOmitted += summaries[i].attentionOmitted;
  }
  if (!ran) return;
  Logger.getLogger('payops', 'operations').info(
    '{0}: failure e-mail: {1}',
    label,
    sendFailureMail(merged, jobIdOf(stepExecution, label)),
  );
}

export function createOperationStep(definition: StepDefinition) {
  const log = Logger.getLogger('payops', 'operations');
  let state: StepState | null = null;

  function current(): StepState {
    if (!state) throw new Error(definition.label + ': beforeStep did not run');
    return state;
  }

  function closeSource(source: Source): void {
    if (source.journal) source.journal.close();
    source.journal = null;
    if (source.orders) source.orders.close();
    source.orders = null;
  }

  function finish(success: boolean, stepExecution: dw.job.JobStepExecution): RunSummary | null {
    const run = state;
    state = null;
    // Even when beforeStep itself failed (no run), the Report step must not call the step "OK".
    const summary = run ? run.summary : emptySummary();
    if (run) for (let i = 0; i < run.sources.length; i++) closeSource(run.sources[i]);
    if (!success) summary.stepErrors++;
    addToJobSummary(stepExecution, summary);
    log.info('{0}: {1}', definition.label, describeSummary(summary));
    for (let i = 0; i < summary.deactivated.length; i++)
      log.info('{0}: switched off: {1}', definition.label, summary.deactivated[i]);
    return run ? summary : null;
  }

  return {
    beforeStep: function (parameters: OperationStepParameters): void {
      // Reasons written onto orders follow the site's default locale (resource bundle payops).
      useSiteLocale();
      const providers = selectedProviders(definition, parameters);
      const runStartedAt = runStart();
      const summary = emptySummary();
      const dryRun = !!parameters && parameters.DryRun === true;
      if (dryRun) summary.dryRun = true;
      const sources: Source[] = [];
      const settings: { [provider: string]: OrderRunSettings } = {};
      for (let i = 0; i < providers.length; i++) {
        const lifecycle = definition.lifecycle(providers[i].id);
        const selection = definition.selection(lifecycle);
        if (!selection && definition.deactivatedLabel) summary.deactivated.push(definition.deactivatedLabel(lifecycle));
        // A credential without a key blocks the provider before any call is made (when it has work).
        const missing =
          selection || hasPendingWork(lifecycle, definition.type) ? credentialProblem(lifecycle.adapter) : null;
        if (missing) {
          summary.unconfigured.push(lifecycle.adapter.label + ': ' + missing);
          log.error('{0}: {1} is not called: {2}', definition.label, lifecycle.adapter.label, missing);
        }
        sources.push({
          lifecycle: lifecycle,
          pendingTypes: pendingTypesOf(definition.type),
          callable: !missing,
          selection: selection,
          journal: null,
          orders: null,
        });
        settings[providers[i].id] = {
          lifecycle: lifecycle,
          runStartedAt: runStartedAt,
          maxAttempts: maxAttemptsOf(parameters),
          // A call of another run can last the service timeout; its outcome is written right after.
          inFlightGraceMillis: serviceTimeoutMillis(lifecycle.adapter) + IN_FLIGHT_MARGIN_MILLIS,
          summary: summary,
          dryRun: dryRun,
        };
      }
      state = { sources: sources, current: 0, settings: settings, summary: summary };
    },

    getTotalCount: function (): number {
      const sources = current().sources;
      let total = 0;
      for (let i = 0; i < sources.length; i++) {
        if (!sources[i].callable) continue;
        for (let t = 0; t < sources[i].pendingTypes.length; t++) {
          const pending = pendingOperations(sources[i].lifecycle.adapter.provider, sources[i].pendingTypes[t]);
          total += pending.count;
          pending.close();
        }
        const selection = sources[i].selection;
        if (selection) total += countOrders(selection);
      }
      return total;
    },

    read: function (): StepItem | undefined {
      const run = current();
      while (run.current < run.sources.length) {
        const source = run.sources[run.current];
        const provider = source.lifecycle.adapter.provider;
        if (!source.callable || run.summary.blocked.indexOf(source.lifecycle.adapter.label) >= 0) {
          // The provider refused our credentials: every other order would fail the same way.
          closeSource(source);
          run.current++;
          continue;
        }
        if (!source.journal && !source.orders && source.pendingTypes.length) {
          source.journal = pendingOperations(provider, source.pendingTypes.shift() as OperationType);
        }
        if (source.journal) {
          if (source.journal.hasNext()) {
            const queued = source.journal.next();
            return {
              provider: provider,
              orderNo: orderNoOf(queued),
              fromJournal: true,
              operationId: queuedOperationId(queued),
            };
          }
          source.journal.close();
          source.journal = null;
          if (source.pendingTypes.length) continue;
          if (!source.selection) {
            run.current++;
            continue;
          }
          source.orders = new OrderStream(source.selection);
        }
        const orderNo = source.orders ? source.orders.next() : null;
        if (orderNo !== null) return { provider: provider, orderNo: orderNo, fromJournal: false };
        closeSource(source);
        run.current++;
      }
      return undefined;
    },

    process: function (item: StepItem): StepItem | undefined {
      const run = current();
      const settings = run.settings[item.provider];
      // Read ahead in a chunk before a provider refused our credentials: leave it for the next run.
      if (run.summary.blocked.indexOf(settings.lifecycle.adapter.label) >= 0) return undefined;
      run.summary.selected++;
      try {
        definition.handle(item.orderNo, settings, item.fromJournal);
        // The order's history is the truth: a queued operation it no longer holds unfinished goes.
        if (item.operationId && !settings.dryRun) releaseStaleQueueEntry(item.orderNo, item.operationId);
      } catch (e) {
        // One order's unexpected error must not stop the others; it is reported and the job ends in ERROR.
        const message = errorMessage(e);
        run.summary.failed++;
        addProblem(run.summary, 'Order ' + item.orderNo + ': unexpected error: ' + message);
        log.error('{0}: order {1}: unexpected error: {2}', definition.label, item.orderNo, message);
      }
      return item;
    },

    write: function (): void {
      // Every outcome was written by process, in its own transaction.
    },

    /**
     * Ends the run without the failure e-mail and returns its summary (null when beforeStep did not
     * run), so that a step made of several operation steps can send one e-mail for all of them.
     */
    finish: finish,

    afterStep: function (
      success: boolean,
      _parameters: OperationStepParameters,
      stepExecution: dw.job.JobStepExecution,
    ): void {
      const summary = finish(success, stepExecution);
      if (summary) mailFailures([summary], stepExecution, definition.label);
    },
  };
}
