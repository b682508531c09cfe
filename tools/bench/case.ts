/**
 * One benchmark case, in its own process so that its memory peaks are its own: builds the
 * instance (`size` ToCapture Alma orders), runs the AlmaDeferredCapture job once with the local
 * runtime against the sandbox at `almaBaseUrl`, measures, and checks the orders afterwards.
 *
 * argv: JSON CaseInput. stdout: `PROGRESS {…}` lines during the run (stdout is synchronous on a
 * pipe, so they come out while the job blocks the thread), then one `RESULT {…}` line.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { readInstance } from '../runtime/instance/loadInstance';
import type { JobEvent } from '../runtime/jobs/jobRunner';
import { LocalRuntime } from '../runtime/localRuntime';
import { loadRuntimeMetadata } from '../runtime/state/metadata';
import { BENCH_SITE, CAPTURE_JOB, benchInstance, benchOrderFacts } from './workload';

export interface CaseInput {
  size: number;
  almaBaseUrl: string;
  cartridgesRoot: string;
  /** Print a PROGRESS line every this many orders. */
  progressEvery: number;
  /** Write a heap snapshot here after the run (after a full GC, while the runtime is still held). */
  heapSnapshotFile?: string;
}

export interface CaseProgress {
  read: number;
  total: number | null;
  /** Since runJob was called. */
  elapsedMs: number;
  heapUsedBytes: number;
}

export interface CaseResult {
  size: number;
  /** Building the instance and the runtime (not part of the job). */
  loadMs: number;
  /** Wall time of runtime.runJob (both steps: Capture and Report). */
  jobMs: number;
  /** From the call of runJob to the end of the first chunk (beforeStep, total count, first chunk). */
  firstChunkMs: number | null;
  /** ms per order over the first and the last tenth of the orders (from chunk timings). */
  firstTenthMsPerOrder: number | null;
  lastTenthMsPerOrder: number | null;
  status: string;
  exitCode: string;
  steps: Array<{ stepId: string; status: string; exitCode: string; message: string | null; durationMs: number }>;
  /** Requests the runtime sent (its communication log: one `request` entry per call). */
  runtimeCalls: number;
  /** Transactions committed during the job run (each a database round trip on the platform). */
  commits: number;
  /** Custom objects created, changed or removed in those commits (distinct objects per commit). */
  customObjectWrites: number;
  /** Custom objects left in the instance after the run (the work queue of unfinished operations). */
  customObjectsLeft: number;
  ordersCaptured: number;
  ordersNotCaptured: Array<{ orderNo: string; status: string | null; reason: string | null }>;
  ordersNotCapturedCount: number;
  warnings: Record<string, number>;
  /** Peak resident set size of this process (kernel high-water mark). */
  peakRssBytes: number;
  /** Highest V8 heap use seen (sampled after loading and after every chunk; garbage included). */
  peakHeapUsedBytes: number;
  /** Heap in use after loading, before the run (after a full GC). */
  loadedHeapBytes: number;
  /** Heap the run left in use (after a full GC, measured after the peaks): what the run retains. */
  retainedHeapBytes: number;
  heapLimitBytes: number;
}

function heapUsed(): number {
  return v8.getHeapStatistics().used_heap_size;
}

/** Heap in use after a full collection (the parent starts this process with --expose-gc). */
function liveHeap(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
  return heapUsed();
}

function enumText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && 'value' in (value as object)) return enumText((value as { value: unknown }).value);
  return String(value);
}

