/**
 * The state machine that moves money exactly once. For one operation of one order:
 *  1. a final operation is never sent again;
 *  2. an operation whose last attempt may have reached the provider is first reconciled: the
 *     provider is read, and if it already applied the movement the operation is recorded as
 *     succeeded without a second call. The exception is a provider that replays the first answer
 *     for an idempotency key (KOMOJU, within the key's window): the same request is sent again
 *     with the same key, and its answer tells;
 *  3. the intent (InFlight, attempts + 1, and the work-queue object) is committed in its own
 *     transaction BEFORE the call — for a new operation, together with its planning;
 *  4. the call runs outside any transaction;
 *  5. the outcome is recorded, together with the order-facing attributes, in a new transaction
 *     that also removes the work-queue object once the operation is final.
 * So the success path costs two commits. A job killed between 4 and 5 leaves the operation
 * InFlight in the work queue; the next run reconciles it.
 */
import Transaction = require('dw/system/Transaction');
import type { JournalEntry, OperationPlan, OperationUpdate } from './operationJournal';
import { claimedReferences, findOperation, isFinal, planOperation, updateOperation } from './operationJournal';
import type { Classification, Operation, ProviderAdapter, ProviderFigures } from './operation';
import { callProvider, type Interaction } from './providerCall';
import { formatMinorUnits } from './money';
import { message, messageWith } from './messages';

/**
 * pending: continues on a later run. blocked: not done because the provider refused our
 * credentials (the operation is left as it was). withdrawn: no longer wanted and never sent.
 * escalated: the outcome has been unknown for too long; an operator must look (it is still never
 * sent again blindly).
 */
export type RunResult = 'succeeded' | 'rejected' | 'failed' | 'pending' | 'blocked' | 'withdrawn' | 'escalated';

/** An unknown outcome older than this (since the send) ends the job in ERROR, naming the order. */
export const ESCALATE_UNKNOWN_AFTER_HOURS = 24;

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
  /**
   * What the movement is expected to move: the planned amount, or for a full capture what was
   * authorised. When the provider reports another amount without saying what it settles, the
   * provider is read once more for that figure (e.g. an instalment plan captures its first
   * instalment and settles the whole purchase).
   */
  readonly expectedMinor?: number | null;
}

export interface OperationRun {
  readonly result: RunResult;
  readonly entry: JournalEntry;
  /** Provider calls made (sends and reads). */
  readonly calls: number;
}

const TYPES = ['capture', 'shipmentCapture', 'cancel', 'refund'];

/**
 * The phrases every operation reason receives, so that each language builds its own sentence:
 * {0} the subject ("Capture of 19.99 EUR"), {1} the object ("the capture of 19.99 EUR"), {2} the
 * object starting a sentence ("The capture"), {3} the provider; reason-specific values follow.
 */
export function reason(
  key: string,
  operation: Operation,
  adapter: { readonly label: string },
  withAmount: boolean,
  extra: ReadonlyArray<string> = [],
): string {
  const type = TYPES.indexOf(operation.type) >= 0 ? operation.type : 'capture';
  const amount = withAmount && operation.amountMinor !== null;
  const formatted = amount ? formatMinorUnits(operation.amountMinor as number, operation.currencyCode) : '';
  const phrase = function (form: string): string {
    const name = 'operation.' + type + '.' + form;
    return amount ? message(name + 'Amount', formatted) : message(name);
  };
  const values = [phrase('subject'), phrase('object'), message('operation.' + type + '.start'), adapter.label];
  return messageWith(key, values.concat(extra));
}

function resultOf(entry: JournalEntry): RunResult {
  if (entry.state === 'Succeeded') return 'succeeded';
  if (entry.state === 'Rejected') return 'rejected';
  if (entry.state === 'Failed') return 'failed';
  return 'pending';
}

function record(order: dw.order.Order, id: string, update: OperationUpdate, settings: RunSettings, project: boolean) {
  return Transaction.wrap(function () {
    const entry = updateOperation(order, id, update);
    if (project) settings.project(entry);
    return entry;
  });
}

