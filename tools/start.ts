/**
 * npm start: the local demo. Builds the cartridge, starts the four provider sandboxes on free
 * loopback ports, loads the bundled demo instance (demo/instance.json) pointed at them, runs
 * every job defined in jobs/ through the local runtime, and prints what happened within 100
 * columns (startReport.ts), naming the providers whose operations are not built yet. The
 * resulting state (with logs, e-mails and the communication log) is written to
 * dist/demo/instance-after.json; the demo file itself is only read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from './build/build';
import { PATHS } from './build/paths';
import { DEMO_INSTANCE } from './runtime/instance/demoInstance';
import { readInstance } from './runtime/instance/loadInstance';
import type { InstanceFile } from './runtime/instance/types';
import { instanceFileText } from './runtime/instance/writeInstance';
import type { JobResult } from './runtime/jobs/jobRunner';
import { LocalRuntime } from './runtime/localRuntime';
import { runReport } from './runtime/runReport';
import { bindSandboxes } from './runtime/sandboxBinding';
import { loadRuntimeMetadata } from './runtime/state/metadata';
import { komojuTable, monextTable, operationsTable, resultTable, storedMethodsNote, wrapText } from './startReport';
import { readProblem } from './userFile';

export const DEMO_OUTPUT = path.join(PATHS.dist, 'demo', 'instance-after.json');

/** The demo instance, or one clear line (exit 2) when it is missing or not JSON. */
function readDemo(): InstanceFile {
  const name = path.relative(PATHS.root, DEMO_INSTANCE);
  let problem: string;
  try {
    return JSON.parse(fs.readFileSync(DEMO_INSTANCE, 'utf8')) as InstanceFile;
  } catch (error) {
    problem = error instanceof SyntaxError ? `not valid JSON (${error.message})` : readProblem(error);
  }
  process.stderr.write(`The demo instance ${name}: ${problem}. Restore it with: git checkout -- ${name}\n`);
  process.exit(2);
}

/** The Monext job, run first in test mode as the seed asks. */
const MONEXT_JOB = 'monextHandleOrders';

async function main(): Promise<void> {
  process.stdout.write('Building the cartridge…\n');
  build();
  const source = readDemo();
  const bound = await bindSandboxes(source);
  try {
    for (const [provider, sandbox] of bound.sandboxes)
      process.stdout.write(`Sandbox ${provider.padEnd(6)} ${sandbox.baseUrl}\n`);
    const metadata = loadRuntimeMetadata();
    const runtime = new LocalRuntime({ state: readInstance(bound.instance, metadata, DEMO_INSTANCE), metadata });
    const results: JobResult[] = [];
    // Seed 002's test run first: monextHandleOrders with DryRun, which sends and changes nothing.
    const monext = runtime.jobs.get(MONEXT_JOB);
    if (monext) {
      const dryRun = structuredClone(monext);
      for (const flow of dryRun.flows)
        for (const step of flow.steps)
          step.parameters = step.parameters.map((p) => (p.name === 'DryRun' ? { name: 'DryRun', value: 'true' } : p));
      runtime.jobs.set(MONEXT_JOB, dryRun);
      process.stdout.write(`Running ${MONEXT_JOB} with DryRun…\n`);
      results.push(runtime.runJob(MONEXT_JOB));
      runtime.jobs.set(MONEXT_JOB, monext);
    }
    for (const jobId of runtime.jobs.keys()) {
      process.stdout.write(`Running ${jobId}…\n`);
      results.push(runtime.runJob(jobId));
    }
    const report = runReport(runtime.core, results);
    process.stdout.write(
      `\n${resultTable(results)}\n\n${operationsTable(source, runtime.core.state)}\n` +
        `\n${monextTable(source, runtime.core.state)}\n` +
        `\n${komojuTable(source, runtime.core.state)}\n${storedMethodsNote(runtime.core.state)}\n`,
    );
    const journals = await Promise.all(
      [...bound.sandboxes].map(async ([provider, sandbox]) => `${provider} ${(await sandbox.journal()).length}`),
    );
    const calls = journals.join(', ');
    process.stdout.write(`Provider calls: ${calls}\n`);
    process.stdout.write(
      `Logs: ${report.logs.length} · e-mails: ${report.mails.length} · runtime warnings: ${report.warnings.length}\n`,
    );
    for (const warning of report.warnings)
      process.stdout.write(`${wrapText(`⚠ ${warning.code}: ${warning.message}`, undefined, '  ')}\n`);
    fs.mkdirSync(path.dirname(DEMO_OUTPUT), { recursive: true });
    fs.writeFileSync(DEMO_OUTPUT, instanceFileText(DEMO_OUTPUT, runtime.core.state, report, runtime.core.now()));
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
