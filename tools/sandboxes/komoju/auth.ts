import { type SandboxRequest, type SandboxResponse } from '../core/types';
import { parseBasicAuthorization } from '../shared/basicAuth';
import { komojuError } from './errors';

export const DEFAULT_KOMOJU_SECRET_KEY = 'sk_test_payops_sandbox';

/**
 * KOMOJU wants HTTP Basic with the secret key as user name and an empty password. The password
 * part is not compared (HTTP Basic servers read the user name), but the colon is required, so
 * `Authorization: <base64(secretKey)>` and `Basic <base64(secretKey)>` both fail, as they should.
 */
export function isKomojuAuthorized(req: SandboxRequest, secretKey: string): boolean {
  const credentials = parseBasicAuthorization(req.headers.authorization);
  return credentials !== undefined && credentials.user === secretKey;
}

export function unauthorized(req: SandboxRequest): SandboxResponse {
  const message =
    req.headers.authorization === undefined
      ? 'No secret key was provided. Use HTTP Basic authentication with your secret key as the user name.'
      : 'The secret key is invalid or the Authorization header is malformed (expected "Basic base64(<secret key>:)").';
  return {
    ...komojuError(401, 'unauthorized', message),
    headers: { 'WWW-Authenticate': 'Basic realm="KOMOJU"' },
  };
}
