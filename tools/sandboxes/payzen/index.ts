import { type ProviderSandbox, type SandboxRequest } from '../core/types';
import { parseJsonObject } from '../shared/json';
import { DEFAULT_PAYZEN_PASSWORD, DEFAULT_PAYZEN_SHOP_ID, isPayzenAuthorized } from './auth';
import { createPayment, createShipmentTransaction } from './charge';
import { type WebServiceHandler } from './context';
import { DEFAULT_CONTRACT_CURRENCIES } from './currencies';
import { payzenEnvelope } from './envelope';
import { INJECTED_FAULT_CODE, payzenFailure, type PayzenErrorCode } from './errors';
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
import { type InjectableShipmentOutcome, type PayzenSandboxOptions, type PayzenSettings } from './types';

export { DEFAULT_PAYZEN_PASSWORD, DEFAULT_PAYZEN_SHOP_ID } from './auth';
export type { PayzenSandboxOptions } from './types';

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

export interface PayzenSandbox extends ProviderSandbox {
  readonly credentials: { shopId: string; password: string };
  /** Forces the outcome of the next shipment created from this initial transaction (PSP_227 or PSP_228). */
  queueShipmentOutcome(initialUuid: string, outcome: InjectableShipmentOutcome): void;
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
    return payzenEnvelope(name, HANDLERS[name](body, { state, settings, now }), now);
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
    snapshot: () => state.snapshot(),
    reset: () => state.reset(),

    queueShipmentOutcome(initialUuid, outcome) {
      const initial = state.transactions.get(initialUuid);
      if (!initial) throw new Error(`PayZen: no transaction ${initialUuid}`);
      initial.queuedShipmentOutcomes.push(outcome);
    },
  };
}
