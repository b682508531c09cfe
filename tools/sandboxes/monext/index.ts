/**
 * Monext REST sandbox (`basePath` `/v1`): alive, session details, transaction details, and
 * captures / cancels / refunds on the authorization transaction. Errors are `{ title, detail, code? }`
 * (5xx: `{ status, error }`).
 */
import { cloneJson, isRecord, parseJson, setBounded } from '../core/json';
import type { ProviderSandbox, SandboxRequest, SandboxResponse } from '../core/types';
import {
  isPositiveInteger,
  MONEXT_REFUND_OPTIONS,
  type MonextOperationType,
  type MonextSessionResult,
  type MonextSession,
  type MonextTransaction,
  monextTransactionId,
  sessionFromSeed,
  totals,
} from './model';

export const DEFAULT_MONEXT_MERCHANT_ID = 'payops_merchant';
export const DEFAULT_MONEXT_ACCESS_KEY = 'payops_access_key';
/** Result code and detail of an accepted operation (Payline's "transaction approved" code). */
export const MONEXT_ACCEPTED_RESULT = { code: '00000', title: 'ACCEPTED', detail: 'Transaction approved' } as const;
/** Result code of a refused operation; the real code for "amount too high" is unknown. */
export const MONEXT_REFUSED_CODE = '01100';
export const MONEXT_MAX_SESSIONS = 10_000;
export const MONEXT_MAX_OPERATIONS_PER_TRANSACTION = 200;

/**
 * How an operation the rules refuse (amount over the remainder, second capture without
 * multi-capture, not authorized) is answered: `result` = HTTP 200 with `result.title: 'REFUSED'`
 * and a KO associated transaction (default); `httpError` = HTTP 400 `{ title, detail, code }`.
 */
export type MonextRefusal = 'result' | 'httpError';

export interface MonextCredentials {
  merchantId: string;
  accessKey: string;
}

export interface MonextSandboxOptions {
  credentials?: Partial<MonextCredentials>;
  /** Status for a wrong merchant id / access key: 200 (the documented quirk, default) or 401. */
  invalidCredentialsStatus?: 200 | 401;
  /** Several partial captures on one authorization (providers.md §8.3 is open). Default true. */
  multiCapture?: boolean;
  /** Several partial refunds on one authorization. Default true. */
  multiRefund?: boolean;
  refusal?: MonextRefusal;
}

export interface MonextSandbox extends ProviderSandbox {
  readonly credentials: { merchantId: string; accessKey: string; authorization: string };
}

type MonextRoute = 'alive' | 'session' | 'transaction' | 'capture' | 'cancel' | 'refund';

const SESSION_PATH = /^\/v1\/checkout\/payments\/sessions\/([^/]+)\/?$/;
const TRANSACTION_PATH = /^\/v1\/checkout\/transactions\/([^/]+)(?:\/(captures|cancels|refunds))?\/?$/;
const OPERATION_BY_SEGMENT = { captures: 'CAPTURE', cancels: 'CANCEL', refunds: 'REFUND' } as const;
const ROUTE_BY_SEGMENT = { captures: 'capture', cancels: 'cancel', refunds: 'refund' } as const;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function monextError(status: number, detail: string, code?: string): SandboxResponse {
  const title = REASONS[status] ?? `HTTP ${status}`;
  return { status, json: code === undefined ? { title, detail } : { title, detail, code } };
}

function publicTransaction(transaction: MonextTransaction): Record<string, unknown> {
  const { id, date, type, amount, status, originTransactionId } = transaction;
  return { id, date, type, amount, status, originTransactionId };
}

