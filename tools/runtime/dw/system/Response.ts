/**
 * dw.system.Response: the `response` global (Script API reference dw.system.Response.md,
 * SalesforceCommerceCloud/b2c-developer-tooling packages/b2c-tooling-sdk/data/script-api/).
 *
 * - Output is buffered ("By default, buffering is enabled"): nothing reaches the client before the
 *   controller returns, and an uncaught error discards what it wrote.
 * - `setContentType` "may only be called before any output is written": a later call is ignored
 *   (and reported with a runtime warning).
 * - `addHttpHeader`/`setHttpHeader`: "For public headers, only the names listed in the Constants
 *   section are allowed. Custom header names must begin with the prefix X-SF-CC- and can contain
 *   only alphanumeric characters, dash, and underscore." Any other name is not sent (and reported
 *   with a runtime warning). Whether the platform throws instead is not documented.
 * - `redirect(location[, status])`: 302 by default; the status "must be 301, 302 or 307" and the
 *   location "must be not empty" (IllegalArgumentException otherwise: our reading of "must").
 *
 * Outside a storefront request (in a job) every method throws: there is no HTTP response to write.
 * Not emulated: addHttpCookie (dw.web.Cookie is not emulated), setExpires and setVaryBy (page
 * cache) are accepted and have no effect.
 */
import { illegalArgument, illegalState } from '../util/JavaException';

/** The answer a controller builds, sent by the storefront host when the controller returns. */
export interface ResponseBuffer {
  status: number;
  /** null until the controller sets one (the host then sends its default). */
  contentType: string | null;
  /** Header names as the controller spelled them, in order; Content-Type is kept in contentType. */
  headers: Array<[string, string]>;
  body: string[];
  /** Whether anything was written (setContentType is then ignored). */
  written: boolean;
}

export interface ResponseSink {
  /** The buffer of the storefront request being handled, or null (in a job). */
  current(): ResponseBuffer | null;
  warn(code: string, message: string): void;
}

const ALLOWED_HEADERS = {
  ACCESS_CONTROL_ALLOW_CREDENTIALS: 'Access-Control-Allow-Credentials',
  ACCESS_CONTROL_ALLOW_HEADERS: 'Access-Control-Allow-Headers',
  ACCESS_CONTROL_ALLOW_METHODS: 'Access-Control-Allow-Methods',
  ACCESS_CONTROL_ALLOW_ORIGIN: 'Access-Control-Allow-Origin',
  ACCESS_CONTROL_EXPOSE_HEADERS: 'Access-Control-Expose-Headers',
  ALLOW: 'Allow',
  CONTENT_DISPOSITION: 'Content-Disposition',
  CONTENT_LANGUAGE: 'Content-Language',
  CONTENT_LOCATION: 'Content-Location',
  CONTENT_MD5: 'Content-MD5',
  CONTENT_SECURITY_POLICY: 'Content-Security-Policy',
  CONTENT_SECURITY_POLICY_REPORT_ONLY: 'Content-Security-Policy-Report-Only',
  CONTENT_TYPE: 'Content-Type',
  CROSS_ORIGIN_EMBEDDER_POLICY: 'Cross-Origin-Embedder-Policy',
  CROSS_ORIGIN_EMBEDDER_POLICY_REPORT_ONLY: 'Cross-Origin-Embedder-Policy-Report-Only',
  CROSS_ORIGIN_OPENER_POLICY: 'Cross-Origin-Opener-Policy',
  CROSS_ORIGIN_OPENER_POLICY_REPORT_ONLY: 'Cross-Origin-Opener-Policy-Report-Only',
  CROSS_ORIGIN_RESOURCE_POLICY: 'Cross-Origin-Resource-Policy',
  LINK: 'Link',
  LOCATION: 'Location',
  PERMISSIONS_POLICY: 'Permissions-Policy',
  PLATFORM_FOR_PRIVACY_PREFERENCES_PROJECT: 'P3P',
  REFERRER_POLICY: 'Referrer-Policy',
  REFRESH: 'Refresh',
  RETRY_AFTER: 'Retry-After',
  SERVICE_WORKER_ALLOWED: 'service-worker-allowed',
  VARY: 'Vary',
  X_CONTENT_TYPE_OPTIONS: 'X-Content-Type-Options',
  X_FRAME_OPTIONS: 'X-FRAME-OPTIONS',
  X_ROBOTS_TAG: 'X-Robots-Tag',
  X_XSS_PROTECTION: 'X-XSS-Protection',
} as const;

