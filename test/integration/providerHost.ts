/**
 * One provider sandbox for an integration test file (`start` in `before`, `close` in `after`),
 * and the scenario set-up every provider's host shares: the instance (plus a second site,
 * RefArchFR, when asked) pointed at the sandbox, the sandbox reset and seeded.
 */
import type { InstanceFile } from '../../tools/runtime/instance/types';
import type { ProviderId } from '../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import { bindSandboxes, type BoundSandboxes } from '../../tools/runtime/sandboxBinding';
import type { RemoteSandbox } from '../../tools/sandboxes/sandboxProcess';
import { ensureBuilt } from '../helpers/built';
import { AlmaScenario } from './almaScenario';

export class ProviderHost {
  private bound: BoundSandboxes | undefined;

  constructor(
    private readonly provider: ProviderId,
    private readonly emptyInstance: () => InstanceFile,
    private readonly sandboxOptions: Record<string, unknown> = {},
  ) {}

  async start(): Promise<void> {
    ensureBuilt();
    this.bound = await bindSandboxes(this.emptyInstance(), {
      providers: [this.provider],
      sandboxOptions: { [this.provider]: this.sandboxOptions },
    });
  }

  async close(): Promise<void> {
    await this.bound?.close();
  }

  get sandbox(): RemoteSandbox {
    return this.bound!.sandboxes.get(this.provider)!;
  }

  /** A runtime on `instance` (and `secondSite`'s site as RefArchFR), the sandbox reset and seeded. */
  protected async prepare(
    instance: InstanceFile,
    secondSite: InstanceFile | null,
    seeds: unknown[],
  ): Promise<AlmaScenario> {
    if (secondSite) instance.sites.push({ ...secondSite.sites[0]!, id: 'RefArchFR', name: 'RefArchFR' });
    instance.services![0].credential.url = this.sandbox.baseUrl;
    await this.sandbox.reset();
    await this.sandbox.clearFaults();
    if (seeds.length) await this.sandbox.seed(seeds);
    return new AlmaScenario(instance, this.sandbox);
  }
}
