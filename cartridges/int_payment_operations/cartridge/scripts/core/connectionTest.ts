/**
 * The connection test of the configuration check: one read-only, authenticated call to a
 * provider through its service, proving that the credential's URL and key work. Each provider's
 * request lives in providers/<provider>/connectionProbe; calling the service, masking the key in
 * the communication log and turning the answer into findings happen here, once.
 *
 * Timeouts, rate limit and circuit breaker come from the service profile. Nothing here writes to
 * the database, so no transaction is opened.
 */
import LocalServiceRegistry = require('dw/svc/LocalServiceRegistry');
import type { Finding } from './configurationCheck';
import type { ProviderDefinition } from './providers';
import { excerpt as excerptOf, maskSecrets } from './serviceSupport';
import { errorMessage } from './scriptValues';

export { MASK, basicAuthorization, endpoint, maskSecrets } from './serviceSupport';

/** What the test saw of an HTTP answer: the status code and the body. */
export interface ProbeAnswer {
  readonly status: number;
  readonly text: string | null;
}

/** A provider's reading of an answer, where its conventions differ from plain HTTP statuses. */
export type ProbeVerdict =
  | { readonly outcome: 'accepted' }
  | { readonly outcome: 'rejected'; readonly detail: string }
  | { readonly outcome: 'unexpected'; readonly detail: string };

export interface ConnectionProbe {
  /**
   * Prepares the read-only request on the service (method, URL, headers, authentication) and
   * returns its body, or null for none.
   */
  createRequest(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): string | null;
  /** The verdict on an answer when the provider has its own conventions; null: the HTTP status decides. */
  interpret(answer: ProbeAnswer): ProbeVerdict | null;
}

export interface ConnectionTestOutcome {
  /** True when the provider accepted the credentials. */
  readonly passed: boolean;
  /** What the provider answered, e.g. "HTTP 200" or "TIMEOUT". */
  readonly detail: string;
  /** Empty when passed. */
  readonly findings: Finding[];
}

/** Longest excerpt of a provider's answer quoted in a finding. */
const EXCERPT_LENGTH = 200;

/** The service callback of a probe: its request, the raw answer, and a log without the key. */
export function createProbeCallback(probe: ConnectionProbe): {
  createRequest(svc: dw.svc.HTTPService): string | null;
  parseResponse(svc: dw.svc.HTTPService, client: dw.net.HTTPClient): ProbeAnswer;
  filterLogMessage(message: string): string;
} {
  const secrets: string[] = [];
  return {
    createRequest: function (svc: dw.svc.HTTPService): string | null {
      const credential = svc.getConfiguration().credential;
      if (credential && credential.password) secrets.push(String(credential.password));
      return probe.createRequest(svc, credential);
    },
    parseResponse: function (_svc: dw.svc.HTTPService, client: dw.net.HTTPClient): ProbeAnswer {
      return { status: client.statusCode, text: client.text };
    },
    filterLogMessage: function (message: string): string {
      return maskSecrets(message, secrets);
    },
  };
}

/** The verdict on an HTTP answer: the provider's own reading first, then the status code. */
export function classifyAnswer(
  probe: ConnectionProbe,
  answer: ProbeAnswer,
): ProbeVerdict | { readonly outcome: 'unreachable'; readonly detail: string } {
  const verdict = probe.interpret(answer);
  if (verdict) return verdict;
  const status = answer.status;
  if (status >= 200 && status < 300) return { outcome: 'accepted' };
  if (status === 401 || status === 403) return { outcome: 'rejected', detail: 'HTTP ' + status };
  if (status >= 500 || status === 408 || status === 429) return { outcome: 'unreachable', detail: 'HTTP ' + status };
  return { outcome: 'unexpected', detail: 'HTTP ' + status };
}

function excerpt(text: string | null | undefined, secrets: ReadonlyArray<string>): string {
  return excerptOf(text, secrets, EXCERPT_LENGTH);
}

