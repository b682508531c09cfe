/**
 * The PayZen/Lyra IPN (providers.md §4.5, seed 003): at the end of the checkout payment, PayZen
 * POSTs the result to the notification URL set in its back office (REST API section). The form
 * holds `kr-answer` (a V4/Payment, as JSON text) and `kr-hash`, the hex HMAC-SHA-256 of
 * `kr-answer` with the key `kr-hash-key` names: `password`, the REST password (the service
 * credential's password), for the IPN; `sha256_hmac`, the HMAC-SHA-256 key (site preference
 * payzenHmacSha256Key), for a browser return.
 *
 * The signature is checked in constant time before anything is read. A valid notification of an
 * accepted payment on shipment stores the initial transaction's uuid and its creation date on the
 * order, once: a replay changes nothing. Nothing of the payload is logged beyond the order number,
 * the transaction uuid and statuses.
 */
import Logger = require('dw/system/Logger');
import Mac = require('dw/crypto/Mac');
import Encoding = require('dw/crypto/Encoding');
import OrderMgr = require('dw/order/OrderMgr');
import Site = require('dw/system/Site');
import { equalInConstantTime } from '../../core/constantTime';
import { message, useSiteLocale } from '../../core/messages';
import { noteOnOrder } from '../../core/operationPlanning';
import { configurationOf, parseJson } from '../../core/providerCall';
import { payzenAdapter } from './payzenAdapter';
import { payzenLifecycle } from './payzenLifecycle';
import type { PayzenTransaction } from './payzenResults';

export const HMAC_KEY_PREFERENCE = 'payzenHmacSha256Key';
export const HASH_ALGORITHM = 'sha256_hmac';

/** The form fields of a notification, as the request's parameter map gives them (null when absent). */
export interface NotificationForm {
  readonly hash: string | null;
  readonly algorithm: string | null;
  readonly hashKey: string | null;
  readonly answer: string | null;
}

/** What the controller answers PayZen: the status (2xx once processed) and a short text. */
export interface NotificationAnswer {
  readonly status: number;
  readonly body: string;
}

interface PaymentAnswer {
  orderStatus?: unknown;
  orderDetails?: { orderId?: unknown } | null;
  transactions?: PayzenTransaction[] | null;
}

const log = Logger.getLogger('payops', 'payzen-ipn');

function answer(status: number, body: string): NotificationAnswer {
  return { status: status, body: body };
}

/** The key `kr-hash-key` names (password or sha256_hmac), or a string saying why there is none. */
function hashKey(name: string): { key: string } | { problem: string } {
  if (name === 'password') {
    const config = configurationOf(payzenAdapter);
    const password = config && config.credential ? config.credential.password : null;
    return password
      ? { key: String(password) }
      : { problem: 'the credential of service ' + payzenAdapter.serviceId + ' has no password' };
  }
  const key = Site.getCurrent().getCustomPreferenceValue(HMAC_KEY_PREFERENCE);
  return key ? { key: String(key) } : { problem: 'the site preference ' + HMAC_KEY_PREFERENCE + ' is empty' };
}

/** Hex HMAC-SHA-256 of the text, as PayZen computes kr-hash. */
export function signature(text: string, key: string): string {
  return Encoding.toHex(new Mac(Mac.HMAC_SHA_256).digest(text, key));
}

