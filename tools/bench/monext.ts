/**
 * The Monext case of `npm run bench`: provider calls per operation of the job monextHandleOrders
 * (docs/benchmarks.md, "Monext: calls per operation"). The parent starts the Monext sandbox
 * (`bindSandboxes`, in its own process) and seeds one session per order; the runtime runs in
 * another process (tools/bench/monextCase.ts): a capture run, a refund run, a cancel run. This
 * module checks what they did and formats the report.
 *
 * The goal it checks (at most one read per order): an order's first operation costs at most 2
 * calls (the session read that tells the transaction ID, then the operation), and an operation on
 * an order whose transaction is stored costs 1.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import Table from 'cli-table3';
import { PATHS } from '../build/paths';
import { bindSandboxes } from '../runtime/sandboxBinding';
import type { MonextAction, MonextCaseInput, MonextCaseResult, MonextPhase } from './monextCase';
import { MONEXT_MAX_ORDERS, monextOrderFacts, monextSessions } from './monextWorkload';

export const DEFAULT_MONEXT_ORDERS = 1_000;
const SEED_BATCH = 2_000;

/** Most calls one successful operation may cost: 2 for an order's first one (a read, then the operation), 1 after. */
export const MAX_CALLS_PER_OPERATION: Record<MonextAction, number> = { capture: 2, refund: 1, cancel: 2 };
const MAX_COMMITS_PER_OPERATION = 2;

const ACTION_TEXT: Record<MonextAction, string> = {
  capture: 'capture (shipped, first operation)',
  refund: 'refund after capture (transaction stored)',
  cancel: 'cancel before capture (first operation)',
};

export interface MonextOutcome {
  orders: number;
  result: MonextCaseResult | null;
  /** Sessions whose totals at the sandbox are not what the three runs should leave. */
  sandboxAnomalies: number;
  sandboxAnomalyExamples: string[];
  failures: string[];
}

interface SandboxSession {
  sessionId: string;
  operations: Array<{ type: string; status: string }>;
  totals: { authorized: number; captured: number; cancelled: number; refunded: number };
}

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function parseMonextOrders(text: string): number {
  const orders = Number(text.trim().replace(/_/g, ''));
  if (!Number.isSafeInteger(orders) || orders < 0 || orders > MONEXT_MAX_ORDERS) {
    throw new RangeError(
      `--monext-orders expects a whole number from 0 to ${number(MONEXT_MAX_ORDERS)}, got '${text}'`,
    );
  }
  return orders;
}

/** Calls per successful operation of a run, or null when none succeeded. */
export function callsPerOperation(phase: MonextPhase): number | null {
  return phase.succeeded > 0 ? phase.calls / phase.succeeded : null;
}

/** What a run must have done; each failure is one sentence. */
export function checkPhase(phase: MonextPhase): string[] {
  const failures: string[] = [];
  const what = phase.action;
  if (phase.status !== 'OK' || phase.exitCode !== 'OK') {
    failures.push(`${what} run ended ${phase.status}/${phase.exitCode} (${(phase.report ?? '').slice(0, 300)})`);
  }
  if (phase.succeeded !== phase.orders) {
    const examples = phase.notSucceeded
      .map((order) => `${order.orderNo} ${order.status ?? 'empty'}${order.reason ? ` (${order.reason})` : ''}`)
      .join('; ');
    failures.push(
      `${what}: ${number(phase.orders - phase.succeeded)} of ${number(phase.orders)} orders not done, e.g. ${examples}`,
    );
  }
  const perOperation = callsPerOperation(phase);
  const limit = MAX_CALLS_PER_OPERATION[what];
  if (perOperation !== null && perOperation > limit) {
    failures.push(
      `${what}: ${number(phase.calls)} calls for ${number(phase.succeeded)} operations (${JSON.stringify(phase.byRoute)}); at most ${limit} per operation`,
    );
  }
  if (what === 'refund' && phase.reads > 0) {
    failures.push(
      `refund: ${number(phase.reads)} read(s) although every order's transaction was stored by its capture`,
    );
  }
  if (phase.transactionNotStored > 0) {
    failures.push(
      `capture: ${number(phase.transactionNotStored)} captured order(s) without the session's transaction ID stored`,
    );
  }
  if (phase.runtimeCalls !== phase.calls) {
    failures.push(
      `${what}: the runtime sent ${number(phase.runtimeCalls)} requests, the sandbox received ${number(phase.calls)}`,
    );
  }
  if (phase.commits > MAX_COMMITS_PER_OPERATION * phase.orders) {
    failures.push(
      `${what}: ${number(phase.commits)} commits for ${number(phase.orders)} operations; the success path needs at most ${MAX_COMMITS_PER_OPERATION} per operation`,
    );
  }
  if (phase.customObjectsLeft > 0) {
    failures.push(
      `${what}: ${number(phase.customObjectsLeft)} custom object(s) left after a run in which every operation ended`,
    );
  }
  return failures;
}

