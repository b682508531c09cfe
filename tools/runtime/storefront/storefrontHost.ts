/**
 * The local runtime's storefront: an HTTP server on 127.0.0.1 that runs the cartridge's
 * controllers for `/on/demandware.store/Sites-<siteID>-Site/<locale>/<Controller>-<Action>`, so a
 * test can POST a provider notification (an IPN) to the compiled cartridge as the provider would.
 *
 * As on the platform (Salesforce docs, "Controllers" / "Working with SGJC Controllers"):
 * - the controller is `cartridge/controllers/<Controller>.js` (or `.ds`) of the first cartridge on
 *   the site's cartridge path that has one; later cartridges are not searched for the action;
 * - the action is the module's exported function `<Action>`, and it must be marked
 *   `.public = true` ("Exported methods for controllers must be explicitly made public to be
 *   available to handle storefront requests");
 * - during the request Site.getCurrent() is the URL's site, `request` describes the HTTP request
 *   and its locale is the URL's, and `response` collects the answer (dw/system/Request.ts,
 *   dw/system/Response.ts);
 * - "a transaction still open at the end of a controller call is committed unless an exception
 *   was thrown" (platform.md §7.5), exactly as at the end of a job step.
 *
 * Each request runs like a job run of its own (core.startRun/endRun), one at a time: the
 * controller's code is synchronous, and a service call blocks until the HTTP worker answers.
 *
 * Answers that are assumptions, because the platform's answer depends on the storefront's own
 * system controllers (RedirectURL-Start for unknown URLs, Error-Start for errors), which this host
 * does not call:
 * - 404 for a URL that is not a controller URL, an unknown site, a locale that is neither
 *   `default` nor one of the site's, an unknown controller, and an action that is missing, not a
 *   function or not public (the reason goes to the runtime's warnings, never to the client);
 * - 500 with a generic body for an uncaught error (SFRA's Error-Start answers 500); the error and
 *   its stack go to the runtime's log capture, never to the client, and what the controller wrote
 *   before is discarded (the response is buffered);
 * - `text/html;charset=UTF-8` when the controller sets no content type;
 * - 501 for multipart/form-data requests, which this host does not parse (a limit of the emulator,
 *   said as such).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Request, type HttpRequestData, type RequestSource } from '../dw/system/Request';
import { Response, type ResponseBuffer } from '../dw/system/Response';
import { openSeekableIterators, warnAboutOpenSeekableIterators } from '../dw/util/collectionClasses';
import type { ValueKit } from '../dw/valueKit';
import { HttpParameterMap } from '../dw/web/HttpParameter';
import type { CartridgeLoader } from '../loader/cartridgeLoader';
import type { RuntimeCore } from '../runtimeCore';
import { decodeForm } from './formEncoding';
import { parseStorefrontPath, storefrontPath, type StorefrontTarget } from './storefrontUrl';

export interface StorefrontServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** The absolute URL of a controller action: `url('RefArch', 'default', 'PayZen-Notify')`. */
  url(siteId: string, locale: string, controllerAction: string): string;
  close(): Promise<void>;
}

/** What the host needs from the LocalRuntime around it. */
export interface StorefrontRuntime {
  readonly core: RuntimeCore;
  readonly kit: ValueKit;
  /** The module loader of the current site's cartridge path. */
  loader(): CartridgeLoader;
}

/** One HTTP request as read from the socket, body included. */
export interface IncomingStorefrontRequest {
  method: string;
  /** The request target as sent: path and query string. */
  target: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string | null;
}

export interface StorefrontAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

const CONTROLLER_EXTENSIONS = ['.js', '.ds'];
const DEFAULT_CONTENT_TYPE = 'text/html;charset=UTF-8';
const FORM_TYPE = 'application/x-www-form-urlencoded';

function plainAnswer(status: number, text: string): StorefrontAnswer {
  return { status, headers: [['Content-Type', 'text/plain;charset=UTF-8']], body: Buffer.from(text, 'utf8') };
}

const NOT_FOUND = (): StorefrontAnswer => plainAnswer(404, 'Not Found');
const SERVER_ERROR = (): StorefrontAnswer => plainAnswer(500, 'Internal Server Error');

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** `fr-FR,fr;q=0.9` → `fr_FR`; null without an Accept-Language header. */
function acceptedLocale(header: string | undefined): string | null {
  const first = header?.split(',')[0]?.split(';')[0]?.trim();
  return first ? first.replace('-', '_') : null;
}

