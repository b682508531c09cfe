/**
 * npm run bench [-- --sizes 1000,10000,100000] [--skip-latency] [--monext-orders 1000] [--cpu-prof [dir]] [--heap-snapshot [dir]]
 *
 * Throughput, provider calls and memory of the AlmaDeferredCapture job run by the local runtime
 * against the Alma sandbox over loopback HTTP (docs/benchmarks.md). Builds dist/ first, then runs
 * each case in its own child process (its memory peaks are its own) with the sandbox in another:
 *  - for each size: that many ToCapture Alma orders on one site, zero-latency sandbox;
 *  - unless --skip-latency: 1,000 orders against a sandbox answering after 50 ms.
 * Every case is checked afterwards (job OK, every order Captured, one sandbox capture per order
 * of the order's amount, one provider call per capture, at most two commits per capture, no
 * custom object left); a failed check prints a FAIL line and the exit code is 1. Each case also
 * prints one JSON line (orders, ordersPerSecond, callsPerOperation, commitsPerOperation,
 * customObjectWritesPerOperation, customObjectsLeft, peakHeapMiB, retainedKiBPerOrder).
 *
 * Then, unless --monext-orders 0, the Monext case (tools/bench/monext.ts): the job
 * monextHandleOrders against the Monext sandbox, calls per capture (an order's first operation,
 * at most 2: the session read, then the capture), per refund after capture (the transaction is
 * stored, at most 1) and per cancel before capture (at most 2), with its own checks and JSON line.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Table from 'cli-table3';
import { Command } from 'commander';
import { build } from '../build/build';
import { PATHS } from '../build/paths';
import type { CallCost } from './callCost';
import type { CaseInput, CaseProgress, CaseResult } from './case';
import type { SearchCost } from './searchCost';
import { summarizeHeapSnapshot } from './heapSummary';
import { mainThreadProfile, summarizeProfile } from './profileSummary';
import {
  DEFAULT_MONEXT_ORDERS,
  monextDetails,
  monextFigures,
  monextTable,
  parseMonextOrders,
  runMonextCase,
  type MonextOutcome,
} from './monext';
import { startBenchSandbox } from './sandbox';

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
/** Commits per capture above which a run fails its check: the intent before the call, the outcome after it. */
const MAX_COMMITS_PER_OPERATION = 2;
const LATENCY_ORDERS = 1_000;
const LATENCY_MS = 50;
/**
 * Heap limit of each case's process (V8 old space), in MiB: the goal is that 100,000 orders run
 * within 1 GiB. Under Node's default limit (about 4 GiB here) V8 lets garbage pile up to about
 * twice the live heap before a full collection, so the peak would measure V8's patience, not what
 * the run needs; with the limit, a run that needs more than it ends with an out-of-memory FAIL.
 */
const DEFAULT_HEAP_LIMIT_MIB = 1024;

interface CaseSpec {
  orders: number;
  latencyMs: number;
}

interface SandboxFacts {
  kind: string;
  /** Requests the sandbox received during the run (journal sequence numbers). */
  requests: number;
  byRoute: Record<string, number>;
  /** Payments with at least one capture, captures in all, and anomalies. */
  capturedPayments: number;
  captures: number;
  multiCaptured: number;
  wrongAmount: number;
  payments: number;
}

interface CaseOutcome {
  spec: CaseSpec;
  result: CaseResult | null;
  sandbox: SandboxFacts | null;
  failures: string[];
  profile: string | null;
  heapSnapshot: string | null;
  childPid: number | null;
}

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const seconds = (ms: number) => `${number(ms / 1000, 1)} s`;
const mebibytes = (bytes: number) => `${number(bytes / 2 ** 20)} MiB`;
const label = (spec: CaseSpec) => `${number(spec.orders)} orders, ${spec.latencyMs} ms latency`;

class UsageError extends Error {}

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => Number(part.trim().replace(/_/g, '')));
  if (sizes.length === 0 || sizes.some((size) => !Number.isSafeInteger(size) || size <= 0)) {
    throw new UsageError(`--sizes expects positive whole numbers separated by commas, got '${text}'`);
  }
  return sizes;
}

