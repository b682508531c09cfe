/**
 * The IPN (Instant Payment Notification) of the PayZen sandbox. Once `Charge/CreatePayment` has
 * created its transaction, the sandbox POSTs the payment result to the notification URL the
 * merchant sets in the back office (REST API section, seed 003), after answering the call, as
 * Lyra sends it at the end of a payment.
 *
 * Sources for the shape:
 * - providers.md §4.5: the five form fields, and `kr-hash-key = "password"`, meaning the kr-hash
 *   key is the REST password;
 * - seed 003's example `kr-answer` (seeds-digest.md §4): `shopId`, `orderCycle`, `orderStatus`,
 *   `orderDetails`, and `transactions[0].{uuid, status, detailedStatus, operationType, orderId}`;
 * - the IPN samples in Lyra's PHP SDK tests (lyra/rest-php-sdk `src/Lyra/Tests/ClientTest.php`,
 *   the "password" case): `serverDate`, `customer`, the `V4/PaymentTransaction` fields (no
 *   `orderDetails` or `customer` inside a transaction), and `_type: "V4/Payment"`;
 * - lyra/rest-php-examples `www/sample/ipn.php`: the check `hash_hmac('sha256', kr-answer, password)`.
 *
 * Every delivery goes to 127.0.0.1 only and is bounded: a deadline per POST, at most
 * `deliveryLimit` records kept. Timers and sockets are unref'd, so a pending delivery never keeps
 * a process alive.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { lyraDate } from './envelope';
import { STATUS_OF } from './statuses';
import { toPaymentTransaction } from './transactionView';
import { type PayzenTransactionRecord } from './types';

export const DEFAULT_IPN_TIMEOUT_MS = 30_000;
/** Lyra waits 30 s; the sandbox allows up to twice that, never more. */
export const MAX_IPN_TIMEOUT_MS = 60_000;
export const DEFAULT_IPN_DELIVERY_LIMIT = 100;
export const DEFAULT_IPN_DELAY_MS = 0;
/** The first characters of the target's answer kept in a delivery record. */
const ANSWER_BODY_KEPT = 2_000;
/** Bytes read from the target's answer at most; the rest is discarded. */
const ANSWER_BODY_READ = 64 * 1024;

export const IPN_ANSWER_TYPE = 'V4/Payment';
export const IPN_HASH_ALGORITHM = 'sha256_hmac';
/** The key named in `kr-hash-key` for an IPN: the REST password (providers.md §4.5). */
export const IPN_HASH_KEY = 'password';

/** One transaction, by its uuid, or the initial (latest first-level) transaction of an order. */
export type IpnTarget = { uuid: string; orderId?: undefined } | { orderId: string; uuid?: undefined };

export interface IpnDelivery {
  /** Increasing from 1 since the last reset. */
  id: number;
  /** `payment`: sent after `Charge/CreatePayment`; `sendIpn`: sent on demand (a replay). */
  trigger: 'payment' | 'sendIpn';
  url: string;
  orderId: string | null;
  uuid: string;
  orderStatus: string;
  /** Whether `kr-hash` was deliberately wrong. */
  tampered: boolean;
  /** When the delivery was scheduled (ISO 8601, wall clock). */
  time: string;
  /** `pending` until the target answered (`answered`, any HTTP status) or the POST failed (`failed`). */
  state: 'pending' | 'answered' | 'failed';
  /** HTTP status the target answered, else null. */
  status: number | null;
  /** The start of the target's answer body. */
  body: string | null;
  /** Why the POST failed: a connection error, or no answer before the deadline. */
  error: string | null;
  /** From the start of the POST to its end. */
  durationMs: number | null;
  /** The form fields posted (`kr-answer` exactly as hashed). */
  fields: Record<string, string>;
}

export interface IpnOptions {
  notificationUrl: string | null;
  timeoutMs: number;
  deliveryLimit: number;
  delayMs: number;
}

/** Throws unless `url` is an `http://127.0.0.1[:port]/…` URL; returns it normalised. */
export function checkNotificationUrl(url: unknown): string {
  if (typeof url !== 'string') throw new Error('notification URL: a string is expected');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`notification URL: not a URL [${url}]`);
  }
  if (parsed.protocol !== 'http:' || parsed.hostname !== '127.0.0.1') {
    throw new Error(
      `notification URL: only http://127.0.0.1 is allowed, the sandbox never calls another host [${url}]`,
    );
  }
  return parsed.toString();
}

export function checkIpnTimeout(timeoutMs: unknown): number {
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs < 1 ||
    timeoutMs > MAX_IPN_TIMEOUT_MS
  ) {
    throw new Error(`IPN timeout: an integer from 1 to ${MAX_IPN_TIMEOUT_MS} ms is expected`);
  }
  return timeoutMs;
}

/** Lower-case hex HMAC-SHA256 of the `kr-answer` string, keyed with the REST password. */
export function ipnHash(krAnswer: string, password: string): string {
  return createHmac('sha256', password).update(krAnswer, 'utf8').digest('hex');
}

