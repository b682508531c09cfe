/**
 * The Alma sandbox of one benchmark case, started by the parent process (never in the measured
 * one): `bindSandboxes` (tools/runtime/sandboxBinding.ts) while the orders fit in one Alma
 * sandbox, else the sharded host (shardedAlmaHost.ts). Both run in their own child process and
 * are read through the sandboxes' admin endpoints.
 */
import path from 'node:path';
import { bindSandboxes } from '../runtime/sandboxBinding';
import { ALMA_MAX_PAYMENTS } from '../sandboxes/alma';
import type { JournalEntry } from '../sandboxes/core/journal';
import { admin as sandboxAdmin, spawnHostProcess } from '../sandboxes/sandboxProcess';
import { benchPayments } from './workload';

const SEED_BATCH = 2_000;
const ADMIN_TIMEOUT_MS = 300_000;

export interface SandboxPayment {
  id: string;
  purchase_amount: number;
  captured_amount: number;
  processing_status: string;
  captures: Array<{ id: string; amount: number }>;
}

export interface BenchSandbox {
  /** How it runs, for the report: `bindSandboxes` or `sharded ×N`. */
  kind: string;
  origin: string;
  baseUrl: string;
  /** Journal entries after `since` (the journal keeps at most its limit; seq numbers never restart). */
  journalSince(since: number): Promise<JournalEntry[]>;
  payments(): Promise<{ payments: SandboxPayment[]; shards?: number }>;
  close(): Promise<void>;
}

function admin(origin: string, method: string, endpoint: string, body?: unknown): Promise<unknown> {
  return sandboxAdmin(origin, method, endpoint, body, ADMIN_TIMEOUT_MS);
}

async function startShardedHost(
  latencyMs: number,
  journalLimit: number,
): Promise<{ origin: string; baseUrl: string; close(): Promise<void> }> {
  const { ready, close } = await spawnHostProcess<{ origin: string; baseUrl: string }>(
    path.join(__dirname, 'shardedAlmaHost.ts'),
    { latencyMs, journalLimit },
  );
  return { ...ready, close };
}

/** Starts the sandbox for `orders` orders, seeded with their payments. */
export async function startBenchSandbox(orders: number, latencyMs: number): Promise<BenchSandbox> {
  let started: { kind: string; origin: string; baseUrl: string; close(): Promise<void> };
  if (orders <= ALMA_MAX_PAYMENTS) {
    const bound = await bindSandboxes({ sites: [] }, { providers: ['alma'], latencyMs });
    const alma = bound.sandboxes.get('alma');
    if (!alma) throw new Error('bindSandboxes started no Alma sandbox');
    started = { kind: 'bindSandboxes', origin: alma.origin, baseUrl: alma.baseUrl, close: bound.close };
  } else {
    // Room for every request of the run (a clean run makes one per order) and then some.
    const host = await startShardedHost(latencyMs, orders * 3 + 1_000);
    started = { kind: `sharded ×${Math.ceil(orders / ALMA_MAX_PAYMENTS)}`, ...host };
  }
  try {
    for (let from = 0; from < orders; from += SEED_BATCH) {
      await admin(started.origin, 'POST', 'seed', {
        payments: benchPayments(from, Math.min(orders, from + SEED_BATCH)),
      });
    }
  } catch (error) {
    await started.close();
    throw error;
  }
  const origin = started.origin;
  return {
    kind: started.kind,
    origin,
    baseUrl: started.baseUrl,
    journalSince: async (since) =>
      ((await admin(origin, 'GET', `journal?since=${since}`)) as { entries: JournalEntry[] }).entries,
    payments: async () => (await admin(origin, 'GET', 'state')) as { payments: SandboxPayment[]; shards?: number },
    close: started.close,
  };
}
