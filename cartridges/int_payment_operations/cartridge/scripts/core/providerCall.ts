/**
 * Sends one ProviderRequest through the provider's service and reports what came back, plus an
 * interaction record (request and answer, masked and cut short) for the operation's journal.
 * Never called inside a transaction: a provider call can take seconds, and a rollback must never
 * be able to erase the record of money that moved.
 */
import LocalServiceRegistry = require('dw/svc/LocalServiceRegistry');
import type { ProviderAdapter, ProviderAnswer, ProviderRequest } from './operation';
import { endpoint, excerpt, maskSecrets } from './serviceSupport';
import { errorMessage } from './scriptValues';
import { findProvider } from './providers';

/** Longest request or response text kept in an interaction record. */
export const INTERACTION_TEXT_LENGTH = 1000;

/** One exchange with a provider as stored in the journal (seed 001's "interface interactions"). */
export interface Interaction {
  /** capture, cancel, refund, or read (reconciliation). */
  readonly type: string;
  /** ISO 8601 time the request was sent. */
  readonly at: string;
  readonly request: string;
  /** HTTP status, or null when there was no answer. */
  readonly status: number | null;
  readonly response: string;
}

export interface ProviderCallResult {
  readonly answer: ProviderAnswer;
  readonly interaction: Interaction;
}

interface RawAnswer {
  status: number;
  text: string;
}

/** The service callback: request built from the ProviderRequest, keys kept out of the logs. */
function createCallback(adapter: ProviderAdapter, request: ProviderRequest, secrets: string[]) {
  return {
    createRequest: function (svc: dw.svc.HTTPService): string | null {
      const credential = svc.getConfiguration().credential;
      if (credential && credential.password) secrets.push(String(credential.password));
      svc.setRequestMethod(request.method);
      svc.setURL(endpoint(credential, request.path));
      svc.addHeader('Accept', 'application/json');
      adapter.authenticate(svc, credential);
      const headers = request.headers || {};
      for (const name in headers) {
        if (Object.prototype.hasOwnProperty.call(headers, name)) svc.addHeader(name, headers[name]);
      }
      if (request.body === null || request.body === undefined) return null;
      svc.addHeader('Content-Type', 'application/json');
      return JSON.stringify(request.body);
    },
    parseResponse: function (_svc: dw.svc.HTTPService, client: dw.net.HTTPClient): RawAnswer {
      return { status: client.statusCode, text: client.text || '' };
    },
    filterLogMessage: function (message: string): string {
      return maskSecrets(message, secrets);
    },
  };
}

/** Reads the service Result as: an HTTP answer, not sent at all, or sent without an answer. */
function answerOf(result: dw.svc.Result<RawAnswer | null>): ProviderAnswer {
  if (result.ok && result.object) {
    return { kind: 'answered', status: result.object.status, text: result.object.text };
  }
  if (!result.ok && result.error > 0) {
    return { kind: 'answered', status: result.error, text: result.errorMessage || '' };
  }
  if (result.status === 'SERVICE_UNAVAILABLE') {
    const reason = String(result.unavailableReason || 'unavailable');
    // A timeout may strike after the provider acted; rate limiter and circuit breaker refuse before sending.
    const kind = reason === 'TIMEOUT' ? 'noAnswer' : 'notSent';
    return { kind: kind, reason: reason + (result.errorMessage ? ': ' + result.errorMessage : '') };
  }
  return { kind: 'noAnswer', reason: 'connection error: ' + (result.errorMessage || result.msg || 'no detail') };
}

/** Retries, and the pause before each, when the service's rate limiter refused to send a call. */
export const RATE_LIMIT_RETRIES = 3;
export const RATE_LIMIT_PAUSE_MILLIS = 500;

function send(adapter: ProviderAdapter, request: ProviderRequest, secrets: string[]): ProviderAnswer {
  try {
    const svc = LocalServiceRegistry.createService(adapter.serviceId, createCallback(adapter, request, secrets));
    // Without a key the call could only be refused (or worse, sent as "Alma-Auth null"): never send it.
    const missing = credentialProblem(adapter, svc.getConfiguration());
    if (missing) return { kind: 'notSent', reason: 'CONFIG_PROBLEM: ' + missing };
    return answerOf(svc.call() as dw.svc.Result<RawAnswer | null>);
  } catch (e) {
    // createService fails on a missing service or credential: nothing was sent.
    return { kind: 'notSent', reason: 'service ' + adapter.serviceId + ': ' + errorMessage(e) };
  }
}

