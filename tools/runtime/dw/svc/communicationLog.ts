/**
 * What the platform would write to the service communication log for a call, after the callback's
 * own log hooks. Written for every call, so a run shows what logging would expose.
 */
import type { ServiceCallbackObject } from './serviceState';
import type { SvcRuntime } from './svcRuntime';

export function logCommunication(
  runtime: SvcRuntime,
  serviceId: string,
  callback: ServiceCallbackObject,
  kind: 'request' | 'response',
  message: string,
): void {
  let logged = message;
  if (typeof callback.filterLogMessage === 'function') {
    logged = String(callback.filterLogMessage(message));
  } else {
    runtime.warnOnce(
      serviceId,
      'UNFILTERED_COMMUNICATION_LOG',
      `${serviceId} has no filterLogMessage: request and response bodies reach the communication log unmasked`,
    );
  }
  runtime.ctx.communicationLog({ time: runtime.ctx.now().toISOString(), serviceId, kind, message: logged });
}

/** The callback's getRequestLogMessage/getResponseLogMessage, or the default when absent or null. */
export function customLogMessage(
  hook: ((subject: unknown) => unknown) | undefined,
  callback: ServiceCallbackObject,
  subject: unknown,
  fallback: string,
): string {
  if (typeof hook !== 'function') return fallback;
  const custom = hook.call(callback, subject);
  return custom === null || custom === undefined ? fallback : String(custom);
}
