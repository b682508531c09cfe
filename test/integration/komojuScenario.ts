/**
 * KOMOJU scenarios for the integration tests: a JPY instance built in code (orders paid with
 * KOMOJU, their payments seeded in the KOMOJU sandbox), the compiled cartridge of dist/ run by the
 * local runtime, and what the merchant (KOMOJU Cancel/Refund Status and Response) and KOMOJU (its
 * payments and the requests it received) each see. The journal, work queue and merchant actions
 * are AlmaScenario's: they do not depend on the provider.
 */
import type { InstanceFile, InstanceOrder, OrderStatusName } from '../../tools/runtime/instance/types';
import { bindSandboxes, type BoundSandboxes } from '../../tools/runtime/sandboxBinding';
import type { RemoteSandbox } from '../../tools/sandboxes/sandboxProcess';
import { ensureBuilt } from '../helpers/built';
import { AlmaScenario } from './almaScenario';

export const KOMOJU_SERVICE_ID = 'paymentoperations.komoju';
/** The KOMOJU sandbox's test key (not a secret): it must never show in logs or the journal. */
export const KOMOJU_SECRET_KEY = 'sk_test_payops_sandbox';

export const KOMOJU_JOBS = {
  cancel: 'komojuCancelProcess',
  refund: 'komojuRefundProcess',
  sync: 'updatePaymentMethod',
  capture: 'PaymentOperations-CapturePayments',
} as const;

export interface KomojuOrderSpec {
  orderNo: string;
  /** Order total in yen ("5000"). */
  total: string;
  status?: OrderStatusName;
  paymentStatus?: 'PAID' | 'NOTPAID' | 'PARTPAID';
  shippingStatus?: 'SHIPPED' | 'NOTSHIPPED' | 'PARTSHIPPED';
  /** komojuPaymentId; null leaves it empty. Default `kp<orderNo>` padded to KOMOJU's 25 characters. */
  paymentId?: string | null;
  creationDate?: string;
  custom?: Record<string, unknown>;
  /** Extra fields of the payment seeded at KOMOJU (status, amount_refunded, …), or false for none. */
  payment?: Record<string, unknown> | false;
}

export interface KomojuSiteSpec {
  id: string;
  locales?: string[];
  /** Site preferences (e.g. the failure e-mail's). */
  preferences?: Record<string, unknown>;
  orders: KomojuOrderSpec[];
}

const BASE_CREATION = Date.UTC(2026, 10, 20, 9, 0, 0);

export function komojuPaymentId(orderNo: string): string {
  return `kp${orderNo}`.padEnd(25, 'x');
}

export function buildKomojuInstance(sites: KomojuSiteSpec[], timeoutMillis = 1000): InstanceFile {
  const payments: Record<string, unknown>[] = [];
  return {
    description: 'KOMOJU integration scenario (built by test/integration/komojuScenario.ts)',
    platform: { orderSearch: { resultLimit: 1000, notEqualsMatchesNull: true, indexLag: true } },
    cartridgePath: ['int_payment_operations'],
    services: [
      {
        id: KOMOJU_SERVICE_ID,
        logPrefix: 'payops-komoju',
        credential: { id: `${KOMOJU_SERVICE_ID}.credentials`, url: 'http://127.0.0.1:1', password: KOMOJU_SECRET_KEY },
        profile: { id: `${KOMOJU_SERVICE_ID}.profile`, timeoutMillis },
      },
    ],
    sites: sites.map((site) => ({
      id: site.id,
      name: site.id,
      currency: 'JPY',
      timezone: 'Asia/Tokyo',
      locales: site.locales ?? ['default'],
      preferences: site.preferences ?? {},
      orders: site.orders.map((spec, index): InstanceOrder => {
        const paymentId = spec.paymentId === undefined ? komojuPaymentId(spec.orderNo) : spec.paymentId;
        const paid = (spec.paymentStatus ?? 'NOTPAID') === 'PAID';
        if (paymentId !== null && spec.payment !== false) {
          payments.push({
            id: paymentId,
            amount: Number(spec.total),
            currency: 'JPY',
            status: paid ? 'captured' : 'authorized',
            capture: paid ? 'auto' : 'manual',
            external_order_num: spec.orderNo,
            ...spec.payment,
          });
        }
        return {
          orderNo: spec.orderNo,
          status: spec.status ?? 'CANCELLED',
          paymentStatus: spec.paymentStatus ?? 'NOTPAID',
          ...(spec.shippingStatus ? { shippingStatus: spec.shippingStatus } : {}),
          currencyCode: 'JPY',
          creationDate: spec.creationDate ?? new Date(BASE_CREATION + index * 1000).toISOString(),
          customerEmail: `customer-${spec.orderNo}@example.com`,
          shipments: [{ id: 'me', shippingGrossPrice: '0' }],
          productLineItems: [{ productID: 'ITEM', productName: 'Item', grossPrice: spec.total }],
          paymentInstruments: [
            {
              paymentMethod: 'KOMOJU',
              amount: spec.total,
              ...(paymentId === null ? {} : { transaction: { transactionID: paymentId, paymentProcessor: 'KOMOJU' } }),
            },
          ],
          custom: { ...(paymentId === null ? {} : { komojuPaymentId: paymentId }), ...spec.custom },
        };
      }),
    })),
    sandboxes: { komoju: { payments } },
  };
}

