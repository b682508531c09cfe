/**
 * What `npm start` prints after the run, within 100 columns: a table per job, the demo's Alma,
 * Monext and KOMOJU orders before and after, the PayZen/Lyra order paid on shipment with each
 * shipment's debit and the IPN's answer, and the payment methods stored per site.
 */
import Table from 'cli-table3';
import wrapAnsi from 'wrap-ansi';
import {
  PROVIDERS,
  type ProviderDefinition,
} from '../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import type { RuntimeState } from './runtime/instance/loadInstance';
import { displayWidth } from './textWidth';
import type { InstanceFile, InstanceOrder } from './runtime/instance/types';
import type { JobResult } from './runtime/jobs/jobRunner';

/** No line `npm start` prints is wider. */
export const OUTPUT_WIDTH = 100;

/** The padding cli-table3 adds to a cell: one space on each side. */
const PADDING = 2;

const TABLE_STYLE = { head: [], border: [] };

/** Lines of at most `width` columns, breaking at spaces (a longer word is cut), each after `indent`. */
export function wrapText(text: string, width = OUTPUT_WIDTH, indent = ''): string {
  const words = text.split(/\s+/).filter(Boolean).join(' ');
  return wrapAnsi(words, width - displayWidth(indent), { hard: true, trim: true })
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

function cellWidth(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth)) + PADDING;
}

/**
 * Each column as wide as its widest cell (a heading counts by its longest word: it wraps), at
 * most its cap: a wider cell wraps. With a `flex` column, that one gets what is left of
 * OUTPUT_WIDTH. The caps keep the table within OUTPUT_WIDTH.
 */
export function fitColumns(head: string[], rows: string[][], caps: number[], flex?: number): number[] {
  const widths = head.map((title, column) =>
    column === flex
      ? 0
      : Math.min(
          caps[column]!,
          Math.max(...title.split(' ').map(cellWidth), ...rows.map((row) => cellWidth(row[column]!))),
        ),
  );
  const borders = head.length + 1;
  if (flex !== undefined) widths[flex] = OUTPUT_WIDTH - borders - widths.reduce((sum, w) => sum + w, 0);
  return widths;
}

/** Cells wrapped to their column (a word longer than the column is cut, not truncated): nothing is lost. */
function wrapCells(rows: string[][], widths: number[]): string[][] {
  return rows.map((row) =>
    row.map((cell, column) =>
      cell
        .split('\n')
        .map((line) => wrapText(line, widths[column]! - PADDING))
        .join('\n'),
    ),
  );
}

/** The provider an order was paid with: by its provider attributes, else its payment method or processor. */
export function orderProvider(order: InstanceOrder): ProviderDefinition | undefined {
  const custom = (order.custom ?? {}) as Record<string, unknown>;
  const byAttribute = PROVIDERS.find((p) => p.orderAttributes.some((id) => custom[id] !== undefined));
  if (byAttribute) return byAttribute;
  const names = (order.paymentInstruments ?? []).flatMap((i) => [i.paymentMethod, i.transaction?.paymentProcessor]);
  return PROVIDERS.find((p) => names.some((name) => name?.toLowerCase() === p.id));
}

const BUILT_LABELS = PROVIDERS.filter((p) => p.usesOperationsEngine)
  .map((p) => p.label)
  .join(', ');

const NOTHING_SELECTED = /0 selected: 0 succeeded, 0 rejected, 0 failed, 0 pending, 0 skipped; 0 provider calls$/;

/** A step's message as the demo shows it: an operations summary that selected nothing says so. */
export function stepMessage(message: string | null): string {
  if (!message) return '';
  return message.replace(NOTHING_SELECTED, `No ${BUILT_LABELS} order to process.`);
}

function statusCell(status: string, exitCode: string): string {
  return exitCode === status ? status : `${status}\n${exitCode}`;
}

/**
 * One table per job: each step's site, status (and exit code when it differs), time and message.
 * `titles` names a run otherwise than by its job ID (a job run several times).
 */
