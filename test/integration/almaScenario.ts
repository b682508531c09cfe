/**
 * Alma scenarios for the integration tests: an instance built in code (sites, orders carrying an
 * Alma payment, the matching payments for the Alma sandbox), the compiled cartridge of dist/ run
 * by the local runtime, and what a merchant and Alma would each see afterwards: the order's
 * attributes in Business Manager, the operation journal, and the requests Alma really received.
 */
import { readInstance } from '../../tools/runtime/instance/loadInstance';
import type { InstanceFile, InstanceOrder, OrderStatusName } from '../../tools/runtime/instance/types';
import type { JobResult } from '../../tools/runtime/jobs/jobRunner';
import { LocalRuntime, type LocalRunJobOptions } from '../../tools/runtime/localRuntime';
import { bindSandboxes, type BoundSandboxes } from '../../tools/runtime/sandboxBinding';
import { fractionDigits } from '../../tools/runtime/state/currency';
import { loadRuntimeMetadata } from '../../tools/runtime/state/metadata';
import type { RemoteSandbox } from '../../tools/sandboxes/sandboxProcess';
import type { JournalEntry as SandboxRequest } from '../../tools/sandboxes/core/journal';
import { ensureBuilt } from '../helpers/built';

export const ALMA_SERVICE_ID = 'paymentoperations.alma';
/** The Alma sandbox's test key (not a secret): it must never show in logs or the journal. */
export const ALMA_API_KEY = 'sk_test_payops_sandbox';

export const JOBS = {
  capture: 'AlmaDeferredCapture',
  cancel: 'PaymentOperations-CancelPayments',
  refund: 'PaymentOperations-RefundPayments',
  sync: 'PaymentOperations-SyncPaymentMethods',
} as const;

export type CaptureStatus = 'ToCapture' | 'Captured' | 'Failed';

/** An order paid with Alma, as a test describes it. */
export interface AlmaOrderSpec {
  orderNo: string;
  /** Order total as decimal text in the order currency ("120.00", "5000", "5.000"). */
  total: string;
  /** Default: the site currency. */
  currency?: string;
  status?: OrderStatusName;
  /** ALMA_Deferred_Capture; null leaves it empty. Default ToCapture. */
  capture?: CaptureStatus | null;
  /** almaPaymentId; null leaves it empty. Default `payment_<orderNo>`. */
  paymentId?: string | null;
  /** Default: one second after the previous order of the site. */
  creationDate?: string;
  /**
   * What the customer paid with Alma, as decimal text, when less than the total: the rest is paid
   * by a gift certificate (a second payment instrument). Default: the whole total.
   */
  almaAmount?: string;
  /** Further order custom attributes (payopsCaptureAmount, payopsRefundAmount, …). */
  custom?: Record<string, unknown>;
  /**
   * The payment seeded in the Alma sandbox: extra seed fields (capture_method, captured_amount,
   * …), or false for no payment at Alma. Default: manual capture of the whole total.
   */
  payment?: Record<string, unknown> | false;
}

export interface AlmaSiteSpec {
  id: string;
  currency: string;
  /** ALMA_Deferred_Capture_Activation. Default true. */
  activation?: boolean;
  /** The site's locales, the first being its default locale. Default ['default']. */
  locales?: string[];
  orders: AlmaOrderSpec[];
}

export interface ScenarioOptions {
  sites: AlmaSiteSpec[];
  /** Service profile timeout; short, so that a held answer times out quickly. Default 1500. */
  timeoutMillis?: number;
  /** The key in the service credential (null: none). Default: the one the sandbox accepts. */
  apiKey?: string | null;
  /** The instance's cartridge path. Default ['int_payment_operations']. */
  cartridgePath?: string[];
  /** Folders of developers' cartridges next to dist/cartridges (LocalRuntime `cartridges`). */
  cartridges?: string[];
  /** platform.customObjectQuota of the instance (default: the platform's 400,000). */
  customObjectQuota?: number;
}

const BASE_CREATION = Date.UTC(2026, 10, 20, 9, 0, 0);

