/**
 * The providers the generic capture, cancel and refund steps can serve, by ID. A provider not
 * listed yet gets a clear error naming what is available, rather than a silent no-op.
 */
import type { ProviderLifecycle } from '../core/lifecycle';
import { findProvider, type ProviderId } from '../core/providers';
import { almaLifecycle } from './alma/almaLifecycle';
import { komojuLifecycle } from './komoju/komojuLifecycle';
import { monextLifecycle } from './monext/monextLifecycle';
import { payzenLifecycle } from './payzen/payzenLifecycle';

const LIFECYCLES: { [id: string]: ProviderLifecycle } = {
  alma: almaLifecycle,
  komoju: komojuLifecycle,
  monext: monextLifecycle,
  payzen: payzenLifecycle,
};

export function lifecycleOf(provider: ProviderId): ProviderLifecycle {
  const lifecycle = LIFECYCLES[provider];
  if (lifecycle) return lifecycle;
  const definition = findProvider(provider);
  const available: string[] = [];
  for (const id in LIFECYCLES) if (Object.prototype.hasOwnProperty.call(LIFECYCLES, id)) available.push(id);
  throw new Error(
    (definition ? definition.label : provider) +
      ': capture, cancel and refund are not available for this provider in this version; available: ' +
      available.join(', '),
  );
}