export function resultTable(results: JobResult[], titles: ReadonlyMap<JobResult, string> = new Map()): string {
  const head = ['Site', 'Step', 'Status', 'Time', 'Message'];
  const blocks: string[] = [];
  for (const job of results) {
    const rows = job.steps.map((step) => [
      step.siteId ?? '(org)',
      step.stepId,
      statusCell(step.status, step.exitCode),
      `${step.durationMs} ms`,
      stepMessage(step.message),
    ]);
    const widths = fitColumns(head, rows, [14, 22, 26, 11], 4); // the message gets at least 21 columns
    const table = new Table({ head, colWidths: widths, wordWrap: true, style: TABLE_STYLE });
    table.push(...wrapCells(rows, widths));
    blocks.push(`${titles.get(job) ?? job.jobId}: ${job.status} in ${job.durationMs} ms\n${table.toString()}`);
  }
  return blocks.join('\n\n');
}

function attribute(custom: Record<string, unknown> | undefined, id: string): string {
  const value = custom?.[id];
  return value === undefined || value === null || value === '' ? '–' : String(value);
}

function money(value: unknown, currency: string): string {
  if (typeof value !== 'number') return '–';
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(value);
}

function amount(custom: Record<string, unknown> | undefined, id: string, currency: string): string {
  return money(custom?.[id], currency);
}

/** "before →" over "after" (two lines keep the columns narrow), or the value when it did not change. */
function change(before: string, after: string): string {
  return before === after ? after : `${before} →\n${after}`;
}

interface OrdersTableSpec {
  title: string;
  /** The order attribute that makes an order the provider's. */
  paymentIdAttribute: string;
  columns: Array<{
    head: string;
    cap: number;
    cell: (
      before: Record<string, unknown> | undefined,
      after: Record<string, unknown> | undefined,
      currency: string,
    ) => string;
  }>;
  /** What the merchant reads under the order, from its attributes after the run. */
  result: (after: Record<string, unknown> | undefined) => string;
}

const changed =
  (id: string) => (before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined) =>
    change(attribute(before, id), attribute(after, id));
const amountAfter = (id: string) => (_before: unknown, after: Record<string, unknown> | undefined, currency: string) =>
  amount(after, id, currency);

/** A provider's orders of the demo before and after the run, each with its result on a full-width line. */
function ordersTable(source: InstanceFile, state: RuntimeState, spec: OrdersTableSpec): string {
  const head = ['Site', 'Order', ...spec.columns.map((c) => c.head)];
  const orders: Array<{ cells: string[]; result: string }> = [];
  for (const site of source.sites ?? []) {
    for (const order of site.orders ?? []) {
      const before = order.custom as Record<string, unknown> | undefined;
      if (!before?.[spec.paymentIdAttribute]) continue;
      const after = state.sites.get(site.id)?.orders.get(order.orderNo)?.custom;
      const currency = order.currencyCode ?? site.currency ?? 'EUR';
      orders.push({
        cells: [site.id, order.orderNo, ...spec.columns.map((c) => c.cell(before, after, currency))],
        result: spec.result(after),
      });
    }
  }
  const groups = orders.map((o) => ({ rows: [o.cells], result: o.result }));
  return `${spec.title}\n${groupedTable(head, groups, [13, 12, ...spec.columns.map((c) => c.cap)])}`;
}

/** Rows in groups (an order's), each group followed by its result on a full-width line. */
function groupedTable(head: string[], groups: Array<{ rows: string[][]; result: string }>, caps: number[]): string {
  const widths = fitColumns(
    head,
    groups.flatMap((g) => g.rows),
    caps,
  );
  // cli-table3 wraps a spanning cell at the sum of its columns' widths, less one cell's padding
  // (the borders between the columns it spans do not count).
  const spanned = widths.reduce((sum, w) => sum + w, 0) - PADDING;
  const table = new Table({ head, colWidths: widths, wordWrap: true, style: TABLE_STYLE });
  for (const group of groups) {
    table.push(...wrapCells(group.rows, widths));
    table.push([{ colSpan: head.length, content: wrapText(`Result: ${group.result}`, spanned) }]);
  }
  return table.toString();
}

/**
 * The Alma orders of the demo before and after the run: Capture Status, Cancel and Refund Status
 * and the amounts, with the Payment Operations Result a merchant reads in Business Manager on a
 * full-width line under each order. At most 92 columns and 8 borders.
 */
export function operationsTable(source: InstanceFile, state: RuntimeState): string {
  return payopsTable(source, state, 'Alma', 'almaPaymentId', 'ALMA_Deferred_Capture');
}

