import { type ProviderAdminExtension } from '../core/admin';
import { type ProviderSandbox, type SandboxRequest } from '../core/types';
import { parseJsonObject } from '../shared/json';
import { DEFAULT_PAYZEN_PASSWORD, DEFAULT_PAYZEN_SHOP_ID, isPayzenAuthorized } from './auth';
import { createPayment, createShipmentTransaction } from './charge';
import { type WebServiceHandler } from './context';
import { DEFAULT_CONTRACT_CURRENCIES } from './currencies';
import { payzenEnvelope } from './envelope';
import { INJECTED_FAULT_CODE, payzenFailure, type PayzenErrorCode } from './errors';
import { handlePayzenAdmin, ipnTransaction, PAYZEN_ADMIN_ENDPOINTS } from './admin';
import {
  DEFAULT_IPN_DELAY_MS,
  DEFAULT_IPN_DELIVERY_LIMIT,
  DEFAULT_IPN_TIMEOUT_MS,
  PayzenIpn,
  type IpnDelivery,
  type IpnTarget,
} from './ipn';
import { getOrder } from './orders';
import { isKnownWebService, PAYZEN_BASE_PATH, payzenOperation, webServiceName, type PayzenWebService } from './routes';
import { PayzenState } from './state';
import {
  cancelOrRefund,
  cancelTransaction,
  getTransaction,
  refundTransaction,
  updateTransaction,
  validateTransaction,
} from './transactions';
import {
  type InjectableShipmentOutcome,
  type PayzenPaymentOutcome,
  type PayzenSandboxOptions,
  type PayzenSettings,
} from './types';

export { DEFAULT_PAYZEN_PASSWORD, DEFAULT_PAYZEN_SHOP_ID } from './auth';
export { PAYZEN_ADMIN_ENDPOINTS } from './admin';
export { DEFAULT_IPN_TIMEOUT_MS, ipnHash, MAX_IPN_TIMEOUT_MS, type IpnDelivery, type IpnTarget } from './ipn';
export type { PayzenPaymentOutcome, PayzenSandboxOptions } from './types';

export const DEFAULT_SHIPMENT_WINDOW_DAYS = 180;
export const DEFAULT_DUPLICATE_SHIPMENT_WINDOW_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_AUTOMATIC_CAPTURE_DELAY_MS = 0;
export const DEFAULT_AUTH_FAILURE_HTTP_STATUS = 401;

const HANDLERS: Readonly<Record<PayzenWebService, WebServiceHandler>> = {
  'Charge/CreatePayment': createPayment,
  'Charge/CreateShipmentTransaction': createShipmentTransaction,
  'Transaction/Get': getTransaction,
  'Transaction/Validate': validateTransaction,
  'Transaction/Update': updateTransaction,
  'Transaction/CancelOrRefund': cancelOrRefund,
  'Transaction/Cancel': cancelTransaction,
  'Transaction/Refund': refundTransaction,
  'Order/Get': getOrder,
};

/** Framework-made answers (unmatched route, unparsable or oversized body, bad auth); any other status gets PSP_999. */
const ERROR_CODE_BY_HTTP_STATUS: Readonly<Record<number, PayzenErrorCode>> = {
  400: 'INT_902',
  401: 'INT_905',
  404: 'INT_901',
  413: 'INT_902',
};

export interface PayzenSandbox extends ProviderSandbox, ProviderAdminExtension {
  readonly credentials: { shopId: string; password: string };
  /** Forces the outcome of the next shipment created from this initial transaction (PSP_227 or PSP_228). */
  queueShipmentOutcome(initialUuid: string, outcome: InjectableShipmentOutcome): void;
  /** The back office's IPN URL (http://127.0.0.1 only; null: no IPN) and, optionally, the POST deadline. */
  setNotificationUrl(url: string | null, options?: { timeoutMs?: number }): void;
  /** How the next `Charge/CreatePayment` ends (refused, IPN tampered or skipped); consumed in order. */
  queuePaymentOutcome(outcome: PayzenPaymentOutcome): void;
  /** Sends the IPN of a transaction (or of an order's initial one) now; resolves once the target answered. */
  sendIpn(target: IpnTarget, options?: { tamper?: boolean }): Promise<IpnDelivery>;
  ipnDeliveries(target?: IpnTarget): IpnDelivery[];
}

