/** Turns a service's request configuration and createRequest's return value into what goes on the wire. */
import { Buffer } from 'node:buffer';
import type { HttpExchangeRequest } from './httpExchange';
import type { ServiceState } from './serviceState';

/** Longest HTTPClient timeout in a job (documented); also used when the profile has none. */
export const MAX_JOB_TIMEOUT_MILLIS = 15 * 60 * 1000;

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD']);

const NODE_ENCODINGS: Record<string, BufferEncoding> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  latin1: 'latin1',
  'us-ascii': 'ascii',
  ascii: 'ascii',
  'utf-16le': 'utf16le',
};

/** Thrown for configurations the emulation cannot send; the call turns it into an ERROR result. */
export class UnsupportedRequestError extends Error {}

/** The body createRequest described: null/undefined sends none, anything else is String(x). */
export function requestBodyText(request: unknown): string | null {
  if (request === null || request === undefined) return null;
  if (Array.isArray(request)) {
    throw new UnsupportedRequestError('Multipart request bodies (an array of HTTPRequestPart) are not emulated');
  }
  return String(request);
}

/** HTTPForm without createRequest: the first call argument is the map of form fields. */
export function formBody(fields: unknown): string {
  const form = new URLSearchParams();
  if (fields !== null && typeof fields === 'object') {
    for (const [name, value] of mapEntries(fields)) form.append(name, String(value));
  }
  return form.toString();
}

export function effectiveTimeoutMillis(state: ServiceState): number {
  const configured = state.definition.profile.timeoutMillis;
  return configured > 0 ? Math.min(configured, MAX_JOB_TIMEOUT_MILLIS) : MAX_JOB_TIMEOUT_MILLIS;
}

export interface OutgoingRequest {
  exchange: HttpExchangeRequest;
  /** The code set an Authorization header that BASIC authentication replaced. */
  replacedAuthorizationHeader: boolean;
}

export function buildOutgoingRequest(state: ServiceState, body: string | null): OutgoingRequest {
  const { request, credential, definition } = state;
  if (request.outFile !== null) {
    throw new UnsupportedRequestError('setOutFile (writing the response to a dw.io.File) is not emulated');
  }
  const headers = new Map(request.headers);
  let replacedAuthorizationHeader = false;
  if (request.authentication === 'BASIC' && credential.user && credential.password) {
    replacedAuthorizationHeader = headers.has('authorization');
    const token = Buffer.from(`${credential.user}:${credential.password}`, 'utf8').toString('base64');
    headers.set('authorization', { name: 'Authorization', value: `Basic ${token}` });
  }
  if (definition.type === 'HTTPForm' && !headers.has('content-type')) {
    headers.set('content-type', { name: 'Content-Type', value: 'application/x-www-form-urlencoded' });
  }
  const sendsBody = body !== null && !METHODS_WITHOUT_BODY.has(request.method);
  return {
    exchange: {
      method: request.method,
      url: urlWithParams(request.url, request.params),
      headers: [...headers.values()].map(({ name, value }) => [name, value]),
      body: sendsBody ? new Uint8Array(Buffer.from(body, nodeEncoding(request.encoding))) : null,
      timeoutMillis: effectiveTimeoutMillis(state),
    },
    replacedAuthorizationHeader,
  };
}

function urlWithParams(url: string, params: [string, string][]): string {
  if (params.length === 0) return url;
  const query = new URLSearchParams(params).toString();
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

function nodeEncoding(encoding: string): BufferEncoding {
  const nodeName = NODE_ENCODINGS[encoding.toLowerCase()];
  if (!nodeName) throw new UnsupportedRequestError(`Request encoding '${encoding}' is not emulated`);
  return nodeName;
}

/** Plain objects and dw.util.Map-like objects (keySet() + get()). */
function mapEntries(fields: object): [string, unknown][] {
  const mapLike = fields as { keySet?: unknown; get?: unknown };
  if (typeof mapLike.keySet === 'function' && typeof mapLike.get === 'function') {
    const keys = (mapLike.keySet as () => { toArray(): unknown[] }).call(fields).toArray();
    const get = mapLike.get as (key: unknown) => unknown;
    return keys.map((key) => [String(key), get.call(fields, key)]);
  }
  return Object.entries(fields);
}
