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
    expect(run.stdout).to.match(/Provider calls: alma 11, monext 8, komoju 7, payzen 3/);
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
    // PayZen/Lyra payment on shipment: the shipped parcel of 00001003 is debited.
    expect(run.stdout).to.match(/PaymentOperations-PayzenShipments: OK/);
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
  });
});
