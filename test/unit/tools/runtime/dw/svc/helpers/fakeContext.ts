/** A RuntimeContext that records what the services framework reports, with services configured per test. */
import type {
  CapturedLogEntry,
  CapturedMail,
  CommunicationLogEntry,
  RuntimeContext,
  ServiceDefinition,
  ServiceProfile,
} from '../../../../../../../tools/runtime/dw/context';
import { dwModules } from '../../../../../../../tools/runtime/dw/svc';
import type { LocalServiceRegistryModule } from '../../../../../../../tools/runtime/dw/svc/LocalServiceRegistry';

export interface RecordedWarning {
  code: string;
  message: string;
}

export class FakeContext implements RuntimeContext {
  readonly locale = 'default';
  readonly communication: CommunicationLogEntry[] = [];
  readonly warnings: RecordedWarning[] = [];
  transactionOpen = false;
  readonly #services: Map<string, ServiceDefinition>;

  constructor(services: ServiceDefinition[]) {
    this.#services = new Map(services.map((service) => [service.id, service]));
  }

  now(): Date {
    return new Date('2026-03-01T10:00:00.000Z');
  }
  inTransaction(): boolean {
    return this.transactionOpen;
  }
  log(_entry: CapturedLogEntry): void {}
  sendMail(_mail: CapturedMail): void {}
  communicationLog(entry: CommunicationLogEntry): void {
    this.communication.push(entry);
  }
  service(id: string): ServiceDefinition | undefined {
    return this.#services.get(id);
  }
  warn(code: string, message: string): void {
    this.warnings.push({ code, message });
  }
  resourceDirectories(): string[] {
    return [];
  }

  templateDirectories(): string[] {
    return [];
  }

  warningCodes(): string[] {
    return this.warnings.map((warning) => warning.code);
  }
}

export function serviceDefinition(
  id: string,
  url: string,
  options: { type?: ServiceDefinition['type']; enabled?: boolean; user?: string; password?: string } & Partial<
    Omit<ServiceProfile, 'id'>
  > = {},
): ServiceDefinition {
  return {
    id,
    type: options.type ?? 'HTTP',
    enabled: options.enabled ?? true,
    communicationLog: true,
    credential: { id: `${id}.cred`, url, user: options.user, password: options.password },
    profile: {
      id: `${id}.profile`,
      timeoutMillis: options.timeoutMillis ?? 2000,
      rateLimit: options.rateLimit,
      circuitBreaker: options.circuitBreaker,
    },
  };
}

export function serviceRegistry(ctx: RuntimeContext): LocalServiceRegistryModule {
  return dwModules['dw/svc/LocalServiceRegistry'](ctx) as LocalServiceRegistryModule;
}
