import { type SandboxRequest } from '../core/types';

export const KOMOJU_BASE_PATH = '/api/v1';

export type KomojuOperation = 'get' | 'capture' | 'cancel' | 'refund' | 'paymentMethods';

export interface KomojuRoute {
  operation: KomojuOperation;
  paymentId?: string;
}

const PAYMENT_ACTIONS: Readonly<Record<string, KomojuOperation>> = {
  capture: 'capture',
  cancel: 'cancel',
  refund: 'refund',
};

/** Accepts the path with or without the `/api/v1` prefix, so it does not matter whether the framework strips it. */
function relativePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.startsWith(`${KOMOJU_BASE_PATH}/`) ? trimmed.slice(KOMOJU_BASE_PATH.length) : trimmed;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchKomojuRoute(req: Pick<SandboxRequest, 'method' | 'path'>): KomojuRoute | undefined {
  const segments = relativePath(req.path).split('/').slice(1).map(safeDecode);
  if (req.method === 'GET' && segments.length === 1 && segments[0] === 'payment_methods') {
    return { operation: 'paymentMethods' };
  }
  if (segments[0] !== 'payments' || !segments[1]) return undefined;
  const paymentId = segments[1];
  if (req.method === 'GET' && segments.length === 2) return { operation: 'get', paymentId };
  const action = segments.length === 3 ? PAYMENT_ACTIONS[segments[2]] : undefined;
  if (req.method === 'POST' && action) return { operation: action, paymentId };
  return undefined;
}
