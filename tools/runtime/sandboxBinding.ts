/**
 * Binds an instance file to provider sandboxes: starts one sandbox per provider on 127.0.0.1
 * (free ports, in a child process because service calls block this thread), points each provider's service credential at it, and seeds the payments listed
 * under `sandboxes` in the instance file. Used by `npm start` and the integration tests.
 */
import { PROVIDERS } from '../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import type { ProviderId } from '../sandboxes';
import { startSandboxProcess, type RemoteSandbox } from '../sandboxes/sandboxProcess';
import type { InstanceFile } from './instance/types';

export interface BoundSandboxes {
  instance: InstanceFile;
  sandboxes: Map<ProviderId, RemoteSandbox>;
  close(): Promise<void>;
}

export async function bindSandboxes(
  source: InstanceFile,
  options: {
    providers?: ProviderId[];
    latencyMs?: number;
    /** Each provider's own sandbox options (e.g. PayZen's `automaticCaptureDelayMs`). */
    sandboxOptions?: Partial<Record<ProviderId, Record<string, unknown>>>;
  } = {},
): Promise<BoundSandboxes> {
  const instance = JSON.parse(JSON.stringify(source)) as InstanceFile;
  const wanted = options.providers ?? (PROVIDERS.map((p) => p.id) as ProviderId[]);
  const started = await startSandboxProcess(wanted, {
    latencyMs: options.latencyMs,
    sandboxOptions: options.sandboxOptions,
  });
  try {
    for (const [provider, sandbox] of started.sandboxes) {
      const seed = instance.sandboxes?.[provider]?.payments;
      if (seed && seed.length > 0) await sandbox.seed(seed);
      const serviceId = PROVIDERS.find((p) => p.id === provider)?.serviceId;
      for (const service of instance.services ?? []) {
        if (service.id === serviceId) service.credential.url = sandbox.baseUrl;
      }
    }
  } catch (error) {
    await started.close();
    throw error;
  }
  return { instance, sandboxes: started.sandboxes, close: started.close };
}
