/** The state behind one Service object, and the callback object a cartridge passes to createService. */
import type { ServiceCredential, ServiceDefinition } from '../context';
import type { Service } from './HTTPService';
import type { ServiceHTTPClient } from './ServiceHTTPClient';

/**
 * `dw.svc.ServiceCallback` members the HTTP services use; any of them may be missing. Methods, so
 * a callback declaring `svc: HTTPService` fits.
 */
export interface ServiceCallbackObject {
  initServiceClient?(svc: Service): unknown;
  createRequest?(svc: Service, ...args: unknown[]): unknown;
  execute?(svc: Service, request: unknown): unknown;
  executeOverride?: unknown;
  parseResponse?(svc: Service, response: unknown): unknown;
  mockCall?(svc: Service, request: unknown): unknown;
  mockFull?(svc: Service, ...args: unknown[]): unknown;
  filterLogMessage?(message: string): unknown;
  getRequestLogMessage?(request: unknown): unknown;
  getResponseLogMessage?(response: unknown): unknown;
  getURL?(): unknown;
  URL?: unknown;
}

/** What a call sends; a call may change it (in createRequest) without affecting the next call. */
export interface RequestConfiguration {
  url: string;
  /** setURL was used: a later setCredentialID keeps this URL (documented). */
  urlOverridden: boolean;
  method: string;
  /** Lower-cased name → name as given and value; a second addHeader for a name replaces it. */
  headers: Map<string, { name: string; value: string }>;
  params: [string, string][];
  authentication: string;
  encoding: string;
  cachingTTL: number;
  hostNameVerification: boolean;
  identity: unknown;
  outFile: unknown;
}

export interface ServiceState {
  readonly definition: ServiceDefinition;
  readonly callback: ServiceCallbackObject;
  credential: ServiceCredential;
  request: RequestConfiguration;
  mock: boolean;
  throwOnError: boolean;
  requestData: unknown;
  response: unknown;
  client: ServiceHTTPClient;
}

export function initialRequestConfiguration(definition: ServiceDefinition): RequestConfiguration {
  return {
    url: definition.credential.url,
    urlOverridden: false,
    method: 'POST',
    headers: new Map(),
    params: [],
    authentication: 'BASIC',
    encoding: 'UTF-8',
    cachingTTL: 0,
    hostNameVerification: true,
    identity: null,
    outFile: null,
  };
}

export function copyRequestConfiguration(configuration: RequestConfiguration): RequestConfiguration {
  return {
    ...configuration,
    headers: new Map([...configuration.headers].map(([key, header]) => [key, { ...header }])),
    params: configuration.params.map(([name, value]) => [name, value]),
  };
}