function settingsFrom(options: PayzenSandboxOptions): PayzenSettings {
  return {
    shopId: options.credentials?.shopId ?? DEFAULT_PAYZEN_SHOP_ID,
    password: options.credentials?.password ?? DEFAULT_PAYZEN_PASSWORD,
    contractCurrencies: new Set(options.contractCurrencies ?? DEFAULT_CONTRACT_CURRENCIES),
    authFailureHttpStatus: options.authFailureHttpStatus ?? DEFAULT_AUTH_FAILURE_HTTP_STATUS,
    automaticCaptureDelayMs: options.automaticCaptureDelayMs ?? DEFAULT_AUTOMATIC_CAPTURE_DELAY_MS,
    duplicateShipmentWindowMs: options.duplicateShipmentWindowMs ?? DEFAULT_DUPLICATE_SHIPMENT_WINDOW_MS,
    shipmentWindowDays: options.shipmentWindowDays ?? DEFAULT_SHIPMENT_WINDOW_DAYS,
    enforceInitialAmountLimit: options.enforceInitialAmountLimit ?? true,
  };
}

export function createPayzenSandbox(options: PayzenSandboxOptions = {}): PayzenSandbox {
  const settings = settingsFrom(options);
  const state = new PayzenState(settings);
  const ipn = new PayzenIpn(
    {
      notificationUrl: options.notificationUrl ?? null,
      timeoutMs: options.ipnTimeoutMs ?? DEFAULT_IPN_TIMEOUT_MS,
      delayMs: options.ipnDelayMs ?? DEFAULT_IPN_DELAY_MS,
      deliveryLimit: options.ipnDeliveryLimit ?? DEFAULT_IPN_DELIVERY_LIMIT,
    },
    { shopId: settings.shopId, password: settings.password },
  );

  function handle(req: SandboxRequest, now: Date) {
    const name = webServiceName(req) ?? null;
    if (!isPayzenAuthorized(req, settings.shopId, settings.password)) {
      return payzenEnvelope(
        name,
        { ok: false, failure: payzenFailure('INT_905') },
        now,
        settings.authFailureHttpStatus,
      );
    }
    if (name === null || !isKnownWebService(name)) {
      return payzenEnvelope(
        name,
        { ok: false, failure: payzenFailure('INT_901', `no web service at ${req.path}`) },
        now,
      );
    }
    const body = parseJsonObject(req.rawBody);
    if (!body)
      return payzenEnvelope(name, { ok: false, failure: payzenFailure('INT_902', 'body: JSON object expected') }, now);
    state.captureDue(now);
    return payzenEnvelope(name, HANDLERS[name](body, { state, settings, now, ipn }), now);
  }

  return {
    provider: 'payzen',
    credentials: { shopId: settings.shopId, password: settings.password },
    basePath: PAYZEN_BASE_PATH,
    route: payzenOperation,
    handle,

    errorResponse(status) {
      const failure = payzenFailure(ERROR_CODE_BY_HTTP_STATUS[status] ?? INJECTED_FAULT_CODE, `HTTP ${status}`);
      return payzenEnvelope(null, { ok: false, failure }, new Date(), status);
    },

    seed: (transactions, now) => state.seed(transactions, now),
    snapshot: () => ({ ...state.snapshot(), notificationUrl: ipn.notificationUrl, ipnDeliveries: ipn.list() }),
    reset: () => {
      state.reset();
      ipn.reset();
    },
    adminEndpoints: PAYZEN_ADMIN_ENDPOINTS,
    handleAdmin: (request) => handlePayzenAdmin(request, state, ipn),

    setNotificationUrl(url, urlOptions) {
      ipn.configure(url, urlOptions?.timeoutMs);
    },

    queuePaymentOutcome(outcome) {
      state.queuedPaymentOutcomes.push({ ...outcome });
    },

    async sendIpn(target, sendOptions) {
      const record = ipnTransaction(state, target);
      if (!record) throw new Error(`PayZen: no transaction for ${JSON.stringify(target)}`);
      return ipn.send(record, sendOptions?.tamper === true);
    },

    ipnDeliveries: (target) => ipn.list(target),

    queueShipmentOutcome(initialUuid, outcome) {
      const initial = state.transactions.get(initialUuid);
      if (!initial) throw new Error(`PayZen: no transaction ${initialUuid}`);
      initial.queuedShipmentOutcomes.push(outcome);
    },
  };
}
