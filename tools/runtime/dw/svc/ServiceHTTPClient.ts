/**
 * The `dw.net.HTTPClient` a parseResponse callback receives from an HTTP service: the response
 * side only (status, body, headers). The framework makes the request itself, so open/send are
 * not offered.
 */
import type { HttpExchangeResponse } from './httpExchange';
import { ResponseHeaderMap, StringList } from './responseHeaders';

export class ServiceHTTPClient {
  readonly #response: HttpExchangeResponse | null;
  readonly #timeoutMillis: number;
  readonly #headers: ResponseHeaderMap;
  readonly #bodyText: string;

  constructor(response: HttpExchangeResponse | null, timeoutMillis: number) {
    this.#response = response;
    this.#timeoutMillis = timeoutMillis;
    this.#headers = new ResponseHeaderMap(response?.rawHeaders ?? []);
    this.#bodyText = response ? decodeBody(response.body, charsetOf(this.#headers.first('Content-Type'))) : '';
  }

  get statusCode(): number {
    return this.#response?.statusCode ?? 0;
  }
  get statusMessage(): string | null {
    return this.#response?.statusMessage ?? null;
  }
  /** Body for 2xx responses only, null otherwise (as documented for HTTPClient.text). */
  get text(): string | null {
    return this.#response && isSuccess(this.#response.statusCode) ? this.#bodyText : null;
  }
  /** Body for status ≥ 400 only, null otherwise. */
  get errorText(): string | null {
    return this.#response && this.#response.statusCode >= 400 ? this.#bodyText : null;
  }
  get responseHeaders(): ResponseHeaderMap {
    return this.#headers;
  }
  get timeout(): number {
    return this.#timeoutMillis;
  }

  getStatusCode(): number {
    return this.statusCode;
  }
  getStatusMessage(): string | null {
    return this.statusMessage;
  }
  getText(encoding?: string): string | null {
    if (encoding === undefined || this.#response === null || !isSuccess(this.#response.statusCode)) return this.text;
    return decodeBody(this.#response.body, encoding);
  }
  getErrorText(): string | null {
    return this.errorText;
  }
  getResponseHeader(name: string): string | null {
    return this.#headers.first(name);
  }
  getResponseHeaders(): ResponseHeaderMap;
  getResponseHeaders(name: string): StringList;
  getResponseHeaders(name?: string): ResponseHeaderMap | StringList {
    if (name === undefined) return this.#headers;
    return this.#headers.get(name) ?? new StringList([]);
  }
  getTimeout(): number {
    return this.timeout;
  }

  /** The body whatever the status, for the communication log. */
  bodyForLog(): string {
    return this.#bodyText;
  }
}

export function isSuccess(statusCode: number): boolean {
  return statusCode >= 200 && statusCode < 300;
}

function charsetOf(contentType: string | null): string {
  const match = contentType ? /charset\s*=\s*"?([^";\s]+)/i.exec(contentType) : null;
  return match?.[1] ?? 'utf-8';
}

function decodeBody(body: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
