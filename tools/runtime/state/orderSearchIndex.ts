/**
 * The order search index: a copy of each order's searchable attributes. Searches read the copy,
 * not the live order, which is how the platform behaves too: the index is updated after commit,
 * and with `indexLag` only between job steps, so a job must re-check each order it finds.
 */
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

export class OrderSearchIndex {
  private readonly entries = new Map<string, Map<string, IndexedValue>>();

  constructor(private readonly site: SiteRecord) {
    this.refreshAll();
  }

  refresh(orderNo: string): void {
    const order = this.site.orders.get(orderNo);
    if (order) this.entries.set(orderNo, indexedValues(order));
    else this.entries.delete(orderNo);
  }

  refreshAll(): void {
    this.entries.clear();
    for (const order of this.site.orders.values()) this.entries.set(order.orderNo, indexedValues(order));
  }

  /** Indexed orders in index order: order number → indexed values (read-only). */
  scan(): ReadonlyMap<string, ReadonlyMap<string, IndexedValue>> {
    return this.entries;
  }
}
