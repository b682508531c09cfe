/**
 * The contract between the sandbox HTTP framework (core/server.ts) and each provider's stateful
 * simulation (alma/, monext/, komoju/, payzen/). A provider never touches sockets: it routes,
 * applies requests to its state and answers, synchronously. The framework owns ports, latency,
 * fault injection, the request journal and the admin endpoints.
 */

export type ProviderId = 'alma' | 'monext' | 'komoju' | 'payzen';

export const PROVIDER_IDS: readonly ProviderId[] = ['alma', 'monext', 'komoju', 'payzen'];

export interface SandboxRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path without the query string, e.g. `/v1/payments/payment_11xr/captures`. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  rawBody: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised with JSON.stringify and sent as application/json. */
  json?: unknown;
  /** Sent verbatim (content type from `headers`, else text/plain). Used when `json` is absent. */
  text?: string;
}

export interface ProviderSandbox {
  readonly provider: ProviderId;
  /** Path prefix of the real API, as in the credential URL of services.xml (e.g. `/api/v1`). */
  readonly basePath: string;
  /**
   * Name of the operation the request targets (`capture`, `refund`, `get`, …), used by the
   * journal and to aim faults; undefined when no route matches (the provider's 404 is then sent).
   */
  route(req: SandboxRequest): string | undefined;
  /** Called on arrival, before latency: may answer at once (KOMOJU's 409 for a key in flight). */
  arrive?(req: SandboxRequest): SandboxResponse | undefined;
  /** Authenticates, validates, applies the request to the state and answers. */
  handle(req: SandboxRequest, now: Date): SandboxResponse;
  /** Called once the answer was sent or the connection dropped (ends "in flight"). */
  settle?(req: SandboxRequest): void;
  /** The provider's own error answer for an injected HTTP error status (5xx, 429). */
  errorResponse(status: number): SandboxResponse;
  /** Creates payments in the state (shape per provider, documented in its README section). */
  seed(payments: unknown[], now: Date): unknown[];
  /** The whole state as plain JSON, for tests and the admin endpoint. */
  snapshot(): unknown;
  reset(): void;
}
