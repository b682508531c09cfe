/** `npm start`, the README's first command: build, sandboxes, demo instance, every job, a table. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { displayWidth } from '../../tools/textWidth';

const ROOT = path.resolve(__dirname, '../..');

describe('integration: npm start (the local demo)', function () {
  this.timeout(120_000);

  it('runs every job on the demo instance against the four sandboxes and prints the result table', () => {
    const output = path.join(ROOT, 'dist', 'demo', 'instance-after.json');
    const demo = path.join(ROOT, 'demo', 'instance.json');
    const demoBefore = fs.readFileSync(demo);
    fs.rmSync(output, { force: true });
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/start.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(run.status, run.stderr).to.equal(0);
    for (const provider of ['alma', 'monext', 'komoju', 'payzen']) {
      expect(run.stdout).to.match(new RegExp(`Sandbox ${provider}\\s+http://127\\.0\\.0\\.1:\\d+`));
    }
    expect(run.stdout).to.match(/PaymentOperations-CheckConfiguration: OK/);
    expect(run.stdout).to.match(/│ RefArch\s+│ CheckConfiguration │ OK/);
    expect(run.stdout).to.match(/│ RefArchJP\s+│ CheckConfiguration │ OK/);
    // Alma: 1 capture and one read of what its 3-instalment payment settles (the capture reports the
    // first instalment), 1 cancel, 2 refunds, 2 fee-plan lists per site (2 sites), 2 connection tests.
    // Monext: 2 connection tests; per order 1 session read and 1 operation (capture, cancel, refund).
    // KOMOJU: 2 connection tests, 1 capture on shipment, 1 cancel, 1 refund, 2 method lists (2 sites).
    // PayZen: 2 connection tests (Transaction/Get, one per site), the checkout's Charge/CreatePayment
    // (sent by npm start as the storefront would), and 3 Charge/CreateShipmentTransaction (one debit
    // per shipment). The IPN is the sandbox calling the storefront, not a call it receives.
    expect(run.stdout).to.match(/Provider calls: alma 11, monext 8, komoju 7, payzen 6/);
    // Before → after over two lines, the Payment Operations Result on a full-width line below.
    expect(run.stdout).to.match(
      /│ RefArch\s+│ 00001001 │ ToCapture →\s+│ –\s+│ –\s+│ €120\.00\s+│ –\s+│\n│\s+│\s+│ Captured\s+│/,
    );
    expect(run.stdout).to.match(/│ RefArch\s+│ 00001004 │ ToCapture\s+│ – →\s+│[^\n]+\n│\s+│\s+│\s+│ Cancelled\s+│/);
    expect(run.stdout).to.match(
      /│ RefArch\s+│ 00001005 │ Captured\s+│ –\s+│ – →\s+│ –\s+│ €90\.00\s+│\n[^\n]+│ Refunded\s+│/,
    );
    expect(run.stdout).to.match(
      /│ RefArch\s+│ 00001006 │ Captured\s+│ –\s+│ – →\s+│ –\s+│ €15\.00\s+│\n[^\n]+│ PartiallyRefunded\s+│/,
    );
    expect(run.stdout).to.match(/│ Result: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — Capture succeeded at Alma/);
    expect(run.stdout).to.match(/AlmaDeferredCapture: OK/);
    expect(run.stdout).to.match(
      /│ RefArchJP\s+│ Report\s+│ OK\s+│ \d+ ms\s+│ Switched off[^\n]+\n│\s+│\s+│ DEACTIVATED\s+│/,
    );
    // The KOMOJU orders of RefArchJP: the unpaid one cancelled at KOMOJU, the paid one refunded.
    expect(run.stdout).to.match(/komojuCancelProcess: OK/);
    expect(run.stdout).to.match(/│ RefArchJP\s+│ 00002001 │ –\s+│ – →\s+│ –\s+│ –\s+│\n[^\n]+│ Cancelled\s+│/);
    expect(run.stdout).to.match(/│ RefArchJP\s+│ 00002002 │ –\s+│ –\s+│ – →\s+│ ¥21,500\s+│\n[^\n]+│ Refunded\s+│/);
    expect(run.stdout).to.match(/│ RefArchJP\s+│ 00002003 │ – →\s+│ –\s+│ –\s+│ –\s+│\n│\s+│\s+│ Captured\s+│/);
    expect(run.stdout).to.match(/│ Result: [^│]+ — Refund of 21500 JPY\s+│\n│ succeeded at KOMOJU/);
    expect(run.stdout).to.not.match(/0 selected/);
    expect(run.stdout).to.match(/\nKOMOJU methods stored on RefArchJP: credit_card:JPY on, konbini:JPY on, /);
    // PayZen/Lyra payment on shipment, seed 003's example end to end: 00001003 (74.12 EUR, three
    // shipments) paid at checkout, its IPN answered by the storefront's controller, then shipped in
    // three parts, each run of the PayZen job debiting one shipment.
    expect(run.stdout).to.match(
      /\nStorefront http:\/\/127\.0\.0\.1:\d+ \(receives PayZen's IPN: PaymentOperationsPayzen-Notify\)\n/,
    );
    expect(run.stdout).to.contain(
      'Paying 00001003 at checkout: PayZen Charge/CreatePayment, 74.12 EUR, payment on shipment…\n',
    );
    const ipn = /\nPayZen IPN for 00001003: 200 OK, initial transaction ([0-9a-f]{8})… stored\.\n/.exec(run.stdout);
    expect(ipn, 'the IPN line').to.not.equal(null);
    ['parcel-1', 'parcel-2', 'parcel-3'].forEach((parcel, index) => {
      expect(run.stdout).to.match(
        new RegExp(
          `\\nPaymentOperations-PayzenShipments, run ${index + 1} of 3 \\(00001003 ${parcel} shipped\\): OK in \\d+ ms\\n` +
            '(?:[^\\n]*\\n){5}│ RefArch\\s+│ Report\\s+│ OK\\s+│ \\d+ ms\\s+│ 1 selected: 1 succeeded, 0 rejected, 0 failed,',
        ),
      );
    });
    const debits =
      /\nPayZen debits received \(Charge\/CreateShipmentTransaction, minor units\): ([\d, ]+) EUR\.\n/.exec(run.stdout);
    expect(debits?.[1]?.split(', ').map(Number), 'the debits PayZen received').to.deep.equal([3500, 2500, 1412]);
    const debitCells: string[] = [];
    for (const [parcel, amount] of [
      ['parcel-1', '35\\.00'],
      ['parcel-2', '25\\.00'],
      ['parcel-3', '14\\.12'],
    ]) {
      const row = new RegExp(
        `│ RefArch │ 00001003 │ ${parcel}\\s+│ €${amount} │ €${amount}\\s+│ ([0-9a-f]{8})… │ – →\\s+│\\n[^\\n]+│ Captured\\s+│`,
      ).exec(run.stdout);
      expect(row, `the row of ${parcel}`).to.not.equal(null);
      debitCells.push(row![1]!);
    }
    expect(new Set(debitCells).size, 'three debits, each its own transaction').to.equal(3);
    expect(debitCells, 'a debit is not the initial transaction').to.not.include(ipn![1]);
    // The whole order: its Payment Capture Status, Captured Amount, and the last debit's result.
    expect(run.stdout).to.match(
      /│ RefArch │ 00001003 │ whole order │ €74\.12 │ €74\.12\s+│\s+│ – →\s+│\n[^\n]+│ Captured\s+│\n[^\n]+\n│ Result: [^│]+ — Shipment capture of 14\.12 EUR\s+│/,
    );
    // Monext: the seed's test run first (DryRun: nothing sent), then 00001002 captured on shipment,
    // 00001007 cancelled before capture, 00001008 refunded after capture.
    expect(run.stdout).to.match(/Running monextHandleOrders with DryRun…/);
    expect(run.stdout).to.match(/│ DRY_RUN │[^\n]+│ changed \(3 selected: 0 succeeded/);
    expect(run.stdout).to.match(
      /│ RefArch\s+│ Report\s+│ OK\s+│ \d+ ms\s+│ 3 selected: 3 succeeded, 0 rejected, 0 failed,/,
    );
    expect(run.stdout).to.match(/│ RefArch │ 00001002 │ – →\s+│ –\s+│ –\s+│ €89\.90\s+│ –\s+│\n[^\n]+│ Captured\s+│/);
    expect(run.stdout).to.match(/│ RefArch │ 00001007 │ –\s+│ – →\s+│[^\n]+\n[^\n]+│ Cancelled\s+│/);
    expect(run.stdout).to.match(/│ RefArch │ 00001008 │ –\s+│ –\s+│ – →\s+│ –\s+│ €60\.00\s+│\n[^\n]+│ Refunded\s+│/);
    expect(run.stdout).to.match(/All jobs ended OK\.\n$/);
    const wide = run.stdout.split('\n').filter((line) => displayWidth(line) > 100);
    expect(wide, 'lines wider than 100 columns').to.deep.equal([]);
    expect(fs.readFileSync(demo).equals(demoBefore), 'npm start changed demo/instance.json').to.equal(true);
    const after = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(after.lastRun.jobs.map((j: { jobId: string }) => j.jobId)).to.include(
      'PaymentOperations-CheckConfiguration',
    );
    // What the PayZen lines showed is what the order holds: the IPN's initial transaction, one debit per shipment.
    type Held = {
      orderNo: string;
      custom: Record<string, string>;
      shipments: Array<{ custom: Record<string, string> }>;
    };
    const payzenOrder = (after.sites[0].orders as Held[]).find((o) => o.orderNo === '00001003')!;
    expect(payzenOrder.custom.payzenInitialTransactionUuid).to.match(new RegExp(`^${ipn![1]}[0-9a-f]{24}$`));
    expect(payzenOrder.shipments.map((x) => x.custom.payopsCaptureReference.slice(0, 8))).to.deep.equal(debitCells);
  });
});
