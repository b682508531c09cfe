/**
 * `npx tsx tools/sandboxes/cli.ts <provider> [--port N] [--latency ms] [--seed file.json]`
 * starts one provider sandbox on 127.0.0.1 and runs until Ctrl-C. A seed file that is missing
 * or not a seed exits 2 with one line, before anything starts.
 */
import { Argument, Command, InvalidArgumentError } from 'commander';
import { readUserFile, UserFileError } from '../userFile';
import { isRecord } from './core/json';
import { ADMIN_ENDPOINTS, describeCredentials, PROVIDER_IDS, type RunningSandbox, startSandbox } from './index';

function nonNegativeInteger(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new InvalidArgumentError(`${name} must be a non-negative integer`);
    return parsed;
  };
}

/**
 * A seed file holds `{ "payments": [...] }`, a bare array, or is a local-runtime instance file
 * whose `sandboxes.<provider>.payments` are taken.
 */
export function readSeedFile(file: string, provider?: string): unknown[] {
  const text = readUserFile(file, 'Seed file');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserFileError(`Seed file ${file}: not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(parsed)) return parsed;
  if (isRecord(parsed) && Array.isArray(parsed.payments)) return parsed.payments;
  if (isRecord(parsed) && isRecord(parsed.sandboxes) && provider !== undefined) {
    const section = parsed.sandboxes[provider];
    return isRecord(section) && Array.isArray(section.payments) ? section.payments : [];
  }
  throw new UserFileError(`${file}: expected { "payments": [ … ] }, an array, or an instance file with "sandboxes"`);
}

export function describeRunning(running: RunningSandbox, seeded: unknown[]): string {
  const credentials = describeCredentials(running.sandbox);
  const lines = [
    `${running.provider} sandbox listening`,
    `  Base URL (SFCC service credential URL): ${running.baseUrl}`,
    '  Accepted credentials:',
    ...(credentials
      ? Object.entries(credentials).map(([name, value]) => `    ${name}: ${value}`)
      : ['    (see the provider section of the README)']),
    `  Admin endpoints (base ${running.origin}):`,
    ...ADMIN_ENDPOINTS.map((endpoint) => `    ${endpoint}`),
  ];
  if (seeded.length > 0) lines.push(`  Seeded payments: ${JSON.stringify(seeded)}`);
  lines.push('Press Ctrl-C to stop.');
  return lines.join('\n');
}

export async function runCli(argv: readonly string[]): Promise<RunningSandbox> {
  const program = new Command()
    .name('sandbox')
    .description('Starts a stateful provider API sandbox on 127.0.0.1')
    .addArgument(new Argument('<provider>', 'provider to simulate').choices(PROVIDER_IDS))
    .option('-p, --port <port>', 'port to listen on (0 = a free port)', nonNegativeInteger('--port'), 0)
    .option('-l, --latency <ms>', 'latency added to every provider request', nonNegativeInteger('--latency'), 0)
    .option(
      '-s, --seed <file>',
      'JSON file of payments to seed: { "payments": [...] }, or an instance file (its sandboxes.<provider>.payments)',
    );
  program.parse(argv as string[]);
  const [provider] = program.processedArgs as [(typeof PROVIDER_IDS)[number]];
  const options = program.opts<{ port: number; latency: number; seed?: string }>();

  const payments = options.seed === undefined ? [] : readSeedFile(options.seed, provider);
  const running = await startSandbox(provider, { port: options.port, latencyMs: options.latency });
  const seeded = options.seed === undefined ? [] : running.seed(payments);
  process.stdout.write(`${describeRunning(running, seeded)}\n`);
  return running;
}

if (require.main === module) {
  runCli(process.argv).then(
    (running) => {
      const stop = (): void => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof UserFileError ? 2 : 1);
    },
  );
}
