/**
 * npm run local -- run-job <JobID> --instance <file> [--site <SiteID>] [--out <file>] [--crash-after <text>]
 *                    [--cartridges <dir>]…
 * npm run local -- validate --instance <file>
 * npm run local -- list-jobs
 *
 * Runs a job of jobs/ with the compiled cartridge in dist/ (run `npm run build` first), and the
 * cartridges of each --cartridges folder, against the state of an instance file, prints progress
 * per step and a summary, and writes the resulting state back (or to --out), laid out as Prettier
 * would. It never writes into the shipped demo/instance.json: run on a copy in the git-ignored
 * scratch folder .local/, or give --out. Exit code: 0 when the job ended OK, 1 when it ended in
 * ERROR, 2 when the command or the instance file is wrong (then nothing is written).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { PATHS } from '../build/paths';
import { fileProblem } from '../userFile';
import { COPY_DEMO_COMMAND, isDemoInstance, SCRATCH_FOLDER } from './instance/demoInstance';
import { InstanceFileError, readInstanceFile } from './instance/loadInstance';
import { instanceFileText } from './instance/writeInstance';
import { readJobDirectory } from './jobs/jobDefinitions';
import { CartridgeSetupError } from './loader/cartridgeFolders';
import type { JobEvent, JobResult } from './jobs/jobRunner';
import { LocalRuntime } from './localRuntime';
import { runReport } from './runReport';
import { loadRuntimeMetadata } from './state/metadata';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function progressPrinter(stream: NodeJS.WriteStream): (event: JobEvent) => void {
  const live = stream.isTTY === true;
  return (event) => {
    switch (event.type) {
      case 'flow-start':
        stream.write(`▸ ${event.siteId === null ? 'organization' : `site ${event.siteId}`}\n`);
        break;
      case 'step-start':
        stream.write(`  ${event.stepId} (${event.typeId}) …${live ? '' : '\n'}`);
        break;
      case 'chunk':
        if (live) {
          const { read, total } = event.progress;
          stream.write(`\r  ${event.stepId} … ${read}${total !== null ? `/${total}` : ''} items`);
        }
        break;
      case 'step-end': {
        const r = event.result;
        const chunk = r.chunk ? `, ${r.chunk.read} read, ${r.chunk.written} written` : '';
        const line = `  ${r.stepId}: ${r.status}${r.exitCode !== r.status ? `/${r.exitCode}` : ''} in ${r.durationMs} ms${chunk}${r.message ? ` — ${r.message}` : ''}`;
        stream.write(`${live ? '\r\x1b[2K' : ''}${line}\n`);
        break;
      }
    }
  };
}

export function summary(result: JobResult, report: ReturnType<typeof runReport>): string {
  const lines = [
    '',
    `Job ${result.jobId}: ${result.status}${result.exitCode !== result.status ? ` (${result.exitCode})` : ''} in ${result.durationMs} ms, ${result.steps.length} step(s)`,
  ];
  if (result.crash) {
    lines.push(
      `  ✝ killed in ${result.crash.siteId ?? 'organization'} ${result.crash.stepId}: ${result.crash.message}`,
    );
  }
  for (const step of result.steps) {
    if (step.error)
      lines.push(
        `  ${step.siteId ?? 'organization'} ${step.stepId} failed:\n    ${step.error.split('\n').slice(0, 6).join('\n    ')}`,
      );
  }
  const errors = report.logs.filter((l) => l.level === 'error' || l.level === 'fatal').length;
  const warnings = report.logs.filter((l) => l.level === 'warn').length;
  lines.push(
    `  logs: ${report.logs.length} (${errors} error, ${warnings} warn) · e-mails: ${report.mails.length} · service calls logged: ${report.communicationLog.filter((c) => c.kind === 'request').length} · transactions: ${report.transactions.commits} committed, ${report.transactions.rollbacks} rolled back, ${report.transactions.customObjectWrites} custom-object writes · custom objects: ${report.customObjects.count}`,
  );
  for (const warning of report.warnings) lines.push(`  ⚠ ${warning.code}: ${warning.message}`);
  return lines.join('\n');
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(EXIT_USAGE);
}

/** One line and exit 2 when the instance file the user named cannot be read. */
function requireInstanceFile(file: string): void {
  const problem = fileProblem(file);
  if (problem) fail(`Instance file ${file}: ${problem}. To start from the demo: ${COPY_DEMO_COMMAND}`);
}