function machine(): string {
  const cpus = os.cpus();
  return (
    `${cpus.length} CPU${cpus.length === 1 ? '' : 's'} (${cpus[0]?.model.trim() ?? 'unknown model'}), ` +
    `${number(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`
  );
}

/** The commit measured, and whether the working tree differs from it (numbers are tied to the code). */
function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: PATHS.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'not a git checkout';
  }
}

/**
 * Builds dist/ and copies the cartridges to a private folder, so that another build running
 * meanwhile (tests rebuild dist/) cannot swap the code under a long run.
 */
function buildSnapshot(): string {
  build();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'payops-bench-'));
  const target = path.join(folder, 'cartridges');
  fs.cpSync(PATHS.distCartridges, target, { recursive: true });
  const scripts = path.join(target, 'int_payment_operations', 'cartridge', 'scripts', 'jobs');
  for (const module of ['almaDeferredCapture.js', 'report.js']) {
    if (!fs.existsSync(path.join(scripts, module))) {
      throw new Error(`dist/ changed while it was copied (is another build running?): ${module} is missing`);
    }
  }
  return target;
}

function progressLine(spec: CaseSpec, progress: CaseProgress, previous: CaseProgress | null): string {
  const rate = progress.read / (progress.elapsedMs / 1000);
  const span = previous ? progress.read - previous.read : 0;
  const recent =
    previous && span > 0
      ? `, ${number((progress.elapsedMs - previous.elapsedMs) / span, 2)} ms/order over the last ${number(span)}`
      : '';
  return (
    `  [${label(spec)}] ${number(progress.read)}/${number(progress.total ?? spec.orders)} in ${seconds(progress.elapsedMs)}` +
    ` — ${number(rate)} orders/s overall${recent}, heap ${mebibytes(progress.heapUsedBytes)}`
  );
}

async function runChild(
  spec: CaseSpec,
  input: CaseInput,
  profileDir: string | null,
  heapLimitMiB: number,
): Promise<{ result: CaseResult | null; exit: string | null; pid: number | null }> {
  const script = path.join(__dirname, 'case.ts');
  const profiling = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(
    process.execPath,
    [
      ...profiling,
      `--max-old-space-size=${heapLimitMiB}`,
      '--expose-gc',
      '--import',
      'tsx',
      script,
      JSON.stringify(input),
    ],
    {
      cwd: PATHS.root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let result: CaseResult | null = null;
  let previous: CaseProgress | null = null;
  const lines = readline.createInterface({ input: child.stdout });
  const drained = new Promise<void>((resolve) => lines.once('close', () => resolve()));
  lines.on('line', (line) => {
    if (line.startsWith('PROGRESS ')) {
      const progress = JSON.parse(line.slice('PROGRESS '.length)) as CaseProgress;
      process.stderr.write(`${progressLine(spec, progress, previous)}\n`);
      previous = progress;
    } else if (line.startsWith('RESULT ')) {
      result = JSON.parse(line.slice('RESULT '.length)) as CaseResult;
    } else if (line.trim() !== '') {
      process.stderr.write(`  [${label(spec)}] ${line}\n`);
    }
  });
  const exit = await new Promise<string | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code === 0 ? null : signal ? `signal ${signal}` : `code ${code}`));
  });
  await drained;
  return { result, exit, pid: child.pid ?? null };
}

interface RunSettings {
  cartridgesRoot: string;
  profileDir: string | null;
  snapshotDir: string | null;
  heapLimitMiB: number;
}

