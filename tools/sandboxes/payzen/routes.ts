import { type SandboxRequest } from '../core/types';
import { parseJsonObject } from '../shared/json';

export const PAYZEN_BASE_PATH = '/api-payment/V4';

/** Web services this sandbox implements, with the operation name used by the journal and faults. */
export const PAYZEN_WEB_SERVICES = {
  'Charge/CreatePayment': 'createPayment',
  'Charge/CreateShipmentTransaction': 'createShipmentTransaction',
  'Transaction/Get': 'get',
  'Transaction/Validate': 'capture',
  'Transaction/Update': 'update',
  'Transaction/CancelOrRefund': 'cancelOrRefund',
  'Transaction/Cancel': 'cancel',
  'Transaction/Refund': 'refund',
  'Order/Get': 'getOrder',
} as const;

export type PayzenWebService = keyof typeof PAYZEN_WEB_SERVICES;
export const UNKNOWN_WEB_SERVICE_OPERATION = 'unknownWebService';

/** `Namespace/WebService` of a POST under the base path (with or without the prefix), else undefined. */
export function webServiceName(req: Pick<SandboxRequest, 'method' | 'path'>): string | undefined {
  if (req.method !== 'POST') return undefined;
  const path = req.path.replace(/\/+$/, '');
  const relative = path.startsWith(`${PAYZEN_BASE_PATH}/`) ? path.slice(PAYZEN_BASE_PATH.length + 1) : path.slice(1);
  return /^[A-Za-z]+\/[A-Za-z]+$/.test(relative) ? relative : undefined;
}

export function isKnownWebService(name: string): name is PayzenWebService {
  return Object.prototype.hasOwnProperty.call(PAYZEN_WEB_SERVICES, name);
}

/** CancelOrRefund is named after its resolution mode, so faults can aim at cancels or refunds. */
export function payzenOperation(req: SandboxRequest): string | undefined {
  const name = webServiceName(req);
  if (name === undefined) return undefined;
  if (!isKnownWebService(name)) return UNKNOWN_WEB_SERVICE_OPERATION;
  if (name === 'Transaction/CancelOrRefund') {
    const mode = parseJsonObject(req.rawBody)?.resolutionMode;
    if (mode === 'CANCELLATION_ONLY') return 'cancel';
    if (mode === 'REFUND_ONLY') return 'refund';
  }
  return PAYZEN_WEB_SERVICES[name];
}