/** Minor units of a decimal text: "120.00" EUR → 12000, "5000" JPY → 5000, "1.234" KWD → 1234. */
export function minorUnits(decimal: string, currency: string): number {
  const digits = fractionDigits(currency);
  const [whole, fraction = ''] = decimal.split('.');
  if (fraction.length > digits) throw new Error(`${decimal} has more decimals than ${currency} allows`);
  return Number(whole + fraction.padEnd(digits, '0'));
}

/** The instance file of the scenario, with a placeholder loopback URL for the Alma service. */
export function buildInstance(options: ScenarioOptions): InstanceFile {
  const payments: Record<string, unknown>[] = [];
  const sites = options.sites.map((site) => {
    const orders = site.orders.map((spec, index): InstanceOrder => {
      const currency = spec.currency ?? site.currency;
      const paymentId = spec.paymentId === undefined ? `payment_${spec.orderNo}` : spec.paymentId;
      const custom: Record<string, unknown> = { ...spec.custom };
      if (paymentId !== null) custom.almaPaymentId = paymentId;
      const capture = spec.capture === undefined ? 'ToCapture' : spec.capture;
      const almaAmount = spec.almaAmount ?? spec.total;
      // The part of the total not paid with Alma, paid by a gift certificate.
      const otherTender = [];
      if (spec.almaAmount !== undefined) {
        const rest = minorUnits(spec.total, currency) - minorUnits(almaAmount, currency);
        const digits = fractionDigits(currency);
        otherTender.push({ paymentMethod: 'GIFT_CERTIFICATE', amount: (rest / 10 ** digits).toFixed(digits) });
      }
      if (capture !== null) custom.ALMA_Deferred_Capture = capture;
      if (spec.payment !== false && paymentId !== null) {
        payments.push({
          id: paymentId,
          purchase_amount: minorUnits(almaAmount, currency),
          currency,
          capture_method: 'manual',
          merchant_reference: spec.orderNo,
          ...spec.payment,
        });
      }
      return {
        orderNo: spec.orderNo,
        status: spec.status ?? 'NEW',
        paymentStatus: 'NOTPAID',
        currencyCode: currency,
        creationDate: spec.creationDate ?? new Date(BASE_CREATION + index * 1000).toISOString(),
        customerEmail: `customer-${spec.orderNo}@example.com`,
        shipments: [{ id: 'me', shippingGrossPrice: '0' }],
        productLineItems: [{ productID: 'ITEM', productName: 'Item', grossPrice: spec.total }],
        paymentInstruments: [
          {
            paymentMethod: 'ALMA',
            amount: almaAmount,
            ...(paymentId === null ? {} : { transaction: { transactionID: paymentId, paymentProcessor: 'ALMA' } }),
          },
          ...otherTender,
        ],
        custom,
      };
    });
    return {
      id: site.id,
      name: site.id,
      currency: site.currency,
      timezone: 'UTC',
      locales: site.locales ?? ['default'],
      preferences: { ALMA_Deferred_Capture_Activation: site.activation ?? true },
      orders,
    };
  });
  return {
    description: 'Alma integration scenario (built by test/integration/almaScenario.ts)',
    platform: {
      orderSearch: { resultLimit: 1000, notEqualsMatchesNull: true, indexLag: true },
      ...(options.customObjectQuota === undefined ? {} : { customObjectQuota: options.customObjectQuota }),
    },
    cartridgePath: options.cartridgePath ?? ['int_payment_operations'],
    services: [
      {
        id: ALMA_SERVICE_ID,
        logPrefix: 'payops-alma',
        credential: {
          id: `${ALMA_SERVICE_ID}.credentials`,
          url: 'http://127.0.0.1:1',
          ...(options.apiKey === null ? {} : { password: options.apiKey ?? ALMA_API_KEY }),
        },
        profile: { id: `${ALMA_SERVICE_ID}.profile`, timeoutMillis: options.timeoutMillis ?? 1500 },
      },
    ],
    sites,
    sandboxes: { alma: { payments } },
  };
}

/** The Alma sandbox, started once per describe block (in a child process: service calls block). */
export class AlmaSandboxHost {
  private bound: BoundSandboxes | undefined;

  async start(): Promise<void> {
    ensureBuilt();
    this.bound = await bindSandboxes(buildInstance({ sites: [] }), { providers: ['alma'] });
  }

  async stop(): Promise<void> {
    await this.bound?.close();
    this.bound = undefined;
  }

