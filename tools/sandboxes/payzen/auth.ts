import { type SandboxRequest } from '../core/types';
import { parseBasicAuthorization } from '../shared/basicAuth';

export const DEFAULT_PAYZEN_SHOP_ID = '12345678';
export const DEFAULT_PAYZEN_PASSWORD = 'testpassword_payopsSandbox';

/** `Authorization: Basic base64(shopId:password)`; both parts must match. */
export function isPayzenAuthorized(req: SandboxRequest, shopId: string, password: string): boolean {
  const credentials = parseBasicAuthorization(req.headers.authorization);
  return credentials !== undefined && credentials.user === shopId && credentials.password === password;
}
