/**
 * The state machine that moves money exactly once. For one journal operation:
 *  1. a final operation is never sent again;
 *  2. an operation whose last attempt may have reached the provider (InFlight, or any retry for
 *     a provider without idempotency keys) is first reconciled: the provider is read, and if it
 *     already applied the movement the operation is recorded as succeeded without a second call;
 *  3. the attempt is recorded (InFlight, attempts + 1) in its own transaction BEFORE the call;
 *  4. the call runs outside any transaction;
 *  5. the outcome is recorded, together with the order-facing attributes, in a new transaction.
 * A job killed between 4 and 5 leaves the operation InFlight; the next run reconciles it.
 */
import Transaction = require('dw/system/Transaction');
import type { JournalEntry, OperationUpdate } from './operationJournal';
import { findOperation, isFinal, updateOperation } from './operationJournal';
import type { Operation, ProviderAdapter } from './operation';
import { callProvider } from './providerCall';
import { formatMinorUnits } from './money';

/**
 * pending: continues on a later run. blocked: not done because the provider refused our
 * credentials (the operation is left as it was). withdrawn: no longer wanted and never sent.
 */
export type RunResult = 'succeeded' | 'rejected' | 'failed' | 'pending' | 'blocked' | 'withdrawn';

export interface RunSettings {
  readonly adapter: ProviderAdapter;
  /** When this job run started: an operation attempted since then waits for the next run. */
  readonly runStartedAt: Date;
  /** Sends that may fail transiently before the operation is given up as Failed. */
  readonly maxAttempts: number;
  /**
   * How long after an attempt another run may still be waiting for its answer (the service
   * timeout plus a margin). An InFlight operation attempted more recently is left alone: reading
   * it back now could see "not applied" just before the other run's call lands.
   */
  readonly inFlightGraceMillis: number;
  /** Writes the operation's outcome onto the order; runs inside the outcome's transaction. */
  readonly project: (entry: JournalEntry) => void;
  /**
   * When set, the operation must not be sent any more (e.g. the order was cancelled before a
   * retry of its capture): an unknown outcome is still settled by reading the provider, and an
   * operation the provider did not apply ends Failed with this reason.
   */
  readonly withdrawReason?: string | null;
}

export interface OperationRun {
  readonly result: RunResult;
  readonly entry: JournalEntry;
  /** Provider calls made (sends and reads). */
  readonly calls: number;
}

/** Verb and noun for reasons: "capture", "refund", … */
function label(operation: Operation): string {
  return operation.type === 'shipmentCapture' ? 'shipment capture' : operation.type;
}

function amountText(operation: Operation): string {
  return operation.amountMinor === null ? '' : ' of ' + formatMinorUnits(operation.amountMinor, operation.currencyCode);
}

function resultOf(entry: JournalEntry): RunResult {
  if (entry.state === 'Succeeded') return 'succeeded';
  if (entry.state === 'Rejected') return 'rejected';
  if (entry.state === 'Failed') return 'failed';
  return 'pending';
}

function record(id: string, update: OperationUpdate, settings: RunSettings, project: boolean): JournalEntry {
  return Transaction.wrap(function () {
    const entry = updateOperation(id, update);
    if (project) settings.project(entry);
    return entry;
  });
}

function succeeded(
  operation: JournalEntry,
  providerReference: string | null,
  amountMinor: number | null,
  how: string,
  settings: RunSettings,
  update: OperationUpdate,
): JournalEntry {
  const details: string[] = [];
  if (providerReference) details.push(settings.adapter.label + ' reference ' + providerReference);
  if (amountMinor !== null && amountMinor !== operation.amountMinor) {
    details.push(settings.adapter.label + ' reports ' + formatMinorUnits(amountMinor, operation.currencyCode));
  }
  const reference = details.length ? ' (' + details.join(', ') + ')' : '';
  update.state = 'Succeeded';
  update.providerReference = providerReference;
  // The planned amount stays what was asked (null: the full amount); the provider's figure is in the reason.
  update.completedAt = new Date();
  update.reason =
    label(operation).charAt(0).toUpperCase() +
    label(operation).substring(1) +
    amountText(operation) +
    ' succeeded at ' +
    settings.adapter.label +
    reference +
    how +
    '.';
  return record(operation.id, update, settings, true);
}

/**
 * Reads the provider's truth for an operation that may have been applied. Returns the updated
 * entry when the read settled it (succeeded, or still unknown), or null when the provider did
 * not apply it and it may be sent.
 */
function reconcile(operation: JournalEntry, settings: RunSettings): { entry: JournalEntry; blocked: boolean } | null {
  const adapter = settings.adapter;
  const call = callProvider(adapter, adapter.buildTruthRequest(operation), 'read');
  const truth = adapter.interpretTruth(operation, call.answer);
  if (truth.applied === true) {
    const entry = succeeded(
      operation,
      truth.providerReference,
      truth.amountMinor,
      ', found when reading ' + adapter.label + ' after an earlier attempt whose outcome was unknown',
      settings,
      { interaction: call.interaction },
    );
    return { entry: entry, blocked: false };
  }
  if (truth.applied === null) {
    const sentBefore = operation.state === 'InFlight';
    const entry = record(
      operation.id,
      {
        interaction: call.interaction,
        reason:
          (truth.blocked
            ? 'Not done, ' + adapter.label + ' refused our credentials'
            : sentBefore
              ? 'Outcome of the ' + label(operation) + ' unknown and ' + adapter.label + ' could not be read'
              : 'Before retrying the ' + label(operation) + ', ' + adapter.label + ' could not be read') +
          ' (' +
          truth.detail +
          '); the next run reads it again before anything is sent.',
      },
      settings,
      true,
    );
    return { entry: entry, blocked: truth.blocked === true };
  }
  record(operation.id, { state: 'Planned', interaction: call.interaction }, settings, false);
  return null;
}

