/**
 * PayZen/Lyra connection probe: Transaction/Get for a UUID that cannot exist. The service's
 * automatic HTTP Basic authentication sends `Basic base64(shop ID:REST API password)` from the
 * credential's user and password.
 *
 * HTTP 401 means rejected. Past authentication, PayZen answers HTTP 200 with a `status` field:
 * `ERROR` with `answer.errorCode` PSP_010 (transaction not found) proves the credentials were
 * accepted; any other error code is unexpected and reported with its code.
 */
import { endpoint, type ProbeAnswer, type ProbeVerdict } from '../../core/connectionTest';

export const PATH = '/Transaction/Get';
export const UNKNOWN_UUID = '00000000000000000000000000000000';
export const TRANSACTION_NOT_FOUND = 'PSP_010';

interface PayzenResponse {
  status?: unknown;
  answer?: { errorCode?: unknown; errorMessage?: unknown } | null;
}

export function createRequest(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential): string | null {
  svc.setRequestMethod('POST');
  svc.setURL(endpoint(credential, PATH));
  svc.setAuthentication('BASIC');
  svc.addHeader('Content-Type', 'application/json');
  svc.addHeader('Accept', 'application/json');
  return JSON.stringify({ uuid: UNKNOWN_UUID });
}

function parse(text: string | null): PayzenResponse | null {
  if (!text) return null;
  try {
    const body = JSON.parse(text) as unknown;
    return body && typeof body === 'object' ? (body as PayzenResponse) : null;
  } catch {
    return null;
  }
}

export function interpret(answer: ProbeAnswer): ProbeVerdict | null {
  if (answer.status < 200 || answer.status >= 300) return null;
  const http = 'HTTP ' + answer.status;
  const body = parse(answer.text);
  if (!body) return { outcome: 'unexpected', detail: http + ', not a JSON object' };
  if (body.status === 'SUCCESS') return { outcome: 'accepted' };
  if (body.status !== 'ERROR') return { outcome: 'unexpected', detail: http + ', status ' + String(body.status) };
  const code = body.answer && body.answer.errorCode ? String(body.answer.errorCode) : 'without error code';
  if (code === TRANSACTION_NOT_FOUND) return { outcome: 'accepted' };
  const message = body.answer && body.answer.errorMessage ? ': ' + String(body.answer.errorMessage) : '';
  return { outcome: 'unexpected', detail: http + ', error ' + code + message };
}
