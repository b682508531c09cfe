/**
 * Every Monext answer read in one place (providers.md §2.1). Monext answers its business refusals
 * with HTTP 200 and its own result (`result.title` REFUSED, …), and invalid credentials may come
 * back as HTTP 200 with `title: "Unauthorized"`: HTTP 200 is never success by itself. Success is
 * `result.title == "ACCEPTED"`.
 *
 * | Answer                                                   | Meaning      | Why                                              |
 * |----------------------------------------------------------|--------------|--------------------------------------------------|
 * | 401, 403, or any status with body `title` Unauthorized   | unauthorized | our credentials: stop calling Monext in this run |
 * | 2xx, result ACCEPTED (00000)                             | accepted     | the documented success                           |
 * | 2xx, result REFUSED (01xxx) or CANCELLED (02319)          | refused      | a business refusal: never resent                 |
 * | 2xx, result code 04003 (fraud)                           | refused      | refused by Monext's fraud screening              |
 * | 2xx, result code 01913 or 02001 (duplicate)              | unknown      | an earlier request may have done it: read first  |
 * | 2xx, result INPROGRESS, ONHOLD_PARTNER, PENDING_RISK     | pending      | decided later: read before anything else         |
 * | 2xx, result ERROR (021xx) or no readable result          | unknown      | may have been applied: read before any retry     |
 * | 400, 404, 422 and other 4xx                              | invalid      | refused as sent: an operator must look           |
 * | 409                                                      | refused      | the transaction's state does not allow it        |
 * | 429, 503                                                 | transient    | not processed: try again later                   |
 * | other 5xx                                                | unknown      | may have been applied: read before any retry     |
 */
import type { AnswerVerdict } from '../../core/answerVerdict';
import { parseJson } from '../../core/providerCall';

/** accepted: `reference` is Monext's transaction of the movement. */
export type MonextVerdict = AnswerVerdict;

export const FRAUD_CODES = ['04003'];
export const DUPLICATE_CODES = ['01913', '02001'];
const PENDING_TITLES = ['INPROGRESS', 'ONHOLD_PARTNER', 'PENDING_RISK'];

interface MonextBody {
  title?: unknown;
  detail?: unknown;
  code?: unknown;
  error?: unknown;
  result?: { code?: unknown; title?: unknown; detail?: unknown } | null;
  transaction?: { id?: unknown } | null;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** "HTTP 200, REFUSED 01100: Amount 5000 exceeds the capturable amount 0". */
function describe(status: number, title: string, code: string, detail: string): string {
  let described = 'HTTP ' + status;
  if (title || code) described += ', ' + [title, code].join(' ').replace(/^ | $/g, '');
  if (detail) described += ': ' + detail;
  return described;
}

/** True when Monext says our credentials were refused, whatever the HTTP status (the documented quirk). */
export function isUnauthorized(status: number, body: MonextBody | null): boolean {
  if (status === 401 || status === 403) return true;
  return !!body && typeof body.title === 'string' && body.title.toLowerCase() === 'unauthorized';
}

/** What a Monext answer to a capture, cancel or refund means. */
export function readMonextAnswer(status: number, answerText: string): MonextVerdict {
  const parsed = parseJson(answerText);
  const body = parsed && typeof parsed === 'object' ? (parsed as MonextBody) : null;
  if (isUnauthorized(status, body)) {
    return { kind: 'unauthorized', detail: describe(status, text(body && body.title), '', text(body && body.detail)) };
  }
  if (status >= 200 && status < 300) {
    const result = body && body.result && typeof body.result === 'object' ? body.result : null;
    const title = result ? text(result.title).toUpperCase() : '';
    const code = result ? text(result.code) : '';
    const detail = describe(status, title, code, result ? text(result.detail) : '');
    if (FRAUD_CODES.indexOf(code) >= 0) return { kind: 'refused', detail: detail };
    if (DUPLICATE_CODES.indexOf(code) >= 0) return { kind: 'unknown', detail: detail };
    if (title === 'ACCEPTED') {
      const id = body && body.transaction && body.transaction.id ? String(body.transaction.id) : null;
      return { kind: 'accepted', reference: id, amountMinor: null, detail: detail };
    }
    if (title === 'REFUSED' || title === 'CANCELLED') return { kind: 'refused', detail: detail };
    if (PENDING_TITLES.indexOf(title) >= 0) return { kind: 'pending', detail: detail };
    return { kind: 'unknown', detail: result ? detail : describe(status, '', '', 'no result in the answer') };
  }
  const detail = describe(
    status,
    text(body && body.title),
    text(body && body.code),
    text(body && (body.detail || body.error)) || (body ? '' : text(answerText).substring(0, 200)),
  );
  if (status === 409) return { kind: 'refused', detail: detail };
  if (status === 429 || status === 503) return { kind: 'transient', detail: detail };
  if (status >= 500) return { kind: 'unknown', detail: detail };
  return { kind: 'invalid', detail: detail };
}
