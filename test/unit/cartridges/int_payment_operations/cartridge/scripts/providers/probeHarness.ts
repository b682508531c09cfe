/**
 * Runs a provider's connection probe through core/connectionTest against the
 * LocalServiceRegistry mock, and returns what was sent, what the service logged and the outcome.
 */
import {
  testConnection,
  type ConnectionProbe,
  type ConnectionTestOutcome,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/connectionTest';
import { findProvider } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providers';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: { [name: string]: string };
  body: string | null;
  authentication: string;
}
export interface MockAnswer {
  statusCode?: number;
  text?: string;
  unavailable?: string;
  connectionError?: string;
}
export interface Credential {
  ID: string;
  URL: string;
  user: string;
  password: string;
}

export const Registry = require('dw/svc/LocalServiceRegistry') as {
  __configure(
    id: string,
    config: {
      credential?: Credential | null;
      profile?: { ID: string; timeoutMillis: number } | null;
      respond?: (request: RecordedRequest) => MockAnswer;
    },
  ): void;
  __respond(id: string, respond: (request: RecordedRequest) => MockAnswer): void;
  __calls: Array<{ serviceId: string; request: RecordedRequest; log: string[] }>;
  __reset(): void;
};

export interface ProbeRun {
  outcome: ConnectionTestOutcome;
  request: RecordedRequest;
  /** The communication log lines, after the callback's filterLogMessage. */
  log: string;
}

/** Configures the provider's service with the credential, answers every call with `answer`, runs the probe. */
export function runProbe(
  providerId: string,
  probe: ConnectionProbe,
  credential: Credential,
  answer: MockAnswer,
): ProbeRun {
  const provider = findProvider(providerId)!;
  Registry.__configure(provider.serviceId, {
    credential,
    profile: { ID: 'p', timeoutMillis: 20000 },
    respond: () => answer,
  });
  const before = Registry.__calls.length;
  const outcome = testConnection(provider, probe);
  if (Registry.__calls.length !== before + 1) throw new Error('expected exactly one call');
  const call = Registry.__calls[Registry.__calls.length - 1];
  return { outcome, request: call.request, log: call.log.join('\n') };
}

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
