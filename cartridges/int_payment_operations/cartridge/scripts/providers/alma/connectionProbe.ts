/**
 * Alma connection probe: lists the merchant's fee plans, a read-only call that needs a valid API
 * key. Alma authenticates with its own scheme, `Authorization: Alma-Auth <API key>`, so the
 * service's automatic Basic authentication is turned off. HTTP 401 means the key was rejected.
 */
import { endpoint, type ProbeAnswer, type ProbeVerdict } from '../../core/connectionTest';

export const PATH = '/v1/me/fee-plans?kind=general&only=all&deferred=false';

export function createRequest(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): string | null {
  svc.setRequestMethod('GET');
  svc.setURL(endpoint(credential, PATH));
  svc.setAuthentication('NONE');
  svc.addHeader('Authorization', 'Alma-Auth ' + credential.password);
  svc.addHeader('Accept', 'application/json');
  return null;
}

/** Alma answers with plain HTTP statuses. */
export function interpret(_answer: ProbeAnswer): ProbeVerdict | null {
  return null;
}
