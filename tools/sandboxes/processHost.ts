/**
 * Child-process entry that serves sandboxes. The local runtime's service calls block the calling
 * thread until the answer arrives (they are synchronous, as on the platform), so the sandboxes a
 * run talks to must live in another process: `sandboxProcess.ts` starts this file and talks to
 * the sandboxes through their admin endpoints.
 *
 * argv: JSON `{ "providers": ["alma", …], "latencyMs": 0, "options": { "payzen": { … } } }` (each
 * provider's own sandbox options, e.g. PayZen's `automaticCaptureDelayMs`). Prints one line
 * `READY {"alma": {"origin": …, "baseUrl": …}, …}` on stdout, and stops when stdin closes.
 */
import { isProviderId, startSandbox, type RunningSandbox } from './index';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as {
    providers?: string[];
    latencyMs?: number;
    options?: Record<string, Record<string, unknown>>;
  };
  const running: RunningSandbox[] = [];
  const stop = async () => {
    await Promise.all(running.map((sandbox) => sandbox.close()));
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.on('SIGTERM', () => void stop());
  const ready: Record<string, { origin: string; baseUrl: string; port: number }> = {};
  for (const provider of options.providers ?? []) {
    if (!isProviderId(provider)) throw new Error(`Unknown provider '${provider}'`);
    const own = options.options?.[provider] ?? {};
    const sandbox = await startSandbox(provider, { ...own, port: 0, latencyMs: options.latencyMs ?? 0 });
    running.push(sandbox);
    ready[provider] = { origin: sandbox.origin, baseUrl: sandbox.baseUrl, port: sandbox.port };
  }
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
