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
    expect(run.stdout).to.match(/Provider calls: alma 2, monext 2, komoju 2, payzen 2/);
    expect(run.stdout).to.match(/All jobs ended OK\./);
    const after = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(after.lastRun.jobs.map((j: { jobId: string }) => j.jobId)).to.include(
      'PaymentOperations-CheckConfiguration',
    );
  });
});
