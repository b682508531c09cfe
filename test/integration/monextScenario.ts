/**
 * The Monext integration set-up shared by the monextHandleOrders tests: an instance file of Monext
 * orders on site RefArch (service paymentoperations.monext, a 2,000 ms timeout), and one Monext
 * sandbox per test file, reset and seeded with each order's session for every scenario.
 */
import type { InstanceFile, InstanceOrder } from '../../tools/runtime/instance/types';
import type { AlmaScenario } from './almaScenario';
import { ProviderHost } from './providerHost';
import { shippedOrder, type ShippedOrderSpec } from './shippedOrder';

export const SITE = 'RefArch';
export const MONEXT_JOB = 'monextHandleOrders';
export const MONEXT_TIMEOUT_MS = 2000;
const SERVICE_ID = 'paymentoperations.monext';

export interface MonextSpec extends ShippedOrderSpec {
  discount?: string;
  custom?: Record<string, unknown>;
  /** Already captured at Monext (minor units). */
  captured?: number;
  /** Part of the total paid by gift certificate: Monext authorised the rest. */
  giftCertificate?: string;
}

/** The Monext transaction the sandbox gives an order's session. */
export const transactionOf = (orderNo: string): string => '9' + orderNo.padStart(13, '0');

const monextPart = (spec: MonextSpec): string => (Number(spec.total) - Number(spec.giftCertificate ?? 0)).toFixed(2);

function orderOf(spec: MonextSpec, index: number): InstanceOrder {
  return {
    ...shippedOrder(spec, index),
    ...(spec.discount ? { priceAdjustments: [{ promotionID: 'ORDER10', grossPrice: spec.discount }] } : {}),
    paymentInstruments: [
      ...(spec.giftCertificate ? [{ paymentMethod: 'GIFT_CERTIFICATE', amount: spec.giftCertificate }] : []),
      { paymentMethod: 'MONEXT', amount: monextPart(spec) },
    ],
    custom: { monextSessionID: 'session-' + spec.orderNo, ...spec.custom },
  } as InstanceOrder;
}

export function monextInstance(specs: MonextSpec[], preferences: Record<string, unknown> = {}): InstanceFile {
  return {
    description: 'Monext integration scenario',
    platform: { orderSearch: { resultLimit: 1000, notEqualsMatchesNull: true, indexLag: true } },
    cartridgePath: ['int_payment_operations'],
    services: [
      {
        id: SERVICE_ID,
        logPrefix: 'payops-monext',
        credential: {
          id: `${SERVICE_ID}.credentials`,
          url: 'http://127.0.0.1:1',
          user: 'payops_merchant',
          password: 'payops_access_key',
        },
        profile: { id: `${SERVICE_ID}.profile`, timeoutMillis: MONEXT_TIMEOUT_MS },
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
        orders: specs.map(orderOf),
      },
    ],
  };
}

/** One Monext sandbox for a test file: `start` in `before`, `close` in `after`. */
export class MonextHost extends ProviderHost {
  constructor() {
    super('monext', () => monextInstance([]));
  }

  /** A runtime on the orders, the sandbox reset and seeded with their sessions; `secondSite` on RefArchFR. */
  async scenario(
    specs: MonextSpec[],
    preferences?: Record<string, unknown>,
    secondSite: MonextSpec[] = [],
  ): Promise<AlmaScenario> {
    return this.prepare(
      monextInstance(specs, preferences),
      secondSite.length ? monextInstance(secondSite, preferences) : null,
      [...specs, ...secondSite].map((spec) => ({
        sessionId: 'session-' + spec.orderNo,
        transactionId: transactionOf(spec.orderNo),
        amount: Math.round(Number(monextPart(spec)) * 100),
        currency: 'EUR',
        capture: 'MANUAL',
        ...(spec.captured ? { captured: spec.captured } : {}),
      })),
    );
  }
}