  get sandbox(): RemoteSandbox {
    const sandbox = this.bound?.sandboxes.get('alma');
    if (!sandbox) throw new Error('The Alma sandbox is not started (call start() in a before hook)');
    return sandbox;
  }

  /** Empties the sandbox, seeds the scenario's payments and returns a runtime pointed at it. */
  async scenario(options: ScenarioOptions): Promise<AlmaScenario> {
    const instance = buildInstance(options);
    const sandbox = this.sandbox;
    for (const service of instance.services ?? []) {
      if (service.id === ALMA_SERVICE_ID) service.credential.url = sandbox.baseUrl;
    }
    await sandbox.reset();
    const payments = instance.sandboxes?.alma?.payments ?? [];
    if (payments.length > 0) await sandbox.seed(payments);
    return new AlmaScenario(instance, sandbox, options.cartridges);
  }
}

const metadata = loadRuntimeMetadata();

/** What Business Manager shows on an order (attribute values as stored). */
export interface OrderView {
  status: number;
  captureStatus: string | null;
  reason: string | null;
  captureAmount: number | null;
  capturedAmount: number | null;
  refundAmount: number | null;
  refundedAmount: number | null;
  cancelStatus: string | null;
  refundStatus: string | null;
}

/** An operation of an order's payment history, as the tests look at it. */
export interface JournalView {
  key: string;
  state: string;
  operationType: string;
  orderNo: string;
  amountMinor: number | null;
  currencyCode: string;
  attempts: number;
  providerReference: string | null;
  reason: string | null;
  interactions: string | null;
}

export interface Interaction {
  type: string;
  at: string;
  request: string;
  status: number | null;
  response: string;
}

/** One operation of an order's payment history (order attribute payopsHistory, JSON). */
export interface StoredOperation {
  id: string;
  type: string;
  state: string;
  amountMinor: number | null;
  currencyCode: string;
  attempts: number;
  providerReference: string | null;
  reason: string | null;
  interactions: Interaction[];
}

export function historyOf(custom: Record<string, unknown>): StoredOperation[] {
  const text = custom.payopsHistory;
  return typeof text === 'string' && text ? (JSON.parse(text) as StoredOperation[]) : [];
}

function valueOrNull<T>(value: unknown): T | null {
  return value === undefined || value === null ? null : (value as T);
}

export class AlmaScenario {
  readonly runtime: LocalRuntime;

  constructor(
    readonly instance: InstanceFile,
    readonly sandbox: RemoteSandbox,
    cartridges?: string[],
  ) {
    this.runtime = new LocalRuntime({
      state: readInstance(instance, metadata, 'alma scenario'),
      metadata,
      ...(cartridges ? { cartridges } : {}),
    });
  }

  run(jobId: string, options: LocalRunJobOptions = {}): JobResult {
    return this.runtime.runJob(jobId, options);
  }

  /**
   * How long the jobs leave an InFlight operation alone after its last attempt: the Alma service
   * profile's timeout plus the cartridge's 1,000 ms margin (another run might still be waiting for
   * that call's answer, so reading Alma back earlier could see "not applied" just before it lands).
   */
  get inFlightGraceMillis(): number {
    const service = this.runtime.core.state.services.get(ALMA_SERVICE_ID);
    if (!service) throw new Error(`No service ${ALMA_SERVICE_ID} in the scenario`);
    return service.profile.timeoutMillis + 1000;
  }

  /**
   * Lets `ms` pass (default: just beyond the InFlight grace) on the instance clock, which cartridge
   * code sees as `new Date()`. The grace is measured against the operation's last attempt, so a
   * test that runs a job again right after an unknown outcome (5xx, unreadable answer, timeout,
   * crash) must let time pass, else the next run leaves the operation pending.
   */
  letTimePass(ms = this.inFlightGraceMillis + 1): void {
    this.runtime.core.advanceClock(ms);
  }

  capture(site = this.defaultSite(), options: LocalRunJobOptions = {}): JobResult {
    return this.run(JOBS.capture, { site, ...options });
  }

  defaultSite(): string {
    return this.instance.sites[0].id;
  }

  private siteOf(orderNo: string): string {
    for (const [siteId, site] of this.runtime.core.state.sites) if (site.orders.has(orderNo)) return siteId;
    throw new Error(`Order ${orderNo} is in no site of the scenario`);
  }

