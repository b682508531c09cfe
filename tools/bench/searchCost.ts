/**
 * What order search costs the local runtime, without the job around it: an instance of the
 * benchmark's workload (tools/bench/workload.ts: N ToCapture Alma orders, a 1,000-result cap, a
 * lagging index) and the compiled cartridge's own order stream
 * (scripts/core/orderStream: countOrders, then OrderStream read to the end) over the Alma capture
 * selection, as the AlmaDeferredCapture step's getTotalCount and read do it.
 *
 *   npx tsx tools/bench/searchCost.ts --orders 100000 [--orders 10000] [--cartridges <dir>]
 *
 * Times (a) the total-count pass and (b) the full paging read, each with the number of searches
 * and, when the runtime keeps them, the search index's cost counters. No service is called.
 * Without --cartridges, dist/cartridges is copied first (built if missing), so that a build
 * running meanwhile cannot swap the code under the measurement; the copy is removed afterwards.
 * Sizes given together run in one process, one after the other (the first one warms the JIT):
 * run them one per process to compare runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from '../build/build';
import { PATHS } from '../build/paths';
import { readInstance } from '../runtime/instance/loadInstance';
import { LocalRuntime } from '../runtime/localRuntime';
import { loadRuntimeMetadata } from '../runtime/state/metadata';
import { BENCH_SITE, benchInstance } from './workload';

export interface SearchCostOptions {
  orders: number;
  /** A folder of compiled cartridges (default: a copy of dist/cartridges). */
  cartridgesRoot?: string;
}

export interface PassCost {
  ms: number;
  /** Orders the pass counted or read. */
  orders: number;
  /** OrderMgr.searchOrders calls (pages) it made. */
  searches: number;
  /** The index's search counters over the pass, when the runtime keeps them. */
  counters: Record<string, number> | null;
}

export interface SearchCost {
  orders: number;
  /** Building the instance and the runtime, refreshing the index. */
  loadMs: number;
  count: PassCost;
  read: PassCost;
}

interface OrderSelection {
  query: string;
  args: unknown[];
}

interface OrderStreamModule {
  countOrders(selection: OrderSelection): number;
  OrderStream: new (selection: OrderSelection) => { next(): string | null; close(): void };
}

interface AlmaLifecycleModule {
  almaLifecycle: { capture?: { selection: OrderSelection } };
}

const STREAM_MODULE = path.join('int_payment_operations', 'cartridge', 'scripts', 'core', 'orderStream.js');

function cartridgesCopy(): string {
  if (!fs.existsSync(path.join(PATHS.distCartridges, STREAM_MODULE))) build();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'payops-search-cost-'));
  const target = path.join(folder, 'cartridges');
  fs.cpSync(PATHS.distCartridges, target, { recursive: true });
  if (!fs.existsSync(path.join(target, STREAM_MODULE))) {
    throw new Error(`dist/ changed while it was copied (is another build running?): ${STREAM_MODULE} is missing`);
  }
  return target;
}

/** A snapshot of the index's numeric search counters, if the runtime has any. */
function counters(runtime: LocalRuntime): Record<string, number> | null {
  const index = runtime.core.searchIndexes.get(BENCH_SITE) as unknown as { searches?: { cost?: object } } | undefined;
  const cost = index?.searches?.cost;
  if (!cost) return null;
  const snapshot: Record<string, number> = {};
  for (const [name, value] of Object.entries(cost)) if (typeof value === 'number') snapshot[name] = value;
  return snapshot;
}

function difference(after: Record<string, number> | null, before: Record<string, number> | null) {
  if (!after) return null;
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries(after)) result[name] = value - (before?.[name] ?? 0);
  return result;
}

/** Counts the searchOrders calls the cartridge makes through the emulated OrderMgr. */
function countSearches(runtime: LocalRuntime): { searches: number } {
  const counter = { searches: 0 };
  const orderMgr = runtime.require('dw/order/OrderMgr') as { searchOrders: (...args: unknown[]) => unknown };
  const searchOrders = orderMgr.searchOrders;
  orderMgr.searchOrders = (...args: unknown[]) => {
    counter.searches += 1;
    return searchOrders(...args);
  };
  return counter;
}