function figures(source: ProviderFigures): { settledMinor: number | null; remainingMinor: number | null } {
  return {
    settledMinor: source.settledMinor === undefined ? null : source.settledMinor,
    remainingMinor: source.remainingMinor === undefined ? null : source.remainingMinor,
  };
}

function succeeded(
  order: dw.order.Order,
  operation: JournalEntry,
  outcome: { providerReference: string | null; amountMinor: number | null } & ProviderFigures,
  foundByReading: boolean,
  settings: RunSettings,
  interactions: Interaction[],
): JournalEntry {
  const label = settings.adapter.label;
  const money = function (minor: number): string {
    return formatMinorUnits(minor, operation.currencyCode);
  };
  const moved = outcome.amountMinor;
  const provider = figures(outcome);
  const details: string[] = [];
  if (outcome.providerReference) details.push(message('detail.reference', label, outcome.providerReference));
  if (moved !== null && moved !== operation.amountMinor) details.push(message('detail.reports', label, money(moved)));
  if (provider.settledMinor !== null && provider.settledMinor !== moved) {
    details.push(message('detail.settles', label, money(provider.settledMinor)));
  }
  let listed = details.length ? details[0] : '';
  for (let i = 1; i < details.length; i++) listed = message('detail.pair', listed, details[i]);
  const how = foundByReading ? message('reason.foundByReading', label) : '';
  const key = details.length ? 'reason.succeeded.details' : 'reason.succeeded';
  return record(
    order,
    operation.id,
    {
      state: 'Succeeded',
      providerReference: outcome.providerReference,
      // The planned amount stays what was asked (null: the full amount); the provider's figures are kept beside it.
      movedMinor: moved,
      settledMinor: provider.settledMinor,
      remainingMinor: provider.remainingMinor,
      completedAt: new Date(),
      reads: 0,
      reason: reason(key, operation, settings.adapter, true, [listed, how]),
      interactions: interactions,
    },
    settings,
    true,
  );
}

/**
 * Reads the provider's truth for an operation that may have been applied. Returns the run when
 * the read settled it (succeeded, still unknown, blocked), or the read's interaction when the
 * provider did not apply it and it may be sent.
 */
function reconcile(
  order: dw.order.Order,
  operation: JournalEntry,
  settings: RunSettings,
): { run: OperationRun } | { notApplied: Interaction } {
  const adapter = settings.adapter;
  const call = callProvider(adapter, adapter.buildTruthRequest(operation), 'read');
  const truth = adapter.interpretTruth(
    operation,
    call.answer,
    claimedReferences(order, adapter.provider, operation.id),
  );
  if (truth.applied === true) {
    const entry = succeeded(order, operation, truth, true, settings, [call.interaction]);
    return { run: { result: 'succeeded', entry: entry, calls: 1 } };
  }
  if (truth.applied === false) return { notApplied: call.interaction };
  const sentBefore = operation.state === 'InFlight';
  const unknownFor =
    sentBefore && operation.lastAttemptAt ? new Date().getTime() - operation.lastAttemptAt.getTime() : 0;
  const escalated = !truth.blocked && unknownFor >= ESCALATE_UNKNOWN_AFTER_HOURS * 3600000;
  const key = truth.blocked
    ? 'reason.readBlocked'
    : escalated
      ? 'reason.escalated'
      : sentBefore
        ? 'reason.unknownUnread'
        : 'reason.retryUnread';
  const why = escalated ? [String(ESCALATE_UNKNOWN_AFTER_HOURS), truth.detail] : [truth.detail];
  const entry = record(
    order,
    operation.id,
    {
      interactions: [call.interaction],
      reads: operation.reads + 1,
      reason: reason(key, operation, adapter, false, why),
    },
    settings,
    true,
  );
  const result: RunResult = truth.blocked ? 'blocked' : escalated ? 'escalated' : resultOf(entry);
  return { run: { result: result, entry: entry, calls: 1 } };
}

