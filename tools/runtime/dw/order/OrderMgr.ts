/**
 * dw.order.OrderMgr for the current site. Searches read the search index (see
 * state/orderSearchIndex.ts), cap results like the Order Search Service, and return live orders;
 * the platform switches of the instance file (resultLimit, notEqualsMatchesNull, indexLag) apply.
 */
import {
  attributeMapToQuery,
  compileParsedQuery,
  parseQuery,
  type ParsedQuery,
  type QueryOptions,
  type QueryPredicate,
} from '../../query';
import { orderTouchKey, type RuntimeCore } from '../../runtimeCore';
import { ORDER_SYSTEM_ATTRIBUTES, isQueryableType } from '../../state/orderSearchIndex';
import { ORDER_STATUS, type OrderRecord } from '../../state/records';
import type { ValueKit } from '../valueKit';
import { Status } from '../system/Status';
import type { OrderViews } from './orderViews';
import { writeField } from './persistentWrite';

const SYSTEM_ATTRIBUTES = new Set<string>(ORDER_SYSTEM_ATTRIBUTES);

interface CompiledQuery {
  parsed: ParsedQuery;
  args: readonly unknown[];
  options: QueryOptions;
  /** The whole query, for searches that test every indexed order. */
  predicate: QueryPredicate;
}

