/** `dw.svc.LocalServiceRegistry`: services configured on the emulated instance, bound to a callback. */
import { HTTPFormService, HTTPService } from './HTTPService';
import { ServiceHTTPClient } from './ServiceHTTPClient';
import { initialRequestConfiguration, type ServiceCallbackObject } from './serviceState';
import type { SvcRuntime } from './svcRuntime';

export interface LocalServiceRegistryModule {
  createService(serviceID: string, configObj: ServiceCallbackObject): HTTPService;
}

export function createLocalServiceRegistry(runtime: SvcRuntime): LocalServiceRegistryModule {
  return {
    createService(serviceID: string, configObj: ServiceCallbackObject): HTTPService {
      const id = String(serviceID);
      const definition = runtime.ctx.service(id);
      if (!definition) {
        throw new Error(`Service '${id}' not found: no service with this ID is configured on the instance`);
      }
      if (configObj === null || typeof configObj !== 'object') {
        throw new TypeError(`createService('${id}'): the callback configuration must be an object`);
      }
      runtime.rememberCredential(definition.credential);
      const state = {
        definition,
        callback: configObj,
        credential: definition.credential,
        request: initialRequestConfiguration(definition),
        mock: false,
        throwOnError: false,
        requestData: null,
        response: null,
        client: new ServiceHTTPClient(null, definition.profile.timeoutMillis),
      };
      const ServiceClass = definition.type === 'HTTPForm' ? HTTPFormService : HTTPService;
      return new ServiceClass({ state, runtime });
    },
  };
}