async function runCase(spec: CaseSpec, settings: RunSettings): Promise<CaseOutcome> {
  const { cartridgesRoot, profileDir, snapshotDir } = settings;
  const failures: string[] = [];
  process.stderr.write(`\n▸ ${label(spec)}: starting the sandbox and seeding ${number(spec.orders)} payments…\n`);
  const sandbox = await startBenchSandbox(spec.orders, spec.latencyMs);
  let facts: SandboxFacts | null = null;
  let child: Awaited<ReturnType<typeof runChild>>;
  try {
    const before = await sandbox.journalSince(0);
    const since = before.length > 0 ? before[before.length - 1].seq : 0;
    process.stderr.write(`  sandbox: ${sandbox.kind} at ${sandbox.baseUrl}; running the job…\n`);
    child = await runChild(
      spec,
      {
        size: spec.orders,
        almaBaseUrl: sandbox.baseUrl,
        cartridgesRoot,
        progressEvery: Math.max(100, Math.round(spec.orders / 10)),
        heapSnapshotFile: snapshotDir ? snapshotFile(snapshotDir, spec) : undefined,
      },
      profileDir,
      settings.heapLimitMiB,
    );
    const entries = await sandbox.journalSince(since);
    const byRoute: Record<string, number> = {};
    for (const entry of entries) byRoute[entry.route ?? 'unrouted'] = (byRoute[entry.route ?? 'unrouted'] ?? 0) + 1;
    const requests = entries.length > 0 ? entries[entries.length - 1].seq - since : 0;
    if (requests !== entries.length) byRoute['(not kept by the journal)'] = requests - entries.length;
    const state = await sandbox.payments();
    let capturedPayments = 0;
    let captures = 0;
    let multiCaptured = 0;
    let wrongAmount = 0;
    for (const payment of state.payments) {
      captures += payment.captures.length;
      if (payment.captures.length > 0) capturedPayments++;
      if (payment.captures.length > 1) multiCaptured++;
      if (payment.captures.length > 0 && payment.captured_amount !== payment.purchase_amount) wrongAmount++;
    }
    facts = {
      kind: sandbox.kind,
      requests,
      byRoute,
      capturedPayments,
      captures,
      multiCaptured,
      wrongAmount,
      payments: state.payments.length,
    };
  } finally {
    await sandbox.close();
  }

  const result = child.result;
  if (!result) {
    failures.push(`the case process ended (${child.exit ?? 'code 0'}) without a result`);
  } else {
    if (result.status !== 'OK' || result.exitCode !== 'OK') {
      const report = result.steps.map((step) => `${step.stepId}: ${step.exitCode} ${step.message ?? ''}`.trim());
      failures.push(`job ended ${result.status}/${result.exitCode} (${report.join(' | ').slice(0, 400)})`);
    }
    if (result.ordersNotCapturedCount > 0) {
      const examples = result.ordersNotCaptured
        .map((order) => `${order.orderNo} ${order.status ?? 'empty'}${order.reason ? ` (${order.reason})` : ''}`)
        .join('; ');
      failures.push(`${number(result.ordersNotCapturedCount)} order(s) not Captured, e.g. ${examples}`);
    }
  }
  if (facts) {
    if (facts.payments !== spec.orders) {
      failures.push(
        `the sandbox holds ${number(facts.payments)} payments, expected one per order (${number(spec.orders)})`,
      );
    }
    if (facts.captures !== spec.orders || facts.capturedPayments !== spec.orders) {
      failures.push(
        `sandbox captures ${number(facts.captures)} on ${number(facts.capturedPayments)} payments, expected ${number(spec.orders)}`,
      );
    }
    if (facts.multiCaptured > 0) failures.push(`${number(facts.multiCaptured)} payment(s) captured more than once`);
    if (facts.wrongAmount > 0) failures.push(`${number(facts.wrongAmount)} capture(s) not of the order total`);
    if (facts.captures > 0 && facts.requests !== facts.captures) {
      failures.push(
        `${number(facts.requests)} provider calls for ${number(facts.captures)} captures (${JSON.stringify(facts.byRoute)}); a clean run makes one per capture`,
      );
    }
    if (result && result.commits > MAX_COMMITS_PER_OPERATION * spec.orders) {
      failures.push(
        `${number(result.commits)} commits for ${number(spec.orders)} captures; the success path needs at most ${MAX_COMMITS_PER_OPERATION} per operation`,
      );
    }
    if (result && result.customObjectsLeft > 0) {
      failures.push(
        `${number(result.customObjectsLeft)} custom object(s) left after a run in which every capture ended`,
      );
    }
    if (result && result.runtimeCalls !== facts.requests) {
      failures.push(
        `the runtime sent ${number(result.runtimeCalls)} requests, the sandbox received ${number(facts.requests)}`,
      );
    }
  }
  const profileFile = profileDir && child.pid !== null ? mainThreadProfile(profileDir, child.pid) : null;
  const heapSnapshot =
    snapshotDir && fs.existsSync(snapshotFile(snapshotDir, spec)) ? snapshotFile(snapshotDir, spec) : null;
  return { spec, result, sandbox: facts, failures, profile: profileFile, heapSnapshot, childPid: child.pid };
}

