import {
  type CapturedLogEntry,
  type CapturedMail,
  type CommunicationLogEntry,
  type RuntimeContext,
  type ServiceDefinition,
} from '../../../../../tools/runtime/dw/context';

/** A RuntimeContext for unit tests that records what the emulated modules hand to the runtime. */
export interface FakeContext extends RuntimeContext {
  readonly logs: CapturedLogEntry[];
  readonly mails: CapturedMail[];
  readonly communication: CommunicationLogEntry[];
  readonly warnings: { code: string; message: string }[];
  clock: Date;
}

export function fakeContext(
  options: {
    now?: string;
    locale?: string;
    resourceDirectories?: string[];
    templateDirectories?: string[];
    services?: ServiceDefinition[];
  } = {},
): FakeContext {
  const ctx: FakeContext = {
    logs: [],
    mails: [],
    communication: [],
    warnings: [],
    clock: new Date(options.now ?? '2024-03-15T10:30:00.000Z'),
    locale: options.locale ?? 'default',
    now: () => new Date(ctx.clock.getTime()),
    inTransaction: () => false,
    log: (entry) => ctx.logs.push(entry),
    sendMail: (mail) => ctx.mails.push(mail),
    communicationLog: (entry) => ctx.communication.push(entry),
    service: (id) => options.services?.find((service) => service.id === id),
    warn: (code, message) => ctx.warnings.push({ code, message }),
    resourceDirectories: () => options.resourceDirectories ?? [],
    templateDirectories: () => options.templateDirectories ?? [],
  };
  return ctx;
}
