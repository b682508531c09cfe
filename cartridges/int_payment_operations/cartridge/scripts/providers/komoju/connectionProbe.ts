/**
 * KOMOJU connection probe: lists the payment methods, a read-only call that needs a valid secret
 * key. KOMOJU uses HTTP Basic with the secret key as the user name and an EMPTY password, so the
 * header is `Basic base64("<key>:")`. The credential has no user, so the service's automatic Basic
 * authentication would send nothing: it is turned off and the header is built here.
 * HTTP 401 means the key was rejected.
 */
import { basicAuthorization, endpoint, type ProbeAnswer, type ProbeVerdict } from '../../core/connectionTest';

export const PATH = '/payment_methods';

export function createRequest(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): string | null {
  svc.setRequestMethod('GET');
  svc.setURL(endpoint(credential, PATH));
  svc.setAuthentication('NONE');
  svc.addHeader('Authorization', basicAuthorization(credential.password, ''));
  svc.addHeader('Accept', 'application/json');
  return null;
}

/** KOMOJU answers with plain HTTP statuses. */
export function interpret(_answer: ProbeAnswer): ProbeVerdict | null {
  return null;
}