/** After a success whose amount is not the expected one: the provider's settled amount, read once. */
function settlementRead(
  order: dw.order.Order,
  operation: JournalEntry,
  verdict: Extract<Classification, { outcome: 'success' }>,
  settings: RunSettings,
): { figures: ProviderFigures; interaction: Interaction } | null {
  const expected = settings.expectedMinor;
  const needed =
    (operation.type === 'capture' || operation.type === 'shipmentCapture') &&
    verdict.amountMinor !== null &&
    expected !== undefined &&
    expected !== null &&
    verdict.amountMinor !== expected &&
    (verdict.settledMinor === undefined || verdict.settledMinor === null);
  if (!needed) return null;
  const adapter = settings.adapter;
  const call = callProvider(adapter, adapter.buildTruthRequest(operation), 'read');
  const truth = adapter.interpretTruth(
    operation,
    call.answer,
    claimedReferences(order, adapter.provider, operation.id),
  );
  return {
    figures: truth.applied === true ? { settledMinor: truth.settledMinor } : {},
    interaction: call.interaction,
  };
}

/** Sends a claimed operation (InFlight, attempt counted) and records the outcome. */
function send(
  order: dw.order.Order,
  operation: JournalEntry,
  settings: RunSettings,
  callsBefore: number,
  previous: { sent: boolean; attempts: number },
): OperationRun {
  const adapter = settings.adapter;
  const attempts = operation.attempts;
  let calls = callsBefore + 1;
  const call = callProvider(adapter, adapter.buildRequest(operation), operation.type);
  const interactions = [call.interaction];
  if (call.answer.kind === 'notSent') {
    // The platform never sent it (rate limiter, circuit breaker, configuration): no attempt is used up.
    const entry = record(
      order,
      operation.id,
      {
        state: 'Planned',
        attempts: previous.attempts,
        sent: previous.sent,
        reason: reason('reason.notSent', operation, adapter, false, [call.answer.reason]),
        interactions: interactions,
      },
      settings,
      true,
    );
    return { result: 'pending', entry: entry, calls: calls };
  }
  const verdict = adapter.classify(operation, call.answer);
  let entry: JournalEntry;
  switch (verdict.outcome) {
    case 'success': {
      const settlement = settlementRead(order, operation, verdict, settings);
      let outcome = verdict as typeof verdict & ProviderFigures;
      if (settlement) {
        calls++;
        interactions.push(settlement.interaction);
        outcome = { ...verdict, settledMinor: settlement.figures.settledMinor };
      }
      entry = succeeded(order, operation, outcome, false, settings, interactions);
      break;
    }
    case 'rejected':
    case 'failed':
      // Final: refused for a business reason (Rejected), or refused as sent (Failed, for the operator).
      entry = record(
        order,
        operation.id,
        {
          state: verdict.outcome === 'rejected' ? 'Rejected' : 'Failed',
          completedAt: new Date(),
          reason: reason(
            verdict.outcome === 'rejected' ? 'reason.refused' : 'reason.failed',
            operation,
            adapter,
            true,
            [verdict.detail],
          ),
          interactions: interactions,
        },
        settings,
        true,
      );
      break;
    case 'blocked':
      // Nothing happened: the attempt is not counted, and the operation waits for a fixed credential.
      entry = record(
        order,
        operation.id,
        {
          state: 'Planned',
          attempts: previous.attempts,
          sent: previous.sent,
          reason: reason('reason.blocked', operation, adapter, false, [verdict.detail]),
          interactions: interactions,
        },
        settings,
        true,
      );
      return { result: 'blocked', entry: entry, calls: calls };
    case 'transient':
      entry = record(
        order,
        operation.id,
        {
          state: 'Planned',
          reason: reason('reason.transient', operation, adapter, false, [
            String(attempts),
            String(settings.maxAttempts),
            verdict.detail,
          ]),
          interactions: interactions,
        },
        settings,
        true,
      );
      break;
    default:
      entry = record(
        order,
        operation.id,
        {
          state: 'InFlight',
          reads: 0,
          reason: reason('reason.unknown', operation, adapter, false, [verdict.detail]),
          interactions: interactions,
        },
        settings,
        true,
      );
  }
  return { result: resultOf(entry), entry: entry, calls: calls };
}

/**
 * Plans a new operation and sends it: the planning, the intent (InFlight, first attempt) and
 * `prepare` (e.g. clearing the request attribute it answers) are committed together before the
 * call. When the operation exists already (planned by an earlier run), it is resumed instead.
 */