/**
 * The `V4/Payment` object an IPN carries for one transaction. `orderCycle` is `OPEN` only while
 * the transaction is RUNNING, as `Order/Get` derives it; a refused payment closes the order (the
 * sandbox has no payment form to retry in).
 */
export function paymentNotification(
  record: PayzenTransactionRecord,
  shopId: string,
  serverDate: Date,
): Record<string, unknown> {
  const status = STATUS_OF[record.detailedStatus];
  const { _type: transactionType, ...transaction } = toPaymentTransaction(record, shopId);
  // Not part of a V4/Payment's transaction: the order and the buyer are given once, above it.
  delete transaction.orderDetails;
  delete transaction.customer;
  return {
    shopId,
    orderCycle: status === 'RUNNING' ? 'OPEN' : 'CLOSED',
    orderStatus: status,
    serverDate: lyraDate(serverDate),
    orderDetails: {
      orderTotalAmount: record.initialAmount,
      orderEffectiveAmount: record.amount,
      orderCurrency: record.currency,
      mode: 'TEST',
      orderId: record.orderId,
      metadata: record.metadata,
      _type: 'V4/OrderDetails',
    },
    customer: {
      billingDetails: null,
      email: record.customerEmail,
      reference: null,
      shippingDetails: null,
      _type: 'V4/Customer/Customer',
    },
    transactions: [{ ...transaction, orderId: record.orderId, _type: transactionType }],
    _type: IPN_ANSWER_TYPE,
  };
}

/** The form fields of an IPN; `tamper` makes `kr-hash` wrong (one hex digit changed). */
export function ipnFields(krAnswer: string, password: string, tamper = false): Record<string, string> {
  const hash = ipnHash(krAnswer, password);
  return {
    'kr-hash': tamper ? (parseInt(hash[0], 16) ^ 1).toString(16) + hash.slice(1) : hash,
    'kr-hash-algorithm': IPN_HASH_ALGORITHM,
    'kr-hash-key': IPN_HASH_KEY,
    'kr-answer-type': IPN_ANSWER_TYPE,
    'kr-answer': krAnswer,
  };
}

function matches(delivery: IpnDelivery, target: IpnTarget): boolean {
  return target.uuid !== undefined ? delivery.uuid === target.uuid : delivery.orderId === target.orderId;
}

function copy(delivery: IpnDelivery): IpnDelivery {
  return { ...delivery, fields: { ...delivery.fields } };
}

interface Waiter {
  target: IpnTarget;
  resolve(delivery: IpnDelivery | undefined): void;
}

/** Sends IPNs and keeps the bounded record of deliveries. */
export class PayzenIpn {
  private url: string | null;
  private timeout: number;
  private deliveries: IpnDelivery[] = [];
  private nextId = 1;
  /** Stops every scheduled or running POST (reset). */
  private readonly cancels = new Set<(reason: string) => void>();
  private readonly finishedListeners = new Map<IpnDelivery, (delivery: IpnDelivery) => void>();
  private readonly waiters = new Set<Waiter>();

  constructor(
    private readonly options: IpnOptions,
    private readonly credentials: { shopId: string; password: string },
  ) {
    this.url = options.notificationUrl === null ? null : checkNotificationUrl(options.notificationUrl);
    this.timeout = checkIpnTimeout(options.timeoutMs);
    if (!Number.isInteger(options.deliveryLimit) || options.deliveryLimit < 1) {
      throw new Error('ipnDeliveryLimit: a positive integer is expected');
    }
    if (!Number.isFinite(options.delayMs) || options.delayMs < 0)
      throw new Error('ipnDelayMs: a delay in ms is expected');
  }

  get notificationUrl(): string | null {
    return this.url;
  }

  get timeoutMs(): number {
    return this.timeout;
  }

  /** The back-office setting; null stops notifications. */
  configure(url: string | null, timeoutMs?: number): void {
    const checkedUrl = url === null ? null : checkNotificationUrl(url);
    const checkedTimeout = timeoutMs === undefined ? this.timeout : checkIpnTimeout(timeoutMs);
    this.url = checkedUrl;
    this.timeout = checkedTimeout;
  }

  /** After `Charge/CreatePayment`: schedules the IPN (after the answer), if a URL is set. */
  paymentCreated(record: PayzenTransactionRecord, now: Date, tamper: boolean): void {
    if (this.url === null) return;
    const delivery = this.open('payment', this.url, record, now, tamper);
    let timer: NodeJS.Timeout | undefined = setTimeout(() => {
      timer = undefined;
      this.cancels.delete(cancelSchedule);
      void this.post(delivery);
    }, this.options.delayMs);
    timer.unref();
    const cancelSchedule = (reason: string): void => {
      if (timer !== undefined) clearTimeout(timer);
      this.finish(delivery, { error: reason });
    };
    this.cancels.add(cancelSchedule);
  }

  /** Sends the IPN of `record` now (its current state) and resolves once the target answered or the POST failed. */
  send(record: PayzenTransactionRecord, tamper: boolean, now = new Date()): Promise<IpnDelivery> {
    if (this.url === null) throw new Error('no notification URL is set');
    return this.post(this.open('sendIpn', this.url, record, now, tamper));
  }

