/**
 * npm start: the local demo. Builds the cartridge, starts the four provider sandboxes on free
 * loopback ports, loads the bundled demo instance (demo/instance.json) pointed at them, runs
 * every job defined in jobs/ through the local runtime, and prints what happened within 100
 * columns (startReport.ts). Seed 003's PayZen/Lyra example runs end to end: the order is paid at
 * checkout in the PayZen sandbox, whose IPN reaches the runtime's storefront, then shipped in
 * three parts, each debited by its own run of the PayZen job. The resulting state (with logs,
 * e-mails and the communication log) is written to dist/demo/instance-after.json; the demo file
 * itself is only read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from './build/build';
import { PATHS } from './build/paths';
import { DEMO_INSTANCE } from './runtime/instance/demoInstance';
import { readInstance } from './runtime/instance/loadInstance';
import type { InstanceFile } from './runtime/instance/types';
import { instanceFileText } from './runtime/instance/writeInstance';
import type { JobResult } from './runtime/jobs/jobRunner';
import { LocalRuntime } from './runtime/localRuntime';
import { runReport } from './runtime/runReport';
import { bindSandboxes } from './runtime/sandboxBinding';
import { fractionDigits } from './runtime/state/currency';
import { loadRuntimeMetadata } from './runtime/state/metadata';
import { SHIPPING_STATUS } from './runtime/state/records';
import type { StorefrontServer } from './runtime/storefront/storefrontHost';
import { DEFAULT_PAYZEN_PASSWORD, DEFAULT_PAYZEN_SHOP_ID } from './sandboxes/payzen/auth';
import type { RemoteSandbox } from './sandboxes/sandboxProcess';
import {
  komojuTable,
  monextTable,
  operationsTable,
  orderProvider,
  payzenDebitsLine,
  payzenIpnLine,
  payzenTable,
  resultTable,
  storedMethodsNote,
  wrapText,
  type IpnAnswer,
} from './startReport';
import { readProblem } from './userFile';

export const DEMO_OUTPUT = path.join(PATHS.dist, 'demo', 'instance-after.json');

/** The demo instance, or one clear line (exit 2) when it is missing or not JSON. */
function readDemo(): InstanceFile {
  const name = path.relative(PATHS.root, DEMO_INSTANCE);
  let problem: string;
  try {
    return JSON.parse(fs.readFileSync(DEMO_INSTANCE, 'utf8')) as InstanceFile;
  } catch (error) {
    problem = error instanceof SyntaxError ? `not valid JSON (${error.message})` : readProblem(error);
  }
  process.stderr.write(`The demo instance ${name}: ${problem}. Restore it with: git checkout -- ${name}\n`);
  process.exit(2);
}

/** The Monext job, run first in test mode as the seed asks. */
const MONEXT_JOB = 'monextHandleOrders';

/** Seed 003's job: PayZen/Lyra payment on shipment, one debit per shipment shipped. */
const PAYZEN_JOB = 'PaymentOperations-PayzenShipments';
/** The PayZen notification URL's controller action (the IPN). */
const PAYZEN_NOTIFY = 'PaymentOperationsPayzen-Notify';
/** How long the demo waits for the IPN after the checkout. */
const IPN_WAIT_MS = 15_000;

interface PayzenCheckout {
  siteId: string;
  orderNo: string;
  /** The IPN's delivery, or why none came. */
  ipn: IpnAnswer | string;
  /** The initial transaction the order held once the IPN was answered. */
  storedUuid: unknown;
}

/**
 * Seed 003's checkout, as the storefront's PayZen cartridge does it, for the demo's PayZen/Lyra
 * order that holds no initial transaction yet: Charge/CreatePayment for the order's amount with
 * useCase SHIPMENT_MULTIPLE_AUTHORISATION and the order number as orderId (the customer
 * authenticates for the whole order, nothing is debited). The sandbox then posts the IPN to the
 * notification URL, the runtime's storefront, whose controller stores the initial transaction.
 */