function snapshotFile(dir: string, spec: CaseSpec): string {
  return path.join(dir, `bench-${spec.orders}-orders-${spec.latencyMs}ms.heapsnapshot`);
}

function callsPerCapture(outcome: CaseOutcome): string {
  const facts = outcome.sandbox;
  if (!facts || facts.captures === 0) return '–';
  return number(facts.requests / facts.captures, 2);
}

/** The per-size figures as one JSON line (what the issue tracks from run to run). */
export function figures(outcome: CaseOutcome): Record<string, number | null> {
  const r = outcome.result;
  const orders = outcome.spec.orders;
  const facts = outcome.sandbox;
  const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    orders,
    latencyMs: outcome.spec.latencyMs,
    ordersPerSecond: r ? round(orders / (r.jobMs / 1000), 1) : null,
    callsPerOperation: facts && facts.captures > 0 ? round(facts.requests / facts.captures, 3) : null,
    commitsPerOperation: r ? round(r.commits / orders, 3) : null,
    customObjectWritesPerOperation: r ? round(r.customObjectWrites / orders, 3) : null,
    customObjectsLeft: r ? r.customObjectsLeft : null,
    peakHeapMiB: r ? round(r.peakHeapUsedBytes / 2 ** 20, 1) : null,
    retainedKiBPerOrder: r ? round((r.retainedHeapBytes - r.loadedHeapBytes) / 1024 / orders, 2) : null,
  };
}

function check(outcome: CaseOutcome): string {
  return outcome.failures.length === 0 ? 'OK' : 'FAIL';
}

function throughputTable(outcomes: CaseOutcome[]): string {
  const table = new Table({
    head: [
      'Orders',
      'Sandbox',
      'Load',
      'Job run',
      'Orders/s',
      'ms/order first → last 10 %',
      'Calls/capture',
      'Commits/capture',
      'CO writes/capture',
      'CO left',
      'Peak RSS',
      'Peak heap used',
      'Check',
    ],
    style: { head: [], border: [] },
    colAligns: [
      'right',
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'left',
    ],
  });
  for (const outcome of outcomes) {
    const r = outcome.result;
    table.push([
      number(outcome.spec.orders),
      outcome.sandbox?.kind ?? '–',
      r ? seconds(r.loadMs) : '–',
      r ? seconds(r.jobMs) : '–',
      r ? number(outcome.spec.orders / (r.jobMs / 1000)) : '–',
      r && r.firstTenthMsPerOrder !== null && r.lastTenthMsPerOrder !== null
        ? `${number(r.firstTenthMsPerOrder, 2)} → ${number(r.lastTenthMsPerOrder, 2)}`
        : '–',
      callsPerCapture(outcome),
      r ? number(r.commits / outcome.spec.orders, 2) : '–',
      r ? number(r.customObjectWrites / outcome.spec.orders, 2) : '–',
      r ? number(r.customObjectsLeft) : '–',
      r ? mebibytes(r.peakRssBytes) : '–',
      r ? mebibytes(r.peakHeapUsedBytes) : '–',
      check(outcome),
    ]);
  }
  return table.toString();
}

