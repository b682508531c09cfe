/**
 * `dw.svc.Service`, `dw.svc.HTTPService` and `dw.svc.HTTPFormService`. Scripts get them from
 * `LocalServiceRegistry.createService`; the classes are exported for `instanceof` only.
 */
import { callService } from './callFlow';
import type { Result } from './Result';
import { ServiceConfig } from './ServiceConfig';
import type { ServiceHTTPClient } from './ServiceHTTPClient';
import type { ServiceState } from './serviceState';
import type { SvcRuntime } from './svcRuntime';

export interface ServiceInternals {
  state: ServiceState;
  runtime: SvcRuntime;
}

export class Service {
  protected readonly state: ServiceState;
  readonly #runtime: SvcRuntime;

  /** Not for scripts: the platform class has no public constructor. */
  constructor(internals: ServiceInternals) {
    if (!internals || !internals.state) throw new TypeError('Service has no public constructor');
    this.state = internals.state;
    this.#runtime = internals.runtime;
  }

  call(...args: unknown[]): Result {
    return callService(this, this.state, this.#runtime, args);
  }

  get configuration(): ServiceConfig {
    const { definition } = this.state;
    return new ServiceConfig(definition.id, definition.type, this.state.credential, definition.profile);
  }
  getConfiguration(): ServiceConfig {
    return this.configuration;
  }

  get credentialID(): string {
    return this.state.credential.id;
  }
  set credentialID(id: string) {
    this.setCredentialID(id);
  }
  getCredentialID(): string {
    return this.credentialID;
  }
  setCredentialID(id: string): this {
    const credential = this.#runtime.credential(String(id));
    if (!credential) throw new Error(`Service credential '${String(id)}' not found`);
    this.state.credential = credential;
    if (!this.state.request.urlOverridden) this.state.request.url = credential.url;
    return this;
  }

  get URL(): string {
    return this.state.request.url;
  }
  set URL(url: string) {
    this.setURL(url);
  }
  getURL(): string {
    return this.URL;
  }
  setURL(url: string): this {
    this.state.request.url = String(url);
    this.state.request.urlOverridden = true;
    return this;
  }

  get mock(): boolean {
    return this.state.mock;
  }
  set mock(mock: boolean) {
    this.state.mock = Boolean(mock);
  }
  isMock(): boolean {
    return this.mock;
  }
  setMock(): this {
    this.state.mock = true;
    return this;
  }

  get throwOnError(): boolean {
    return this.state.throwOnError;
  }
  set throwOnError(throwOnError: boolean) {
    this.state.throwOnError = Boolean(throwOnError);
  }
  isThrowOnError(): boolean {
    return this.throwOnError;
  }
  setThrowOnError(): this {
    this.state.throwOnError = true;
    return this;
  }

  get requestData(): unknown {
    return this.state.requestData;
  }
  getRequestData(): unknown {
    return this.requestData;
  }
  get response(): unknown {
    return this.state.response;
  }
  getResponse(): unknown {
    return this.response;
  }

  toString(): string {
    return `[${this.constructor.name} ${this.state.definition.id}]`;
  }
}

export class HTTPService extends Service {
  addHeader(name: string, value: string): this {
    const headerName = String(name);
    this.state.request.headers.set(headerName.toLowerCase(), { name: headerName, value: String(value) });
    return this;
  }

  addParam(name: string, value: string): this {
    this.state.request.params.push([String(name), String(value)]);
    return this;
  }

  get requestMethod(): string {
    return this.state.request.method;
  }
  set requestMethod(method: string) {
    this.setRequestMethod(method);
  }
  getRequestMethod(): string {
    return this.requestMethod;
  }
  setRequestMethod(method: string): this {
    this.state.request.method = String(method).toUpperCase();
    return this;
  }

  get authentication(): string {
    return this.state.request.authentication;
  }
  set authentication(authentication: string) {
    this.setAuthentication(authentication);
  }
  getAuthentication(): string {
    return this.authentication;
  }
  setAuthentication(authentication: string): this {
    this.state.request.authentication = String(authentication).toUpperCase();
    return this;
  }

  get encoding(): string {
    return this.state.request.encoding;
  }
  set encoding(encoding: string) {
    this.setEncoding(encoding);
  }
  getEncoding(): string {
    return this.encoding;
  }
  setEncoding(encoding: string): this {
    this.state.request.encoding = String(encoding);
    return this;
  }

  /** Stored only: the emulation never caches responses. */
  get cachingTTL(): number {
    return this.state.request.cachingTTL;
  }
  set cachingTTL(ttl: number) {
    this.setCachingTTL(ttl);
  }
  getCachingTTL(): number {
    return this.cachingTTL;
  }
  setCachingTTL(ttl: number): this {
    this.state.request.cachingTTL = Number(ttl);
    return this;
  }

  /** Stored only: sandboxes on 127.0.0.1 are plain HTTP. */
  get hostNameVerification(): boolean {
    return this.state.request.hostNameVerification;
  }
  set hostNameVerification(enable: boolean) {
    this.setHostNameVerification(enable);
  }
  getHostNameVerification(): boolean {
    return this.hostNameVerification;
  }
  setHostNameVerification(enable: boolean): this {
    this.state.request.hostNameVerification = Boolean(enable);
    return this;
  }

  /** Stored only: no mTLS in the emulation. */
  get identity(): unknown {
    return this.state.request.identity;
  }
  set identity(keyRef: unknown) {
    this.setIdentity(keyRef);
  }
  getIdentity(): unknown {
    return this.identity;
  }
  setIdentity(keyRef: unknown): this {
    this.state.request.identity = keyRef ?? null;
    return this;
  }

  /** A call with an out file set fails: writing the body to a dw.io.File is not emulated. */
  get outFile(): unknown {
    return this.state.request.outFile;
  }
  set outFile(file: unknown) {
    this.setOutFile(file);
  }
  getOutFile(): unknown {
    return this.outFile;
  }
  setOutFile(file: unknown): this {
    this.state.request.outFile = file ?? null;
    return this;
  }

  get client(): ServiceHTTPClient {
    return this.state.client;
  }
  getClient(): ServiceHTTPClient {
    return this.client;
  }
}

export class HTTPFormService extends HTTPService {}
