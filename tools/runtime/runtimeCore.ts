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
  RuntimeContext,
  ServiceDefinition,
} from './dw/context';
import type { RuntimeState } from './instance/loadInstance';
import type { RuntimeMetadata } from './state/metadata';
import type { SiteRecord } from './state/records';
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
  locale?: string;
}

export class RuntimeCore implements RuntimeContext {
  readonly state: RuntimeState;
  readonly metadata: RuntimeMetadata;
  readonly cartridgesRoot: string;
  readonly transactions = new TransactionManager();
  readonly logs: CapturedLogEntry[] = [];
  readonly mails: CapturedMail[] = [];
  readonly communication: CommunicationLogEntry[] = [];
  readonly warnings: RuntimeWarning[] = [];
  readonly searchIndexes = new Map<string, OrderSearchIndex>();
  locale: string;
  private site: SiteRecord | null = null;
  private readonly clockOffset: number;
  private readonly warned = new Set<string>();

  constructor(options: RuntimeCoreOptions) {
    this.state = options.state;
    this.metadata = options.metadata;
    this.cartridgesRoot = options.cartridgesRoot;
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

  now(): Date {
    return new Date(Date.now() + this.clockOffset);
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

  inTransaction(): boolean {
    return this.transactions.active;
  }

  log(entry: CapturedLogEntry): void {
    this.logs.push(entry);
  }

  sendMail(mail: CapturedMail): void {
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
    return this.cartridgePath().map((cartridge) =>
      path.join(this.cartridgesRoot, cartridge, 'cartridge', 'templates', 'resources'),
    );
  }
}

export function orderTouchKey(siteId: string, orderNo: string): string {
  return `order\u0000${siteId}\u0000${orderNo}`;
}
