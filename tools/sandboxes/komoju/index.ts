import { type ProviderSandbox, type SandboxRequest, type SandboxResponse } from '../core/types';
import { DEFAULT_KOMOJU_SECRET_KEY, isKomojuAuthorized, unauthorized } from './auth';
import { komojuError, komojuErrorForStatus } from './errors';
import { DEFAULT_IDEMPOTENCY_TTL_MS, KomojuIdempotency, readIdempotencyKey } from './idempotency';
import { cancelPayment, capturePayment, refundPayment, type CapturePolicy } from './operations';
import { DEFAULT_KOMOJU_PAYMENT_METHODS } from './paymentMethods';
import { toKomojuPayment } from './paymentView';
import { readKomojuBody } from './requestBody';
import { KOMOJU_BASE_PATH, matchKomojuRoute, type KomojuRoute } from './routes';
import { KomojuState } from './state';
import { type KomojuPaymentMethod, type KomojuSandboxOptions } from './types';

export { DEFAULT_KOMOJU_SECRET_KEY } from './auth';
export { DEFAULT_KOMOJU_PAYMENT_METHODS } from './paymentMethods';
export type { KomojuPaymentMethod, KomojuSandboxOptions } from './types';

export interface KomojuSandbox extends ProviderSandbox {
  readonly credentials: { secretKey: string };
  /** Replaces the merchant's enabled methods (e.g. to test a newly enabled one). */
  setPaymentMethods(methods: KomojuPaymentMethod[]): void;
}

export function createKomojuSandbox(options: KomojuSandboxOptions = {}): KomojuSandbox {
  const secretKey = options.credentials?.secretKey ?? DEFAULT_KOMOJU_SECRET_KEY;
  const policy: CapturePolicy = { allowMultipleCaptures: options.allowMultipleCaptures ?? false };
  const state = new KomojuState(options.paymentMethods ?? DEFAULT_KOMOJU_PAYMENT_METHODS);
  const idempotency = new KomojuIdempotency(options.idempotencyKeyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS);

  function apply(route: KomojuRoute, req: SandboxRequest, now: Date): SandboxResponse {
    if (route.operation === 'paymentMethods') return { status: 200, json: state.paymentMethods.map((m) => ({ ...m })) };
    const record = route.paymentId === undefined ? undefined : state.payments.get(route.paymentId);
    if (!record) return komojuError(404, 'not_found', `Payment ${route.paymentId ?? ''} was not found.`, 'id');
    if (route.operation === 'get') return { status: 200, json: toKomojuPayment(record) };
    if (route.operation === 'cancel') return cancelPayment(record);
    const body = readKomojuBody(req);
    if (!body.ok) return body.response;
    if (route.operation === 'capture') return capturePayment(record, body.body, policy, now);
    return refundPayment(record, body.body, now);
  }

  return {
    provider: 'komoju',
    credentials: { secretKey },
    basePath: KOMOJU_BASE_PATH,

    route: (req) => matchKomojuRoute(req)?.operation,

    arrive(req) {
      if (!matchKomojuRoute(req) || !isKomojuAuthorized(req, secretKey)) return undefined;
      return idempotency.arrive(req);
    },

    handle(req, now) {
      const route = matchKomojuRoute(req);
      if (!route) return komojuErrorForStatus(404);
      if (!isKomojuAuthorized(req, secretKey)) return unauthorized(req);
      const key = readIdempotencyKey(req);
      if (key.kind === 'invalid') return key.response;
      if (key.kind === 'absent') return apply(route, req, now);
      const decision = idempotency.decide(req, key.key, now);
      if (decision.kind === 'answer') return decision.response;
      const response = apply(route, req, now);
      decision.record(response);
      return response;
    },

    settle: (req) => idempotency.settle(req),

    errorResponse: (status) => komojuErrorForStatus(status),

    seed: (payments, now) => state.seed(payments, now),

    snapshot: () => ({ ...state.snapshot(), idempotency: idempotency.snapshot() }),

    reset() {
      state.reset();
      idempotency.reset();
    },

    setPaymentMethods(methods) {
      state.paymentMethods = methods.map((method) => ({ ...method }));
    },
  };
}