/** A provider's orders with the engine's own attributes (payops*) and its capture status. */
function payopsTable(
  source: InstanceFile,
  state: RuntimeState,
  provider: string,
  paymentIdAttribute: string,
  captureStatusAttribute: string,
): string {
  return ordersTable(source, state, {
    title: `${provider} orders (before → after), each with its Payment Operations Result:`,
    paymentIdAttribute,
    columns: [
      { head: 'Capture Status', cap: 13, cell: changed(captureStatusAttribute) },
      { head: 'Cancel', cap: 13, cell: changed('payopsCancelStatus') },
      { head: 'Refund', cap: 19, cell: changed('payopsRefundStatus') },
      { head: 'Captured', cap: 11, cell: amountAfter('payopsCapturedAmount') },
      { head: 'Refunded', cap: 11, cell: amountAfter('payopsRefundedAmount') },
    ],
    result: (after) => attribute(after, 'payopsReason'),
  });
}

/**
 * The KOMOJU orders of the demo before and after the run: KOMOJU Capture, Cancel and Refund
 * Status, the refunded amount, and the latest KOMOJU response under each order.
 */
export function komojuTable(source: InstanceFile, state: RuntimeState): string {
  return ordersTable(source, state, {
    title: 'KOMOJU orders (before → after), each with its latest KOMOJU response:',
    paymentIdAttribute: 'komojuPaymentId',
    columns: [
      { head: 'KOMOJU Capture Status', cap: 20, cell: changed('komojuCaptureStatus') },
      { head: 'KOMOJU Cancel Status', cap: 20, cell: changed('komojuCancelStatus') },
      { head: 'KOMOJU Refund Status', cap: 20, cell: changed('komojuRefundStatus') },
      { head: 'Refunded', cap: 11, cell: amountAfter('payopsRefundedAmount') },
    ],
    result: (after) =>
      attribute(
        after,
        ['komojuRefundResponse', 'komojuCancelResponse'].find((id) => after?.[id]) ?? 'komojuCaptureResponse',
      ),
  });
}

/**
 * The Monext orders of the demo before and after the run: Payment Capture, Cancel and Refund
 * Status and the amounts, with the Payment Operations Result under each order.
 */
export function monextTable(source: InstanceFile, state: RuntimeState): string {
  return payopsTable(source, state, 'Monext', 'monextSessionID', 'payopsCaptureStatus');
}

/** A PayZen uuid (32 hex digits) as the demo shows it: its first 8 digits. */
export function shortUuid(uuid: unknown): string {
  return typeof uuid === 'string' && uuid !== '' ? `${uuid.slice(0, 8)}…` : '–';
}

/**
 * The PayZen/Lyra orders of the demo (payment on shipment, seed 003), before and after the run:
 * a row per shipment with its amount, its Captured Amount and its debit (the Capture Reference,
 * shortened) and Capture Status, then the order's row with its total and Payment Capture Status,
 * and the Payment Operations Result under it.
 */
export function payzenTable(source: InstanceFile, state: RuntimeState): string {
  const head = ['Site', 'Order', 'Shipment', 'Amount', 'Captured', 'Debit', 'Capture Status'];
  const groups: Array<{ rows: string[][]; result: string }> = [];
  for (const site of source.sites ?? []) {
    for (const order of site.orders ?? []) {
      if (orderProvider(order)?.id !== 'payzen') continue;
      const after = state.sites.get(site.id)?.orders.get(order.orderNo);
      if (!after) continue;
      const currency = after.currencyCode;
      const shipmentsBefore = new Map((order.shipments ?? []).map((s) => [s.id, s.custom]));
      const rows = after.shipments.map((shipment) => {
        const items = after.productLineItems.filter((item) => item.shipmentID === shipment.id);
        const total = items.reduce((sum, item) => sum + item.grossPrice, shipment.shippingGrossPrice);
        return [
          site.id,
          order.orderNo,
          shipment.id,
          money(total, currency),
          amount(shipment.custom, 'payopsCapturedAmount', currency),
          shortUuid(shipment.custom.payopsCaptureReference),
          change(
            attribute(shipmentsBefore.get(shipment.id), 'payopsCaptureStatus'),
            attribute(shipment.custom, 'payopsCaptureStatus'),
          ),
        ];
      });
      const paid = after.paymentInstruments.reduce((sum, instrument) => sum + instrument.amount, 0);
      rows.push([
        site.id,
        order.orderNo,
        'whole order',
        money(paid, currency),
        amount(after.custom, 'payopsCapturedAmount', currency),
        '',
        change(
          attribute(order.custom as Record<string, unknown> | undefined, 'payopsCaptureStatus'),
          attribute(after.custom, 'payopsCaptureStatus'),
        ),
      ]);
      groups.push({ rows, result: attribute(after.custom, 'payopsReason') });
    }
  }
  const title = 'PayZen/Lyra orders (before → after): each shipment and its debit, then the whole order:';
  return `${title}\n${groupedTable(head, groups, [13, 12, 14, 12, 12, 11, 19])}`;
}

