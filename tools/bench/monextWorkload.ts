/**
 * The Monext case's workload, built in code from the order count: one site (RefArch, EUR) with
 * `2 × orders` Monext orders, each carrying the Monext session ID its payment instrument got at
 * checkout (`monextSessionID`) and no transaction ID yet:
 *  - orders 0 … n−1 are shipped (captured by the first run, then cancelled and refunded);
 *  - orders n … 2n−1 are not shipped (cancelled before any capture, by the third run);
 * and the matching Monext sessions (manual capture, authorised for the order total).
 */
import type { InstanceFile, InstanceOrder } from '../runtime/instance/types';
import { euros } from './workload';

export const MONEXT_SITE = 'RefArch';
export const MONEXT_JOB = 'monextHandleOrders';
export const MONEXT_SERVICE_ID = 'paymentoperations.monext';
/** The Monext sandbox's test credentials (tools/sandboxes/monext: DEFAULT_MONEXT_MERCHANT_ID / ACCESS_KEY). */
export const MONEXT_TEST_USER = 'payops_merchant';
export const MONEXT_TEST_KEY = 'payops_access_key';
/**
 * Most orders per action: the sandbox keeps 10,000 sessions (MONEXT_MAX_SESSIONS) and its journal
 * 10,000 requests (the first run makes two per shipped order).
 */
export const MONEXT_MAX_ORDERS = 5_000;

const FIRST_ORDER_NO = 40_000_000;
const FIRST_CREATION = Date.parse('2026-01-05T08:00:00Z');

export interface MonextOrderFacts {
  orderNo: string;
  sessionId: string;
  /** The authorisation transaction the session holds (what the first read tells). */
  transactionId: string;
  productMinor: number;
  shippingMinor: number;
  totalMinor: number;
  creationDate: string;
  /** Shipped (captured, then refunded) or not (cancelled). */
  shipped: boolean;
}

/** Order `index` of a workload of `orders` orders per action (0 ≤ index < 2 × orders). */
export function monextOrderFacts(index: number, orders: number): MonextOrderFacts {
  const orderNo = String(FIRST_ORDER_NO + index);
  const productMinor = 1_000 + ((index * 7_919) % 90_000);
  const shippingMinor = index % 3 === 0 ? 0 : 490;
  return {
    orderNo,
    sessionId: `session-bench${orderNo}`,
    transactionId: `9${orderNo.padStart(13, '0')}`,
    productMinor,
    shippingMinor,
    totalMinor: productMinor + shippingMinor,
    creationDate: new Date(FIRST_CREATION + index * 1_000).toISOString(),
    shipped: index < orders,
  };
}

function monextOrder(index: number, orders: number): InstanceOrder {
  const facts = monextOrderFacts(index, orders);
  return {
    orderNo: facts.orderNo,
    status: 'NEW',
    paymentStatus: 'NOTPAID',
    shippingStatus: facts.shipped ? 'SHIPPED' : 'NOTSHIPPED',
    currencyCode: 'EUR',
    creationDate: facts.creationDate,
    customerEmail: `customer${index}@example.com`,
    customerName: `Customer ${index}`,
    shipments: [{ id: 'me', shippingGrossPrice: euros(facts.shippingMinor) }],
    productLineItems: [
      { productID: `SKU-${index % 500}`, productName: 'Bench item', grossPrice: euros(facts.productMinor) },
    ],
    paymentInstruments: [{ paymentMethod: 'MONEXT', amount: euros(facts.totalMinor) }],
    custom: { monextSessionID: facts.sessionId },
  };
}

/**
 * The instance: one site with `2 × orders` Monext orders and the Monext service pointed at the
 * sandbox, with the shipped profile (20 s timeout, circuit breaker 10 failures per 60 s) without
 * its rate limit (20 calls per second), as the Alma cases.
 */
export function monextInstance(orders: number, monextBaseUrl: string): InstanceFile {
  const list: InstanceOrder[] = [];
  for (let index = 0; index < 2 * orders; index++) list.push(monextOrder(index, orders));
  return {
    description: `Benchmark: ${orders} shipped and ${orders} unshipped Monext orders on one site`,
    platform: { orderSearch: { resultLimit: 1000, notEqualsMatchesNull: true, indexLag: true } },
    cartridgePath: ['int_payment_operations'],
    services: [
      {
        id: MONEXT_SERVICE_ID,
        logPrefix: 'payops-monext',
        credential: {
          id: `${MONEXT_SERVICE_ID}.credentials`,
          url: monextBaseUrl,
          user: MONEXT_TEST_USER,
          password: MONEXT_TEST_KEY,
        },
        profile: {
          id: `${MONEXT_SERVICE_ID}.profile`,
          timeoutMillis: 20_000,
          circuitBreaker: { calls: 10, millis: 60_000 },
        },
      },
    ],
    sites: [
      {
        id: MONEXT_SITE,
        name: 'RefArch (EUR)',
        currency: 'EUR',
        timezone: 'Europe/Paris',
        locales: ['default'],
        preferences: {},
        orders: list,
      },
    ],
  };
}

export interface MonextSessionSeed {
  sessionId: string;
  transactionId: string;
  amount: number;
  currency: 'EUR';
  capture: 'MANUAL';
}

/** Sandbox seeds for orders [from, to): one authorised manual-capture session per order. */
export function monextSessions(from: number, to: number, orders: number): MonextSessionSeed[] {
  const sessions: MonextSessionSeed[] = [];
  for (let index = from; index < to; index++) {
    const facts = monextOrderFacts(index, orders);
    sessions.push({
      sessionId: facts.sessionId,
      transactionId: facts.transactionId,
      amount: facts.totalMinor,
      currency: 'EUR',
      capture: 'MANUAL',
    });
  }
  return sessions;
}