  /** The order as BM shows it; `site` when the same order number exists on several sites. */
  order(orderNo: string, site = this.siteOf(orderNo)): OrderView {
    const record = this.runtime.core.state.sites.get(site)?.orders.get(orderNo);
    if (!record) throw new Error(`No order ${orderNo}`);
    const custom = record.custom;
    return {
      status: record.status,
      captureStatus: valueOrNull<string>(custom.ALMA_Deferred_Capture),
      reason: valueOrNull<string>(custom.payopsReason),
      captureAmount: valueOrNull<number>(custom.payopsCaptureAmount),
      capturedAmount: valueOrNull<number>(custom.payopsCapturedAmount),
      refundAmount: valueOrNull<number>(custom.payopsRefundAmount),
      refundedAmount: valueOrNull<number>(custom.payopsRefundedAmount),
      cancelStatus: valueOrNull<string>(custom.payopsCancelStatus),
      refundStatus: valueOrNull<string>(custom.payopsRefundStatus),
    };
  }

  /** The site's custom objects of a type, by key. */
  customObjects(type: string, site = this.defaultSite()): Map<string, Record<string, unknown>> {
    const objects = this.runtime.core.state.sites.get(site)?.customObjects.get(type);
    const out = new Map<string, Record<string, unknown>>();
    for (const [key, record] of objects ?? []) out.set(key, record.custom);
    return out;
  }

  /**
   * The site's operation journal, by key: every operation in its orders' payment history (order
   * attribute payopsHistory), whatever its state.
   */
  journal(site = this.defaultSite()): Map<string, JournalView> {
    const out = new Map<string, JournalView>();
    for (const [orderNo, record] of this.runtime.core.state.sites.get(site)?.orders ?? []) {
      for (const operation of historyOf(record.custom)) {
        out.set(operation.id, {
          key: operation.id,
          state: operation.state,
          operationType: operation.type,
          orderNo,
          amountMinor: operation.amountMinor,
          currencyCode: operation.currencyCode,
          attempts: operation.attempts,
          providerReference: operation.providerReference,
          reason: operation.reason,
          interactions: JSON.stringify(operation.interactions),
        });
      }
    }
    return out;
  }

  /** The work queue: PaymentOperation custom objects (one per unfinished operation), by key. */
  workQueue(site = this.defaultSite()): Map<string, Record<string, unknown>> {
    return this.customObjects('PaymentOperation', site);
  }

  /**
   * Removes an operation from its order's payment history, as if the record were lost (edited
   * away in Business Manager): references stay unique even without the record that numbered them.
   */
  expireOperation(key: string, site = this.siteOf(key.split(':')[2])): void {
    const record = this.runtime.core.state.sites.get(site)?.orders.get(key.split(':')[2]);
    const history = record ? historyOf(record.custom) : [];
    const kept = history.filter((operation) => operation.id !== key);
    if (!record || kept.length === history.length) throw new Error(`No journal entry ${key} on ${site}`);
    record.custom.payopsHistory = JSON.stringify(kept);
  }

  operation(key: string, site = this.siteOf(key.split(':')[2])): JournalView {
    const entry = this.journal(site).get(key);
    if (!entry) throw new Error(`No journal entry ${key} on ${site}`);
    return entry;
  }

  interactions(key: string): Interaction[] {
    const text = this.operation(key).interactions;
    return text ? (JSON.parse(text) as Interaction[]) : [];
  }

  /** Requests Alma received, as `route status` ("capture 200", "get 200", "capture null"). */
  async calls(): Promise<string[]> {
    return (await this.requests()).map((entry) => `${entry.route} ${entry.status}`);
  }

  async requests(route?: string): Promise<SandboxRequest[]> {
    const entries = await this.sandbox.journal();
    return route === undefined ? entries : entries.filter((entry) => entry.route === route);
  }

  /** The payment as Alma holds it. */
  async payment(id: string): Promise<AlmaPaymentState> {
    const state = (await this.sandbox.state()) as { payments: AlmaPaymentState[] };
    const payment = state.payments.find((candidate) => candidate.id === id);
    if (!payment) throw new Error(`Alma has no payment ${id}`);
    return payment;
  }