/** Checks the form's signature; null when it is valid, else the answer to give. */
export function verify(form: NotificationForm): NotificationAnswer | null {
  if (!form.answer || !form.hash) return answer(400, 'kr-answer and kr-hash are required');
  if (form.algorithm !== HASH_ALGORITHM) return answer(400, 'kr-hash-algorithm must be ' + HASH_ALGORITHM);
  if (form.hashKey !== 'password' && form.hashKey !== HASH_ALGORITHM) {
    // Not one PayZen documents: refused as sent, and what was sent is not repeated in the log.
    log.warn('PayZen/Lyra IPN refused: kr-hash-key is neither password nor sha256_hmac');
    return answer(400, 'kr-hash-key must be password or sha256_hmac');
  }
  const key = hashKey(form.hashKey);
  if ('problem' in key) {
    log.error('PayZen/Lyra IPN not processed: {0}', key.problem);
    // Not PayZen's fault: a 5xx lets PayZen send it again once the configuration is fixed.
    return answer(500, 'notification key not configured');
  }
  if (!equalInConstantTime(signature(form.answer, key.key), form.hash.toLowerCase())) {
    log.warn('PayZen/Lyra IPN refused: kr-hash does not match (kr-hash-key {0})', form.hashKey);
    return answer(401, 'invalid signature');
  }
  return null;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The date PayZen gives the transaction, else now. */
function creationDate(transaction: PayzenTransaction): Date {
  const parsed = transaction.creationDate ? new Date(String(transaction.creationDate)) : null;
  return parsed && !isNaN(parsed.getTime()) ? parsed : new Date();
}

/** Why the transaction is not this order's PayZen payment (amount, currency), or null. */
function otherPayment(order: dw.order.Order, transaction: PayzenTransaction): string | null {
  if (transaction.currency && String(transaction.currency) !== order.currencyCode) {
    return String(transaction.currency) + ' ≠ ' + order.currencyCode;
  }
  const authorised = payzenLifecycle.authorisedMinor(order);
  if (typeof transaction.amount === 'number' && authorised !== null && transaction.amount !== authorised) {
    return transaction.amount + ' ≠ ' + authorised + ' minor units';
  }
  return null;
}

/** Applies a verified notification to its order. */
function apply(payment: PaymentAnswer): NotificationAnswer {
  const orderNo = text(payment.orderDetails && payment.orderDetails.orderId);
  const transactions = payment.transactions instanceof Array ? payment.transactions : [];
  const transaction = transactions.length ? transactions[0] : null;
  if (!orderNo || !transaction) return answer(400, 'kr-answer holds no orderId or no transaction');
  const order = OrderMgr.getOrder(orderNo);
  if (!order) {
    log.warn('PayZen/Lyra IPN for order {0}: no such order on this site; nothing written', orderNo);
    return answer(404, 'unknown order');
  }
  const uuid = text(transaction.uuid);
  if (!uuid) return answer(400, 'kr-answer holds a transaction without uuid');
  const mismatch = otherPayment(order, transaction);
  if (mismatch) {
    // Another payment under this order number (another site sharing the shop?): nothing written.
    log.warn(
      'PayZen/Lyra IPN for order {0}: transaction {1} is not this order’s payment ({2})',
      orderNo,
      uuid,
      mismatch,
    );
    return answer(409, 'the order’s amount or currency differs');
  }
  const status = text(transaction.status);
  const described = [status, text(transaction.detailedStatus), text(transaction.operationType)].join(' ');
  const custom = order.custom as unknown as OrderCustomAttributes;
  const stored = custom.payzenInitialTransactionUuid ? String(custom.payzenInitialTransactionUuid) : null;
  if (stored === uuid) {
    log.info('PayZen/Lyra IPN for order {0}: transaction {1} already recorded', orderNo, uuid);
    return answer(200, 'OK, already recorded');
  }
  if (status !== 'PAID' || text(payment.orderStatus) !== 'PAID') {
    const reason = message('payzen.ipnNotPaid', uuid, described);
    noteOnOrder(order, reason);
    log.info('PayZen/Lyra IPN for order {0}: transaction {1} not paid ({2}); nothing stored', orderNo, uuid, described);
    return answer(200, 'OK, payment not accepted');
  }
  if (text(transaction.operationType) !== 'VERIFICATION') {
    noteOnOrder(order, message('payzen.ipnNotOnShipment', uuid, described));
    log.warn(
      'PayZen/Lyra IPN for order {0}: transaction {1} is not a payment on shipment ({2})',
      orderNo,
      uuid,
      described,
    );
    return answer(200, 'OK, not a payment on shipment');
  }
  if (stored) {
    noteOnOrder(order, message('payzen.ipnOtherInitial', uuid, stored));
    log.warn('PayZen/Lyra IPN for order {0}: transaction {1} ignored, the order holds {2}', orderNo, uuid, stored);
    return answer(200, 'OK, the order already holds another initial transaction');
  }
  const date = creationDate(transaction);
  noteOnOrder(order, message('payzen.ipnStored', uuid), function (attributes) {
    attributes.payzenInitialTransactionUuid = uuid;
    attributes.payzenInitialTransactionDate = date;
  });
  log.info('PayZen/Lyra IPN for order {0}: initial transaction {1} stored', orderNo, uuid);
  return answer(200, 'OK');
}

/** Handles one notification: checks the signature, then records it on its order. */
export function handleNotification(form: NotificationForm): NotificationAnswer {
  useSiteLocale();
  const refused = verify(form);
  if (refused) return refused;
  const parsed = parseJson(form.answer as string);
  if (!parsed || typeof parsed !== 'object') return answer(400, 'kr-answer is not JSON');
  return apply(parsed as PaymentAnswer);
}
