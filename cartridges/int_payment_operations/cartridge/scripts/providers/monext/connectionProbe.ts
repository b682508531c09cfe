/**
 * Monext connection probe: reads a payment session that does not exist. The service's automatic
 * HTTP Basic authentication sends `Basic base64(merchant ID:access key)` from the credential's
 * user and password.
 *
 * Monext's conventions: 401 means rejected, and so does HTTP 200 with a JSON body whose `title`
 * is "Unauthorized"; any other 200 means accepted. A 404 proves the credentials were accepted only
 * when its body is Monext's own JSON error for the unknown session (`{ title, detail, code }` with
 * code SESSION_NOT_FOUND, or without a code and a detail naming the session as not found). A wrong
 * base URL (e.g. without `/v1`) also answers 404, with a route error, an HTML page or nothing: that
 * is not proof, and the verdict names the URL.
 */
import { endpoint, type ProbeAnswer, type ProbeVerdict } from '../../core/connectionTest';

export const SESSION_ID = 'payops-connection-test';
export const PATH = '/checkout/payments/sessions/' + SESSION_ID;
/** Monext's error code for an unknown payment session. */
export const SESSION_NOT_FOUND = 'SESSION_NOT_FOUND';
/** The detail of a 404 that is not Monext's answer for the unknown session. */
export const WRONG_URL =
  "HTTP 404 that is not Monext's answer for an unknown session: check the credential URL ends with /v1";

/** Monext's JSON error body. */
interface MonextError {
  title?: unknown;
  detail?: unknown;
  code?: unknown;
}

export function createRequest(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): string | null {
  svc.setRequestMethod('GET');
  svc.setURL(endpoint(credential, PATH));
  svc.setAuthentication('BASIC');
  svc.addHeader('Accept', 'application/json');
  return null;
}

function parse(text: string | null): MonextError | null {
  if (!text) return null;
  try {
    const body = JSON.parse(text) as unknown;
    return body && typeof body === 'object' ? (body as MonextError) : null;
  } catch {
    return null;
  }
}

/**
 * True when a detail names our session, as a word and not inside a path (a route error such as
 * "No route for GET /checkout/payments/sessions/payops-connection-test" names the path, not the
 * session), and says it was not found.
 */
function namesUnknownSession(detail: string): boolean {
  if (!/not\s+found/i.test(detail) || /no\s+route/i.test(detail)) return false;
  const words = detail.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    if (words[i].replace(/^["'([{<]+|["')\]}>.,;:!?]+$/g, '') === SESSION_ID) return true;
  }
  return false;
}

/** True when a 404's body is Monext's answer for the unknown session of the probe. */
function isUnknownSession(body: MonextError | null): boolean {
  if (!body || typeof body.title !== 'string' || typeof body.detail !== 'string') return false;
  if (body.code !== undefined && body.code !== null) return body.code === SESSION_NOT_FOUND;
  return namesUnknownSession(body.detail);
}

export function interpret(answer: ProbeAnswer): ProbeVerdict | null {
  if (answer.status === 404) {
    return isUnknownSession(parse(answer.text))
      ? { outcome: 'accepted' }
      : { outcome: 'unexpected', detail: WRONG_URL };
  }
  if (answer.status >= 200 && answer.status < 300) {
    const body = parse(answer.text);
    const title = body && typeof body.title === 'string' ? body.title : null;
    if (title !== null && title.toLowerCase() === 'unauthorized') {
      return { outcome: 'rejected', detail: 'HTTP ' + answer.status + ', title "' + title + '"' };
    }
    return { outcome: 'accepted' };
  }
  return null;
}
