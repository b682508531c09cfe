/**
 * Admin endpoints under `/__sandbox/` (no auth; the server only listens on loopback). They never
 * reach the provider's routes and never appear in the journal. A provider may add endpoints of its
 * own (ProviderAdminExtension, e.g. PayZen's IPN), tried after the common ones.
 */
import type { ServerResponse } from 'node:http';
import type { Fault } from './faults';
import { isRecord, parseJson } from './json';
import { sendResponse } from './respond';
import type { RunningSandbox } from './server';

export const ADMIN_PREFIX = '/__sandbox/';

export const ADMIN_ENDPOINTS: readonly string[] = [
  'GET    /__sandbox/journal   (?route=capture&since=SEQ)',
  'DELETE /__sandbox/journal',
  'GET    /__sandbox/state',
  'POST   /__sandbox/seed      { "payments": [ … ] }',
  'GET    /__sandbox/faults',
  'POST   /__sandbox/faults    { "kind": "status", "status": 503, "route": "capture" } or an array',
  'DELETE /__sandbox/faults',
  'POST   /__sandbox/reset',
];

/** A request to one of a provider's own admin endpoints (`endpoint` is the path after `/__sandbox/`). */
export interface ProviderAdminRequest {
  method: string;
  endpoint: string;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when empty. A body that is not JSON is refused before. */
  body: unknown;
}

export interface ProviderAdminAnswer {
  status: number;
  body?: unknown;
}

/**
 * Optional on a ProviderSandbox: admin endpoints of its own (PayZen's IPN), tried when no common
 * endpoint matches. Returns undefined for an endpoint it does not know (404).
 */
export interface ProviderAdminExtension {
  readonly adminEndpoints: readonly string[];
  handleAdmin(request: ProviderAdminRequest): ProviderAdminAnswer | Promise<ProviderAdminAnswer> | undefined;
}

export function providerAdminExtension(provider: unknown): ProviderAdminExtension | undefined {
  const candidate = provider as Partial<ProviderAdminExtension> | null;
  return typeof candidate?.handleAdmin === 'function' && Array.isArray(candidate.adminEndpoints)
    ? (candidate as ProviderAdminExtension)
    : undefined;
}

async function answerProviderAdmin(
  extension: ProviderAdminExtension,
  request: ProviderAdminRequest,
  json: (status: number, body?: unknown) => void,
): Promise<boolean> {
  let answer: ProviderAdminAnswer | undefined;
  try {
    answer = await extension.handleAdmin(request);
  } catch (error) {
    json(500, { error: error instanceof Error ? error.message : String(error) });
    return true;
  }
  if (answer === undefined) return false;
  json(answer.status, answer.body);
  return true;
}

export function handleAdmin(
  sandbox: RunningSandbox,
  method: string,
  url: URL,
  rawBody: string,
  res: ServerResponse,
): void | Promise<void> {
  const json = (status: number, body?: unknown): void => {
    sendResponse(res, body === undefined ? { status } : { status, json: body });
  };
  const fail = (status: number, error: string): void => json(status, { error });
  const endpoint = `${method.toUpperCase()} ${url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, '')}`;

  switch (endpoint) {
    case 'GET journal': {
      const route = url.searchParams.get('route');
      const since = Number(url.searchParams.get('since') ?? '0');
      const entries = sandbox
        .journal()
        .filter((entry) => (route === null || entry.route === route) && (!Number.isFinite(since) || entry.seq > since));
      return json(200, { entries });
    }
    case 'DELETE journal':
      sandbox.clearJournal();
      return json(204);
    case 'GET state':
      return json(200, sandbox.snapshot());
    case 'POST seed': {
      const body = parseJson(rawBody);
      if (!body.ok || !isRecord(body.value) || !Array.isArray(body.value.payments)) {
        return fail(400, 'Expected a JSON body { "payments": [ … ] }');
      }
      try {
        return json(201, { payments: sandbox.seed(body.value.payments) });
      } catch (error) {
        return fail(400, error instanceof Error ? error.message : String(error));
      }
    }
    case 'GET faults':
      return json(200, { faults: sandbox.faults() });
    case 'POST faults': {
      const body = parseJson(rawBody);
      if (!body.ok || body.value === undefined) return fail(400, 'Expected a fault object or an array of faults');
      try {
        sandbox.addFault(body.value as Fault | Fault[]);
        return json(201, { faults: sandbox.faults() });
      } catch (error) {
        return fail(400, error instanceof Error ? error.message : String(error));
      }
    }
    case 'DELETE faults':
      sandbox.clearFaults();
      return json(204);
    case 'POST reset':
      sandbox.reset();
      return json(204);
    default: {
      const unknown = (): void => fail(404, `Unknown admin endpoint ${method} ${url.pathname}`);
      const extension = providerAdminExtension(sandbox.sandbox);
      if (extension === undefined) return unknown();
      const body = parseJson(rawBody);
      if (!body.ok) return fail(400, 'Expected a JSON body');
      const request: ProviderAdminRequest = {
        method: method.toUpperCase(),
        endpoint: url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, ''),
        query: url.searchParams,
        body: body.value,
      };
      return answerProviderAdmin(extension, request, json).then((answered) => (answered ? undefined : unknown()));
    }
  }
}
