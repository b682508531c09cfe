/**
 * The Monext case, in its own process: builds the instance (tools/bench/monextWorkload.ts) and
 * runs the job monextHandleOrders three times with the local runtime against the Monext sandbox
 * the parent started and seeded:
 *  1. capture: the shipped orders are captured (each order's first operation: one session read,
 *     then the capture; the transaction ID is stored on the order);
 *  2. refund: the shipped orders, now cancelled, are refunded (the transaction is known: no read);
 *  3. cancel: the unshipped orders, now cancelled, are cancelled (first operation again).
 * Between runs it reads the sandbox's journal (admin endpoint), so each run's requests are
 * counted where Monext would count them.
 *
 * argv: JSON MonextCaseInput. stdout: one `RESULT {…}` line (MonextCaseResult).
 */
import { performance } from 'node:perf_hooks';
import { readInstance } from '../runtime/instance/loadInstance';
import { LocalRuntime } from '../runtime/localRuntime';
import { ORDER_STATUS, type OrderRecord } from '../runtime/state/records';
import { loadRuntimeMetadata } from '../runtime/state/metadata';
import type { JournalEntry } from '../sandboxes/core/journal';
import { admin } from '../sandboxes/sandboxProcess';
import { MONEXT_JOB, MONEXT_SITE, monextInstance, monextOrderFacts } from './monextWorkload';

export interface MonextCaseInput {
  /** Orders per action: this many shipped orders and as many unshipped ones. */
  orders: number;
  /** The sandbox's origin (admin endpoints) and the Monext API base URL. */
  origin: string;
  baseUrl: string;
  cartridgesRoot: string;
}

export type MonextAction = 'capture' | 'refund' | 'cancel';

export interface MonextPhase {
  action: MonextAction;
  /** Orders this run should have operated on. */
  orders: number;
  /** Orders that ended with the action's success status (Captured, Refunded, Cancelled). */
  succeeded: number;
  /** The first few orders that did not, with their status and reason. */
  notSucceeded: Array<{ orderNo: string; status: string | null; reason: string | null }>;
  /** Captured orders whose monextTransactionID is not the session's transaction (capture run only). */
  transactionNotStored: number;
  /** Requests the sandbox received during the run (journal sequence numbers). */
  calls: number;
  /** Of which reads (GET of a session or a transaction). */
  reads: number;
  byRoute: Record<string, number>;
  /** Requests the runtime sent (its communication log). */
  runtimeCalls: number;
  commits: number;
  customObjectWrites: number;
  customObjectsLeft: number;
  jobMs: number;
  status: string;
  exitCode: string;
  report: string | null;
}

export interface MonextCaseResult {
  orders: number;
  loadMs: number;
  phases: MonextPhase[];
}

const SUCCESS: Record<MonextAction, { attribute: string; value: string }> = {
  capture: { attribute: 'payopsCaptureStatus', value: 'Captured' },
  refund: { attribute: 'payopsRefundStatus', value: 'Refunded' },
  cancel: { attribute: 'payopsCancelStatus', value: 'Cancelled' },
};

function enumText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'value' in (value as object)) return enumText((value as { value: unknown }).value);
  return String(value);
}

async function journalSince(origin: string, since: number): Promise<JournalEntry[]> {
  return ((await admin(origin, 'GET', `journal?since=${since}`, undefined, 60_000)) as { entries: JournalEntry[] })
    .entries;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as MonextCaseInput;
  const loadStarted = performance.now();
  const metadata = loadRuntimeMetadata();
  const runtime = new LocalRuntime({
    state: readInstance(monextInstance(input.orders, input.baseUrl), metadata),
    metadata,
    cartridgesRoot: input.cartridgesRoot,
  });
  const loadMs = performance.now() - loadStarted;
  const site = runtime.core.state.sites.get(MONEXT_SITE);
  if (!site) throw new Error(`The instance has no site ${MONEXT_SITE}`);
  const orderAt = (index: number): OrderRecord | undefined =>
    site.orders.get(monextOrderFacts(index, input.orders).orderNo);
  const shipped = Array.from({ length: input.orders }, (_, i) => i);
  const unshipped = Array.from({ length: input.orders }, (_, i) => input.orders + i);

  const before = await journalSince(input.origin, 0);
  let since = before.length > 0 ? before[before.length - 1].seq : 0;
  const transactions = runtime.core.transactions;
  const phases: MonextPhase[] = [];

  const run = async (action: MonextAction, indexes: number[]): Promise<void> => {
    const callsBefore = runtime.core.communication.filter((entry) => entry.kind === 'request').length;
    const commitsBefore = transactions.commits;
    const writesBefore = transactions.customObjectWrites;
    const started = performance.now();
    const result = runtime.runJob(MONEXT_JOB, { site: MONEXT_SITE });
    const jobMs = performance.now() - started;
    const runtimeCalls = runtime.core.communication.filter((entry) => entry.kind === 'request').length - callsBefore;

    const entries = await journalSince(input.origin, since);
    const last = entries.length > 0 ? entries[entries.length - 1].seq : since;
    const byRoute: Record<string, number> = {};
    for (const entry of entries) byRoute[entry.route ?? 'unrouted'] = (byRoute[entry.route ?? 'unrouted'] ?? 0) + 1;
    const calls = last - since;
    if (calls !== entries.length) byRoute['(not kept by the journal)'] = calls - entries.length;
    since = last;

    const success = SUCCESS[action];
    let succeeded = 0;
    let transactionNotStored = 0;
    const notSucceeded: MonextPhase['notSucceeded'] = [];
    for (const index of indexes) {
      const order = orderAt(index);
      const status = order ? enumText(order.custom[success.attribute]) : null;
      if (status === success.value) {
        succeeded++;
        if (
          action === 'capture' &&
          order?.custom.monextTransactionID !== monextOrderFacts(index, input.orders).transactionId
        ) {
          transactionNotStored++;
        }
      } else if (notSucceeded.length < 5) {
        notSucceeded.push({
          orderNo: monextOrderFacts(index, input.orders).orderNo,
          status,
          reason: order ? enumText(order.custom.payopsReason) : 'order missing',
        });
      }
    }
    phases.push({
      action,
      orders: indexes.length,
      succeeded,
      notSucceeded,
      transactionNotStored,
      calls,
      reads: entries.filter((entry) => entry.method === 'GET').length,
      byRoute,
      runtimeCalls,
      commits: transactions.commits - commitsBefore,
      customObjectWrites: transactions.customObjectWrites - writesBefore,
      customObjectsLeft: runtime.core.customObjectCount(),
      jobMs,
      status: result.status,
      exitCode: result.exitCode,
      report: result.steps.find((step) => step.stepId === 'Report')?.message ?? null,
    });
  };
  const cancelOrders = (indexes: number[]): void => {
    for (const index of indexes) {
      const order = orderAt(index);
      if (order) order.status = ORDER_STATUS.CANCELLED;
    }
  };

  await run('capture', shipped);
  cancelOrders(shipped);
  await run('refund', shipped);
  cancelOrders(unshipped);
  await run('cancel', unshipped);

  const output: MonextCaseResult = { orders: input.orders, loadMs, phases };
  process.stdout.write(`RESULT ${JSON.stringify(output)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