export function startOperation(
  order: dw.order.Order,
  plan: OperationPlan,
  settings: RunSettings,
  prepare?: () => void,
): OperationRun {
  const planned = Transaction.wrap(function () {
    const result = planOperation(order, plan, {
      state: 'InFlight',
      attempts: 1,
      sent: true,
      reads: 0,
      lastAttemptAt: new Date(),
    });
    if (result.created && prepare) prepare();
    return result;
  });
  if (!planned.created) return runOperation(order, planned.entry.id, settings);
  return send(order, planned.entry, settings, 0, { sent: false, attempts: 0 });
}

/**
 * True when a resend with the operation's key is answered with the first answer: the provider
 * de-duplicates on keys and the key is within its window, counted from the operation's planning
 * (its first send), 1 hour short of the window for clock differences.
 */
export function replaysKey(adapter: ProviderAdapter, operation: JournalEntry): boolean {
  if (!adapter.supportsIdempotency || !adapter.idempotencyWindowMillis) return false;
  const age = new Date().getTime() - operation.createdAt.getTime();
  return age >= 0 && age < adapter.idempotencyWindowMillis - KEY_WINDOW_MARGIN_MILLIS;
}

const KEY_WINDOW_MARGIN_MILLIS = 60 * 60 * 1000;

/** Runs one existing operation of the order as far as it can go in this run. */
export function runOperation(order: dw.order.Order, id: string, settings: RunSettings): OperationRun {
  const adapter = settings.adapter;
  const operation = findOperation(order, id);
  if (!operation)
    throw new Error('Payment operation ' + id + ' is not in the payment history of order ' + order.orderNo);
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
  const readBack: Interaction[] = [];
  // Sent before (also before an operator re-armed it): read first, unless the provider still
  // replays the first answer for the operation's key, so that sending it again moves nothing
  // twice. Giving up or withdrawing always reads first: both record that nothing was applied.
  const endsHere = !!settings.withdrawReason || operation.attempts >= settings.maxAttempts;
  if (operation.sent && (endsHere || !replaysKey(adapter, operation))) {
    calls++;
    const settled = reconcile(order, operation, settings);
    if ('run' in settled) return settled.run;
    readBack.push(settled.notApplied);
  }

  if (settings.withdrawReason) {
    // Final, but not a failure anyone must fix: the order-facing state is left as it is.
    const withdrawn = record(
      order,
      id,
      {
        state: 'Failed',
        completedAt: new Date(),
        reason: reason(
          operation.sent ? 'reason.withdrawn.unapplied' : 'reason.withdrawn.unsent',
          operation,
          adapter,
          false,
          [settings.withdrawReason],
        ),
        interactions: readBack,
      },
      settings,
      false,
    );
    return { result: 'withdrawn', entry: withdrawn, calls: calls };
  }

  if (operation.attempts >= settings.maxAttempts) {
    const failed = record(
      order,
      id,
      {
        state: 'Failed',
        completedAt: new Date(),
        reason: reason('reason.gaveUp', operation, adapter, false, [
          String(operation.attempts),
          (operation.reason || message('reason.noneRecorded')).replace(/[.。]$/, ''),
        ]),
        interactions: readBack,
      },
      settings,
      true,
    );
    return { result: 'failed', entry: failed, calls: calls };
  }

  const seen = operation;
  const claimed = Transaction.wrap(function () {
    // Another run (an overlapping job) may have moved the operation since it was read: leave it to that run.
    const fresh = findOperation(order, id) as JournalEntry;
    if (fresh.state !== seen.state || fresh.attempts !== seen.attempts) return null;
    return updateOperation(order, id, {
      state: 'InFlight',
      attempts: seen.attempts + 1,
      sent: true,
      reads: 0,
      lastAttemptAt: new Date(),
      interactions: readBack,
    });
  });
  if (!claimed) return { result: 'pending', entry: findOperation(order, id) as JournalEntry, calls: calls };
  return send(order, claimed, settings, calls, { sent: seen.sent, attempts: seen.attempts });
}
