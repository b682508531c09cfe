/** `npm start`, the README's first command: build, sandboxes, demo instance, every job, a table. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('integration: npm start (the local demo)', function () {
  this.timeout(120_000);

  it('runs every job on the demo instance against the four sandboxes and prints the result table', () => {
    const output = path.join(ROOT, 'dist', 'demo', 'instance-after.json');
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
    expect(run.stdout).to.match(/Provider calls: alma 11, monext 2, komoju 2, payzen 2/);
    expect(run.stdout).to.match(/│ RefArch\s+│ 00001001 │ ToCapture → Captured\s+│/);
    expect(run.stdout).to.match(/│ RefArch\s+│ 00001004 │ ToCapture\s+│ – → Cancelled\s+│/);
    expect(run.stdout).to.match(/│ RefArch\s+│ 00001005 │ Captured\s+│ –\s+│ – → Refunded\s+│ –\s+│ €90\.00/);
    expect(run.stdout).to.match(/│ RefArch\s+│ 00001006 │ Captured\s+│ –\s+│ – → PartiallyRefunded\s+│ –\s+│ €15\.00/);
    expect(run.stdout).to.match(/AlmaDeferredCapture: OK/);
    expect(run.stdout).to.match(/│ RefArchJP\s+│ Report\s+│ OK\s+│ DEACTIVATED/);
    expect(run.stdout).to.match(/All jobs ended OK\./);
    const after = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(after.lastRun.jobs.map((j: { jobId: string }) => j.jobId)).to.include(
      'PaymentOperations-CheckConfiguration',
    );
  });
});