const ALLOWED_NAMES = new Set(Object.values(ALLOWED_HEADERS).map((name) => name.toLowerCase()));
const CUSTOM_HEADER = /^X-SF-CC-[A-Za-z0-9_-]+$/i;
const REDIRECT_STATUSES = new Set([301, 302, 307]);

/** dw.io.PrintWriter as the response hands it out: print, println, write into the buffer. */
class ResponseWriter {
  constructor(private readonly response: Response) {}
  print(value: unknown): void {
    this.response.append(String(value));
  }
  println(value?: unknown): void {
    this.response.append(arguments.length === 0 ? '\n' : `${String(value)}\n`);
  }
  write(value: unknown): void {
    this.response.append(String(value));
  }
  flush(): void {}
  close(): void {}
}

export class Response {
  static readonly ACCESS_CONTROL_ALLOW_CREDENTIALS = ALLOWED_HEADERS.ACCESS_CONTROL_ALLOW_CREDENTIALS;
  static readonly ACCESS_CONTROL_ALLOW_HEADERS = ALLOWED_HEADERS.ACCESS_CONTROL_ALLOW_HEADERS;
  static readonly ACCESS_CONTROL_ALLOW_METHODS = ALLOWED_HEADERS.ACCESS_CONTROL_ALLOW_METHODS;
  static readonly ACCESS_CONTROL_ALLOW_ORIGIN = ALLOWED_HEADERS.ACCESS_CONTROL_ALLOW_ORIGIN;
  static readonly ACCESS_CONTROL_EXPOSE_HEADERS = ALLOWED_HEADERS.ACCESS_CONTROL_EXPOSE_HEADERS;
  static readonly ALLOW = ALLOWED_HEADERS.ALLOW;
  static readonly CONTENT_DISPOSITION = ALLOWED_HEADERS.CONTENT_DISPOSITION;
  static readonly CONTENT_LANGUAGE = ALLOWED_HEADERS.CONTENT_LANGUAGE;
  static readonly CONTENT_LOCATION = ALLOWED_HEADERS.CONTENT_LOCATION;
  static readonly CONTENT_MD5 = ALLOWED_HEADERS.CONTENT_MD5;
  static readonly CONTENT_SECURITY_POLICY = ALLOWED_HEADERS.CONTENT_SECURITY_POLICY;
  static readonly CONTENT_SECURITY_POLICY_REPORT_ONLY = ALLOWED_HEADERS.CONTENT_SECURITY_POLICY_REPORT_ONLY;
  static readonly CONTENT_TYPE = ALLOWED_HEADERS.CONTENT_TYPE;
  static readonly CROSS_ORIGIN_EMBEDDER_POLICY = ALLOWED_HEADERS.CROSS_ORIGIN_EMBEDDER_POLICY;
  static readonly CROSS_ORIGIN_EMBEDDER_POLICY_REPORT_ONLY = ALLOWED_HEADERS.CROSS_ORIGIN_EMBEDDER_POLICY_REPORT_ONLY;
  static readonly CROSS_ORIGIN_OPENER_POLICY = ALLOWED_HEADERS.CROSS_ORIGIN_OPENER_POLICY;
  static readonly CROSS_ORIGIN_OPENER_POLICY_REPORT_ONLY = ALLOWED_HEADERS.CROSS_ORIGIN_OPENER_POLICY_REPORT_ONLY;
  static readonly CROSS_ORIGIN_RESOURCE_POLICY = ALLOWED_HEADERS.CROSS_ORIGIN_RESOURCE_POLICY;
  static readonly LINK = ALLOWED_HEADERS.LINK;
  static readonly LOCATION = ALLOWED_HEADERS.LOCATION;
  static readonly PERMISSIONS_POLICY = ALLOWED_HEADERS.PERMISSIONS_POLICY;
  static readonly PLATFORM_FOR_PRIVACY_PREFERENCES_PROJECT = ALLOWED_HEADERS.PLATFORM_FOR_PRIVACY_PREFERENCES_PROJECT;
  static readonly REFERRER_POLICY = ALLOWED_HEADERS.REFERRER_POLICY;
  static readonly REFRESH = ALLOWED_HEADERS.REFRESH;
  static readonly RETRY_AFTER = ALLOWED_HEADERS.RETRY_AFTER;
  static readonly SERVICE_WORKER_ALLOWED = ALLOWED_HEADERS.SERVICE_WORKER_ALLOWED;
  static readonly VARY = ALLOWED_HEADERS.VARY;
  static readonly X_CONTENT_TYPE_OPTIONS = ALLOWED_HEADERS.X_CONTENT_TYPE_OPTIONS;
  static readonly X_FRAME_OPTIONS = ALLOWED_HEADERS.X_FRAME_OPTIONS;
  static readonly X_FRAME_OPTIONS_ALLOW_FROM = 'ALLOW-FROM';
  static readonly X_FRAME_OPTIONS_DENY_VALUE = 'DENY';
  static readonly X_FRAME_OPTIONS_SAMEORIGIN_VALUE = 'SAMEORIGIN';
  static readonly X_ROBOTS_TAG = ALLOWED_HEADERS.X_ROBOTS_TAG;
  static readonly X_XSS_PROTECTION = ALLOWED_HEADERS.X_XSS_PROTECTION;