async function payzenCheckout(
  source: InstanceFile,
  runtime: LocalRuntime,
  sandbox: RemoteSandbox,
  storefront: StorefrontServer,
): Promise<PayzenCheckout | undefined> {
  for (const site of source.sites ?? []) {
    for (const demoOrder of site.orders ?? []) {
      if (orderProvider(demoOrder)?.id !== 'payzen' || demoOrder.custom?.payzenInitialTransactionUuid) continue;
      const order = runtime.core.state.sites.get(site.id)!.orders.get(demoOrder.orderNo)!;
      const total = order.paymentInstruments.reduce((sum, instrument) => sum + instrument.amount, 0);
      const digits = fractionDigits(order.currencyCode);
      const amount = Math.round(total * 10 ** digits);
      await sandbox.setNotificationUrl(storefront.url(site.id, 'default', PAYZEN_NOTIFY));
      process.stdout.write(
        `Paying ${order.orderNo} at checkout: PayZen Charge/CreatePayment, ${total.toFixed(digits)} ` +
          `${order.currencyCode}, payment on shipment…\n`,
      );
      const authorization = `Basic ${Buffer.from(`${DEFAULT_PAYZEN_SHOP_ID}:${DEFAULT_PAYZEN_PASSWORD}`).toString('base64')}`;
      const answer = await fetch(`${sandbox.baseUrl}/Charge/CreatePayment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({
          amount,
          currency: order.currencyCode,
          orderId: order.orderNo,
          customer: { email: order.customerEmail ?? 'sample@example.com' },
          useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
        }),
      });
      const body = (await answer.json()) as { status?: string };
      if (body.status !== 'SUCCESS') throw new Error(`PayZen Charge/CreatePayment failed: ${JSON.stringify(body)}`);
      let ipn: IpnAnswer | string;
      try {
        ipn = await sandbox.awaitIpn({ orderId: order.orderNo }, IPN_WAIT_MS);
      } catch (error) {
        ipn = error instanceof Error ? error.message : String(error);
      }
      return { siteId: site.id, orderNo: order.orderNo, ipn, storedUuid: order.custom.payzenInitialTransactionUuid };
    }
  }
  return undefined;
}

/**
 * The order shipped in parts: before each run of the PayZen job one more shipment becomes
 * SHIPPED (the order PARTSHIPPED, then SHIPPED with the last one), so each run debits one.
 */
function shipInParts(
  runtime: LocalRuntime,
  checkout: PayzenCheckout,
  results: JobResult[],
  titles: Map<JobResult, string>,
): void {
  const order = runtime.core.state.sites.get(checkout.siteId)!.orders.get(checkout.orderNo)!;
  order.shipments.forEach((shipment, index) => {
    const last = index === order.shipments.length - 1;
    shipment.shippingStatus = SHIPPING_STATUS.SHIPPED;
    order.shippingStatus = last ? SHIPPING_STATUS.SHIPPED : SHIPPING_STATUS.PARTSHIPPED;
    const title = `${PAYZEN_JOB}, run ${index + 1} of ${order.shipments.length} (${order.orderNo} ${shipment.id} shipped)`;
    process.stdout.write(`Running ${title}…\n`);
    const result = runtime.runJob(PAYZEN_JOB);
    results.push(result);
    titles.set(result, title);
  });
}

async function main(): Promise<void> {
  process.stdout.write('Building the cartridge…\n');
  build();
  const source = readDemo();
  const bound = await bindSandboxes(source);
  let closeStorefront = async (): Promise<void> => {};
  try {
    for (const [provider, sandbox] of bound.sandboxes)
      process.stdout.write(`Sandbox ${provider.padEnd(6)} ${sandbox.baseUrl}\n`);
    const metadata = loadRuntimeMetadata();
    const runtime = new LocalRuntime({ state: readInstance(bound.instance, metadata, DEMO_INSTANCE), metadata });
    const results: JobResult[] = [];
    const titles = new Map<JobResult, string>();
    // Seed 003: the runtime's storefront receives PayZen's IPN; the checkout pays the order.
    const storefront = await runtime.startStorefront();
    closeStorefront = () => storefront.close();
    process.stdout.write(`Storefront ${storefront.baseUrl} (receives PayZen's IPN: ${PAYZEN_NOTIFY})\n`);
    const payzen = bound.sandboxes.get('payzen');
    const checkout = payzen && (await payzenCheckout(source, runtime, payzen, storefront));
    // Seed 002's test run first: monextHandleOrders with DryRun, which sends and changes nothing.
    const monext = runtime.jobs.get(MONEXT_JOB);
    if (monext) {
      const dryRun = structuredClone(monext);
      for (const flow of dryRun.flows)
        for (const step of flow.steps)
          step.parameters = step.parameters.map((p) => (p.name === 'DryRun' ? { name: 'DryRun', value: 'true' } : p));
      runtime.jobs.set(MONEXT_JOB, dryRun);
      process.stdout.write(`Running ${MONEXT_JOB} with DryRun…\n`);
      results.push(runtime.runJob(MONEXT_JOB));
      runtime.jobs.set(MONEXT_JOB, monext);
    }
    for (const jobId of runtime.jobs.keys()) {
      if (jobId === PAYZEN_JOB && checkout) {
        shipInParts(runtime, checkout, results, titles);
        continue;
      }
      process.stdout.write(`Running ${jobId}…\n`);
      results.push(runtime.runJob(jobId));
    }
    const report = runReport(runtime.core, results);
    const state = runtime.core.state;
    const payzenLines =
      checkout && payzen
        ? `${payzenIpnLine(checkout.orderNo, checkout.ipn, checkout.storedUuid)}\n` +
          `${payzenDebitsLine(await payzen.journal())}\n`
        : '';
    process.stdout.write(
      `\n${resultTable(results, titles)}\n\n${operationsTable(source, state)}\n` +
        `\n${monextTable(source, state)}\n` +
        `\n${komojuTable(source, state)}\n` +
        `\n${payzenLines}${payzenTable(source, state)}\n${storedMethodsNote(state)}\n`,
    );
    const journals = await Promise.all(
      [...bound.sandboxes].map(async ([provider, sandbox]) => `${provider} ${(await sandbox.journal()).length}`),
    );
    const calls = journals.join(', ');
    process.stdout.write(`Provider calls: ${calls}\n`);
    process.stdout.write(
      `Logs: ${report.logs.length} · e-mails: ${report.mails.length} · runtime warnings: ${report.warnings.length}\n`,
    );
    for (const warning of report.warnings)
      process.stdout.write(`${wrapText(`⚠ ${warning.code}: ${warning.message}`, undefined, '  ')}\n`);
    fs.mkdirSync(path.dirname(DEMO_OUTPUT), { recursive: true });
    fs.writeFileSync(DEMO_OUTPUT, instanceFileText(DEMO_OUTPUT, runtime.core.state, report, runtime.core.now()));
    process.stdout.write(`State after the run: ${path.relative(PATHS.root, DEMO_OUTPUT)}\n`);
    const failed = results.filter((r) => r.status !== 'OK');
    // The checkout's IPN must have stored the initial transaction, else nothing can be debited.
    const ipnStored = !checkout || typeof checkout.storedUuid === 'string';
    if (!ipnStored) process.stdout.write(`The PayZen IPN stored nothing on ${checkout.orderNo}.\n`);
    process.stdout.write(failed.length === 0 ? 'All jobs ended OK.\n' : `${failed.length} job(s) ended in ERROR.\n`);
    process.exitCode = failed.length === 0 && ipnStored ? 0 : 1;
  } finally {
    await closeStorefront();
    await bound.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
