/**
 * PayZen's own admin endpoints (core/admin.ts tries them after the common ones): the back-office
 * notification URL, queued payment outcomes, and the IPN deliveries (list, replay, await).
 */
import { type ProviderAdminAnswer, type ProviderAdminRequest } from '../core/admin';
import { isRecord } from '../core/json';
import { type IpnTarget, type PayzenIpn } from './ipn';
import { type PayzenState } from './state';
import { PAYMENT_OUTCOME_IPN_MODES, type PayzenPaymentOutcome, type PayzenTransactionRecord } from './types';

export const PAYZEN_ADMIN_ENDPOINTS: readonly string[] = [
  'GET    /__sandbox/notification-url',
  'POST   /__sandbox/notification-url  { "url": "http://127.0.0.1:PORT/…" | null, "timeoutMs"?: 30000 }',
  'POST   /__sandbox/payment-outcomes  { "refused"?: true, "ipn"?: "send" | "tamper" | "skip" } or an array',
  'GET    /__sandbox/ipn               (?orderId=…|uuid=…) the IPN deliveries',
  'DELETE /__sandbox/ipn',
  'POST   /__sandbox/ipn               { "orderId" | "uuid", "tamper"?: true } sends one, answers once delivered',
  'POST   /__sandbox/ipn/await         { "orderId" | "uuid", "timeoutMs"?: 35000 }',
];

/** Queued outcomes beyond this are refused: a runaway test, not a scenario. */
const MAX_QUEUED_PAYMENT_OUTCOMES = 100;
/** The longest `ipn/await` may wait. */
const MAX_AWAIT_MS = 120_000;

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readTarget(source: Record<string, unknown>): IpnTarget {
  const { orderId, uuid } = source;
  if (typeof uuid === 'string' && uuid !== '' && orderId === undefined) return { uuid };
  if (typeof orderId === 'string' && orderId !== '' && uuid === undefined) return { orderId };
  throw new AdminError(400, 'Expected exactly one of "orderId" or "uuid" (a non-empty string)');
}

function readOptionalTarget(query: URLSearchParams): IpnTarget | undefined {
  const orderId = query.get('orderId');
  const uuid = query.get('uuid');
  if (orderId === null && uuid === null) return undefined;
  return readTarget({ orderId: orderId ?? undefined, uuid: uuid ?? undefined });
}

function readOutcome(value: unknown): PayzenPaymentOutcome {
  if (!isRecord(value)) throw new AdminError(400, 'A payment outcome is an object { "refused"?, "ipn"? }');
  const { refused, ipn, ...rest } = value;
  if (Object.keys(rest).length > 0)
    throw new AdminError(400, `Unknown outcome field(s): ${Object.keys(rest).join(', ')}`);
  if (refused !== undefined && typeof refused !== 'boolean') throw new AdminError(400, '"refused" must be a boolean');
  if (ipn !== undefined && (typeof ipn !== 'string' || !PAYMENT_OUTCOME_IPN_MODES.includes(ipn))) {
    throw new AdminError(400, `"ipn" must be one of ${PAYMENT_OUTCOME_IPN_MODES.join(', ')}`);
  }
  return { refused, ipn: ipn as PayzenPaymentOutcome['ipn'] };
}

/** The transaction an IPN is about: the uuid's, or the order's latest first-level transaction. */
export function ipnTransaction(state: PayzenState, target: IpnTarget): PayzenTransactionRecord | undefined {
  if (target.uuid !== undefined) return state.transactions.get(target.uuid);
  const initial = state
    .forOrder(target.orderId)
    .filter((record) => record.parentTransactionUuid === null && record.operationType !== 'CREDIT');
  return initial[initial.length - 1];
}

export function handlePayzenAdmin(
  request: ProviderAdminRequest,
  state: PayzenState,
  ipn: PayzenIpn,
): ProviderAdminAnswer | Promise<ProviderAdminAnswer> | undefined {
  try {
    return route(request, state, ipn);
  } catch (error) {
    if (error instanceof AdminError) return { status: error.status, body: { error: error.message } };
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}

function body(request: ProviderAdminRequest): Record<string, unknown> {
  if (!isRecord(request.body)) throw new AdminError(400, 'Expected a JSON object body');
  return request.body;
}

function route(
  request: ProviderAdminRequest,
  state: PayzenState,
  ipn: PayzenIpn,
): ProviderAdminAnswer | Promise<ProviderAdminAnswer> | undefined {
  const settings = (): ProviderAdminAnswer => ({
    status: 200,
    body: { url: ipn.notificationUrl, timeoutMs: ipn.timeoutMs },
  });
  switch (`${request.method} ${request.endpoint}`) {
    case 'GET notification-url':
      return settings();
    case 'POST notification-url': {
      const { url, timeoutMs } = body(request);
      if (url !== null && typeof url !== 'string') throw new AdminError(400, '"url" must be a string or null');
      if (timeoutMs !== undefined && typeof timeoutMs !== 'number')
        throw new AdminError(400, '"timeoutMs" must be a number');
      ipn.configure(url, timeoutMs);
      return settings();
    }
    case 'POST payment-outcomes': {
      const outcomes = (Array.isArray(request.body) ? request.body : [request.body]).map(readOutcome);
      if (state.queuedPaymentOutcomes.length + outcomes.length > MAX_QUEUED_PAYMENT_OUTCOMES) {
        throw new AdminError(400, `At most ${MAX_QUEUED_PAYMENT_OUTCOMES} payment outcomes may be queued`);
      }
      state.queuedPaymentOutcomes.push(...outcomes);
      return { status: 201, body: { queued: state.queuedPaymentOutcomes.map((outcome) => ({ ...outcome })) } };
    }
    case 'GET ipn':
      return { status: 200, body: { deliveries: ipn.list(readOptionalTarget(request.query)) } };
    case 'DELETE ipn':
      ipn.clearDeliveries();
      return { status: 204 };
    case 'POST ipn': {
      const source = body(request);
      const { tamper } = source;
      if (tamper !== undefined && typeof tamper !== 'boolean') throw new AdminError(400, '"tamper" must be a boolean');
      const target = readTarget({ orderId: source.orderId, uuid: source.uuid });
      const record = ipnTransaction(state, target);
      if (!record) throw new AdminError(404, `No transaction for ${JSON.stringify(target)}`);
      if (ipn.notificationUrl === null) throw new AdminError(409, 'No notification URL is set');
      return ipn.send(record, tamper === true).then((delivery) => ({ status: 200, body: { delivery } }));
    }
    case 'POST ipn/await': {
      const source = body(request);
      const target = readTarget({ orderId: source.orderId, uuid: source.uuid });
      const timeoutMs = source.timeoutMs ?? ipn.timeoutMs + 5_000;
      if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0 || timeoutMs > MAX_AWAIT_MS) {
        throw new AdminError(400, `"timeoutMs" must be a number from 0 to ${MAX_AWAIT_MS}`);
      }
      return ipn
        .awaitDelivery(target, timeoutMs)
        .then((delivery) =>
          delivery === undefined
            ? { status: 408, body: { error: `No IPN delivered for ${JSON.stringify(target)} within ${timeoutMs} ms` } }
            : { status: 200, body: { delivery } },
        );
    }
    default:
      return undefined;
  }
}