function pass(runtime: LocalRuntime, counter: { searches: number }, run: () => number): PassCost {
  const searchesBefore = counter.searches;
  const countersBefore = counters(runtime);
  const started = performance.now();
  const orders = run();
  const ms = performance.now() - started;
  return {
    ms,
    orders,
    searches: counter.searches - searchesBefore,
    counters: difference(counters(runtime), countersBefore),
  };
}

export function measureSearchCost(options: SearchCostOptions): SearchCost {
  if (options.cartridgesRoot) return measure(options.orders, options.cartridgesRoot);
  const copy = cartridgesCopy();
  try {
    return measure(options.orders, copy);
  } finally {
    removeCopy(copy);
  }
}

function removeCopy(cartridgesRoot: string): void {
  fs.rmSync(path.dirname(cartridgesRoot), { recursive: true, force: true });
}

function measure(orders: number, cartridgesRoot: string): SearchCost {
  const loadStarted = performance.now();
  const metadata = loadRuntimeMetadata();
  // No service is called: the address only has to be well formed.
  const state = readInstance(benchInstance(orders, 'http://127.0.0.1:9'), metadata);
  const runtime = new LocalRuntime({ state, metadata, cartridgesRoot });
  runtime.core.enterSite(BENCH_SITE);
  // What the job runner does before a step when the index lags (the workload's setting).
  if (runtime.core.state.platform.orderSearch.indexLag) runtime.core.refreshSearchIndexes();
  const stream = runtime.require('*/cartridge/scripts/core/orderStream') as OrderStreamModule;
  const lifecycle = runtime.require('*/cartridge/scripts/providers/alma/almaLifecycle') as AlmaLifecycleModule;
  const selection = lifecycle.almaLifecycle.capture?.selection;
  if (!selection) throw new Error('The Alma lifecycle has no capture selection');
  const searches = countSearches(runtime);
  const loadMs = performance.now() - loadStarted;

  // (a) the step's getTotalCount: the selection counted through its pages.
  const count = pass(runtime, searches, () => stream.countOrders(selection));
  // (b) the step's reads: the same pages again, order numbers one by one.
  const read = pass(runtime, searches, () => {
    const orders = new stream.OrderStream(selection);
    let read = 0;
    try {
      while (orders.next() !== null) read++;
    } finally {
      orders.close();
    }
    return read;
  });
  return { orders, loadMs, count, read };
}

function parseArguments(argv: string[]): { orders: number[]; cartridgesRoot?: string } {
  const orders: number[] = [];
  let cartridgesRoot: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = argv[index + 1];
    if (argument === '--orders' && value !== undefined) {
      for (const part of value.split(',')) orders.push(Number(part.replace(/_/g, '')));
      index++;
    } else if (argument === '--cartridges' && value !== undefined) {
      cartridgesRoot = path.resolve(value);
      index++;
    } else {
      throw new Error(`Unknown argument '${argument}'. Usage: searchCost.ts --orders 100000 [--cartridges <dir>]`);
    }
  }
  if (orders.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error('--orders takes positive whole numbers (comma-separated for several sizes)');
  }
  return { orders: orders.length > 0 ? orders : [10_000], cartridgesRoot };
}

const milliseconds = (ms: number): string => `${Math.round(ms).toLocaleString('en-US')} ms`;

function describePass(label: string, cost: PassCost): string {
  const extra = cost.counters
    ? `, ${Object.entries(cost.counters)
        .map(([name, value]) => `${name} ${value.toLocaleString('en-US')}`)
        .join(', ')}`
    : '';
  return `  ${label}: ${milliseconds(cost.ms)} (${cost.orders.toLocaleString('en-US')} orders, ${cost.searches} searches${extra})`;
}

function main(): void {
  const { orders, cartridgesRoot } = parseArguments(process.argv.slice(2));
  const root = cartridgesRoot ?? cartridgesCopy();
  try {
    for (const size of orders) {
      const cost = measure(size, root);
      process.stdout.write(`${size.toLocaleString('en-US')} orders (load ${milliseconds(cost.loadMs)})\n`);
      process.stdout.write(`${describePass('total count', cost.count)}\n${describePass('paging read', cost.read)}\n`);
      process.stdout.write(`RESULT ${JSON.stringify(cost)}\n`);
    }
  } finally {
    if (!cartridgesRoot) removeCopy(root);
  }
}

if (require.main === module) main();
