/**
 * What every provider call shares: the endpoint built from the service credential, the Basic
 * header, and masking of keys wherever a request or answer is logged or stored.
 */
import Encoding = require('dw/crypto/Encoding');
import Bytes = require('dw/util/Bytes');
import { cutText, wellFormed } from './text';

export const MASK = '****';

/** The credential URL (without trailing slashes) followed by a path. */
export function endpoint(credential: dw.svc.ServiceCredential, path: string): string {
  return String(credential.URL).replace(/\/+$/, '') + path;
}

/** An HTTP Basic Authorization header value: "Basic " + Base64(UTF-8 of "user:password"). */
export function basicAuthorization(user: string, password: string): string {
  return 'Basic ' + Encoding.toBase64(new Bytes(user + ':' + password));
}

/**
 * HTTP Basic with the credential's user and password, sent as our own header (the service's own
 * authentication off), so that the same bytes go out whatever the platform's encoding of BASIC.
 */
export function authenticateUserAndPassword(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): void {
  svc.setAuthentication('NONE');
  svc.addHeader('Authorization', basicAuthorization(String(credential.user || ''), String(credential.password || '')));
}

/** Replaces each secret, and any Alma-Auth, Basic or Bearer token, with ****. */
export function maskSecrets(message: string | null | undefined, secrets: ReadonlyArray<string>): string {
  let text = message === null || message === undefined ? '' : String(message);
  for (let i = 0; i < secrets.length; i++) {
    if (secrets[i]) text = text.split(secrets[i]).join(MASK);
  }
  return text.replace(/\b(Alma-Auth|Basic|Bearer)([ \t]+)[^\s"',;]+/gi, '$1$2' + MASK);
}

/**
 * The masked text on one line, cut to at most `length` characters (with … when cut), never in
 * the middle of a surrogate pair.
 */
export function excerpt(text: string | null | undefined, secrets: ReadonlyArray<string>, length: number): string {
  const flat = maskSecrets(text, secrets).replace(/\s+/g, ' ').replace(/^ | $/g, '');
  return flat.length > length ? cutText(flat, length + 1) : wellFormed(flat);
}
