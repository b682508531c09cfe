/**
 * `dw.svc.ServiceConfig`, `ServiceCredential` and `ServiceProfile`: read-only views of the
 * instance's service configuration, as `svc.getConfiguration()` returns them.
 */
import type { ServiceCredential as CredentialDefinition, ServiceProfile as ProfileDefinition } from '../context';

export class ServiceCredential {
  readonly #definition: CredentialDefinition;

  constructor(definition: CredentialDefinition) {
    this.#definition = definition;
  }

  get ID(): string {
    return this.#definition.id;
  }
  get URL(): string {
    return this.#definition.url;
  }
  get user(): string | null {
    return this.#definition.user ?? null;
  }
  get password(): string | null {
    return this.#definition.password ?? null;
  }
  getID(): string {
    return this.ID;
  }
  getURL(): string {
    return this.URL;
  }
  getUser(): string | null {
    return this.user;
  }
  getPassword(): string | null {
    return this.password;
  }
}

export class ServiceProfile {
  readonly #definition: ProfileDefinition;

  constructor(definition: ProfileDefinition) {
    this.#definition = definition;
  }

  get ID(): string {
    return this.#definition.id;
  }
  get timeoutMillis(): number {
    return this.#definition.timeoutMillis;
  }
  get rateLimitCalls(): number {
    return this.#definition.rateLimit?.calls ?? 0;
  }
  get rateLimitMillis(): number {
    return this.#definition.rateLimit?.millis ?? 0;
  }
  get cbCalls(): number {
    return this.#definition.circuitBreaker?.calls ?? 0;
  }
  get cbMillis(): number {
    return this.#definition.circuitBreaker?.millis ?? 0;
  }
  getID(): string {
    return this.ID;
  }
  getTimeoutMillis(): number {
    return this.timeoutMillis;
  }
  getRateLimitCalls(): number {
    return this.rateLimitCalls;
  }
  getRateLimitMillis(): number {
    return this.rateLimitMillis;
  }
  getCbCalls(): number {
    return this.cbCalls;
  }
  getCbMillis(): number {
    return this.cbMillis;
  }
}

export class ServiceConfig {
  readonly #id: string;
  readonly #serviceType: string;
  readonly #credential: ServiceCredential;
  readonly #profile: ServiceProfile;

  constructor(id: string, serviceType: string, credential: CredentialDefinition, profile: ProfileDefinition) {
    this.#id = id;
    this.#serviceType = serviceType;
    this.#credential = new ServiceCredential(credential);
    this.#profile = new ServiceProfile(profile);
  }

  get ID(): string {
    return this.#id;
  }
  get serviceType(): string {
    return this.#serviceType;
  }
  get credential(): ServiceCredential {
    return this.#credential;
  }
  get profile(): ServiceProfile {
    return this.#profile;
  }
  getID(): string {
    return this.ID;
  }
  getServiceType(): string {
    return this.serviceType;
  }
  getCredential(): ServiceCredential {
    return this.credential;
  }
  getProfile(): ServiceProfile {
    return this.profile;
  }
}
