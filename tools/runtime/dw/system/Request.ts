/**
 * dw.system.Request: the `request` global (Script API reference dw.system.Request.md,
 * SalesforceCommerceCloud/b2c-developer-tooling packages/b2c-tooling-sdk/data/script-api/).
 *
 * One object serves a runtime's whole life, as the global does for cartridge code: during a
 * storefront request it describes that HTTP request; in a job, "the request is not an HTTP
 * request, so HTTP-related methods return null" (class description).
 *
 * - `httpHeaders` is a dw.util.Map keyed by the lower-cased header name, as shipped cartridges read
 *   it (`request.httpHeaders.get('user-agent')`, `get('x-requested-with')`); a mixed-case key finds
 *   nothing. A header sent several times is one entry, its values joined with ', '.
 * - `httpParameters` is a Map of name → String array (the raw values).
 * - `httpURL` is the complete URL received (a minimal dw.web.URL: its `toString()`).
 * - `locale` is the locale of the URL; `setLocale` only sets a locale allowed for the current site
 *   ("only set if it is valid, if it is active and if it is allowed for the current site").
 * - There is no `httpBody` and no `getHttpBody()` on dw.system.Request: the body is
 *   `httpParameterMap.requestBodyAsString` (see HttpParameter.ts), so those read as undefined.
 *
 * Not emulated: session, httpCookies, geolocation, pageMetaData, triggeredForm(Action), SCAPI and
 * OCAPI members (they read as undefined).
 */
import type { HttpParameterMap } from '../web/HttpParameter';

/** The HTTP side of a storefront request, as the storefront host parsed it. */
export interface HttpRequestData {
  method: string;
  /** The complete URL received, e.g. `http://127.0.0.1:4321/on/demandware.store/…?a=b`. */
  url: string;
  path: string;
  /** Without the `?`; null when the URL has none. */
  queryString: string | null;
  host: string | null;
  /** dw.util.Map of lower-cased header names to values. */
  headers: unknown;
  /** dw.util.Map of parameter names to String arrays. */
  parameters: unknown;
  parameterMap: HttpParameterMap;
  remoteAddress: string | null;
  userAgent: string | null;
  referer: string | null;
  /** The first language of Accept-Language as a locale ID (`fr-FR` → `fr_FR`), or null. */
  httpLocale: string | null;
  requestId: string;
  custom: Record<string, unknown>;
}

/** What the global reads: the runtime's locale and the storefront request being handled, if any. */
export interface RequestSource {
  locale(): string;
  setLocale(localeId: string): boolean;
  /** The storefront request being handled, or null (in a job). */
  http(): HttpRequestData | null;
}

class HttpURL {
  constructor(private readonly href: string) {}
  toString(): string {
    return this.href;
  }
}

export class Request {
  /** @internal */
  constructor(private readonly source: RequestSource) {}

  get locale(): string {
    return this.source.locale();
  }
  getLocale(): string {
    return this.source.locale();
  }
  setLocale(localeId: string): boolean {
    return this.source.setLocale(String(localeId));
  }

  get httpRequest(): boolean {
    return true;
  }
  isHttpRequest(): boolean {
    return true;
  }

  get httpMethod(): string | null {
    return this.source.http()?.method ?? null;
  }
  getHttpMethod(): string | null {
    return this.httpMethod;
  }

  get httpParameterMap(): HttpParameterMap | null {
    return this.source.http()?.parameterMap ?? null;
  }
  getHttpParameterMap(): HttpParameterMap | null {
    return this.httpParameterMap;
  }

  get httpParameters(): unknown {
    return this.source.http()?.parameters ?? null;
  }
  getHttpParameters(): unknown {
    return this.httpParameters;
  }

  get httpHeaders(): unknown {
    return this.source.http()?.headers ?? null;
  }
  getHttpHeaders(): unknown {
    return this.httpHeaders;
  }

  get httpURL(): HttpURL | null {
    const http = this.source.http();
    return http ? new HttpURL(http.url) : null;
  }
  getHttpURL(): HttpURL | null {
    return this.httpURL;
  }

  get httpPath(): string | null {
    return this.source.http()?.path ?? null;
  }
  getHttpPath(): string | null {
    return this.httpPath;
  }

  get httpQueryString(): string | null {
    return this.source.http()?.queryString ?? null;
  }
  getHttpQueryString(): string | null {
    return this.httpQueryString;
  }

  get httpHost(): string | null {
    return this.source.http()?.host ?? null;
  }
  getHttpHost(): string | null {
    return this.httpHost;
  }

  get httpRemoteAddress(): string | null {
    return this.source.http()?.remoteAddress ?? null;
  }
  getHttpRemoteAddress(): string | null {
    return this.httpRemoteAddress;
  }

  get httpUserAgent(): string | null {
    return this.source.http()?.userAgent ?? null;
  }
  getHttpUserAgent(): string | null {
    return this.httpUserAgent;
  }

  get httpReferer(): string | null {
    return this.source.http()?.referer ?? null;
  }
  getHttpReferer(): string | null {
    return this.httpReferer;
  }

  get httpLocale(): string | null {
    return this.source.http()?.httpLocale ?? null;
  }
  getHttpLocale(): string | null {
    return this.httpLocale;
  }

  /** "http" or "https"; null outside an HTTP request. The local host only speaks http. */
  get httpProtocol(): string | null {
    return this.source.http() ? 'http' : null;
  }
  getHttpProtocol(): string | null {
    return this.httpProtocol;
  }

  get httpSecure(): boolean {
    return false;
  }
  isHttpSecure(): boolean {
    return false;
  }

  get includeRequest(): boolean {
    return false;
  }
  isIncludeRequest(): boolean {
    return false;
  }

  get requestID(): string | null {
    return this.source.http()?.requestId ?? null;
  }
  getRequestID(): string | null {
    return this.requestID;
  }

  get custom(): Record<string, unknown> | null {
    return this.source.http()?.custom ?? null;
  }
  getCustom(): Record<string, unknown> | null {
    return this.custom;
  }

  get SCAPI(): boolean {
    return false;
  }
  isSCAPI(): boolean {
    return false;
  }

  get clientId(): null {
    return null;
  }
  getClientId(): null {
    return null;
  }

  get ocapiVersion(): null {
    return null;
  }
  getOcapiVersion(): null {
    return null;
  }
}
