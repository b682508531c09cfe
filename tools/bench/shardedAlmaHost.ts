/**
 * Child-process entry serving the sharded Alma sandbox (shardedAlma.ts), like
 * tools/sandboxes/processHost.ts does for the ordinary ones (service calls block the runtime's
 * thread, so the sandbox must live in another process).
 *
 * argv: JSON `{ "latencyMs": 0, "journalLimit": 250000 }`. Prints one line
 * `READY {"origin": …, "baseUrl": …}` on stdout, and stops when stdin closes.
 */
import { startSandbox, type RunningSandbox } from '../sandboxes';
import { createShardedAlmaSandbox } from './shardedAlma';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as { latencyMs?: number; journalLimit?: number };
  let running: RunningSandbox | null = null;
  const stop = async () => {
    await running?.close();
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.on('SIGTERM', () => void stop());
  running = await startSandbox(createShardedAlmaSandbox(), {
    port: 0,
    latencyMs: options.latencyMs ?? 0,
    journalLimit: options.journalLimit,
  });
  process.stdout.write(`READY ${JSON.stringify({ origin: running.origin, baseUrl: running.baseUrl })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
