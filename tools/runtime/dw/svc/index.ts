/**
 * The emulated `dw.svc` package: module path → factory returning what `require(path)` returns on
 * the platform. Every factory for the same RuntimeContext shares one SvcRuntime (rate limiters,
 * circuit breakers, warnings given).
 */
import type { RuntimeContext } from '../context';
import { HTTPFormService, HTTPService, Service } from './HTTPService';
import { createLocalServiceRegistry } from './LocalServiceRegistry';
import { Result } from './Result';
import { ServiceConfig, ServiceCredential, ServiceProfile } from './ServiceConfig';
import { svcRuntimeFor } from './svcRuntime';

/** Documentation-only class on the platform: the callback object is a plain object. */
export class ServiceCallback {}

export const dwModules: Record<string, (ctx: RuntimeContext) => unknown> = {
  'dw/svc/LocalServiceRegistry': (ctx) => createLocalServiceRegistry(svcRuntimeFor(ctx)),
  'dw/svc/Result': () => Result,
  'dw/svc/ServiceCallback': () => ServiceCallback,
  'dw/svc/Service': () => Service,
  'dw/svc/HTTPService': () => HTTPService,
  'dw/svc/HTTPFormService': () => HTTPFormService,
  'dw/svc/ServiceConfig': () => ServiceConfig,
  'dw/svc/ServiceCredential': () => ServiceCredential,
  'dw/svc/ServiceProfile': () => ServiceProfile,
};