function main(): void {
  const input = JSON.parse(process.argv[2] ?? '{}') as CaseInput;
  const emit = (kind: 'PROGRESS' | 'RESULT', body: unknown) =>
    process.stdout.write(`${kind} ${JSON.stringify(body)}\n`);

  const loadStarted = performance.now();
  const metadata = loadRuntimeMetadata();
  const runtime = new LocalRuntime({
    state: readInstance(benchInstance(input.size, input.almaBaseUrl), metadata),
    metadata,
    cartridgesRoot: input.cartridgesRoot,
  });
  const loadMs = performance.now() - loadStarted;
  const loadedHeap = liveHeap();
  let peakHeap = loadedHeap;

  // Chunk boundaries: [orders read, ms since runJob]. Chunks are small (10), so this is fine-grained.
  const marks: Array<[number, number]> = [[0, 0]];
  let firstChunkMs: number | null = null;
  let nextProgress = input.progressEvery;
  const transactions = runtime.core.transactions;
  const commitsBefore = transactions.commits;
  const writesBefore = transactions.customObjectWrites;
  const started = performance.now();
  const onEvent = (event: JobEvent) => {
    if (event.type !== 'chunk' || event.stepId !== 'Capture') return;
    const elapsedMs = performance.now() - started;
    const used = heapUsed();
    if (used > peakHeap) peakHeap = used;
    if (firstChunkMs === null) firstChunkMs = elapsedMs;
    marks.push([event.progress.read, elapsedMs]);
    if (event.progress.read >= nextProgress) {
      nextProgress += input.progressEvery;
      const progress: CaseProgress = {
        read: event.progress.read,
        total: event.progress.total,
        elapsedMs,
        heapUsedBytes: used,
      };
      emit('PROGRESS', progress);
    }
  };
  const result = runtime.runJob(CAPTURE_JOB, { site: BENCH_SITE, onEvent });
  const jobMs = performance.now() - started;
  peakHeap = Math.max(peakHeap, heapUsed());
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const retainedHeap = liveHeap();
  if (input.heapSnapshotFile) v8.writeHeapSnapshot(input.heapSnapshotFile);

  // ms per order between two order counts, from the chunk marks (the first mark at or past each).
  const msPerOrder = (from: number, to: number): number | null => {
    const a = marks.find(([read]) => read >= from);
    const b = marks.find(([read]) => read >= to);
    if (!a || !b || b[0] === a[0]) return null;
    return (b[1] - a[1]) / (b[0] - a[0]);
  };
  const tenth = Math.max(1, Math.floor(input.size / 10));
  // The first tenth starts at the first chunk, so the step's start-up (total count) is left out.
  const firstTenth = marks.length > 1 ? msPerOrder(marks[1][0], tenth) : null;
  const lastTenth = msPerOrder(input.size - tenth, input.size);

  const site = runtime.core.state.sites.get(BENCH_SITE);
  const notCaptured: CaseResult['ordersNotCaptured'] = [];
  let notCapturedCount = 0;
  let captured = 0;
  for (let index = 0; index < input.size; index++) {
    const orderNo = benchOrderFacts(index).orderNo;
    const order = site?.orders.get(orderNo);
    const status = enumText(order?.custom.ALMA_Deferred_Capture);
    if (status === 'Captured') {
      captured++;
      continue;
    }
    notCapturedCount++;
    if (notCaptured.length < 5) {
      notCaptured.push({ orderNo, status, reason: order ? enumText(order.custom.payopsReason) : 'order missing' });
    }
  }
  const warnings: Record<string, number> = {};
  for (const warning of runtime.core.warnings) warnings[warning.code] = (warnings[warning.code] ?? 0) + 1;

  const output: CaseResult = {
    size: input.size,
    loadMs,
    jobMs,
    firstChunkMs,
    firstTenthMsPerOrder: firstTenth,
    lastTenthMsPerOrder: lastTenth,
    status: result.status,
    exitCode: result.exitCode,
    steps: result.steps.map((step) => ({
      stepId: step.stepId,
      status: step.status,
      exitCode: step.exitCode,
      message: step.message,
      durationMs: step.durationMs,
    })),
    runtimeCalls: runtime.core.communication.filter((entry) => entry.kind === 'request').length,
    commits: transactions.commits - commitsBefore,
    customObjectWrites: transactions.customObjectWrites - writesBefore,
    customObjectsLeft: runtime.core.customObjectCount(),
    ordersCaptured: captured,
    ordersNotCaptured: notCaptured,
    ordersNotCapturedCount: notCapturedCount,
    warnings,
    peakRssBytes,
    peakHeapUsedBytes: peakHeap,
    loadedHeapBytes: loadedHeap,
    retainedHeapBytes: retainedHeap,
    heapLimitBytes: v8.getHeapStatistics().heap_size_limit,
  };
  emit('RESULT', output);
}

main();