  private readonly printWriter = new ResponseWriter(this);

  /** @internal */
  constructor(private readonly sink: ResponseSink) {}

  private buffer(method: string): ResponseBuffer {
    const buffer = this.sink.current();
    if (!buffer) {
      throw illegalState(
        `response.${method}(): there is no HTTP response outside a storefront request (local runtime)`,
      );
    }
    return buffer;
  }

  /** @internal */
  append(text: string): void {
    const buffer = this.buffer('getWriter');
    buffer.body.push(text);
    buffer.written = true;
  }

  get writer(): ResponseWriter {
    this.buffer('getWriter');
    return this.printWriter;
  }
  getWriter(): ResponseWriter {
    return this.writer;
  }

  setStatus(status: number): void {
    this.buffer('setStatus').status = Number(status);
  }

  setContentType(contentType: string): void {
    const buffer = this.buffer('setContentType');
    if (buffer.written) {
      this.sink.warn(
        'RESPONSE_CONTENT_TYPE_AFTER_OUTPUT',
        `response.setContentType('${contentType}') after output was written is ignored (it may only be called before any output is written)`,
      );
      return;
    }
    buffer.contentType = String(contentType);
  }

  addHttpHeader(name: string, value: string): void {
    this.header('addHttpHeader', name, value, false);
  }

  setHttpHeader(name: string, value: string): void {
    this.header('setHttpHeader', name, value, true);
  }

  containsHttpHeader(name: string): boolean {
    const buffer = this.buffer('containsHttpHeader');
    const wanted = String(name).toLowerCase();
    if (wanted === 'content-type') return buffer.contentType !== null;
    return buffer.headers.some(([existing]) => existing.toLowerCase() === wanted);
  }

  redirect(location: unknown, status?: number): void {
    const buffer = this.buffer('redirect');
    const target = location === null || location === undefined ? '' : String(location);
    if (target === '') throw illegalArgument('response.redirect(): the location must not be empty');
    const code = status === undefined ? 302 : Number(status);
    if (!REDIRECT_STATUSES.has(code)) {
      throw illegalArgument(`response.redirect(): the status must be 301, 302 or 307, got ${String(status)}`);
    }
    buffer.status = code;
    buffer.headers = buffer.headers.filter(([existing]) => existing.toLowerCase() !== 'location');
    buffer.headers.push(['Location', target]);
  }

  setBuffered(buffered: boolean): void {
    this.buffer('setBuffered');
    void buffered;
  }

  setExpires(expires: unknown): void {
    this.buffer('setExpires');
    void expires;
  }

  setVaryBy(varyBy: string): void {
    this.buffer('setVaryBy');
    void varyBy;
  }

  private header(method: string, name: string, value: string, replace: boolean): void {
    const buffer = this.buffer(method);
    const headerName = String(name);
    const lower = headerName.toLowerCase();
    if (!ALLOWED_NAMES.has(lower) && !CUSTOM_HEADER.test(headerName)) {
      this.sink.warn(
        'RESPONSE_HEADER_NOT_ALLOWED',
        `response.${method}('${headerName}', …): not sent; only the header names of dw.system.Response's constants and custom names starting with X-SF-CC- are allowed`,
      );
      return;
    }
    if (lower === 'content-type') {
      this.setContentType(value);
      return;
    }
    if (replace) buffer.headers = buffer.headers.filter(([existing]) => existing.toLowerCase() !== lower);
    buffer.headers.push([headerName, String(value)]);
  }
}
