/**
 * What a job run did, counted per order, and the honest exit status derived from it. Chunk
 * steps cannot end with a custom status code, so each operations step adds its counts to the
 * job execution's context, and the Report step that follows it turns them into the job's status:
 * OK only when every selected order ended well.
 */
import Site = require('dw/system/Site');

/** Per site: a job's split runs the same flow for each site, sharing one job context. */
export const SUMMARY_CONTEXT_KEY = 'PaymentOperations.summary';

function contextKey(): string {
  return SUMMARY_CONTEXT_KEY + '.' + Site.getCurrent().getID();
}

/** Lines of per-order problems kept for the log and the status message. */
export const MAX_PROBLEM_LINES = 20;

/** An order a person must look at, as the failure e-mail lists it. */
export interface Attention {
  readonly orderNo: string;
  /** The order total with its currency ("120.00 EUR"). */
  readonly total: string;
  /** capture, shipmentCapture, cancel or refund: the e-mail names it in its own language. */
  readonly operation: string;
  readonly provider: string;
  /** Rejected or Failed. */
  readonly outcome: string;
  /** The reason written on the order. */
  readonly reason: string;
}

/** Orders listed in one failure e-mail; beyond, the e-mail says how many more. */
export const MAX_ATTENTION = 500;

export interface RunSummary {
  /** Orders and journal operations the steps looked at. */
  selected: number;
  succeeded: number;
  /** Provider refused; final. */
  rejected: number;
  /** Bad input or given up; final, needs an operator. */
  failed: number;
  /** Retry or reconciliation left for a later run. */
  pending: number;
  /** Unknown outcomes the provider could not be read for for too long: an operator must look. */
  escalated: number;
  /** Selected by the search but no longer eligible when re-read (the index lags). */
  skipped: number;
  /** Provider calls made. */
  calls: number;
  /** Steps that did nothing because their feature is switched off, e.g. "Alma deferred capture". */
  deactivated: string[];
  /** Providers that refused our credentials: the run stopped calling them. */
  blocked: string[];
  /** Providers whose credential is incomplete ("Alma: credential … has no key"): never called. */
  unconfigured: string[];
  /** Steps that stopped on an unexpected error. */
  stepErrors: number;
  problems: string[];
  /** Orders this run left Rejected or Failed (each is reported by the run that ended it, once). */
  attention: Attention[];
  /** Such orders beyond MAX_ATTENTION. */
  attentionOmitted: number;
  /** A dry run (job parameter DryRun): nothing was sent or written. */
  dryRun?: boolean;
  /** In a dry run: what would be done, one line per operation (the first MAX_DRY_RUN_LINES). */
  dryRunLines?: string[];
  /** Lines beyond MAX_DRY_RUN_LINES (they are in the job log). */
  dryRunOmitted?: number;
}

/** Dry-run lines kept in the summary and the job's status message; every line is in the log. */
export const MAX_DRY_RUN_LINES = 50;

export function addDryRunLine(summary: RunSummary, line: string): void {
  summary.dryRun = true;
  if (!summary.dryRunLines) summary.dryRunLines = [];
  if (summary.dryRunLines.length < MAX_DRY_RUN_LINES) summary.dryRunLines.push(line);
  else summary.dryRunOmitted = (summary.dryRunOmitted || 0) + 1;
}

export function emptySummary(): RunSummary {
  return {
    selected: 0,
    succeeded: 0,
    rejected: 0,
    failed: 0,
    pending: 0,
    escalated: 0,
    skipped: 0,
    calls: 0,
    deactivated: [],
    blocked: [],
    unconfigured: [],
    stepErrors: 0,
    problems: [],
    attention: [],
    attentionOmitted: 0,
  };
}

export function addAttention(summary: RunSummary, item: Attention): void {
  if (summary.attention.length < MAX_ATTENTION) summary.attention.push(item);
  else summary.attentionOmitted++;
}

export function addProblem(summary: RunSummary, line: string): void {
  if (summary.problems.length < MAX_PROBLEM_LINES) summary.problems.push(line);
}

/**
 * "12 selected: 9 succeeded, 1 rejected, 1 failed, 1 pending, 0 skipped; 14 provider calls", with
 * ", 1 unknown for too long" before the calls when an outcome was escalated.
 */
export function describeSummary(summary: RunSummary): string {
  return (
    summary.selected +
    ' selected: ' +
    summary.succeeded +
    ' succeeded, ' +
    summary.rejected +
    ' rejected, ' +
    summary.failed +
    ' failed, ' +
    summary.pending +
    ' pending, ' +
    summary.skipped +
    ' skipped' +
    (summary.escalated ? ', ' + summary.escalated + ' unknown for too long' : '') +
    '; ' +
    summary.calls +
    ' provider calls'
  );
}

function readContext(context: dw.util.Map<string, unknown> | null): RunSummary {
  const text = context ? context.get(contextKey()) : null;
  if (!text) return emptySummary();
  try {
    return JSON.parse(String(text)) as RunSummary;
  } catch {
    return emptySummary();
  }
}

