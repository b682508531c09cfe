export interface BasicCredentials {
  user: string;
  password: string;
}

/**
 * Parses `Authorization: Basic base64(user:password)`. Anything else is undefined: a missing
 * `Basic ` scheme, a value that is not base64, or a decoded value without the colon (the defect
 * of KOMOJU's official cartridge, which sends base64(secretKey) alone).
 */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(header ?? '');
  if (!match) return undefined;
  const encoded = match[1];
  if (encoded.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
