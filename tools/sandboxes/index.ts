/**
 * Provider sandboxes: stateful HTTP simulations of the Alma, Monext REST, KOMOJU and PayZen APIs
 * on 127.0.0.1, for testing the cartridge's jobs over real HTTP.
 */
import { createAlmaSandbox } from './alma';
import { startSandbox as serveSandbox, type RunningSandbox, type SandboxServerOptions } from './core/server';
import { PROVIDER_IDS, type ProviderId, type ProviderSandbox } from './core/types';
import { createKomojuSandbox } from './komoju';
import { createMonextSandbox } from './monext';
import { createPayzenSandbox } from './payzen';

export type { Fault, FaultKind, FaultTimes } from './core/faults';
export type { JournalEntry } from './core/journal';
export type { RunningSandbox, SandboxServerOptions } from './core/server';
export { ADMIN_ENDPOINTS } from './core/admin';
export { PROVIDER_IDS, type ProviderId, type ProviderSandbox } from './core/types';
export { createAlmaSandbox, createKomojuSandbox, createMonextSandbox, createPayzenSandbox };

export const SANDBOX_FACTORIES = {
  alma: createAlmaSandbox,
  monext: createMonextSandbox,
  komoju: createKomojuSandbox,
  payzen: createPayzenSandbox,
} as const satisfies Record<ProviderId, (options?: never) => ProviderSandbox>;

type Factories = typeof SANDBOX_FACTORIES;

/** The provider-specific options (credentials, rule switches) of one factory. */
export type ProviderOptionsFor<P extends ProviderId> = NonNullable<Parameters<Factories[P]>[0]>;

export type StartOptions<P extends ProviderId> = SandboxServerOptions & ProviderOptionsFor<P>;

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

export function createSandbox<P extends ProviderId>(
  provider: P,
  options?: ProviderOptionsFor<P>,
): ReturnType<Factories[P]> {
  const factory = SANDBOX_FACTORIES[provider] as (options?: ProviderOptionsFor<P>) => ReturnType<Factories[P]>;
  return factory(options);
}

/** Starts a sandbox by provider id (options: server settings plus the provider's own) or for a ready instance. */
export function startSandbox<P extends ProviderId>(provider: P, options?: StartOptions<P>): Promise<RunningSandbox>;
export function startSandbox(provider: ProviderSandbox, options?: SandboxServerOptions): Promise<RunningSandbox>;
export function startSandbox(
  provider: ProviderId | ProviderSandbox,
  options: SandboxServerOptions = {},
): Promise<RunningSandbox> {
  const { port, latencyMs, now, journalLimit, maxBodyBytes, onError, ...providerOptions } = options;
  const serverOptions: SandboxServerOptions = { port, latencyMs, now, journalLimit, maxBodyBytes, onError };
  const sandbox =
    typeof provider === 'string'
      ? (SANDBOX_FACTORIES[provider] as (options?: object) => ProviderSandbox)(providerOptions)
      : provider;
  return serveSandbox(sandbox, serverOptions);
}

/** The credentials a sandbox accepts, when it exposes them as a `credentials` object of strings. */
export function describeCredentials(sandbox: ProviderSandbox): Record<string, string> | undefined {
  const candidate: unknown = (sandbox as ProviderSandbox & { credentials?: unknown }).credentials;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const entries = Object.entries(candidate).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