function contextOf(stepExecution: dw.job.JobStepExecution | null | undefined): dw.util.Map<string, unknown> | null {
  return stepExecution && stepExecution.jobExecution
    ? (stepExecution.jobExecution.context as dw.util.Map<string, unknown>)
    : null;
}

/** Adds a step's counts to the job execution's summary (a JSON string: the context takes simple values). */
export function addToJobSummary(stepExecution: dw.job.JobStepExecution | null | undefined, summary: RunSummary): void {
  const context = contextOf(stepExecution);
  if (!context) return;
  const total = readContext(context);
  total.selected += summary.selected;
  total.succeeded += summary.succeeded;
  total.rejected += summary.rejected;
  total.failed += summary.failed;
  total.pending += summary.pending;
  total.escalated = (total.escalated || 0) + summary.escalated;
  total.skipped += summary.skipped;
  total.calls += summary.calls;
  total.deactivated = total.deactivated.concat(summary.deactivated);
  total.blocked = (total.blocked || []).concat(summary.blocked);
  total.unconfigured = (total.unconfigured || []).concat(summary.unconfigured);
  total.stepErrors = (total.stepErrors || 0) + summary.stepErrors;
  for (let i = 0; i < summary.problems.length; i++) addProblem(total, summary.problems[i]);
  if (summary.dryRun) {
    total.dryRun = true;
    const lines = summary.dryRunLines || [];
    for (let i = 0; i < lines.length; i++) addDryRunLine(total, lines[i]);
    total.dryRunOmitted = (total.dryRunOmitted || 0) + (summary.dryRunOmitted || 0);
  }
  context.put(contextKey(), JSON.stringify(total));
}

export function readJobSummary(stepExecution: dw.job.JobStepExecution | null | undefined): RunSummary {
  return readContext(contextOf(stepExecution));
}

/**
 * The job's verdict: ERROR when a provider cannot be called (credential refused or incomplete),
 * when an order was rejected or failed or its outcome stayed unknown for too long (an operator
 * must look), or when a step stopped on an unexpected error; OK with code RETRY_PENDING when some
 * work waits for the next run, OK with code DEACTIVATED when a step did nothing because its
 * feature is off, plain OK otherwise.
 */
export function verdict(summary: RunSummary): { status: 'OK' | 'ERROR'; code: string; message: string } {
  const counts = describeSummary(summary);
  const problems = summary.problems.join(' | ');
  if (summary.unconfigured && summary.unconfigured.length > 0) {
    return {
      status: 'ERROR',
      code: 'CREDENTIALS_MISSING',
      message:
        summary.unconfigured.join(' | ') +
        '; nothing was sent to it, and its orders were left as they were (' +
        counts +
        ')' +
        (problems ? ': ' + problems : ''),
    };
  }
  if (summary.dryRun) {
    const lines = summary.dryRunLines || [];
    const omitted = summary.dryRunOmitted || 0;
    if (summary.selected === 0 && lines.length === 0) {
      return { status: 'OK', code: 'DRY_RUN', message: 'Dry run: no order to process; nothing was sent or changed.' };
    }
    return {
      status: 'OK',
      code: 'DRY_RUN',
      message:
        'Dry run: nothing was sent and no order was changed (' +
        counts +
        '). ' +
        (lines.length + omitted) +
        ' line(s): ' +
        (lines.length ? lines.join(' | ') : 'nothing to do') +
        (omitted ? ' | … ' + omitted + ' more in the job log' : ''),
    };
  }
  if (summary.blocked && summary.blocked.length > 0) {
    return {
      status: 'ERROR',
      code: 'CREDENTIALS_REFUSED',
      message:
        summary.blocked.join(', ') +
        ' refused our credentials; the run stopped calling it and left the remaining orders as they were (' +
        counts +
        '): ' +
        problems,
    };
  }
  if (summary.rejected + summary.failed > 0) {
    return {
      status: 'ERROR',
      code: 'OPERATIONS_FAILED',
      message: summary.rejected + summary.failed + ' order(s) need attention (' + counts + '): ' + problems,
    };
  }
  if (summary.escalated > 0) {
    return {
      status: 'ERROR',
      code: 'OUTCOME_UNKNOWN',
      message:
        summary.escalated +
        ' order(s) have had an unknown outcome for too long; nothing is sent again until the provider can be read (' +
        counts +
        '): ' +
        problems,
    };
  }
  if (summary.stepErrors > 0) {
    return {
      status: 'ERROR',
      code: 'STEP_FAILED',
      message:
        'A step stopped on an unexpected error; see the job log (' + counts + ')' + (problems ? ': ' + problems : ''),
    };
  }
  if (summary.pending > 0) {
    return {
      status: 'OK',
      code: 'RETRY_PENDING',
      message: summary.pending + ' order(s) continue on the next run (' + counts + '): ' + problems,
    };
  }
  if (summary.deactivated.length > 0 && summary.selected === 0) {
    return {
      status: 'OK',
      code: 'DEACTIVATED',
      message: 'Switched off: ' + summary.deactivated.join(', ') + '. ' + counts,
    };
  }
  return { status: 'OK', code: 'OK', message: counts };
}