/** Runs one journal operation as far as it can go in this run. */
export function runOperation(id: string, settings: RunSettings): OperationRun {
  const adapter = settings.adapter;
  let operation = findOperation(id);
  if (!operation) throw new Error('Payment operation ' + id + ' is not in the journal');
  if (isFinal(operation.state)) return { result: resultOf(operation), entry: operation, calls: 0 };
  if (operation.lastAttemptAt && operation.lastAttemptAt.getTime() >= settings.runStartedAt.getTime()) {
    return { result: 'pending', entry: operation, calls: 0 };
  }

  if (
    operation.state === 'InFlight' &&
    operation.lastAttemptAt &&
    new Date().getTime() - operation.lastAttemptAt.getTime() < settings.inFlightGraceMillis
  ) {
    return { result: 'pending', entry: operation, calls: 0 };
  }

  let calls = 0;
  // Sent before (also before an operator re-armed it): without idempotency keys, read first.
  const sentBefore = operation.attempts > 0 || operation.interactions.length > 0;
  if (operation.state === 'InFlight' || (sentBefore && !adapter.supportsIdempotency)) {
    calls++;
    const settled = reconcile(operation, settings);
    if (settled)
      return { result: settled.blocked ? 'blocked' : resultOf(settled.entry), entry: settled.entry, calls: calls };
    operation = findOperation(id) as JournalEntry;
  }

  if (settings.withdrawReason) {
    // Final, but not a failure anyone must fix: the order-facing state is left as it is.
    const withdrawn = record(
      id,
      {
        state: 'Failed',
        completedAt: new Date(),
        reason:
          'The ' +
          label(operation) +
          ' was withdrawn' +
          (sentBefore ? ' (' + adapter.label + ' had not applied it)' : ', never sent') +
          ': ' +
          settings.withdrawReason +
          '.',
      },
      settings,
      false,
    );
    return { result: 'withdrawn', entry: withdrawn, calls: calls };
  }

  if (operation.attempts >= settings.maxAttempts) {
    const failed = record(
      id,
      {
        state: 'Failed',
        completedAt: new Date(),
        reason:
          'Gave up the ' +
          label(operation) +
          ' after ' +
          operation.attempts +
          ' attempts; ' +
          adapter.label +
          ' has not applied it. Last error: ' +
          (operation.reason || 'none recorded').replace(/\.$/, '') +
          '. Fix the cause, then request it again.',
      },
      settings,
      true,
    );
    return { result: 'failed', entry: failed, calls: calls };
  }

  const attempts = operation.attempts + 1;
  const startedAt = new Date();
  const seen = operation;
  const claimed = Transaction.wrap(function () {
    // Another run (an overlapping job) may have moved the operation since it was read: leave it to that run.
    const fresh = findOperation(id) as JournalEntry;
    if (fresh.state !== seen.state || fresh.attempts !== seen.attempts) return false;
    updateOperation(id, { state: 'InFlight', attempts: attempts, lastAttemptAt: startedAt });
    return true;
  });
  if (!claimed) return { result: 'pending', entry: findOperation(id) as JournalEntry, calls: calls };
  calls++;
  const call = callProvider(adapter, adapter.buildRequest(operation), operation.type);
  const verdict = adapter.classify(operation, call.answer);
  const update: OperationUpdate = { interaction: call.interaction };
  let entry: JournalEntry;
  switch (verdict.outcome) {
    case 'success':
      entry = succeeded(operation, verdict.providerReference, verdict.amountMinor, '', settings, update);
      break;
    case 'rejected':
      update.state = 'Rejected';
      update.completedAt = new Date();
      update.reason =
        adapter.label + ' refused the ' + label(operation) + amountText(operation) + ': ' + verdict.detail + '.';
      entry = record(id, update, settings, true);
      break;
    case 'blocked':
      // Nothing happened: the attempt is not counted, and the operation waits for a fixed credential.
      update.state = 'Planned';
      update.attempts = attempts - 1;
      update.reason = 'Not done, ' + adapter.label + ' refused our credentials: ' + verdict.detail + '.';
      entry = record(id, update, settings, true);
      return { result: 'blocked', entry: entry, calls: calls };
    case 'transient':
      update.state = 'Planned';
      update.reason =
        label(operation).charAt(0).toUpperCase() +
        label(operation).substring(1) +
        ' not done yet (attempt ' +
        attempts +
        ' of ' +
        settings.maxAttempts +
        '): ' +
        verdict.detail +
        '; it is retried on the next run.';
      entry = record(id, update, settings, true);
      break;
    default:
      update.state = 'InFlight';
      update.reason =
        'Outcome of the ' +
        label(operation) +
        ' unknown (' +
        verdict.detail +
        '); the next run reads ' +
        adapter.label +
        ' before any retry, so it is never applied twice.';
      entry = record(id, update, settings, true);
  }
  return { result: resultOf(entry), entry: entry, calls: calls };
}
