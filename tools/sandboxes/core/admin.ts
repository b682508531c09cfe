/**
 * Admin endpoints under `/__sandbox/` (no auth; the server only listens on loopback). They never
 * reach the provider's routes and never appear in the journal.
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

export function handleAdmin(
  sandbox: RunningSandbox,
  method: string,
  url: URL,
  rawBody: string,
  res: ServerResponse,
): void {
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
    default:
      return fail(404, `Unknown admin endpoint ${method} ${url.pathname}`);
  }
}
