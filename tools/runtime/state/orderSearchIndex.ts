/**
 * The order search index: a copy of each order's searchable attributes. Searches read the copy,
 * not the live order, which is how the platform behaves too: the index is updated after commit,
 * and with `indexLag` only between job steps, so a job must re-check each order it finds.
 *
 * Each entry has a rank, its place in scan order, and the index lists the orders refreshed one
 * by one since its last full refresh: the searches (query/indexedSearch.ts) keep sorted
 * selections that follow those changes, and drop them at a full refresh.
 */
import { IndexedSearch, type SearchSource, type SelectionEntry } from '../query/indexedSearch';
import type { OrderRecord, SiteRecord } from './records';

export type IndexedValue = string | number | boolean | Date | null;

const NOT_QUERYABLE = new Set(['text', 'html', 'image', 'password']);

export const ORDER_SYSTEM_ATTRIBUTES = [
  'orderNo',
  'UUID',
  'status',
  'paymentStatus',
  'shippingStatus',
  'exportStatus',
  'confirmationStatus',
  'currencyCode',
  'creationDate',
  'lastModified',
  'customerEmail',
  'customerName',
  'customerNo',
] as const;

export function indexedValues(order: OrderRecord): Map<string, IndexedValue> {
  const values = new Map<string, IndexedValue>([
    ['orderNo', order.orderNo],
    ['UUID', order.uuid],
    ['status', order.status],
    ['paymentStatus', order.paymentStatus],
    ['shippingStatus', order.shippingStatus],
    ['exportStatus', order.exportStatus],
    ['confirmationStatus', order.confirmationStatus],
    ['currencyCode', order.currencyCode],
    ['creationDate', new Date(order.creationDate.getTime())],
    ['lastModified', new Date(order.lastModified.getTime())],
    ['customerEmail', order.customerEmail],
    ['customerName', order.customerName],
    ['customerNo', order.customerNo],
  ]);
  for (const [name, value] of Object.entries(order.custom)) {
    if (value === null || value === undefined || Array.isArray(value)) continue;
    values.set(`custom.${name}`, value instanceof Date ? new Date(value.getTime()) : (value as IndexedValue));
  }
  return values;
}

export function isQueryableType(type: string): boolean {
  return !NOT_QUERYABLE.has(type);
}

interface IndexEntry {
  readonly id: string;
  readonly rank: number;
  readonly values: Map<string, IndexedValue>;
}

/** Changes listed at least before the list starts over (and the searches' selections with it); more for a larger index. */
const MIN_CHANGES_KEPT = 4096;

export class OrderSearchIndex implements SearchSource {
  /** Order number → entry, in scan order (a Map keeps insertion order; an update keeps its place). */
  private readonly byOrderNo = new Map<string, IndexEntry>();
  private nextRank = 0;
  private currentEpoch = 0;
  private changeList: string[] = [];
  /** Searches over this index (they keep sorted selections and follow the index's changes). */
  readonly searches: IndexedSearch;

  constructor(private readonly site: SiteRecord) {
    this.searches = new IndexedSearch(this);
    this.refreshAll();
  }

  refresh(orderNo: string): void {
    const order = this.site.orders.get(orderNo);
    const current = this.byOrderNo.get(orderNo);
    if (order) {
      // An updated order keeps its place in scan order; a new one goes last.
      const rank = current ? current.rank : this.nextRank++;
      this.byOrderNo.set(orderNo, { id: orderNo, rank, values: indexedValues(order) });
    } else {
      this.byOrderNo.delete(orderNo);
    }
    this.changeList.push(orderNo);
    if (this.changeList.length > Math.max(MIN_CHANGES_KEPT, this.byOrderNo.size)) this.restart();
  }

  refreshAll(): void {
    this.byOrderNo.clear();
    this.nextRank = 0;
    for (const order of this.site.orders.values()) {
      this.byOrderNo.set(order.orderNo, { id: order.orderNo, rank: this.nextRank++, values: indexedValues(order) });
    }
    this.restart();
  }

  /** Indexed orders in index (scan) order, with their rank and indexed values (read-only). */
  entries(): Iterable<SelectionEntry> {
    return this.byOrderNo.values();
  }

  entry(orderNo: string): SelectionEntry | undefined {
    return this.byOrderNo.get(orderNo);
  }

  /** Changes at every full refresh (and when the change list starts over). */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** Order numbers refreshed one by one since the epoch began, oldest first. */
  get changes(): readonly string[] {
    return this.changeList;
  }

  private restart(): void {
    this.currentEpoch += 1;
    this.changeList = [];
    this.searches.forget();
  }
}