export function createMonextSandbox(options: MonextSandboxOptions = {}): MonextSandbox {
  const merchantId = options.credentials?.merchantId ?? DEFAULT_MONEXT_MERCHANT_ID;
  const accessKey = options.credentials?.accessKey ?? DEFAULT_MONEXT_ACCESS_KEY;
  const invalidCredentialsStatus = options.invalidCredentialsStatus ?? 200;
  const multiCapture = options.multiCapture ?? true;
  const multiRefund = options.multiRefund ?? true;
  const refusal = options.refusal ?? 'result';
  const expectedAuthorization = `Basic ${Buffer.from(`${merchantId}:${accessKey}`).toString('base64')}`;

  const sessions = new Map<string, MonextSession>();
  /** Every transaction id (authorization or associated) → its session id. */
  const sessionByTransaction = new Map<string, string>();

  const route = (req: SandboxRequest): MonextRoute | undefined => {
    if (req.path === '/v1/checkout/alive' || req.path === '/v1/checkout/alive/') {
      return req.method === 'GET' ? 'alive' : undefined;
    }
    if (SESSION_PATH.test(req.path)) return req.method === 'GET' ? 'session' : undefined;
    const match = TRANSACTION_PATH.exec(req.path);
    if (!match) return undefined;
    const segment = match[2] as keyof typeof ROUTE_BY_SEGMENT | undefined;
    if (segment === undefined) return req.method === 'GET' ? 'transaction' : undefined;
    return req.method === 'POST' ? ROUTE_BY_SEGMENT[segment] : undefined;
  };

  const authenticate = (req: SandboxRequest): SandboxResponse | undefined => {
    const header = req.headers.authorization?.trim();
    if (header === undefined || header === '') {
      return monextError(401, 'Full authentication is required to access this resource');
    }
    if (!/^Basic\s+/i.test(header) || decodeBasic(header) !== `${merchantId}:${accessKey}`) {
      // The documented quirk: a 200 whose body says Unauthorized.
      return { status: invalidCredentialsStatus, json: { title: 'Unauthorized', detail: 'Bad credentials' } };
    }
    return undefined;
  };

  const findSession = (transactionId: string): MonextSession | undefined => {
    const sessionId = sessionByTransaction.get(transactionId);
    return sessionId === undefined ? undefined : sessions.get(sessionId);
  };

  const sessionDetails = (session: MonextSession): Record<string, unknown> => ({
    sessionId: session.sessionId,
    pointOfSaleReference: session.pointOfSaleReference,
    order: { reference: session.orderReference, amount: session.authorization.amount, currency: session.currency },
    payment: { paymentType: 'ONE_OFF', capture: session.capture },
    result: sessionResult(session),
    transactions: [transactionDetails(session, session.authorization, false)],
  });

  const transactionDetails = (
    session: MonextSession,
    transaction: MonextTransaction,
    withAssociated: boolean,
  ): Record<string, unknown> => ({
    ...publicTransaction(transaction),
    currency: session.currency,
    result: transaction.status === 'OK' ? { ...MONEXT_ACCEPTED_RESULT } : refusedResult('Transaction refused'),
    ...(withAssociated
      ? { associatedTransactions: [session.authorization, ...session.operations].map(publicTransaction) }
      : {}),
  });

  /** Why the rules refuse this operation, or undefined when it may proceed. */
  const refusalReason = (session: MonextSession, type: MonextOperationType, amount: number): string | undefined => {
    if (session.authorization.status !== 'OK') return 'The transaction was not authorized';
    if (session.operations.length >= MONEXT_MAX_OPERATIONS_PER_TRANSACTION) return 'Too many operations';
    const current = totals(session);
    const already = (kind: MonextOperationType): boolean =>
      session.operations.some((operation) => operation.type === kind && operation.status === 'OK');
    switch (type) {
      case 'CAPTURE':
        if (!multiCapture && already('CAPTURE')) return 'The transaction has already been captured';
        return amount > current.capturable
          ? `Amount ${amount} exceeds the capturable amount ${current.capturable}`
          : undefined;
      case 'CANCEL':
        return amount > current.capturable
          ? `Amount ${amount} exceeds the cancellable amount ${current.capturable}`
          : undefined;
      case 'REFUND':
        if (!multiRefund && already('REFUND')) return 'The transaction has already been refunded';
        return amount > current.refundable
          ? `Amount ${amount} exceeds the refundable amount ${current.refundable}`
          : undefined;
    }
  };

  const operate = (
    session: MonextSession,
    type: MonextOperationType,
    body: Record<string, unknown>,
    now: Date,
  ): SandboxResponse => {
    const { amount, comment, merchantReference, option } = body;
    if (amount === undefined) return monextError(400, 'amount is required', 'INVALID_PARAMETER');
    if (!isPositiveInteger(amount)) {
      return monextError(400, 'amount must be a positive integer in minor units', 'INVALID_PARAMETER');
    }
    for (const [key, value] of Object.entries({ comment, merchantReference })) {
      if (value !== undefined && typeof value !== 'string') {
        return monextError(400, `${key} must be a string`, 'INVALID_PARAMETER');
      }
    }
    if (type === 'REFUND' && option !== undefined && !(MONEXT_REFUND_OPTIONS as readonly unknown[]).includes(option)) {
      return monextError(400, `option must be one of ${MONEXT_REFUND_OPTIONS.join(', ')}`, 'INVALID_PARAMETER');
    }
    const refused = refusalReason(session, type, amount);
    if (refused !== undefined && refusal === 'httpError') return monextError(400, refused, 'OPERATION_REFUSED');
    const transaction: MonextTransaction = {
      id: monextTransactionId(),
      date: now.toISOString(),
      type,
      amount,
      status: refused === undefined ? 'OK' : 'KO',
      originTransactionId: session.authorization.id,
      ...(typeof comment === 'string' ? { comment } : {}),
      ...(typeof merchantReference === 'string' ? { merchantReference } : {}),
      ...(typeof option === 'string' ? { option } : {}),
    };
    if (session.operations.length < MONEXT_MAX_OPERATIONS_PER_TRANSACTION) {
      session.operations.push(transaction);
      sessionByTransaction.set(transaction.id, session.sessionId);
    }
    return {
      status: 200,
      json: {
        result: refused === undefined ? { ...MONEXT_ACCEPTED_RESULT } : refusedResult(refused),
        transaction: { id: transaction.id, date: transaction.date, type: transaction.type },
      },
    };
  };

  const handle = (req: SandboxRequest, now: Date): SandboxResponse => {
    const name = route(req);
    if (name === undefined) return monextError(404, `No route for ${req.method} ${req.path}`);
    if (name === 'alive') return { status: 200, json: { status: 'UP' } };
    const denied = authenticate(req);
    if (denied) return denied;

    if (name === 'session') {
      const id = decodeURIComponent(SESSION_PATH.exec(req.path)?.[1] ?? '');
      const session = sessions.get(id);
      return session
        ? { status: 200, json: sessionDetails(session) }
        : monextError(404, `Session ${id} not found`, 'SESSION_NOT_FOUND');
    }
    const id = decodeURIComponent(TRANSACTION_PATH.exec(req.path)?.[1] ?? '');
    const session = findSession(id);
    if (!session) return monextError(404, `Transaction ${id} not found`, 'TRANSACTION_NOT_FOUND');
    if (name === 'transaction') {
      const transaction = [session.authorization, ...session.operations].find((candidate) => candidate.id === id);
      return { status: 200, json: transactionDetails(session, transaction ?? session.authorization, true) };
    }
    if (id !== session.authorization.id) {
      return monextError(
        400,
        `Transaction ${id} is not an authorization; captures, cancels and refunds target the authorization transaction`,
        'INVALID_TRANSACTION',
      );
    }
    const parsed = parseJson(req.rawBody);
    const body = parsed.ok ? parsed.value : undefined;
    if (!isRecord(body)) return monextError(400, 'The request body must be a JSON object', 'INVALID_REQUEST');
    const segment = TRANSACTION_PATH.exec(req.path)?.[2] as keyof typeof OPERATION_BY_SEGMENT;
    return operate(session, OPERATION_BY_SEGMENT[segment], body, now);
  };

  const store = (session: MonextSession): void => {
    const previous = sessions.get(session.sessionId);
    if (previous) forget(previous);
    setBounded(sessions, session.sessionId, session, MONEXT_MAX_SESSIONS);
    for (const transaction of [session.authorization, ...session.operations]) {
      sessionByTransaction.set(transaction.id, session.sessionId);
    }
    // Drop the index entries of sessions evicted by the bound.
    if (sessionByTransaction.size > MONEXT_MAX_SESSIONS * 4) {
      for (const [transactionId, sessionId] of sessionByTransaction) {
        if (!sessions.has(sessionId)) sessionByTransaction.delete(transactionId);
      }
    }
  };
  const forget = (session: MonextSession): void => {
    for (const transaction of [session.authorization, ...session.operations])
      sessionByTransaction.delete(transaction.id);
  };

  return {
    provider: 'monext',
    basePath: '/v1',
    credentials: { merchantId, accessKey, authorization: expectedAuthorization },
    route,
    handle,
    errorResponse: (status) =>
      status >= 500
        ? { status, json: { status, error: REASONS[status] ?? `HTTP ${status}` } }
        : monextError(status, status === 400 ? 'Malformed request body' : (REASONS[status] ?? `HTTP ${status}`)),
    seed: (inputs, now) => {
      const created = inputs.map((input) => sessionFromSeed(input, now));
      for (const session of created) {
        const owner = sessionByTransaction.get(session.authorization.id);
        if (owner !== undefined && owner !== session.sessionId) {
          throw new Error(`transactionId ${session.authorization.id} already belongs to session ${owner}`);
        }
      }
      for (const session of created) store(session);
      return created.map((session) => ({ ...sessionDetails(session), transactionId: session.authorization.id }));
    },
    snapshot: () => ({
      sessions: [...sessions.values()].map((session) => ({ ...cloneJson(session), totals: totals(session) })),
    }),
    reset: () => {
      sessions.clear();
      sessionByTransaction.clear();
    },
  };
}

function refusedResult(detail: string): { code: string; title: string; detail: string } {
  return { code: MONEXT_REFUSED_CODE, title: 'REFUSED', detail };
}

function decodeBasic(header: string): string {
  return Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
}

/** Session result codes borrowed from Payline's return-code groups (providers.md §2.2). */
const SESSION_RESULT_CODES: Record<MonextSessionResult, { code: string; detail: string }> = {
  ACCEPTED: { code: MONEXT_ACCEPTED_RESULT.code, detail: MONEXT_ACCEPTED_RESULT.detail },
  REFUSED: { code: MONEXT_REFUSED_CODE, detail: 'Transaction refused' },
  CANCELLED: { code: '02319', detail: 'Payment cancelled by the buyer' },
  INPROGRESS: { code: '02306', detail: 'Customer has to fill the payment data' },
  ONHOLD_PARTNER: { code: '02000', detail: 'Transaction in progress at the partner' },
  PENDING_RISK: { code: '02005', detail: 'Transaction pending risk analysis' },
  ERROR: { code: '02101', detail: 'Internal error' },
};

function sessionResult(session: MonextSession): { code: string; title: string; detail: string } {
  return { ...SESSION_RESULT_CODES[session.result], title: session.result };
}