/** What a merchant sets in the credential so that the provider accepts it. */
function credentialAdvice(provider: ProviderDefinition, credential: dw.svc.ServiceCredential): string {
  const fields = provider.credentialUser
    ? 'the user field to ' + provider.credentialUser + ' and the password field to ' + provider.credentialSecret
    : 'the password field to ' + provider.credentialSecret;
  return (
    'set ' + fields + ' in credential ' + credential.ID + ', for the environment of its URL ' + credential.URL + '.'
  );
}

/**
 * Makes the provider's read-only call and reports what it proves. Credentials rejected: an error.
 * Provider unreachable (timeout, unavailable service, 5xx, connection error): a warning, since
 * the merchant may run the check during an outage. Anything else unexpected: a warning.
 */
export function testConnection(provider: ProviderDefinition, probe: ConnectionProbe): ConnectionTestOutcome {
  const findings: Finding[] = [];
  const secrets: string[] = [];
  const fail = function (severity: 'error' | 'warning', detail: string, message: string): ConnectionTestOutcome {
    findings.push({ provider: provider.label, severity: severity, message: maskSecrets(message, secrets) });
    return { passed: false, detail: detail, findings: findings };
  };
  const unreachable = function (where: string, reason: string): ConnectionTestOutcome {
    return fail(
      'warning',
      reason,
      'Connection test: could not reach ' +
        provider.label +
        where +
        ': ' +
        reason +
        '. The credentials were not tested; run the check again when the provider is available.',
    );
  };

  let svc: dw.svc.Service;
  let credential: dw.svc.ServiceCredential | null;
  try {
    svc = LocalServiceRegistry.createService(provider.serviceId, createProbeCallback(probe));
    const config = svc.getConfiguration();
    credential = config ? config.credential : null;
  } catch (e) {
    return fail(
      'warning',
      'not tested',
      'Connection test: not run, service ' + provider.serviceId + ': ' + errorMessage(e),
    );
  }
  if (!credential || !credential.URL) {
    return fail(
      'warning',
      'not tested',
      'Connection test: not run, service ' + provider.serviceId + ' has no credential URL.',
    );
  }
  if (credential.password) secrets.push(String(credential.password));
  const where = ' at ' + credential.URL;

  let result: dw.svc.Result<ProbeAnswer | null>;
  try {
    result = svc.call();
  } catch (e) {
    return unreachable(where, errorMessage(e));
  }

  if (result.status === 'SERVICE_UNAVAILABLE') {
    return unreachable(where, 'service unavailable (' + (result.unavailableReason || 'no reason given') + ')');
  }
  let answer: ProbeAnswer;
  if (result.ok && result.object) {
    answer = result.object;
  } else if (!result.ok && result.error > 0) {
    answer = { status: result.error, text: result.errorMessage };
  } else if (!result.ok) {
    return unreachable(where, 'connection error (' + excerpt(result.errorMessage || result.msg, secrets) + ')');
  } else {
    return fail(
      'warning',
      'no answer',
      'Connection test: ' +
        provider.label +
        ' gave no readable answer' +
        where +
        '. The credentials were not confirmed.',
    );
  }

  const verdict = classifyAnswer(probe, answer);
  const status = 'HTTP ' + answer.status;
  switch (verdict.outcome) {
    case 'accepted':
      return { passed: true, detail: status, findings: findings };
    case 'rejected':
      return fail(
        'error',
        verdict.detail,
        'Connection test: credentials rejected by ' +
          provider.label +
          ' (' +
          verdict.detail +
          '): ' +
          credentialAdvice(provider, credential),
      );
    case 'unreachable':
      return unreachable(where, verdict.detail + excerptSuffix(answer.text, secrets));
    default:
      return fail(
        'warning',
        verdict.detail,
        'Connection test: unexpected answer from ' +
          provider.label +
          where +
          ' (' +
          verdict.detail +
          ')' +
          excerptSuffix(answer.text, secrets) +
          '. The credentials were not confirmed; check the credential URL.',
      );
  }
}

function excerptSuffix(text: string | null | undefined, secrets: ReadonlyArray<string>): string {
  const quoted = excerpt(text, secrets);
  return quoted ? ': ' + quoted : '';
}