function latencyTable(outcomes: CaseOutcome[]): string {
  const table = new Table({
    head: [
      'Orders',
      'Latency',
      'Job run',
      'Floor (orders × latency)',
      'Ratio',
      'Overhead/order',
      'Calls/capture',
      'Check',
    ],
    style: { head: [], border: [] },
    colAligns: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const outcome of outcomes) {
    const r = outcome.result;
    const floorMs = outcome.spec.orders * outcome.spec.latencyMs;
    table.push([
      number(outcome.spec.orders),
      `${outcome.spec.latencyMs} ms`,
      r ? seconds(r.jobMs) : '–',
      seconds(floorMs),
      r ? `${number(r.jobMs / floorMs, 3)}×` : '–',
      r ? `${number((r.jobMs - floorMs) / outcome.spec.orders, 2)} ms` : '–',
      callsPerCapture(outcome),
      check(outcome),
    ]);
  }
  return table.toString();
}

function details(outcome: CaseOutcome): string[] {
  const r = outcome.result;
  if (!r) return [`  ${label(outcome.spec)}: no result`];
  const report = r.steps.find((step) => step.stepId === 'Report')?.message ?? 'no Report step message';
  const warnings = Object.entries(r.warnings)
    .map(([code, count]) => `${code} ×${number(count)}`)
    .join(', ');
  const routes = outcome.sandbox
    ? Object.entries(outcome.sandbox.byRoute)
        .map(([route, count]) => `${route} ${number(count)}`)
        .join(', ')
    : 'unknown';
  return [
    `  ${label(outcome.spec)}: first chunk after ${r.firstChunkMs === null ? '–' : seconds(r.firstChunkMs)}` +
      ` (beforeStep, total count, first 10 orders); sandbox requests: ${routes || 'none'}`,
    `    Report: ${report}`,
    `    heap: ${mebibytes(r.loadedHeapBytes)} after loading the instance, ${mebibytes(r.retainedHeapBytes)} still in use` +
      ` after the run (full GC), i.e. ${number((r.retainedHeapBytes - r.loadedHeapBytes) / 1024 / outcome.spec.orders, 1)} KiB` +
      ` retained per order; heap limit ${mebibytes(r.heapLimitBytes)}`,
    `    runtime warnings: ${warnings || 'none'}`,
  ];
}

interface Parts {
  /** One synchronous service call against a loopback server answering at once (tools/bench/callCost.ts). */
  call: CallCost;
  /** The capture selection's total count and paging read at the largest size (tools/bench/searchCost.ts). */
  search: SearchCost;
}

/** Runs a bench tool in its own process and returns the JSON of its last line that starts with `prefix` (`RESULT ` dropped). */
function toolResult<T>(script: string, args: string[], prefix: string, heapLimitMiB: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${heapLimitMiB}`, '--import', 'tsx', path.join(__dirname, script), ...args],
      { cwd: PATHS.root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => {
      const line = output
        .split('\n')
        .filter((text) => text.startsWith(prefix))
        .pop();
      const json = line?.startsWith('RESULT ') ? line.slice('RESULT '.length) : line;
      if (code === 0 && json !== undefined) resolve(JSON.parse(json) as T);
      else reject(new Error(`${script} ${args.join(' ')} ended with code ${code}:\n${output}`));
    });
  });
}

/** The two parts the issue's goals name on their own: one service call, and order search's count and read. */
async function measureParts(orders: number, cartridgesRoot: string, heapLimitMiB: number): Promise<Parts> {
  process.stderr.write(`\n▸ parts: one service call (1,000 calls), order search at ${number(orders)} orders…\n`);
  const call = await toolResult<CallCost>('callCost.ts', ['--calls', '1000', '--latency', '0'], '{', heapLimitMiB);
  const search = await toolResult<SearchCost>(
    'searchCost.ts',
    ['--orders', String(orders), '--cartridges', cartridgesRoot],
    'RESULT ',
    heapLimitMiB,
  );
  return { call, search };
}

function partLines(parts: Parts): string[] {
  const { call, search } = parts;
  return [
    '\nParts, measured alone:',
    `  one service call at zero latency (performHttpExchange, loopback server): ${number(call.meanMs, 2)} ms mean,` +
      ` ${number(call.p50Ms, 2)} ms p50, ${number(call.p99Ms, 2)} ms p99 over ${number(call.calls)} calls;` +
      ` ${number(call.connectionsOpened)} connection(s) opened`,
    `  order search at ${number(search.orders)} orders (the capture selection, 1,000 per search):` +
      ` total count ${number(search.count.ms)} ms (${number(search.count.searches)} searches),` +
      ` paging read ${number(search.read.ms)} ms`,
  ];
}

/** A folder option given bare (a new temporary folder), with a path, or not at all (null). */
function optionalFolder(option: string | boolean | undefined, prefix: string): string | null {
  if (option === undefined || option === false) return null;
  const dir = typeof option === 'string' ? path.resolve(option) : fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('npm run bench --')
    .description(
      'Benchmark of the AlmaDeferredCapture job, and calls per operation of monextHandleOrders, on the local runtime (docs/benchmarks.md)',
    )
    .option('--sizes <list>', 'order counts for the zero-latency runs, comma-separated', DEFAULT_SIZES.join(','))
    .option('--skip-latency', `skip the ${number(LATENCY_ORDERS)}-order run against a ${LATENCY_MS} ms sandbox`)
    .option(
      '--monext-orders <n>',
      'orders per action of the Monext case (calls per capture, refund and cancel of monextHandleOrders); 0 skips it',
      String(DEFAULT_MONEXT_ORDERS),
    )
    .option('--cpu-prof [dir]', 'write a CPU profile of each case (node --cpu-prof) and list its hottest functions')
    .option(
      '--heap-snapshot [dir]',
      'write a heap snapshot of each case after its run (full GC) and list what the heap holds',
    )
    .option(
      '--heap-limit <MiB>',
      "each case's heap limit (V8 old space); a run that needs more fails",
      String(DEFAULT_HEAP_LIMIT_MIB),
    )
    .parse(process.argv);
  const options = program.opts<{
    heapLimit: string;
    sizes: string;
    skipLatency?: boolean;
    monextOrders: string;
    cpuProf?: string | boolean;
    heapSnapshot?: string | boolean;
  }>();
  const sizes = parseSizes(options.sizes);
  let monextOrders: number;
  try {
    monextOrders = parseMonextOrders(options.monextOrders);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const profileDir = optionalFolder(options.cpuProf, 'payops-bench-profiles-');
  const snapshotDir = optionalFolder(options.heapSnapshot, 'payops-bench-heap-');
  const heapLimitMiB = Number(options.heapLimit);
  if (!Number.isSafeInteger(heapLimitMiB) || heapLimitMiB < 64) {
    throw new UsageError(`--heap-limit expects a whole number of MiB (at least 64), got '${options.heapLimit}'`);
  }

  console.log(
    `AlmaDeferredCapture${monextOrders > 0 ? ' and monextHandleOrders' : ''} benchmark, ${new Date().toISOString()}`,
  );
  console.log(`Machine: ${machine()}`);
  console.log(`Code: ${codeVersion()}`);
  console.log(`Heap limit per case: ${number(heapLimitMiB)} MiB`);
  const cartridgesRoot = buildSnapshot();
  const outcomes: CaseOutcome[] = [];
  let monext: MonextOutcome | null = null;
  let parts: Parts | null = null;
  try {
    const specs: CaseSpec[] = sizes.map((orders) => ({ orders, latencyMs: 0 }));
    if (!options.skipLatency) specs.push({ orders: LATENCY_ORDERS, latencyMs: LATENCY_MS });
    for (const spec of specs) {
      outcomes.push(await runCase(spec, { cartridgesRoot, profileDir, snapshotDir, heapLimitMiB }));
    }
    if (monextOrders > 0) monext = await runMonextCase(monextOrders, { cartridgesRoot, heapLimitMiB });
    parts = await measureParts(Math.max(...sizes), cartridgesRoot, heapLimitMiB);
  } finally {
    fs.rmSync(path.dirname(cartridgesRoot), { recursive: true, force: true });
  }

  const zero = outcomes.filter((o) => o.spec.latencyMs === 0);
  const slow = outcomes.filter((o) => o.spec.latencyMs > 0);
  console.log('');
  console.log(`AlmaDeferredCapture — ${machine()}`);
  if (zero.length > 0) {
    console.log('\nZero-latency Alma sandbox (one site, every order ToCapture, one job run per size):');
    console.log(throughputTable(zero));
  }
  if (slow.length > 0) {
    console.log(`\nAlma sandbox answering after ${LATENCY_MS} ms:`);
    console.log(latencyTable(slow));
  }
  if (monext) {
    console.log(
      `\nMonext (monextHandleOrders), zero-latency Monext sandbox: ${number(monext.orders)} shipped orders captured,` +
        ` then cancelled and refunded; ${number(monext.orders)} unshipped orders cancelled (one job run each):`,
    );
    console.log(monextTable(monext));
  }
  if (parts) for (const line of partLines(parts)) console.log(line);
  console.log('\nPer case, as JSON:');
  for (const outcome of outcomes) console.log(JSON.stringify(figures(outcome)));
  if (monext) console.log(JSON.stringify(monextFigures(monext)));
  if (parts) console.log(JSON.stringify(parts));
  console.log('\nDetails:');
  for (const outcome of outcomes) for (const line of details(outcome)) console.log(line);
  if (monext) for (const line of monextDetails(monext)) console.log(line);
  if (profileDir) {
    console.log(
      `\nCPU profiles in ${profileDir} (open in Chrome DevTools › Performance). Hottest functions, self time:`,
    );
    for (const outcome of outcomes) {
      if (!outcome.profile) continue;
      const summary = summarizeProfile(outcome.profile, PATHS.root, 12);
      console.log(`  ${label(outcome.spec)} — ${path.basename(outcome.profile)}, ${seconds(summary.totalMs)} sampled`);
      for (const line of summary.lines) {
        console.log(
          `    ${number(line.ms).padStart(8)} ms ${number(line.share * 100, 1).padStart(5)} %  ${line.frame}`,
        );
      }
    }
  }
  if (snapshotDir) {
    console.log(`\nHeap snapshots in ${snapshotDir} (open in Chrome DevTools › Memory). Largest kinds, self size:`);
    for (const outcome of outcomes) {
      if (!outcome.heapSnapshot) continue;
      const summary = summarizeHeapSnapshot(outcome.heapSnapshot, 12);
      console.log(
        `  ${label(outcome.spec)} — ${path.basename(outcome.heapSnapshot)}, ${mebibytes(summary.totalBytes)}`,
      );
      for (const line of summary.lines) {
        console.log(`    ${mebibytes(line.selfBytes).padStart(10)} ${number(line.count).padStart(11)}  ${line.what}`);
      }
    }
  }
  const failed = outcomes.filter((o) => o.failures.length > 0);
  console.log('');
  for (const outcome of failed) {
    for (const failure of outcome.failures) console.log(`FAIL ${label(outcome.spec)}: ${failure}`);
  }
  if (monext) for (const failure of monext.failures) console.log(`FAIL Monext: ${failure}`);
  if (failed.length === 0)
    console.log(`All ${outcomes.length} Alma run(s) checked: every order Captured, one capture each.`);
  if (monext && monext.failures.length === 0) {
    console.log(
      `Monext checked: every operation done once, at most 2 calls for an order's first operation, 1 once its transaction is stored, at most one read per order.`,
    );
  }
  process.exitCode = failed.length > 0 || (monext !== null && monext.failures.length > 0) ? 1 : 0;
}

main().catch((error: unknown) => {
  const text =
    error instanceof UsageError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  console.error(`FAIL benchmark: ${text}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