function isRateLimited(answer: ProviderAnswer): boolean {
  return answer.kind === 'notSent' && answer.reason.indexOf('RATE_LIMITED') === 0;
}

/** The engine has no sleep: a job step waits by watching the clock (bounded). */
function pause(millis: number): void {
  const until = new Date().getTime() + millis;
  for (let spins = 0; new Date().getTime() < until && spins < 100000000; spins++) {
    // waiting for the rate limiter's interval to pass
  }
}

export function callProvider(adapter: ProviderAdapter, request: ProviderRequest, type: string): ProviderCallResult {
  const secrets: string[] = [];
  const at = new Date().toISOString();
  const requestText =
    request.method +
    ' ' +
    request.path +
    (request.body === null || request.body === undefined ? '' : ' ' + JSON.stringify(request.body));
  let answer: ProviderAnswer = send(adapter, request, secrets);
  // The profile's rate limiter refuses calls beyond its pace without sending them: a job keeps
  // that pace rather than leaving the rest of its orders for the next run.
  for (let waits = 0; waits < RATE_LIMIT_RETRIES && isRateLimited(answer); waits++) {
    pause(RATE_LIMIT_PAUSE_MILLIS);
    answer = send(adapter, request, secrets);
  }
  const interaction: Interaction = {
    type: type,
    at: at,
    request: excerpt(requestText, secrets, INTERACTION_TEXT_LENGTH),
    status: answer.kind === 'answered' ? answer.status : null,
    response: excerpt(
      answer.kind === 'answered' ? answer.text : answer.kind + ': ' + answer.reason,
      secrets,
      INTERACTION_TEXT_LENGTH,
    ),
  };
  return { answer: answer, interaction: interaction };
}

/** The answer's body as JSON, or null when it is not JSON. */
export function parseJson(text: string | null | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Assumed when a service has no profile (the platform then applies its own default). */
export const DEFAULT_TIMEOUT_MILLIS = 30000;

/** The provider's service configuration, or null when the service is not defined. */
export function configurationOf(adapter: Pick<ProviderAdapter, 'serviceId'>): dw.svc.ServiceConfig | null {
  try {
    const svc = LocalServiceRegistry.createService(adapter.serviceId, {
      createRequest: function (): null {
        return null;
      },
      parseResponse: function (): null {
        return null;
      },
    });
    return svc.getConfiguration();
  } catch {
    return null;
  }
}

/** The service profile's timeout: how long a call of this provider can keep another run waiting. */
export function serviceTimeoutMillis(adapter: ProviderAdapter): number {
  const config = configurationOf(adapter);
  const profile = config ? config.getProfile() : null;
  const timeout = profile ? profile.getTimeoutMillis() : 0;
  return timeout > 0 ? timeout : DEFAULT_TIMEOUT_MILLIS;
}

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || String(value).replace(/\s+/g, '') === '';
}

/**
 * Why the provider's service cannot authenticate a call (no service, no credential, no key, or
 * no user where the provider needs one), or null when its credential is complete. A provider in
 * this state is blocked before any call is made.
 */
export function credentialProblem(
  adapter: ProviderAdapter,
  config: dw.svc.ServiceConfig | null = configurationOf(adapter),
): string | null {
  const definition = findProvider(adapter.provider);
  if (!config) return 'service ' + adapter.serviceId + ' is not defined (import the site archive)';
  const credential = config.credential;
  if (!credential) return 'service ' + adapter.serviceId + ' has no credential';
  if (isBlank(credential.password)) {
    return (
      'credential ' +
      credential.ID +
      ' has no key: set its password field to ' +
      (definition ? definition.credentialSecret : 'the API key')
    );
  }
  if (definition && definition.credentialUser && isBlank(credential.user)) {
    return 'credential ' + credential.ID + ' has no user: set its user field to ' + definition.credentialUser;
  }
  return null;
}
