/**
 * `Service.call()`: availability checks (disabled, rate limiter, circuit breaker), then the
 * callback sequence initServiceClient → createRequest → (mockCall | HTTP exchange) → parseResponse,
 * or mockFull alone, and the mapping of the outcome onto a Result.
 */
import { SimulatedCrash } from '../../simulatedCrash';
import { customLogMessage, logCommunication } from './communicationLog';
import { type HttpExchangeOutcome, performHttpExchange } from './httpExchange';
import type { Service } from './HTTPService';
import { buildOutgoingRequest, effectiveTimeoutMillis, formBody, requestBodyText } from './outgoingRequest';
import { Result, type UnavailableReason } from './Result';
import { ServiceHTTPClient, isSuccess } from './ServiceHTTPClient';
import { copyRequestConfiguration, type ServiceState } from './serviceState';
import type { SvcRuntime } from './svcRuntime';

/** What `setThrowOnError()` makes a non-OK call throw. */
export class ServiceCallError extends Error {
  readonly result: Result;

  constructor(serviceId: string, result: Result) {
    const reason = result.unavailableReason ? ` (${result.unavailableReason})` : '';
    super(`Service ${serviceId} failed: ${result.status}${reason}, error ${result.error}: ${result.errorMessage}`);
    this.name = 'ServiceCallError';
    this.result = result;
  }
}

export function callService(svc: Service, state: ServiceState, runtime: SvcRuntime, rawArgs: unknown[]): Result {
  // Documented: a single array argument becomes separate arguments.
  const args = rawArgs.length === 1 && Array.isArray(rawArgs[0]) ? [...(rawArgs[0] as unknown[])] : rawArgs;
  const serviceId = state.definition.id;
  // A run killed by a simulated crash makes no more calls.
  runtime.ctx.assertAlive?.();
  if (runtime.ctx.inTransaction()) {
    runtime.ctx.warn('HTTP_IN_TRANSACTION', `${serviceId} called inside an open transaction`);
  }
  const result = refusal(state, runtime) ?? callWithLocalConfiguration(svc, state, runtime, args);
  if (!result.ok && state.throwOnError) throw new ServiceCallError(serviceId, result);
  return result;
}

function refusal(state: ServiceState, runtime: SvcRuntime): Result | undefined {
  const { definition } = state;
  if (!definition.enabled) return unavailable('DISABLED', `Service ${definition.id} is disabled`);
  const now = runtime.clock();
  const limiter = runtime.rateLimiter(definition);
  if (limiter && !limiter.hasCapacity(now)) {
    return unavailable('RATE_LIMITED', `Service ${definition.id} rate limit reached`);
  }
  if (runtime.circuitBreaker(definition)?.isOpen(now)) {
    return unavailable('CIRCUIT_BROKEN', `Service ${definition.id} circuit breaker is open`);
  }
  limiter?.consume(now);
  return undefined;
}

/** Changes made during the call (typically in createRequest) do not carry over to the next call. */
function callWithLocalConfiguration(svc: Service, state: ServiceState, runtime: SvcRuntime, args: unknown[]): Result {
  const configurationBeforeCall = copyRequestConfiguration(state.request);
  try {
    return runCallbacks(svc, state, runtime, args);
  } finally {
    state.request = configurationBeforeCall;
  }
}

function runCallbacks(svc: Service, state: ServiceState, runtime: SvcRuntime, args: unknown[]): Result {
  const { callback, definition } = state;
  const mocked = state.mock;
  state.requestData = null;
  state.response = null;
  state.client = new ServiceHTTPClient(null, effectiveTimeoutMillis(state));
  try {
    if (mocked && typeof callback.mockFull === 'function') {
      const object = callback.mockFull(svc, ...args);
      state.response = object;
      return new Result({ status: 'OK', object, mockResult: true });
    }
    if (callback.executeOverride === true && typeof callback.execute === 'function') {
      return failure('execute with executeOverride is not emulated for HTTP services', mocked);
    }
    if (typeof callback.initServiceClient === 'function') callback.initServiceClient(svc);
    const configuredURL = callbackURL(state);
    if (configuredURL !== undefined) state.request.url = configuredURL;

    const request = createRequest(svc, state, args);
    state.requestData = request;
    const body = definition.type === 'HTTPForm' && isFieldMap(request) ? formBody(request) : requestBodyText(request);
    const requestLog = customLogMessage(callback.getRequestLogMessage, callback, request, body ?? '');
    logCommunication(runtime, definition.id, callback, 'request', requestLog);

    if (mocked && typeof callback.mockCall === 'function') {
      return mockedExchange(svc, state, runtime, callback.mockCall(svc, request));
    }
    return realExchange(svc, state, runtime, body);
  } catch (error) {
    if (error instanceof SimulatedCrash) throw error;
    return failure(messageOf(error), mocked);
  }
}

function createRequest(svc: Service, state: ServiceState, args: unknown[]): unknown {
  const { callback, definition } = state;
  if (typeof callback.createRequest === 'function') return callback.createRequest(svc, ...args);
  if (definition.type === 'HTTPForm') return args[0] ?? null;
  throw new Error(`Service ${definition.id}: createRequest callback is required for HTTP services`);
}