  list(target?: IpnTarget): IpnDelivery[] {
    return this.deliveries.filter((delivery) => target === undefined || matches(delivery, target)).map(copy);
  }

  /**
   * The latest finished delivery for the target, unless one is still pending: then the next one to
   * finish. Resolves undefined if none finished within `timeoutMs` (or on reset).
   */
  awaitDelivery(target: IpnTarget, timeoutMs: number): Promise<IpnDelivery | undefined> {
    const matching = this.deliveries.filter((delivery) => matches(delivery, target));
    const latest = matching[matching.length - 1];
    if (latest !== undefined && !matching.some((delivery) => delivery.state === 'pending')) {
      return Promise.resolve(copy(latest));
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => waiter.resolve(undefined), timeoutMs);
      timer.unref();
      const waiter: Waiter = {
        target,
        resolve: (delivery) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(delivery);
        },
      };
      this.waiters.add(waiter);
    });
  }

  clearDeliveries(): void {
    this.deliveries = this.deliveries.filter((delivery) => delivery.state === 'pending');
  }

  /** Back to the options: stops pending deliveries, forgets them, restores the URL and timeout. */
  reset(): void {
    for (const cancel of [...this.cancels]) cancel('cancelled by a sandbox reset');
    this.cancels.clear();
    for (const waiter of [...this.waiters]) waiter.resolve(undefined);
    this.deliveries = [];
    this.nextId = 1;
    this.url = this.options.notificationUrl === null ? null : checkNotificationUrl(this.options.notificationUrl);
    this.timeout = this.options.timeoutMs;
  }

  private open(
    trigger: IpnDelivery['trigger'],
    url: string,
    record: PayzenTransactionRecord,
    now: Date,
    tamper: boolean,
  ): IpnDelivery {
    // Serialised once: the string posted is the string hashed.
    const krAnswer = JSON.stringify(paymentNotification(record, this.credentials.shopId, now));
    const delivery: IpnDelivery = {
      id: this.nextId++,
      trigger,
      url,
      orderId: record.orderId,
      uuid: record.uuid,
      orderStatus: STATUS_OF[record.detailedStatus],
      tampered: tamper,
      time: new Date().toISOString(),
      state: 'pending',
      status: null,
      body: null,
      error: null,
      durationMs: null,
      fields: ipnFields(krAnswer, this.credentials.password, tamper),
    };
    this.deliveries.push(delivery);
    if (this.deliveries.length > this.options.deliveryLimit) {
      this.deliveries.splice(0, this.deliveries.length - this.options.deliveryLimit);
    }
    return delivery;
  }

  private post(delivery: IpnDelivery): Promise<IpnDelivery> {
    if (delivery.state !== 'pending') return Promise.resolve(copy(delivery));
    const done = new Promise<IpnDelivery>((resolve) => this.finishedListeners.set(delivery, resolve));
    const payload = new URLSearchParams(delivery.fields).toString();
    const started = performance.now();
    const timeoutMs = this.timeout;
    let request: http.ClientRequest;
    try {
      request = http.request(delivery.url, {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(Buffer.byteLength(payload)),
          'user-agent': 'PayZen sandbox IPN',
        },
      });
    } catch (error) {
      this.finish(delivery, { error: error instanceof Error ? error.message : String(error) });
      return done;
    }
    const elapsed = (): number => Math.round(performance.now() - started);
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    deadline.unref();
    const cancel = (reason: string): void => {
      request.destroy(new Error(reason));
    };
    this.cancels.add(cancel);
    const end = (outcome: { status?: number; body?: string; error?: string }): void => {
      clearTimeout(deadline);
      this.cancels.delete(cancel);
      this.finish(delivery, { ...outcome, durationMs: elapsed() });
    };
    request.on('socket', (socket) => socket.unref());
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < ANSWER_BODY_READ) chunks.push(chunk);
        size += chunk.length;
      });
      response.on('end', () =>
        end({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8').slice(0, ANSWER_BODY_KEPT),
        }),
      );
      response.on('error', (error) => end({ error: error.message }));
      // After 'end' this is a no-op; before it, the answer was cut off.
      response.on('close', () => end({ error: 'the answer was cut off' }));
    });
    request.on('error', (error) => end({ error: error.message }));
    request.end(payload);
    return done;
  }

  private finish(
    delivery: IpnDelivery,
    outcome: { status?: number; body?: string; error?: string; durationMs?: number },
  ): void {
    if (delivery.state !== 'pending') return;
    delivery.state = outcome.status === undefined ? 'failed' : 'answered';
    delivery.status = outcome.status ?? null;
    delivery.body = outcome.body ?? null;
    delivery.error = outcome.status === undefined ? (outcome.error ?? 'failed') : null;
    delivery.durationMs = outcome.durationMs ?? null;
    const listener = this.finishedListeners.get(delivery);
    this.finishedListeners.delete(delivery);
    listener?.(copy(delivery));
    for (const waiter of [...this.waiters]) {
      if (matches(delivery, waiter.target)) waiter.resolve(copy(delivery));
    }
  }
}