  async payments(): Promise<AlmaPaymentState[]> {
    return ((await this.sandbox.state()) as { payments: AlmaPaymentState[] }).payments;
  }

  /**
   * Runs `change` as merchant code would, outside any job: in the order's site, with `dw` modules
   * and cartridge modules required through the runtime (`require`), the order re-read by OrderMgr.
   */
  asMerchant<T>(
    orderNo: string,
    change: (order: MerchantOrder, require: (specifier: string) => unknown) => T,
    site = this.siteOf(orderNo),
  ): T {
    const core = this.runtime.core;
    core.enterSite(site);
    try {
      const OrderMgr = this.runtime.require('dw/order/OrderMgr') as { getOrder(no: string): MerchantOrder | null };
      const order = OrderMgr.getOrder(orderNo);
      if (!order) throw new Error(`OrderMgr.getOrder(${orderNo}) found nothing`);
      return change(order, (specifier) => this.runtime.require(specifier));
    } finally {
      core.enterSite(null);
    }
  }

  /** Cancels the order with OrderMgr.cancelOrder, in a transaction (what BM's Cancel does). */
  cancelOrder(orderNo: string): void {
    this.asMerchant(orderNo, (order, require) => {
      const Transaction = require('dw/system/Transaction') as { wrap(fn: () => void): void };
      const OrderMgr = require('dw/order/OrderMgr') as { cancelOrder(order: MerchantOrder): unknown };
      Transaction.wrap(() => OrderMgr.cancelOrder(order));
    });
  }

  /** Writes order custom attributes in a transaction (what a merchant does in BM or in code). */
  setOrderAttributes(orderNo: string, values: Record<string, unknown>): void {
    this.asMerchant(orderNo, (order, require) => {
      const Transaction = require('dw/system/Transaction') as { wrap(fn: () => void): void };
      Transaction.wrap(() => {
        for (const [name, value] of Object.entries(values)) order.custom[name] = value;
      });
    });
  }

  /** The cartridge's public helper almaOrderHelper.setAlmaDeferredCapture(order, status). */
  setAlmaDeferredCapture(orderNo: string, status: CaptureStatus): void {
    this.asMerchant(orderNo, (order, require) => {
      const helper = require('*/cartridge/scripts/providers/alma/almaOrderHelper') as {
        setAlmaDeferredCapture(order: MerchantOrder, status: string): void;
      };
      helper.setAlmaDeferredCapture(order, status);
    });
  }
}

export interface MerchantOrder {
  orderNo: string;
  custom: Record<string, unknown>;
}

export interface AlmaPaymentState {
  id: string;
  state: string;
  processing_status: string;
  purchase_amount: number;
  currency: string;
  captures: Array<{ id: string; amount: number; external_id: string | null }>;
  captured_amount: number;
  refunds: Array<{ id: string; amount: number; merchant_reference: string | null }>;
  amount_already_refunded: number;
}

/** A scenario of one EUR site, RefArch, with these orders. */
export function eurSite(...orders: AlmaOrderSpec[]): ScenarioOptions {
  return { sites: [{ id: 'RefArch', currency: 'EUR', orders }] };
}

/** Payment Operations Result without its time stamp. */
export function reasonText(reason: string | null): string {
  return (reason ?? '').replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — /, '');
}

/** One step's message and exit code, e.g. for the Report step: "OK RETRY_PENDING". */
export function reportOf(result: JobResult, site?: string): { status: string; exitCode: string; message: string } {
  const report = result.steps.filter(
    (step) => step.stepId === 'Report' && (site === undefined || step.siteId === site),
  );
  const last = report[report.length - 1];
  if (!last) throw new Error(`No Report step ran: ${JSON.stringify(result.steps.map((s) => s.stepId))}`);
  return { status: last.status, exitCode: last.exitCode, message: last.message ?? '' };
}

/** A dump of a job result for assertion messages. */
export function describeResult(result: JobResult): string {
  return JSON.stringify(
    result.steps.map((step) => ({
      site: step.siteId,
      step: step.stepId,
      status: step.status,
      exitCode: step.exitCode,
      message: step.message,
      error: step.error?.split('\n').slice(0, 3).join(' '),
    })),
  );
}
