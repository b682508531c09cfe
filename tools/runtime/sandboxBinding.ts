/**
 * Binds an instance file to provider sandboxes: starts one sandbox per provider on 127.0.0.1
 * (free ports), points each provider's service credential at it, and seeds the payments listed
 * under `sandboxes` in the instance file. Used by `npm start` and the integration tests.
 */
import { PROVIDERS } from '../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import { startSandbox, type ProviderId, type RunningSandbox } from '../sandboxes';
import type { InstanceFile } from './instance/types';

export interface BoundSandboxes {
  instance: InstanceFile;
  sandboxes: Map<ProviderId, RunningSandbox>;
  close(): Promise<void>;
}

export async function bindSandboxes(
  source: InstanceFile,
  options: { providers?: ProviderId[]; latencyMs?: number } = {},
): Promise<BoundSandboxes> {
  const instance = JSON.parse(JSON.stringify(source)) as InstanceFile;
  const wanted = options.providers ?? (PROVIDERS.map((p) => p.id) as ProviderId[]);
  const sandboxes = new Map<ProviderId, RunningSandbox>();
  const close = async () => {
    await Promise.all([...sandboxes.values()].map((sandbox) => sandbox.close()));
  };
  try {
    for (const provider of wanted) {
      const running = await startSandbox(provider, { port: 0, latencyMs: options.latencyMs ?? 0 });
      sandboxes.set(provider, running);
      const seed = instance.sandboxes?.[provider]?.payments;
      if (seed && seed.length > 0) running.seed(seed);
      const serviceId = PROVIDERS.find((p) => p.id === provider)?.serviceId;
      for (const service of instance.services ?? []) {
        if (service.id === serviceId) service.credential.url = running.baseUrl;
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { instance, sandboxes, close };
}
