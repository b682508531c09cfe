/**
 * An Alma sandbox for more payments than one sandbox keeps. The Alma sandbox stores at most
 * ALMA_MAX_PAYMENTS (10,000) payments and silently drops the oldest beyond that, so a
 * 100,000-order run against one sandbox gets 404s for 90 % of its captures. This provider routes
 * each payment's requests to one of several real Alma sandboxes ("shards", each within the
 * limit), so every request is still answered by the sandbox's own Alma model; the HTTP server,
 * latency, journal and admin endpoints are the sandboxes' own (tools/sandboxes/core/server.ts).
 */
import { ALMA_MAX_PAYMENTS, createAlmaSandbox } from '../sandboxes/alma';
import type { ProviderSandbox, SandboxRequest, SandboxResponse } from '../sandboxes/core/types';

const PAYMENT_ID = /^\/v1\/payments\/([^/]+)/;

function paymentIdOf(path: string): string | null {
  const match = PAYMENT_ID.exec(path);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

export function createShardedAlmaSandbox(): ProviderSandbox {
  const shards: ProviderSandbox[] = [createAlmaSandbox()];
  const counts: number[] = [0];
  const shardOf = new Map<string, number>();

  /** The shard that serves a request: the payment's, else the first (fee plans, unknown IDs → its 404). */
  const target = (req: SandboxRequest): ProviderSandbox => {
    const id = paymentIdOf(req.path);
    const index = id === null ? undefined : shardOf.get(id);
    return shards[index ?? 0];
  };

  const fillingShard = (): number => {
    let last = shards.length - 1;
    if (counts[last] >= ALMA_MAX_PAYMENTS) {
      shards.push(createAlmaSandbox());
      counts.push(0);
      last++;
    }
    return last;
  };

  const first = shards[0];
  return {
    provider: 'alma',
    basePath: first.basePath,
    route: (req) => first.route(req),
    handle: (req: SandboxRequest, now: Date): SandboxResponse => target(req).handle(req, now),
    errorResponse: (status) => first.errorResponse(status),
    seed: (inputs, now) => {
      const created: unknown[] = [];
      for (const input of inputs) {
        const id = (input as { id?: unknown } | null)?.id;
        const known = typeof id === 'string' ? shardOf.get(id) : undefined;
        const index = known ?? fillingShard();
        const [payment] = shards[index].seed([input], now) as Array<{ id: string }>;
        if (known === undefined) {
          shardOf.set(payment.id, index);
          counts[index]++;
        }
        created.push(payment);
      }
      return created;
    },
    snapshot: () => ({
      payments: shards.flatMap((shard) => (shard.snapshot() as { payments: unknown[] }).payments),
      shards: shards.length,
    }),
    reset: () => {
      for (const shard of shards) shard.reset();
      shards.length = 1;
      counts.length = 1;
      counts[0] = 0;
      shardOf.clear();
    },
  };
}
