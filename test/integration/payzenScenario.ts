/**
 * The PayZen/Lyra integration set-up: an instance file of orders paid on shipment (seed 003) on
 * site RefArch (service paymentoperations.payzen, a 2,000 ms timeout), and one PayZen sandbox per
 * test file, reset and seeded with each order's initial (verification) transaction.
 */
import type { InstanceFile, InstanceOrder } from '../../tools/runtime/instance/types';
import { DEFAULT_PAYZEN_PASSWORD, DEFAULT_PAYZEN_SHOP_ID } from '../../tools/sandboxes/payzen/auth';
import type { AlmaScenario } from './almaScenario';
import { ProviderHost } from './providerHost';
import { shippedOrder, type ShippedOrderSpec } from './shippedOrder';

export const SITE = 'RefArch';
export const CAPTURE_JOB = 'PaymentOperations-PayzenShipments';
export const CANCEL_JOB = 'PaymentOperations-CancelPayments';
export const REFUND_JOB = 'PaymentOperations-RefundPayments';
export const PAYZEN_TIMEOUT_MS = 2000;
const SERVICE_ID = 'paymentoperations.payzen';
const DAY = 24 * 60 * 60 * 1000;

export interface PayzenSpec extends ShippedOrderSpec {
  /** Days since the initial transaction (default 3); null: the order does not hold its date. */
  initialDaysAgo?: number | null;
  custom?: Record<string, unknown>;
  /** Outcomes the sandbox forces on the next shipment transactions (PSP_227, PSP_228). */
  shipmentOutcomes?: string[];
  /** Paid at checkout during the test (`checkout()`): no initial transaction seeded, none on the order. */
  unpaid?: boolean;
  /** The initial transaction's uuid (default from the order number: `initialUuidOf`). */
  initialUuid?: string;
}

/** The initial transaction's uuid the sandbox is seeded with: 32 hex digits from the order number. */
export const initialUuidOf = (orderNo: string): string => ('f1' + orderNo).padEnd(32, '0');
const uuidOf = (spec: PayzenSpec): string => spec.initialUuid ?? initialUuidOf(spec.orderNo);

function orderOf(spec: PayzenSpec, index: number, now: Date): InstanceOrder {
  const days = spec.initialDaysAgo === undefined ? 3 : spec.initialDaysAgo;
  return {
    ...shippedOrder(spec, index),
    paymentInstruments: [
      spec.unpaid
        ? { paymentMethod: 'PAYZEN', amount: spec.total }
        : { paymentMethod: 'PAYZEN', amount: spec.total, transaction: { transactionID: uuidOf(spec) } },
    ],
    custom: spec.unpaid
      ? { ...spec.custom }
      : {
          payzenInitialTransactionUuid: uuidOf(spec),
          ...(days === null
            ? {}
            : { payzenInitialTransactionDate: new Date(now.getTime() - days * DAY).toISOString() }),
          ...spec.custom,
        },
  } as InstanceOrder;
}

export function payzenInstance(
  specs: PayzenSpec[],
  now: Date,
  preferences: Record<string, unknown> = {},
): InstanceFile {
  return {
    description: 'PayZen/Lyra integration scenario',
    platform: { orderSearch: { resultLimit: 1000, notEqualsMatchesNull: true, indexLag: true } },
    cartridgePath: ['int_payment_operations'],
    services: [
      {
        id: SERVICE_ID,
        logPrefix: 'payops-payzen',
        credential: {
          id: `${SERVICE_ID}.credentials`,
          url: 'http://127.0.0.1:1',
          user: DEFAULT_PAYZEN_SHOP_ID,
          password: DEFAULT_PAYZEN_PASSWORD,
        },
        profile: { id: `${SERVICE_ID}.profile`, timeoutMillis: PAYZEN_TIMEOUT_MS },
      },
    ],
    sites: [
      {
        id: SITE,
        name: SITE,
        currency: 'EUR',
        timezone: 'Europe/Paris',
        locales: ['default'],
        preferences,
        orders: specs.map((spec, index) => orderOf(spec, index, now)),
      },
    ],
  };
}

/** One PayZen sandbox for a test file: `start` in `before`, `close` in `after`. */
export class PayzenHost extends ProviderHost {
  /** `sandboxOptions`: the PayZen sandbox's own (e.g. `automaticCaptureDelayMs`: debits stay uncaptured that long). */
  constructor(sandboxOptions: Record<string, unknown> = {}) {
    super('payzen', () => payzenInstance([], new Date()), sandboxOptions);
  }

  /** A runtime on the orders, the sandbox reset and seeded with their initial transactions; `secondSite` on RefArchFR. */
  async scenario(
    specs: PayzenSpec[],
    preferences?: Record<string, unknown>,
    secondSite: PayzenSpec[] = [],
  ): Promise<AlmaScenario> {
    const now = new Date();
    return this.prepare(
      payzenInstance(specs, now, preferences),
      secondSite.length ? payzenInstance(secondSite, now, preferences) : null,
      [...specs, ...secondSite]
        .filter((spec) => !spec.unpaid)
        .map((spec) => ({
          uuid: uuidOf(spec),
          orderId: spec.orderNo,
          amount: Math.round(Number(spec.total) * 100),
          currency: 'EUR',
          useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
          createdDaysAgo: spec.initialDaysAgo ?? 3,
          ...(spec.shipmentOutcomes ? { shipmentOutcomes: spec.shipmentOutcomes } : {}),
        })),
    );
  }

  /**
   * What the storefront's checkout does (seed 003): Charge/CreatePayment for the order's amount
   * with useCase SHIPMENT_MULTIPLE_AUTHORISATION. The sandbox creates the initial transaction at
   * once and sends the IPN to the notification URL, if one is set.
   */
  async checkout(orderId: string, amountMinor: number): Promise<void> {
    const authorization =
      'Basic ' + Buffer.from(`${DEFAULT_PAYZEN_SHOP_ID}:${DEFAULT_PAYZEN_PASSWORD}`).toString('base64');
    const answer = await fetch(`${this.sandbox.baseUrl}/Charge/CreatePayment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({
        amount: amountMinor,
        currency: 'EUR',
        orderId,
        customer: { email: 'sample@example.com' },
        useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
      }),
    });
    const body = (await answer.json()) as { status: string };
    if (body.status !== 'SUCCESS') throw new Error('CreatePayment failed: ' + JSON.stringify(body));
  }
}
