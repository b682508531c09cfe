/**
 * KOMOJU's payment-method sync (seed 004, job updatePaymentMethod): `GET /payment_methods` lists
 * the methods enabled on the merchant's KOMOJU account, each per currency. A method is identified
 * by its type and currency ("konbini:JPY"), as KOMOJU's own cartridge keys them.
 */
import { callProvider, parseJson } from '../../core/providerCall';
import type { FetchedMethod } from '../../core/paymentMethodStore';
import { komojuAdapter } from './komojuAdapter';
import { komojuErrorText } from './komojuErrors';

export const PAYMENT_METHODS_PATH = '/payment_methods';

/** Throws with KOMOJU's answer when the list cannot be read: the stored list is then kept. */
export function fetchKomojuPaymentMethods(): { methods: FetchedMethod[]; calls: number } {
  const answer = callProvider(komojuAdapter, { method: 'GET', path: PAYMENT_METHODS_PATH, body: null }, 'read').answer;
  if (answer.kind !== 'answered')
    throw new Error('KOMOJU payment methods not read: ' + answer.kind + ' (' + answer.reason + ')');
  if (answer.status < 200 || answer.status >= 300)
    throw new Error('KOMOJU payment methods not read: ' + komojuErrorText(answer.status, answer.text));
  const list = parseJson(answer.text);
  if (!(list instanceof Array)) throw new Error('KOMOJU payment methods not read: the answer is not a list');
  const methods: FetchedMethod[] = [];
  const seen: { [key: string]: boolean } = {};
  for (let i = 0; i < list.length; i++) {
    const method = list[i] as { [field: string]: unknown } | null;
    if (!method || typeof method !== 'object' || typeof method.type_slug !== 'string') continue;
    const key = method.type_slug + ':' + (typeof method.currency === 'string' ? method.currency : '');
    if (seen[key]) continue;
    seen[key] = true;
    methods.push({ key: key, details: method });
  }
  return { methods: methods, calls: 1 };
}