/** What the three runs must have done across the orders: at most one read per order. */
export function checkReads(result: MonextCaseResult): string[] {
  const reads = result.phases.reduce((sum, phase) => sum + phase.reads, 0);
  const orders = 2 * result.orders;
  return reads > orders ? [`${number(reads)} reads for ${number(orders)} orders; at most one per order`] : [];
}

/** The sessions as the three runs must leave them: shipped ones captured then refunded in full, the others cancelled. */
function sandboxAnomalies(sessions: SandboxSession[], orders: number): { count: number; examples: string[] } {
  const byId = new Map(sessions.map((session) => [session.sessionId, session]));
  let count = 0;
  const examples: string[] = [];
  for (let index = 0; index < 2 * orders; index++) {
    const facts = monextOrderFacts(index, orders);
    const session = byId.get(facts.sessionId);
    const ok = session?.operations.filter((operation) => operation.status === 'OK').map((operation) => operation.type);
    const expected = facts.shipped ? ['CAPTURE', 'REFUND'] : ['CANCEL'];
    const t = session?.totals;
    const right =
      session !== undefined &&
      JSON.stringify(ok) === JSON.stringify(expected) &&
      t !== undefined &&
      (facts.shipped
        ? t.captured === facts.totalMinor && t.refunded === facts.totalMinor && t.cancelled === 0
        : t.cancelled === facts.totalMinor && t.captured === 0 && t.refunded === 0);
    if (right) continue;
    count++;
    if (examples.length < 3) {
      examples.push(
        session ? `${facts.sessionId}: ${JSON.stringify(ok)} ${JSON.stringify(t)}` : `${facts.sessionId} missing`,
      );
    }
  }
  return { count, examples };
}