/** The media type without parameters, lower-cased, and the charset parameter if any. */
function mediaType(header: string | undefined): { type: string; charset: string | null } {
  const [type, ...parameters] = (header ?? '').split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().split('='))
    .find(([name]) => name.toLowerCase() === 'charset')?.[1];
  return { type: type.trim().toLowerCase(), charset: charset ? charset.replace(/"/g, '').toLowerCase() : null };
}

interface ActiveRequest {
  http: HttpRequestData;
  response: ResponseBuffer;
}

export class StorefrontHost {
  /** The `request` global of cartridge code (in jobs too). */
  readonly request: Request;
  /** The `response` global of cartridge code. */
  readonly response: Response;
  private active: ActiveRequest | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly runtime: StorefrontRuntime) {
    const core = runtime.core;
    const source: RequestSource = {
      locale: () => core.locale,
      setLocale: (localeId) => {
        if (!this.active) {
          // In a job, as the runtime always did: the locale is set for the messages the run renders.
          core.locale = localeId;
          return true;
        }
        const site = core.currentSite;
        const allowed = localeId === 'default' || (site?.locales.includes(localeId) ?? false);
        if (allowed) core.locale = localeId;
        return allowed;
      },
      http: () => this.active?.http ?? null,
    };
    this.request = new Request(source);
    this.response = new Response({
      current: () => this.active?.response ?? null,
      warn: (code, message) => core.warn(code, message),
    });
  }

  /** Starts an HTTP server on 127.0.0.1 (an ephemeral port unless one is given). */
  start(port = 0): Promise<StorefrontServer> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('error', () => res.destroy());
      req.on('end', () => {
        const incoming: IncomingStorefrontRequest = {
          method: req.method ?? 'GET',
          target: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks),
          remoteAddress: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? null,
        };
        // One request at a time, in the order they arrived (the controller code is synchronous).
        this.queue = this.queue.then(() => {
          let answer: StorefrontAnswer;
          try {
            answer = this.handle(incoming);
          } catch (error) {
            this.logFailure(`${incoming.method} ${incoming.target}`, error);
            answer = SERVER_ERROR();
          }
          send(res, answer);
        });
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        resolve({
          baseUrl,
          url: (siteId, locale, controllerAction) => `${baseUrl}${storefrontPath(siteId, locale, controllerAction)}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              server.closeAllConnections();
            }),
        });
      });
    });
  }

  /** Runs one storefront request and returns the HTTP answer (exported for tests without a socket). */
  handle(incoming: IncomingStorefrontRequest): StorefrontAnswer {
    const core = this.runtime.core;
    const queryAt = incoming.target.indexOf('?');
    const pathname = queryAt < 0 ? incoming.target : incoming.target.slice(0, queryAt);
    const target = parseStorefrontPath(pathname);
    const notFound = (reason: string): StorefrontAnswer => {
      core.warn('STOREFRONT_NOT_FOUND', `${incoming.method} ${pathname}: ${reason}`);
      return NOT_FOUND();
    };
    if (!target) {
      return notFound('not a controller URL (/on/demandware.store/Sites-<siteID>-Site/<locale>/<Controller>-<Action>)');
    }
    const site = core.state.sites.get(target.siteId);
    if (!site) return notFound(`site '${target.siteId}' is not in the instance`);
    if (target.locale !== 'default' && !site.locales.includes(target.locale)) {
      return notFound(`locale '${target.locale}' is not one of site ${site.id}'s (${site.locales.join(', ')})`);
    }
    if (mediaType(incoming.headers['content-type']).type === 'multipart/form-data') {
      core.warn('STOREFRONT_MULTIPART', `${incoming.method} ${pathname}: multipart/form-data is not emulated`);
      return plainAnswer(501, 'multipart/form-data requests are not emulated by the local runtime');
    }

    const previousSite = core.currentSite?.id ?? null;
    const previousLocale = core.locale;
    core.startRun();
    core.enterSite(site.id);
    core.locale = target.locale;
    if (core.state.platform.orderSearch.indexLag) core.refreshSearchIndexes();
    const buffer: ResponseBuffer = { status: 200, contentType: null, headers: [], body: [], written: false };
    this.active = { http: this.requestData(incoming, pathname, queryAt), response: buffer };
    let failed = false;
    let answer: StorefrontAnswer;
    try {
      const action = this.resolveAction(target);
      if (typeof action === 'string') {
        answer = notFound(action);
      } else {
        action.fn.call(action.module);
        answer = {
          status: buffer.status,
          headers: [['Content-Type', buffer.contentType ?? DEFAULT_CONTENT_TYPE], ...buffer.headers],
          body: Buffer.from(buffer.body.join(''), 'utf8'),
        };
      }
    } catch (error) {
      failed = true;
      this.logFailure(`${incoming.method} ${pathname} (${target.controller}-${target.action})`, error);
      answer = SERVER_ERROR();
    } finally {
      this.finishRequest(failed);
      this.active = null;
      core.enterSite(previousSite);
      core.locale = previousLocale;
      core.endRun();
    }
    return answer;
  }

  /** An uncaught error goes to the log capture (the platform's error log), with its stack. */
  private logFailure(what: string, error: unknown): void {
    const core = this.runtime.core;
    core.log({
      time: core.now().toISOString(),
      prefix: '',
      category: 'storefront',
      level: 'error',
      message: `${what} failed: ${describeError(error)}`,
    });
  }

  /** The controller's public action, or why there is none. */
  private resolveAction(target: StorefrontTarget): { fn: () => unknown; module: unknown } | string {
    const core = this.runtime.core;
    let file: string | undefined;
    for (const cartridge of core.cartridgePath()) {
      const directory = core.cartridges.directory(cartridge);
      if (directory === undefined) continue;
      file = CONTROLLER_EXTENSIONS.map((extension) =>
        path.join(directory, 'cartridge', 'controllers', `${target.controller}${extension}`),
      ).find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
      if (file) break;
    }
    if (!file) {
      return `no cartridge on the cartridge path (${core.cartridgePath().join(':')}) has cartridge/controllers/${target.controller}.js`;
    }
    const module = this.runtime.loader().load(file);
    const exported =
      module !== null && (typeof module === 'object' || typeof module === 'function')
        ? (module as Record<string, unknown>)[target.action]
        : undefined;
    const where = `${core.cartridges.describe(file)} export '${target.action}'`;
    if (typeof exported !== 'function') return `${where} is not a function`;
    if ((exported as { public?: unknown }).public !== true)
      return `${where} is not public (set ${target.action}.public = true)`;
    return { fn: exported as () => unknown, module };
  }

  /** As at the end of a job step: the open transaction commits (or rolls back after an error), cursors close. */
  private finishRequest(failed: boolean): void {
    const core = this.runtime.core;
    core.transactions.finishStep(failed);
    warnAboutOpenSeekableIterators(core);
    for (const iterator of openSeekableIterators(core)) iterator.close();
  }

  private requestData(incoming: IncomingStorefrontRequest, pathname: string, queryAt: number): HttpRequestData {
    const core = this.runtime.core;
    const kit = this.runtime.kit;
    const queryString = queryAt < 0 ? null : incoming.target.slice(queryAt + 1);
    const query = decodeForm(queryString ?? '');
    const method = incoming.method.toUpperCase();
    const { type, charset } = mediaType(incoming.headers['content-type']);
    const hasBody = method === 'POST' || method === 'PUT';
    const form = hasBody && type === FORM_TYPE ? decodeForm(incoming.body.toString('utf8')) : null;
    for (const dropped of [...query.dropped, ...(form?.dropped ?? [])]) {
      core.warn(
        'STOREFRONT_MALFORMED_PARAMETER',
        `${method} ${pathname}: parameter '${dropped}' is malformed and dropped`,
      );
    }
    let body: string | null = null;
    if (form) body = '';
    else if (hasBody)
      body = incoming.body.toString(charset === 'iso-8859-1' || charset === 'latin1' ? 'latin1' : 'utf8');
    // Query string parameters come before the body's (Java Servlet specification, "Request parameters").
    const parameterMap = new HttpParameterMap(core, [...query.pairs, ...(form?.pairs ?? [])], body);
    const headers = Object.entries(incoming.headers).map(([name, value]): [string, unknown] => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(', ') : value,
    ]);
    const single = (name: string): string | null => {
      const value = incoming.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    const hostHeader = single('host');
    return {
      method,
      url: `http://${hostHeader ?? '127.0.0.1'}${incoming.target}`,
      path: pathname,
      queryString,
      host: hostHeader === null ? null : hostHeader.replace(/:\d+$/, ''),
      headers: kit.map(headers),
      parameters: kit.map(parameterMap.rawEntries()),
      parameterMap,
      remoteAddress: incoming.remoteAddress,
      userAgent: single('user-agent'),
      referer: single('referer'),
      httpLocale: acceptedLocale(single('accept-language') ?? undefined),
      requestId: randomBytes(8).toString('hex'),
      custom: {},
    };
  }
}

/** Writes an answer; a status Node refuses (outside 100–999) becomes a 500. */
function send(res: http.ServerResponse, answer: StorefrontAnswer): void {
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of answer.headers) {
    const key = name.toLowerCase();
    const entry = grouped.get(key);
    if (entry) entry.values.push(value);
    else grouped.set(key, { name, values: [value] });
  }
  try {
    for (const { name, values } of grouped.values()) res.setHeader(name, values.length === 1 ? values[0] : values);
    res.setHeader('Content-Length', answer.body.length);
    res.writeHead(answer.status);
  } catch {
    const error = SERVER_ERROR();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.writeHead(error.status, { 'Content-Type': error.headers[0][1], 'Content-Length': error.body.length });
    res.end(error.body);
    return;
  }
  res.end(answer.body);
}
