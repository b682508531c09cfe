/**
 * Monext connection probe: reads a payment session that does not exist. The service's automatic
 * HTTP Basic authentication sends `Basic base64(merchant ID:access key)` from the credential's
 * user and password.
 *
 * Monext's conventions: 404 (session not found) and 200 mean the credentials were accepted;
 * 401 means rejected, and so does HTTP 200 with a JSON body whose `title` is "Unauthorized".
 */
import { endpoint, type ProbeAnswer, type ProbeVerdict } from '../../core/connectionTest';

export const SESSION_ID = 'payops-connection-test';
export const PATH = '/checkout/payments/sessions/' + SESSION_ID;

export function createRequest(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): string | null {
  svc.setRequestMethod('GET');
  svc.setURL(endpoint(credential, PATH));
  svc.setAuthentication('BASIC');
  svc.addHeader('Accept', 'application/json');
  return null;
}

function titleOf(text: string | null): string | null {
  if (!text) return null;
  try {
    const body = JSON.parse(text) as { title?: unknown } | null;
    return body && typeof body.title === 'string' ? body.title : null;
  } catch {
    return null;
  }
}

export function interpret(answer: ProbeAnswer): ProbeVerdict | null {
  if (answer.status === 404) return { outcome: 'accepted' };
  if (answer.status >= 200 && answer.status < 300) {
    const title = titleOf(answer.text);
    if (title !== null && title.toLowerCase() === 'unauthorized') {
      return { outcome: 'rejected', detail: 'HTTP ' + answer.status + ', title "' + title + '"' };
    }
    return { outcome: 'accepted' };
  }
  return null;
}