export function createOrderMgrModule(core: RuntimeCore, kit: ValueKit, views: OrderViews): unknown {
  const isKnownAttribute = (attributePath: string): boolean => {
    if (SYSTEM_ATTRIBUTES.has(attributePath)) return true;
    if (!attributePath.startsWith('custom.')) return false;
    const attribute = core.metadata.attributesOf('Order').get(attributePath.slice('custom.'.length));
    return attribute !== undefined && isQueryableType(attribute.type);
  };

  /**
   * Order numbers matching the query, sorted and capped, as the index sees them. The index's
   * searches reuse one sorted selection across the pages of a query (query/indexedSearch.ts); the
   * results are those of testing every indexed order and sorting the matches.
   */
  function search(api: string, query: CompiledQuery, sort: string | null | undefined): string[] {
    const site = core.requireSite(`OrderMgr.${api}`);
    const index = core.searchIndexes.get(site.id);
    if (!index) return [];
    const limit = core.state.platform.orderSearch.resultLimit;
    const { ids, matched } = index.searches.search({ ...query, sort, sortOptions: { isKnownAttribute }, limit });
    if (limit > 0 && matched > limit) {
      core.warn(
        'ORDER_SEARCH_CAPPED',
        `An order search matched ${matched} orders; the Order Search Service returns only the first ${limit}`,
      );
    }
    return ids;
  }

  /** Parses and compiles a query with its arguments (throws the query's errors). */
  function compile(query: unknown, args: readonly unknown[]): CompiledQuery {
    if (typeof query !== 'string') throw new TypeError('OrderMgr: the query must be a string');
    const options: QueryOptions = {
      notEqualsMatchesNull: core.state.platform.orderSearch.notEqualsMatchesNull,
      isKnownAttribute,
    };
    const parsed = parseQuery(query);
    return { parsed, args, options, predicate: compileParsedQuery(parsed, args, options) };
  }

  function liveOrders(orderNos: string[]): object[] {
    const site = core.requireSite('OrderMgr');
    const orders: object[] = [];
    for (const orderNo of orderNos) {
      const record = site.orders.get(orderNo);
      if (record) orders.push(views.orderView(record));
    }
    return orders;
  }

  function searchOrders(queryOrMap: unknown, sort?: string | null, ...args: unknown[]): unknown {
    let compiled: CompiledQuery;
    if (typeof queryOrMap === 'string') {
      compiled = compile(queryOrMap, args);
    } else {
      // The map form: `key = value` (LIKE for a wildcard string) per entry, joined with AND.
      const map = attributeMapToQuery(toPlainMap(queryOrMap));
      compiled = compile(map.query, map.args);
    }
    const orders = liveOrders(search('searchOrders', compiled, sort));
    return kit.seekableIterator(orders, orders.length);
  }

  function searchOrder(query: string, ...args: unknown[]): object | null {
    const orders = liveOrders(search('searchOrder', compile(query, args), null));
    return orders[0] ?? null;
  }

  function processOrders(callback: (order: object) => void, query: string, ...args: unknown[]): void {
    if (typeof callback !== 'function')
      throw new TypeError('OrderMgr.processOrders: the first argument must be a function');
    for (const order of liveOrders(search('processOrders', compile(query, args), null))) {
      // A run killed by a simulated crash does not go on with the next order.
      core.assertAlive();
      try {
        callback(order);
      } catch (error) {
        core.assertAlive();
        core.log({
          time: core.now().toISOString(),
          prefix: '',
          category: 'OrderMgr.processOrders',
          level: 'error',
          message: `Error in the processOrders callback, continuing with the next order: ${(error as Error).message ?? String(error)}`,
        });
      }
    }
  }

  function getOrder(orderNo: string): object | null {
    const record = core.requireSite('OrderMgr.getOrder').orders.get(String(orderNo));
    return record ? views.orderView(record) : null;
  }

  const recordOf = (order: unknown): OrderRecord => {
    const record = (order as { record?: OrderRecord } | null)?.record;
    if (!record || typeof record.orderNo !== 'string') throw new TypeError('OrderMgr: not an order');
    return record;
  };

  const setStatus = (record: OrderRecord, status: number) =>
    writeField(core, `Order ${record.orderNo}`, record, 'status', status, orderTouchKey(record.siteId, record.orderNo));

  return {
    searchOrders,
    searchOrder,
    processOrders,
    getOrder,
    queryOrders: (query: string, sort: string | null, ...args: unknown[]) => {
      core.warn('DEPRECATED_API', 'OrderMgr.queryOrders is deprecated: use searchOrders');
      return searchOrders(query, sort, ...args);
    },
    queryOrder: (query: string, ...args: unknown[]) => {
      core.warn('DEPRECATED_API', 'OrderMgr.queryOrder is deprecated: use searchOrder');
      return searchOrder(query, ...args);
    },
    placeOrder: (order: unknown) => {
      const record = recordOf(order);
      if (record.status !== ORDER_STATUS.CREATED) return new Status(Status.ERROR, 'ORDER_NOT_CREATED');
      setStatus(record, ORDER_STATUS.NEW);
      return new Status(Status.OK);
    },
    failOrder: (order: unknown) => {
      const record = recordOf(order);
      if (record.status !== ORDER_STATUS.CREATED) return new Status(Status.ERROR, 'ORDER_NOT_CREATED');
      setStatus(record, ORDER_STATUS.FAILED);
      return new Status(Status.OK);
    },
    cancelOrder: (order: unknown) => {
      const record = recordOf(order);
      const cancellable: number[] = [ORDER_STATUS.NEW, ORDER_STATUS.OPEN, ORDER_STATUS.COMPLETED];
      if (!cancellable.includes(record.status)) return new Status(Status.ERROR, 'ORDER_NOT_CANCELLABLE');
      setStatus(record, ORDER_STATUS.CANCELLED);
      return new Status(Status.OK);
    },
    undoCancelOrder: (order: unknown) => {
      const record = recordOf(order);
      if (record.status !== ORDER_STATUS.CANCELLED) return new Status(Status.ERROR, 'ORDER_NOT_CANCELLED');
      setStatus(record, ORDER_STATUS.OPEN);
      return new Status(Status.OK);
    },
  };
}

function toPlainMap(value: unknown): Record<string, unknown> {
  if (value instanceof Map) return Object.fromEntries(value);
  const candidate = value as { keySet?: () => unknown; get?: (key: string) => unknown } | null;
  if (candidate && typeof candidate.keySet === 'function' && typeof candidate.get === 'function') {
    const keys = candidate.keySet() as { toArray?: () => unknown[] };
    const result: Record<string, unknown> = {};
    for (const key of keys.toArray ? keys.toArray() : []) result[String(key)] = candidate.get(String(key));
    return result;
  }
  if (value && typeof value === 'object') return { ...(value as Record<string, unknown>) };
  throw new TypeError('OrderMgr.searchOrders: the first argument must be a query string or a map');
}