function runChild(
  input: MonextCaseInput,
  heapLimitMiB: number,
): Promise<{ result: MonextCaseResult | null; exit: string | null }> {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${heapLimitMiB}`,
      '--import',
      'tsx',
      path.join(__dirname, 'monextCase.ts'),
      JSON.stringify(input),
    ],
    { cwd: PATHS.root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let result: MonextCaseResult | null = null;
  const lines = readline.createInterface({ input: child.stdout });
  const drained = new Promise<void>((resolve) => lines.once('close', () => resolve()));
  lines.on('line', (line) => {
    if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length)) as MonextCaseResult;
    else if (line.trim() !== '') process.stderr.write(`  [monext] ${line}\n`);
  });
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      void drained.then(() =>
        resolve({ result, exit: code === 0 ? null : signal ? `signal ${signal}` : `code ${code}` }),
      );
    });
  });
}

/** Runs the Monext case: `orders` shipped orders captured then refunded, `orders` unshipped ones cancelled. */
export async function runMonextCase(
  orders: number,
  settings: { cartridgesRoot: string; heapLimitMiB: number },
): Promise<MonextOutcome> {
  process.stderr.write(
    `\n▸ Monext (monextHandleOrders): starting the sandbox and seeding ${number(2 * orders)} sessions…\n`,
  );
  const bound = await bindSandboxes({ sites: [] }, { providers: ['monext'], latencyMs: 0 });
  const failures: string[] = [];
  let child: Awaited<ReturnType<typeof runChild>>;
  let anomalies = { count: 0, examples: [] as string[] };
  try {
    const sandbox = bound.sandboxes.get('monext');
    if (!sandbox) throw new Error('bindSandboxes started no Monext sandbox');
    for (let from = 0; from < 2 * orders; from += SEED_BATCH) {
      await sandbox.seed(monextSessions(from, Math.min(2 * orders, from + SEED_BATCH), orders));
    }
    process.stderr.write(`  sandbox at ${sandbox.baseUrl}; running the job: capture, refund, cancel…\n`);
    child = await runChild(
      { orders, origin: sandbox.origin, baseUrl: sandbox.baseUrl, cartridgesRoot: settings.cartridgesRoot },
      settings.heapLimitMiB,
    );
    const state = (await sandbox.state()) as { sessions: SandboxSession[] };
    anomalies = sandboxAnomalies(state.sessions, orders);
  } finally {
    await bound.close();
  }
  const result = child.result;
  if (!result) {
    failures.push(`the case process ended (${child.exit ?? 'code 0'}) without a result`);
  } else {
    for (const phase of result.phases) failures.push(...checkPhase(phase));
    failures.push(...checkReads(result));
  }
  if (anomalies.count > 0) {
    failures.push(
      `${number(anomalies.count)} session(s) at the sandbox not captured and refunded (shipped) or cancelled (not shipped) exactly once for the order total, e.g. ${anomalies.examples.join('; ')}`,
    );
  }
  return {
    orders,
    result,
    sandboxAnomalies: anomalies.count,
    sandboxAnomalyExamples: anomalies.examples,
    failures,
  };
}

/** The table of the Monext case: one row per run. */
export function monextTable(outcome: MonextOutcome): string {
  const table = new Table({
    head: ['Run', 'Orders', 'Job run', 'Calls', 'Reads', 'Calls/operation', 'Goal', 'Commits/operation', 'Check'],
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const phase of outcome.result?.phases ?? []) {
    const perOperation = callsPerOperation(phase);
    table.push([
      ACTION_TEXT[phase.action],
      number(phase.orders),
      `${number(phase.jobMs / 1000, 1)} s`,
      number(phase.calls),
      number(phase.reads),
      perOperation === null ? '–' : number(perOperation, 2),
      `≤ ${MAX_CALLS_PER_OPERATION[phase.action]}`,
      phase.succeeded > 0 ? number(phase.commits / phase.succeeded, 2) : '–',
      checkPhase(phase).length === 0 ? 'OK' : 'FAIL',
    ]);
  }
  return table.toString();
}

/** The Monext figures as one JSON line (what the issue tracks from run to run). */
export function monextFigures(outcome: MonextOutcome): Record<string, string | number | null> {
  const phase = (action: MonextAction) => outcome.result?.phases.find((p) => p.action === action);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
  const per = (action: MonextAction) => {
    const p = phase(action);
    return p ? round(callsPerOperation(p)) : null;
  };
  const commits = (action: MonextAction) => {
    const p = phase(action);
    return p && p.succeeded > 0 ? round(p.commits / p.succeeded) : null;
  };
  const reads = outcome.result ? outcome.result.phases.reduce((sum, p) => sum + p.reads, 0) : null;
  return {
    provider: 'monext',
    job: 'monextHandleOrders',
    orders: outcome.orders,
    callsPerCapture: per('capture'),
    callsPerRefund: per('refund'),
    callsPerCancel: per('cancel'),
    readsPerOrder: reads === null ? null : round(reads / (2 * outcome.orders)),
    commitsPerCapture: commits('capture'),
    commitsPerRefund: commits('refund'),
    commitsPerCancel: commits('cancel'),
  };
}

export function monextDetails(outcome: MonextOutcome): string[] {
  const r = outcome.result;
  if (!r) return ['  Monext: no result'];
  const lines = [`  Monext, ${number(outcome.orders)} orders per action: load ${number(r.loadMs / 1000, 1)} s`];
  for (const phase of r.phases) {
    const routes = Object.entries(phase.byRoute)
      .map(([route, count]) => `${route} ${number(count)}`)
      .join(', ');
    lines.push(
      `    ${phase.action}: sandbox requests: ${routes || 'none'}; Report: ${phase.report ?? 'no Report step message'}`,
    );
  }
  return lines;
}
