/**
 * The benchmark's workload, built programmatically and deterministically from the order count:
 * one site (RefArch, EUR) whose orders are all Alma deferred-capture orders waiting for capture
 * (ALMA_Deferred_Capture = ToCapture, almaPaymentId set), and the matching Alma payments
 * (capture_method manual, purchase_amount = the order total in minor units). The parent process
 * seeds the payments; the measured child builds the orders (each from the same index).
 */
import type { InstanceFile, InstanceOrder } from '../runtime/instance/types';

export const BENCH_SITE = 'RefArch';
export const CAPTURE_JOB = 'AlmaDeferredCapture';
export const ALMA_SERVICE_ID = 'paymentoperations.alma';
/** The Alma sandbox's test key (tools/sandboxes/alma: DEFAULT_ALMA_API_KEY). */
export const ALMA_TEST_KEY = 'sk_test_payops_sandbox';

const FIRST_ORDER_NO = 30_000_000;
const FIRST_CREATION = Date.parse('2026-01-05T08:00:00Z');

export interface BenchOrderFacts {
  orderNo: string;
  paymentId: string;
  productMinor: number;
  shippingMinor: number;
  totalMinor: number;
  creationDate: string;
}

/** Order `index` (0-based): distinct creation dates one second apart, varied totals. */
export function benchOrderFacts(index: number): BenchOrderFacts {
  const orderNo = String(FIRST_ORDER_NO + index);
  const productMinor = 1_000 + ((index * 7_919) % 90_000);
  const shippingMinor = index % 3 === 0 ? 0 : 490;
  return {
    orderNo,
    paymentId: `payment_bench${orderNo}`,
    productMinor,
    shippingMinor,
    totalMinor: productMinor + shippingMinor,
    creationDate: new Date(FIRST_CREATION + index * 1_000).toISOString(),
  };
}

/** Minor units as the decimal text of an EUR amount (1234 → "12.34"), without floating point. */
export function euros(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

function benchOrder(index: number): InstanceOrder {
  const facts = benchOrderFacts(index);
  return {
    orderNo: facts.orderNo,
    status: 'NEW',
    paymentStatus: 'NOTPAID',
    currencyCode: 'EUR',
    creationDate: facts.creationDate,
    customerEmail: `customer${index}@example.com`,
    customerName: `Customer ${index}`,
    shipments: [{ id: 'me', shippingGrossPrice: euros(facts.shippingMinor) }],
    productLineItems: [
      { productID: `SKU-${index % 500}`, productName: 'Bench item', grossPrice: euros(facts.productMinor) },
    ],
    paymentInstruments: [
      {
        paymentMethod: 'ALMA',
        amount: euros(facts.totalMinor),
        transaction: { transactionID: facts.paymentId, paymentProcessor: 'ALMA' },
      },
    ],
    custom: { almaPaymentId: facts.paymentId, ALMA_Deferred_Capture: 'ToCapture' },
  };
}

/**
 * The instance: one site with `size` ToCapture Alma orders and the Alma service pointed at the
 * sandbox. The service profile is the shipped one (20 s timeout, circuit breaker 10 failures per
 * 60 s) without its rate limit (20 calls per second), which would cap the run at 20 captures per
 * second whatever the engine does.
 */
export function benchInstance(size: number, almaBaseUrl: string): InstanceFile {
  const orders: InstanceOrder[] = [];
  for (let index = 0; index < size; index++) orders.push(benchOrder(index));
  return {
    description: `Benchmark: ${size} ToCapture Alma orders on one site`,
    platform: { orderSearch: { resultLimit: 1000, notEqualsMatchesNull: true, indexLag: true } },
    cartridgePath: ['int_payment_operations'],
    services: [
      {
        id: ALMA_SERVICE_ID,
        logPrefix: 'payops-alma',
        credential: { id: `${ALMA_SERVICE_ID}.credentials`, url: almaBaseUrl, password: ALMA_TEST_KEY },
        profile: {
          id: `${ALMA_SERVICE_ID}.profile`,
          timeoutMillis: 20_000,
          circuitBreaker: { calls: 10, millis: 60_000 },
        },
      },
    ],
    sites: [
      {
        id: BENCH_SITE,
        name: 'RefArch (EUR)',
        currency: 'EUR',
        timezone: 'Europe/Paris',
        locales: ['default'],
        preferences: { ALMA_Deferred_Capture_Activation: true },
        orders,
      },
    ],
  };
}

export interface BenchAlmaSeed {
  id: string;
  purchase_amount: number;
  currency: 'EUR';
  capture_method: 'manual';
}

/** Sandbox seeds for orders [from, to): one authorised manual-capture payment per order. */
export function benchPayments(from: number, to: number): BenchAlmaSeed[] {
  const payments: BenchAlmaSeed[] = [];
  for (let index = from; index < to; index++) {
    const facts = benchOrderFacts(index);
    payments.push({
      id: facts.paymentId,
      purchase_amount: facts.totalMinor,
      currency: 'EUR',
      capture_method: 'manual',
    });
  }
  return payments;
}