/** What Business Manager shows of KOMOJU on an order. */
export interface KomojuOrderView {
  captureStatus: string | null;
  captureResponse: string | null;
  cancelStatus: string | null;
  cancelResponse: string | null;
  refundStatus: string | null;
  refundResponse: string | null;
  refundedAmount: number | null;
  refundAmount: number | null;
}

export interface KomojuPaymentState {
  id: string;
  status: string;
  total: number;
  amount_refunded: number;
  refunds: Array<{ id: string; amount: number; description: string | null }>;
}

export class KomojuScenario extends AlmaScenario {
  get inFlightGraceMillis(): number {
    const service = this.runtime.core.state.services.get(KOMOJU_SERVICE_ID);
    if (!service) throw new Error(`No service ${KOMOJU_SERVICE_ID} in the scenario`);
    return service.profile.timeoutMillis + 1000;
  }

  komoju(orderNo: string, site?: string): KomojuOrderView {
    const sites = this.runtime.core.state.sites;
    const record = site
      ? sites.get(site)?.orders.get(orderNo)
      : [...sites.values()].map((s) => s.orders.get(orderNo)).find(Boolean);
    if (!record) throw new Error(`No order ${orderNo}`);
    const value = <T>(name: string): T | null => (record.custom[name] ?? null) as T | null;
    return {
      captureStatus: value<string>('komojuCaptureStatus'),
      captureResponse: value<string>('komojuCaptureResponse'),
      cancelStatus: value<string>('komojuCancelStatus'),
      cancelResponse: value<string>('komojuCancelResponse'),
      refundStatus: value<string>('komojuRefundStatus'),
      refundResponse: value<string>('komojuRefundResponse'),
      refundedAmount: value<number>('payopsRefundedAmount'),
      refundAmount: value<number>('payopsRefundAmount'),
    };
  }

  async komojuPayment(id: string): Promise<KomojuPaymentState> {
    const state = (await this.sandbox.state()) as { payments: KomojuPaymentState[] };
    const payment = state.payments.find((candidate) => candidate.id === id);
    if (!payment) throw new Error(`KOMOJU has no payment ${id}`);
    return payment;
  }
}

/** The KOMOJU sandbox, started once per describe block (in a child process: service calls block). */
export class KomojuSandboxHost {
  private bound: BoundSandboxes | undefined;

  async start(): Promise<void> {
    ensureBuilt();
    this.bound = await bindSandboxes(buildKomojuInstance([]), { providers: ['komoju'] });
  }

  async stop(): Promise<void> {
    await this.bound?.close();
    this.bound = undefined;
  }

  get sandbox(): RemoteSandbox {
    const sandbox = this.bound?.sandboxes.get('komoju');
    if (!sandbox) throw new Error('The KOMOJU sandbox is not started (call start() in a before hook)');
    return sandbox;
  }

  async scenario(sites: KomojuSiteSpec[], timeoutMillis?: number): Promise<KomojuScenario> {
    const instance = buildKomojuInstance(sites, timeoutMillis);
    const sandbox = this.sandbox;
    for (const service of instance.services ?? []) service.credential.url = sandbox.baseUrl;
    await sandbox.reset();
    const payments = instance.sandboxes?.komoju?.payments ?? [];
    if (payments.length > 0) await sandbox.seed(payments);
    return new KomojuScenario(instance, sandbox);
  }
}
