/**
 * npm start: the local demo. Builds the cartridge, starts the four provider sandboxes on free
 * loopback ports, loads the bundled demo instance (demo/instance.json) pointed at them, runs
 * every job defined in jobs/ through the local runtime, and prints what happened. The resulting
 * state (with logs, e-mails and the communication log) is written to dist/demo/instance-after.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';
import { build } from './build/build';
import { PATHS } from './build/paths';
import { readInstance, type RuntimeState } from './runtime/instance/loadInstance';
import type { InstanceFile } from './runtime/instance/types';
import { instanceJson } from './runtime/instance/writeInstance';
import type { JobResult } from './runtime/jobs/jobRunner';
import { LocalRuntime } from './runtime/localRuntime';
import { runReport } from './runtime/runReport';
import { bindSandboxes } from './runtime/sandboxBinding';
import { loadRuntimeMetadata } from './runtime/state/metadata';

export const DEMO_INSTANCE = path.join(PATHS.root, 'demo', 'instance.json');
export const DEMO_OUTPUT = path.join(PATHS.dist, 'demo', 'instance-after.json');

function shorten(text: string | null, width: number): string {
  if (!text) return '';
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export function resultTable(results: JobResult[]): string {
  const blocks: string[] = [];
  for (const job of results) {
    const table = new Table({
      head: ['Site', 'Step', 'Status', 'Exit code', 'Time', 'Message'],
      colWidths: [11, 20, 8, 24, 9, 64],
      wordWrap: true,
      style: { head: [], border: [] },
    });
    for (const step of job.steps) {
      table.push([
        step.siteId ?? '(org)',
        step.stepId,
        step.status,
        step.exitCode,
        `${step.durationMs} ms`,
        shorten(step.message, 300),
      ]);
    }
    blocks.push(`${job.jobId}: ${job.status} in ${job.durationMs} ms\n${table.toString()}`);
  }
  return blocks.join('\n\n');
}

function attribute(custom: Record<string, unknown> | undefined, id: string): string {
  const value = custom?.[id];
  return value === undefined || value === null || value === '' ? '–' : String(value);
}

function amount(custom: Record<string, unknown> | undefined, id: string, currency: string): string {
  const value = custom?.[id];
  if (typeof value !== 'number') return '–';
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(value);
}

function change(before: string, after: string): string {
  return before === after ? after : `${before} → ${after}`;
}

/**
 * The Alma orders of the demo before and after the run: Capture Status, Cancel and Refund Status,
 * the amounts, and the Payment Operations Result a merchant reads in Business Manager.
 */
export function operationsTable(source: InstanceFile, state: RuntimeState): string {
  const table = new Table({
    head: ['Site', 'Order', 'Capture Status', 'Cancel', 'Refund', 'Captured', 'Refunded', 'Payment Operations Result'],
    colWidths: [11, 10, 24, 21, 28, 10, 10, 60],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const site of source.sites ?? []) {
    for (const order of site.orders ?? []) {
      const before = order.custom as Record<string, unknown> | undefined;
      if (!before?.almaPaymentId) continue;
      const after = state.sites.get(site.id)?.orders.get(order.orderNo)?.custom;
      table.push([
        site.id,
        order.orderNo,
        change(attribute(before, 'ALMA_Deferred_Capture'), attribute(after, 'ALMA_Deferred_Capture')),
        change(attribute(before, 'payopsCancelStatus'), attribute(after, 'payopsCancelStatus')),
        change(attribute(before, 'payopsRefundStatus'), attribute(after, 'payopsRefundStatus')),
        amount(after, 'payopsCapturedAmount', order.currencyCode ?? site.currency ?? 'EUR'),
        amount(after, 'payopsRefundedAmount', order.currencyCode ?? site.currency ?? 'EUR'),
        shorten(attribute(after, 'payopsReason'), 200),
      ]);
    }
  }
  return `Alma orders (before → after):\n${table.toString()}`;
}

async function main(): Promise<void> {
  process.stdout.write('Building the cartridge…\n');
  build();
  const source = JSON.parse(fs.readFileSync(DEMO_INSTANCE, 'utf8')) as InstanceFile;
  const bound = await bindSandboxes(source);
  try {
    for (const [provider, sandbox] of bound.sandboxes)
      process.stdout.write(`Sandbox ${provider.padEnd(6)} ${sandbox.baseUrl}\n`);
    const metadata = loadRuntimeMetadata();
    const runtime = new LocalRuntime({ state: readInstance(bound.instance, metadata, DEMO_INSTANCE), metadata });
    const results: JobResult[] = [];
    for (const jobId of runtime.jobs.keys()) {
      process.stdout.write(`Running ${jobId}…\n`);
      results.push(runtime.runJob(jobId));
    }
    const report = runReport(runtime.core, results);
    process.stdout.write(`\n${resultTable(results)}\n\n${operationsTable(source, runtime.core.state)}\n`);
    const journals = await Promise.all(
      [...bound.sandboxes].map(async ([provider, sandbox]) => `${provider} ${(await sandbox.journal()).length}`),
    );
    const calls = journals.join(', ');
    process.stdout.write(`Provider calls: ${calls}\n`);
    process.stdout.write(
      `Logs: ${report.logs.length} · e-mails: ${report.mails.length} · runtime warnings: ${report.warnings.length}\n`,
    );
    for (const warning of report.warnings) process.stdout.write(`  ⚠ ${warning.code}: ${warning.message}\n`);
    fs.mkdirSync(path.dirname(DEMO_OUTPUT), { recursive: true });
    fs.writeFileSync(
      DEMO_OUTPUT,
      `${JSON.stringify(instanceJson(runtime.core.state, report, runtime.core.now()), null, 2)}\n`,
    );
    process.stdout.write(`State after the run: ${path.relative(PATHS.root, DEMO_OUTPUT)}\n`);
    const failed = results.filter((r) => r.status !== 'OK');
    process.stdout.write(failed.length === 0 ? 'All jobs ended OK.\n' : `${failed.length} job(s) ended in ERROR.\n`);
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    await bound.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