/** ServiceCallback.getURL() / URL override the configured URL (documented). */
function callbackURL(state: ServiceState): string | undefined {
  const { callback } = state;
  if (typeof callback.getURL === 'function') {
    const url = callback.getURL();
    return url === null || url === undefined ? undefined : String(url);
  }
  return typeof callback.URL === 'string' ? callback.URL : undefined;
}

function realExchange(svc: Service, state: ServiceState, runtime: SvcRuntime, body: string | null): Result {
  const { definition, callback } = state;
  const outgoing = buildOutgoingRequest(state, body);
  if (outgoing.replacedAuthorizationHeader) {
    runtime.warnOnce(
      definition.id,
      'BASIC_AUTH_REPLACES_HEADER',
      `${definition.id} sets its own Authorization header but authentication is BASIC and the credential has a ` +
        'user and password: the Basic header is sent instead (call setAuthentication("NONE"))',
    );
  }
  const outcome: HttpExchangeOutcome = performHttpExchange(outgoing.exchange);
  if (outcome.kind === 'response' || outcome.reason !== 'CONFIGURATION') {
    // The provider may have acted on the request: the point where a simulated crash can kill the run.
    runtime.ctx.serviceExchanged?.({
      serviceId: definition.id,
      method: outgoing.exchange.method,
      url: outgoing.exchange.url,
      statusCode: outcome.kind === 'response' ? outcome.statusCode : null,
    });
  }
  if (outcome.kind === 'failure') {
    logCommunication(runtime, definition.id, callback, 'response', outcome.message);
    if (outcome.reason === 'CONFIGURATION') return unavailable('CONFIG_PROBLEM', outcome.message);
    runtime.circuitBreaker(definition)?.recordFailure(runtime.clock());
    if (outcome.reason === 'TIMEOUT') return unavailable('TIMEOUT', outcome.message);
    return failure(outcome.message, false);
  }

  const client = new ServiceHTTPClient(outcome, outgoing.exchange.timeoutMillis);
  state.client = client;
  const responseLog = customLogMessage(callback.getResponseLogMessage, callback, client, client.bodyForLog());
  logCommunication(runtime, definition.id, callback, 'response', responseLog);
  if (outcome.statusCode >= 500) runtime.circuitBreaker(definition)?.recordFailure(runtime.clock());
  if (!isSuccess(outcome.statusCode)) {
    return new Result({
      status: 'ERROR',
      error: outcome.statusCode,
      errorMessage: client.bodyForLog(),
      msg: outcome.statusMessage,
    });
  }
  return parsedResult(svc, state, client, outcome.statusMessage, false);
}

interface MockResponseFields {
  statusCode?: unknown;
  statusMessage?: unknown;
  text?: unknown;
  errorText?: unknown;
}

/**
 * mockCall's return value stands for the response and goes to parseResponse as is. When it carries
 * a non-2xx `statusCode`, the call fails the way a real response with that status would.
 */
function mockedExchange(svc: Service, state: ServiceState, runtime: SvcRuntime, response: unknown): Result {
  const { definition, callback } = state;
  const mockResponse = (response ?? {}) as MockResponseFields;
  const defaultLog = typeof mockResponse.text === 'string' ? mockResponse.text : '';
  logCommunication(
    runtime,
    definition.id,
    callback,
    'response',
    customLogMessage(callback.getResponseLogMessage, callback, response, defaultLog),
  );
  const statusMessage = typeof mockResponse.statusMessage === 'string' ? mockResponse.statusMessage : null;
  if (typeof mockResponse.statusCode === 'number' && !isSuccess(mockResponse.statusCode)) {
    if (mockResponse.statusCode >= 500) runtime.circuitBreaker(definition)?.recordFailure(runtime.clock());
    const body = typeof mockResponse.errorText === 'string' ? mockResponse.errorText : defaultLog;
    return new Result({
      status: 'ERROR',
      error: mockResponse.statusCode,
      errorMessage: body,
      msg: statusMessage,
      mockResult: true,
    });
  }
  return parsedResult(svc, state, response, statusMessage, true);
}

function parsedResult(
  svc: Service,
  state: ServiceState,
  response: unknown,
  statusMessage: string | null,
  mockResult: boolean,
): Result {
  const { callback, definition } = state;
  let object: unknown;
  if (typeof callback.parseResponse === 'function') {
    object = callback.parseResponse(svc, response);
  } else if (definition.type === 'HTTPForm') {
    object = response instanceof ServiceHTTPClient ? response.text : (response as { text?: unknown } | null)?.text;
  } else {
    throw new Error(`Service ${definition.id}: parseResponse callback is required for HTTP services`);
  }
  state.response = object;
  return new Result({ status: 'OK', object, msg: statusMessage, mockResult });
}

/** HTTPForm requests are form fields (a map), unless createRequest built the body string itself. */
function isFieldMap(request: unknown): boolean {
  return request === null || (typeof request === 'object' && !Array.isArray(request));
}

function unavailable(reason: UnavailableReason, message: string): Result {
  return new Result({ status: 'SERVICE_UNAVAILABLE', unavailableReason: reason, errorMessage: message });
}

function failure(message: string, mockResult: boolean): Result {
  return new Result({ status: 'ERROR', errorMessage: message, mockResult });
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error !== null && typeof error === 'object' && 'message' in error) return String(error.message);
  return String(error);
}
