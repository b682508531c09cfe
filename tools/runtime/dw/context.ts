/**
 * What an emulated dw.* module may ask of the running runtime. Every emulated module is built by
 * a factory `(ctx: RuntimeContext) => moduleExport`, so one run's state (clock, captured logs,
 * outbox, communication log, services) never leaks into another run.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface CapturedLogEntry {
  time: string;
  /** File-name prefix given to Logger.getLogger (`custom-<prefix>-…log`); '' for the default log. */
  prefix: string;
  category: string;
  level: LogLevel;
  message: string;
}

export interface CapturedMail {
  time: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  content: string;
  mimeType: string;
  encoding: string;
}

export interface CommunicationLogEntry {
  time: string;
  serviceId: string;
  /** What the platform would write to the service communication log, after filterLogMessage. */
  kind: 'request' | 'response';
  message: string;
}

export interface ServiceCredential {
  id: string;
  url: string;
  user?: string;
  password?: string;
}

export interface ServiceProfile {
  id: string;
  timeoutMillis: number;
  rateLimit?: { calls: number; millis: number };
  circuitBreaker?: { calls: number; millis: number };
}

export interface ServiceDefinition {
  id: string;
  type: 'HTTP' | 'HTTPForm';
  enabled: boolean;
  communicationLog: boolean;
  logPrefix?: string;
  credential: ServiceCredential;
  profile: ServiceProfile;
}

/** A real HTTP exchange of a service call that has just returned (before any callback saw it). */
export interface CompletedServiceCall {
  serviceId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** The URL requested, with the query parameters the code added. */
  url: string;
  /** The response status, or null when there was no answer (timeout, connection refused or reset). */
  statusCode: number | null;
}

export interface RuntimeContext {
  /** The runtime clock (an instance file may pin it). */
  now(): Date;
  /** Locale of the emulated request, e.g. `default`, `fr_FR`, `ja_JP`. */
  readonly locale: string;
  /** True while a dw.system.Transaction is open. */
  inTransaction(): boolean;
  log(entry: CapturedLogEntry): void;
  sendMail(mail: CapturedMail): void;
  communicationLog(entry: CommunicationLogEntry): void;
  /** The configured service, or undefined when the instance has none with this ID. */
  service(id: string): ServiceDefinition | undefined;
  /** Records a breach of a platform rule that the real platform would not report loudly. */
  warn(code: string, message: string): void;
  /** `cartridge/templates/resources` directories along the cartridge path, first wins. */
  resourceDirectories(): string[];
  /** `cartridge/templates` directories along the cartridge path, first wins. */
  templateDirectories(): string[];
  /** Throws when the run has been killed (a simulated crash); checked before every service call. */
  assertAlive?(): void;
  /** Told after each real HTTP exchange, before the callbacks see it; may kill the run by throwing. */
  serviceExchanged?(call: CompletedServiceCall): void;
}
