/**
 * Streams the order numbers matching a search, beyond the Order Search Service's cap of 1,000
 * results per query: pages are read in creationDate order, and each next page starts at the last
 * creation date seen (orders sharing that instant and already read are skipped). Only order
 * numbers travel, never collected into arrays, and every iterator is closed.
 *
 * The index lags behind commits, so a streamed order may no longer match: callers re-read the
 * order (OrderMgr.getOrder) and re-check it before acting.
 */
import OrderMgr = require('dw/order/OrderMgr');
import Logger = require('dw/system/Logger');

/** Results per query of the Order Search Service. */
export const SEARCH_CAP = 1000;

export interface OrderSelection {
  /** Query with {0}, {1}, … placeholders (no creationDate condition: the stream adds its own). */
  readonly query: string;
  readonly args: ReadonlyArray<unknown>;
}

const SORT = 'creationDate asc, orderNo asc';

function openPage(selection: OrderSelection, from: Date | null): dw.util.SeekableIterator<dw.order.Order> {
  const args: unknown[] = selection.args.slice();
  let query = selection.query;
  if (from) {
    query = '(' + query + ') AND creationDate >= {' + args.length + '}';
    args.push(from);
  }
  const callArguments: unknown[] = [query, SORT];
  for (let i = 0; i < args.length; i++) callArguments.push(args[i]);
  return (OrderMgr.searchOrders as (...searchArguments: unknown[]) => dw.util.SeekableIterator<dw.order.Order>).apply(
    OrderMgr,
    callArguments,
  );
}

export class OrderStream {
  private page: dw.util.SeekableIterator<dw.order.Order> | null = null;
  private readInPage = 0;
  private lastCreation: Date | null = null;
  /** Orders read with creationDate equal to lastCreation (the only ones a next page can repeat). */
  private atLastCreation: string[] = [];
  private finished = false;
  /** Orders of the current page that were not repeats of the previous page. */
  private newInPage = 0;

  constructor(private readonly selection: OrderSelection) {}

  /** The next order number, or null when the selection is exhausted. */
  next(): string | null {
    for (;;) {
      if (this.finished) return null;
      if (!this.page) {
        this.page = openPage(this.selection, this.lastCreation);
        this.readInPage = 0;
      }
      if (this.page.hasNext()) {
        const order = this.page.next();
        this.readInPage++;
        const orderNo = order.orderNo;
        const created = order.creationDate;
        if (this.lastCreation && created.getTime() === this.lastCreation.getTime()) {
          if (this.atLastCreation.indexOf(orderNo) >= 0) continue;
          this.atLastCreation.push(orderNo);
        } else {
          this.lastCreation = new Date(created.getTime());
          this.atLastCreation = [orderNo];
        }
        this.newInPage++;
        return orderNo;
      }
      this.closePage();
      // A page below the cap is the last one; a full page whose orders were all repeats cannot advance.
      if (this.readInPage >= SEARCH_CAP && this.newInPage === 0) {
        Logger.getLogger('payops', 'operations').warn(
          'More than {0} orders were created at {1}; those after the first {0} of that instant wait for a later run.',
          SEARCH_CAP,
          this.lastCreation ? this.lastCreation.toISOString() : '?',
        );
      }
      if (this.readInPage < SEARCH_CAP || this.newInPage === 0) this.finished = true;
      this.newInPage = 0;
    }
  }

  private closePage(): void {
    if (this.page) this.page.close();
    this.page = null;
  }

  close(): void {
    this.closePage();
    this.finished = true;
  }
}

/** How many orders the selection holds, counted through the same pages (for BM's progress bar). */
export function countOrders(selection: OrderSelection): number {
  const stream = new OrderStream(selection);
  let count = 0;
  try {
    while (stream.next() !== null) count++;
  } finally {
    stream.close();
  }
  return count;
}
