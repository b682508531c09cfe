/**
 * One emulated instance during one run: the state read from the instance file, the clock, the
 * current site, the open transaction, and everything the run captures (logs, e-mails, the
 * service communication log, platform-rule warnings). dw.* modules are views over it.
 */
import path from 'node:path';
import type {
  CapturedLogEntry,
  CapturedMail,
  CommunicationLogEntry,
  CompletedServiceCall,
  RuntimeContext,
  ServiceDefinition,
} from './dw/context';
import type { RuntimeState } from './instance/loadInstance';
import type { RuntimeMetadata } from './state/metadata';
import type { SiteRecord } from './state/records';
import { CartridgeSet } from './loader/cartridgeFolders';
import { SimulatedCrash, type CrashPlan } from './simulatedCrash';
import { countCustomObjects } from './state/customObjectCount';
import { OrderSearchIndex } from './state/orderSearchIndex';
import { TransactionManager } from './state/transactions';

export interface RuntimeWarning {
  time: string;
  code: string;
  message: string;
}

export interface RuntimeCoreOptions {
  state: RuntimeState;
  metadata: RuntimeMetadata;
  /** Folder holding the compiled cartridges (dist/cartridges). */
  cartridgesRoot: string;
  /** Every cartridge the runtime knows by name (default: those of cartridgesRoot). */
  cartridges?: CartridgeSet;
  locale?: string;
}

export class RuntimeCore implements RuntimeContext {
  readonly state: RuntimeState;
  readonly metadata: RuntimeMetadata;
  readonly cartridgesRoot: string;
  readonly cartridges: CartridgeSet;
  readonly transactions = new TransactionManager();
  readonly logs: CapturedLogEntry[] = [];
  readonly mails: CapturedMail[] = [];
  readonly communication: CommunicationLogEntry[] = [];
  readonly warnings: RuntimeWarning[] = [];
  readonly searchIndexes = new Map<string, OrderSearchIndex>();
  locale: string;
  private site: SiteRecord | null = null;
  /** Instance clock minus real time; `advanceClock` moves it forward. */
  private clockOffset: number;
  private latestNow = Number.NEGATIVE_INFINITY;
  private readonly warned = new Set<string>();
  private crashPlan: CrashPlan | undefined;
  private crash: SimulatedCrash | null = null;

  constructor(options: RuntimeCoreOptions) {
    this.state = options.state;
    this.metadata = options.metadata;
    this.cartridgesRoot = options.cartridgesRoot;
    this.cartridges = options.cartridges ?? CartridgeSet.discover(options.cartridgesRoot);
    this.locale = options.locale ?? 'default';
    this.clockOffset = options.state.clock ? options.state.clock.getTime() - Date.now() : 0;
    for (const site of this.state.sites.values()) {
      this.searchIndexes.set(site.id, new OrderSearchIndex(site));
    }
    this.transactions.onCommit((touched) => {
      if (this.state.platform.orderSearch.indexLag) return;
      for (const key of touched) {
        const [kind, siteId, orderNo] = key.split('\u0000');
        if (kind === 'order') this.searchIndexes.get(siteId)?.refresh(orderNo);
      }
    });
  }

  /**
   * The instance clock: the file's `clock` (or real time) plus the real time elapsed since, plus
   * every `advanceClock`. Never goes backwards, even if the machine's clock does.
   */
  now(): Date {
    this.latestNow = Math.max(this.latestNow, Date.now() + this.clockOffset);
    return new Date(this.latestNow);
  }

  /** Moves the instance clock forward, as if `millis` had passed (tests: retention, grace periods). */
  advanceClock(millis: number): void {
    if (!Number.isFinite(millis) || millis < 0) {
      throw new RangeError(`advanceClock(${millis}): the clock only moves forward, by a finite number of milliseconds`);
    }
    this.clockOffset += millis;
  }

  get currentSite(): SiteRecord | null {
    return this.site;
  }

  enterSite(siteId: string | null): void {
    if (siteId === null) {
      this.site = null;
      return;
    }
    const site = this.state.sites.get(siteId);
    if (!site) throw new Error(`Site '${siteId}' is not in the instance file`);
    this.site = site;
  }

  requireSite(api: string): SiteRecord {
    if (!this.site) throw new Error(`${api} needs a site context: run the step in a site-scoped flow`);
    return this.site;
  }

  /** With index lag on, the search index catches up between job steps. */
  refreshSearchIndexes(): void {
    for (const index of this.searchIndexes.values()) index.refreshAll();
  }

  /** Custom objects that exist now (all types, every site and the organization), uncommitted ones included. */
  customObjectCount(): number {
    return countCustomObjects(this.state.sites.values(), this.state.organizationCustomObjects);
  }

  inTransaction(): boolean {
    return this.transactions.active;
  }

  /** A job run starts: a previous crash is forgotten and `plan` (if any) is armed. */
  startRun(crashPlan?: CrashPlan): void {
    this.crashPlan = crashPlan;
    this.crash = null;
    this.transactions.revive();
  }

  /** The run ended: the crash plan is disarmed and a crashed process is "restarted". */
  endRun(): void {
    this.startRun(undefined);
  }

  /** The simulated crash that killed the current run, or null while it is alive. */
  get crashed(): SimulatedCrash | null {
    return this.crash;
  }

  assertAlive(): void {
    if (this.crash) throw this.crash;
  }

  /** After each real HTTP exchange: kills the run when the crash plan says so. */
  serviceExchanged(call: CompletedServiceCall): void {
    this.assertAlive();
    if (this.crashPlan?.afterServiceResponse?.({ ...call }) !== true) return;
    const crash = new SimulatedCrash(call);
    crash.openTransactionRolledBack = this.transactions.kill(crash);
    this.crash = crash;
    // Pushed directly: a second crash with the same message in a later run is a new event.
    this.warnings.push({
      time: this.now().toISOString(),
      code: 'SIMULATED_CRASH',
      message: `${crash.message}${crash.openTransactionRolledBack ? '; the open transaction was rolled back' : ''}`,
    });
    throw crash;
  }

  /** A dead process writes no log lines. */
  log(entry: CapturedLogEntry): void {
    if (this.crash) return;
    this.logs.push(entry);
  }

  sendMail(mail: CapturedMail): void {
    this.assertAlive();
    this.mails.push(mail);
  }

  communicationLog(entry: CommunicationLogEntry): void {
    this.communication.push(entry);
  }

  service(id: string): ServiceDefinition | undefined {
    return this.state.services.get(id);
  }

  warn(code: string, message: string): void {
    const key = `${code}\u0000${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warnings.push({ time: this.now().toISOString(), code, message });
  }

  cartridgePath(): string[] {
    return this.site?.cartridgePath ?? this.state.source.cartridgePath ?? ['int_payment_operations'];
  }

  resourceDirectories(): string[] {
    return this.templateDirectories().map((directory) => path.join(directory, 'resources'));
  }

  templateDirectories(): string[] {
    return this.cartridgePath().flatMap((cartridge) => {
      const directory = this.cartridges.directory(cartridge);
      return directory === undefined ? [] : [path.join(directory, 'cartridge', 'templates')];
    });
  }
}

export function orderTouchKey(siteId: string, orderNo: string): string {
  return `order\u0000${siteId}\u0000${orderNo}`;
}