/** What a PayZen IPN got from the notification URL, as `awaitIpn` tells it. */
export interface IpnAnswer {
  uuid: string;
  state: 'pending' | 'answered' | 'failed';
  status: number | null;
  body: string | null;
  error: string | null;
}

/**
 * One line on the checkout's IPN: "PayZen IPN for 00001003: 200 OK, initial transaction
 * 4f1c2a9b… stored." — stored only when the order now holds the IPN's transaction.
 */
export function payzenIpnLine(orderNo: string, ipn: IpnAnswer | string, storedUuid: unknown): string {
  let text: string;
  if (typeof ipn === 'string') text = `PayZen IPN for ${orderNo}: none received (${ipn}), nothing stored.`;
  else {
    const answer =
      ipn.state === 'answered' ? `${ipn.status} ${ipn.body ?? ''}`.trim() : `no answer (${ipn.error ?? ipn.state})`;
    const stored = storedUuid === ipn.uuid ? `initial transaction ${shortUuid(ipn.uuid)} stored` : 'nothing stored';
    text = `PayZen IPN for ${orderNo}: ${answer}, ${stored}.`;
  }
  return wrapText(text);
}

/**
 * The shipment transactions the PayZen sandbox received, from its journal: "PayZen debits
 * received (Charge/CreateShipmentTransaction, minor units): 3500, 2500, 1412 EUR." An unreadable
 * body counts as "?".
 */
export function payzenDebitsLine(journal: Array<{ path: string; body: string }>): string {
  const debits = journal
    .filter((entry) => entry.path.endsWith('/Charge/CreateShipmentTransaction'))
    .map((entry) => {
      try {
        const body = JSON.parse(entry.body) as { amount?: unknown; currency?: unknown };
        return { amount: String(body.amount ?? '?'), currency: typeof body.currency === 'string' ? body.currency : '' };
      } catch {
        return { amount: '?', currency: '' };
      }
    });
  const currencies = new Set(debits.map((d) => d.currency));
  const listed =
    debits.length === 0
      ? 'none'
      : currencies.size === 1
        ? `${debits.map((d) => d.amount).join(', ')} ${[...currencies][0]}`.trim()
        : debits.map((d) => `${d.amount} ${d.currency}`.trim()).join(', ');
  return wrapText(`PayZen debits received (Charge/CreateShipmentTransaction, minor units): ${listed}.`);
}

/**
 * The payment methods stored for checkout per site and provider (PaymentOperationsMethods), as
 * key and switch: "KOMOJU methods stored on RefArchJP: credit_card:JPY on, konbini:JPY on, …".
 */
export function storedMethodsNote(state: RuntimeState): string {
  const lines: string[] = [];
  for (const [siteId, site] of state.sites) {
    for (const [provider, object] of site.customObjects.get('PaymentOperationsMethods') ?? []) {
      const text = object.custom.availableKomojuPaymentMethods ?? object.custom.methodsJson;
      if (typeof text !== 'string') continue;
      const methods = JSON.parse(text) as Array<{ key: string; enabled: boolean; available: boolean }>;
      const label = PROVIDERS.find((p) => p.id === provider)?.label ?? provider;
      const listed = methods.map((m) => `${m.key} ${m.available === false ? 'unavailable' : m.enabled ? 'on' : 'off'}`);
      lines.push(wrapText(`${label} methods stored on ${siteId}: ${listed.join(', ')}.`));
    }
  }
  return lines.join('\n');
}