/** Refuses, before anything runs, a write the user would not expect: into the demo, or onto a folder. */
function checkWriteTarget(target: string, instance: string): void {
  if (isDemoInstance(target)) {
    const how = target === instance ? 'without --out, run-job writes back into its instance file' : '--out names it';
    fail(
      `Refused: ${target} is the shipped demo that npm start runs, and a run never changes it (${how}). ` +
        `Run on a copy: ${COPY_DEMO_COMMAND}, then --instance ${SCRATCH_FOLDER}/instance.json; ` +
        `or add --out ${SCRATCH_FOLDER}/after.json, or --no-write. Nothing was run.`,
    );
  }
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    fail(`--out ${target} is a folder: name a file, e.g. --out ${path.join(target, 'after.json')}. Nothing was run.`);
  }
}

function runJobCommand(
  jobId: string,
  options: {
    instance: string;
    site?: string;
    out?: string;
    locale?: string;
    write: boolean;
    crashAfter?: string;
    cartridges: string[];
  },
): void {
  if (options.site !== undefined && options.site.trim() === '') {
    fail('--site needs a site ID, e.g. --site RefArch (leave --site out to run every site). Nothing was run.');
  }
  requireInstanceFile(options.instance);
  const target = options.out ?? options.instance;
  if (options.write) checkWriteTarget(target, options.instance);
  if (!fs.existsSync(path.join(PATHS.distCartridges))) fail('dist/cartridges is missing: run `npm run build` first');
  const metadata = loadRuntimeMetadata();
  let runtime: LocalRuntime;
  try {
    runtime = new LocalRuntime({
      state: readInstanceFile(options.instance, metadata),
      metadata,
      locale: options.locale,
      cartridges: options.cartridges,
    });
  } catch (error) {
    if (error instanceof InstanceFileError || error instanceof CartridgeSetupError) {
      fail(`${error.message}\nNothing was written.`);
    }
    throw error;
  }
  if (!runtime.jobs.has(jobId)) fail(`Unknown job '${jobId}'. Jobs: ${[...runtime.jobs.keys()].join(', ')}`);
  const sites = [...runtime.core.state.sites.keys()];
  if (options.site !== undefined && !sites.includes(options.site)) {
    fail(`Site '${options.site}' is not in ${options.instance} (sites: ${sites.join(', ')}). Nothing was written.`);
  }
  let result: JobResult;
  try {
    const { crashAfter } = options;
    result = runtime.runJob(jobId, {
      site: options.site,
      onEvent: progressPrinter(process.stdout),
      crash: crashAfter
        ? { afterServiceResponse: (call) => `${call.method} ${call.url}`.includes(crashAfter) }
        : undefined,
    });
  } catch (error) {
    // Step failures end up in the result; an exception here means the job definition or the instance cannot run.
    fail(`The job could not run: ${error instanceof Error ? error.message : String(error)}\nNothing was written.`);
  }
  const report = runReport(runtime.core, [result]);
  process.stdout.write(`${summary(result, report)}\n`);
  if (options.write) {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    fs.writeFileSync(target, instanceFileText(target, runtime.core.state, report, runtime.core.now()));
    process.stdout.write(`  state written to ${target}\n`);
  }
  process.exitCode = result.status === 'OK' ? 0 : EXIT_FAILED;
}

export function main(argv: string[]): void {
  const program = new Command('local')
    .description('Local B2C runtime: run the compiled cartridge’s BM jobs off-platform')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE));
  program
    .command('run-job')
    .argument('<jobId>', 'job ID from jobs/*.xml')
    .requiredOption('--instance <file>', 'instance file (JSON, see tools/runtime/instance/instance.schema.json)')
    .option('--site <siteId>', 'run only the flows of this site')
    .option(
      '--out <file>',
      'write the resulting state here instead of back into the instance file (never into demo/instance.json)',
    )
    .option('--locale <locale>', 'request locale, e.g. fr_FR', 'default')
    .option('--no-write', 'do not write the resulting state')
    .option(
      '--cartridges <dir>',
      'more cartridges next to dist/cartridges: a cartridge folder, or a folder of cartridges (repeatable)',
      (dir: string, dirs: string[]) => [...dirs, dir],
      [] as string[],
    )
    .option(
      '--crash-after <text>',
      'simulate a crash right after the first service call whose "METHOD url" contains <text> got its answer',
    )
    .action(runJobCommand);
  program
    .command('validate')
    .requiredOption('--instance <file>', 'instance file to check')
    .action((options: { instance: string }) => {
      requireInstanceFile(options.instance);
      try {
        readInstanceFile(options.instance, loadRuntimeMetadata());
        process.stdout.write(`${options.instance}: valid\n`);
      } catch (error) {
        if (error instanceof InstanceFileError) fail(error.message);
        throw error;
      }
    });
  program.command('list-jobs').action(() => {
    for (const job of readJobDirectory(PATHS.jobs).values())
      process.stdout.write(`${job.jobId}\t${job.description.split(' / ')[0]}\n`);
  });
  program.parse(argv);
}

if (require.main === module) main(process.argv);
