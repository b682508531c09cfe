import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { ensureBuilt } from '../../../helpers/built';
import { tmpDir } from '../../../helpers/tmp';

const ROOT = path.resolve(__dirname, '../../../..');

function local(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/runtime/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const INSTANCE = {
  sites: [
    {
      id: 'RefArch',
      preferences: { ALMA_Deferred_Capture_Activation: true },
      orders: [{ orderNo: '1', custom: { ALMA_Deferred_Capture: 'ToCapture', almaPaymentId: 'payment_1' } }],
    },
  ],
};

/** A temporary folder holding `instance.json` with this content. */
function scratchInstance(instance: unknown = INSTANCE): { dir: string; input: string } {
  const dir = tmpDir();
  const input = path.join(dir, 'instance.json');
  fs.writeFileSync(input, JSON.stringify(instance));
  return { dir, input };
}

describe('local runtime: CLI (npm run local)', () => {
  before(() => ensureBuilt());

  it('runs a job, prints each step and a summary, writes the state with lastRun, and exits 1 when the job failed', () => {
    const { dir, input } = scratchInstance();
    const output = path.join(dir, 'after.json');
    const run = local(['run-job', 'PaymentOperations-CheckConfiguration', '--instance', input, '--out', output]);
    expect(run.stdout).to.match(/▸ site RefArch/);
    expect(run.stdout).to.match(/CheckConfiguration: ERROR/);
    expect(run.stdout).to.match(/Job PaymentOperations-CheckConfiguration: ERROR/);
    expect(run.stdout).to.match(
      /transactions: \d+ committed, \d+ rolled back, 0 custom-object writes · custom objects: 0\n/,
    );
    expect(run.status).to.equal(1);
    const after = JSON.parse(fs.readFileSync(output, 'utf8'));
    expect(after.lastRun.transactions).to.have.keys('commits', 'rollbacks', 'customObjectWrites');
    expect(after.lastRun.customObjects).to.deep.equal({ count: 0 });
    expect(after.sites[0].orders[0].custom).to.deep.equal({
      ALMA_Deferred_Capture: 'ToCapture',
      almaPaymentId: 'payment_1',
    });
    expect(after.lastRun.jobs[0].steps[0]).to.include({
      stepId: 'CheckConfiguration',
      status: 'ERROR',
      siteId: 'RefArch',
    });
    expect(after.lastRun.logs.some((l: { level: string }) => l.level === 'error')).to.equal(true);
    expect(JSON.parse(fs.readFileSync(input, 'utf8'))).to.deep.equal(INSTANCE);
  });

  it('reports instance errors with their JSON path, exits 2 and writes nothing', () => {
    const dir = tmpDir();
    const input = path.join(dir, 'instance.json');
    const output = path.join(dir, 'after.json');
    const broken = {
      sites: [{ id: 'RefArch', orders: [{ orderNo: '1', custom: { ALMA_Deferred_Capture: 'Later' } }] }],
    };
    fs.writeFileSync(input, JSON.stringify(broken));
    const run = local(['run-job', 'PaymentOperations-CheckConfiguration', '--instance', input, '--out', output]);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(
      /\/sites\/0\/orders\/0\/custom\/ALMA_Deferred_Capture: Order\.ALMA_Deferred_Capture 'Later' is not one of its values \(ToCapture, Captured, Failed\)/,
    );
    expect(run.stderr).to.match(/Nothing was written/);
    expect(fs.existsSync(output)).to.equal(false);
    expect(JSON.parse(fs.readFileSync(input, 'utf8'))).to.deep.equal(broken);
  });

  it('names an unknown job and lists the jobs', () => {
    const { input } = scratchInstance();
    const run = local(['run-job', 'NoSuchJob', '--instance', input]);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(/Unknown job 'NoSuchJob'\. Jobs: .*PaymentOperations-CheckConfiguration/);
  });

  it('refuses a site that is not in the instance file with exit code 2', () => {
    const { input } = scratchInstance();
    const run = local([
      'run-job',
      'PaymentOperations-CheckConfiguration',
      '--instance',
      input,
      '--site',
      'Sites-RefArch-Site',
    ]);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(/Site 'Sites-RefArch-Site' is not in .* \(sites: RefArch\)/);
  });

  it('writes the state laid out as Prettier would, creating the --out folder', async () => {
    const { dir, input } = scratchInstance();
    const output = path.join(dir, 'new', 'folder', 'after.json');
    const run = local(['run-job', 'PaymentOperations-CheckConfiguration', '--instance', input, '--out', output]);
    expect(run.stdout).to.contain(`state written to ${output}`);
    const text = fs.readFileSync(output, 'utf8');
    const options = await prettier.resolveConfig(path.join(ROOT, '.local', 'after.json'));
    expect(await prettier.check(text, { ...options, filepath: output })).to.equal(true);
    expect(text).to.match(/\n {6}"locales": \["default"\],\n/); // short arrays on one line, as Prettier puts them
  });

  describe('the shipped demo instance (npm start runs it) is never written', () => {
    const DEMO = path.join(ROOT, 'demo', 'instance.json');
    let demoBefore: Buffer;
    beforeEach(() => {
      demoBefore = fs.readFileSync(DEMO);
    });
    afterEach(() => {
      expect(fs.readFileSync(DEMO).equals(demoBefore), 'demo/instance.json changed').to.equal(true);
    });

    it('refuses run-job on the demo without --out: exit 2, says how to copy it to .local/, runs nothing', () => {
      const run = local(['run-job', 'PaymentOperations-CheckConfiguration', '--instance', 'demo/instance.json']);
      expect(run.status).to.equal(2);
      expect(run.stdout).to.equal('');
      expect(run.stderr).to.equal(
        'Refused: demo/instance.json is the shipped demo that npm start runs, and a run never changes it ' +
          '(without --out, run-job writes back into its instance file). Run on a copy: ' +
          'mkdir -p .local && cp demo/instance.json .local/instance.json, then --instance .local/instance.json; ' +
          'or add --out .local/after.json, or --no-write. Nothing was run.\n',
      );
    });

    it('refuses an --out that names the demo, however the path is spelled', () => {
      const input = path.join(tmpDir(), 'instance.json');
      fs.writeFileSync(input, JSON.stringify(INSTANCE));
      const run = local([
        'run-job',
        'PaymentOperations-CheckConfiguration',
        '--instance',
        input,
        '--out',
        path.join(ROOT, 'demo', '..', 'demo', 'instance.json'),
      ]);
      expect(run.status).to.equal(2);
      expect(run.stderr).to.match(/^Refused: .*is the shipped demo .*\(--out names it\)/);
    });

    it('runs the demo with --out elsewhere, or with --no-write', () => {
      const output = path.join(tmpDir(), 'after.json');
      const withOut = local(['run-job', 'PaymentOperations-CheckConfiguration', '--instance', DEMO, '--out', output]);
      expect(withOut.stderr).to.equal('');
      expect(withOut.stdout).to.match(/Job PaymentOperations-CheckConfiguration: OK/);
      expect(JSON.parse(fs.readFileSync(output, 'utf8')).lastRun.jobs).to.have.length(1);
      const noWrite = local(['run-job', 'PaymentOperations-CheckConfiguration', '--instance', DEMO, '--no-write']);
      expect(noWrite.status).to.equal(0);
      expect(noWrite.stdout).to.not.match(/state written/);
    });
  });

  it('names a missing instance file in one line with the command that copies the demo, and exits 2', () => {
    const missing = path.join(tmpDir(), 'missing.json');
    for (const args of [
      ['run-job', 'PaymentOperations-CheckConfiguration', '--instance', missing],
      ['validate', '--instance', missing],
    ]) {
      const run = local(args);
      expect(run.status, args[0]).to.equal(2);
      expect(run.stderr).to.equal(
        `Instance file ${missing}: no such file. To start from the demo: mkdir -p .local && cp demo/instance.json .local/instance.json\n`,
      );
    }
  });

  it('says an instance file that is not JSON is not valid JSON, and exits 2', () => {
    const input = path.join(tmpDir(), 'instance.json');
    fs.writeFileSync(input, '{ "sites": [ }');
    const run = local(['validate', '--instance', input]);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(new RegExp(`^${input}: 1 problem\\(s\\)\n  /: not valid JSON: [^\n]+\n$`));
  });

  it('refuses an empty --site with exit code 2 and runs nothing', () => {
    const { dir, input } = scratchInstance();
    const output = path.join(dir, 'after.json');
    const run = local([
      'run-job',
      'PaymentOperations-CheckConfiguration',
      '--instance',
      input,
      '--site',
      '',
      '--out',
      output,
    ]);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.equal(
      '--site needs a site ID, e.g. --site RefArch (leave --site out to run every site). Nothing was run.\n',
    );
    expect(fs.existsSync(output)).to.equal(false);
  });

  describe('--cartridges <dir> (repeatable): cartridges beside dist/cartridges', () => {
    const MERCHANT = path.join(__dirname, 'fixtures', 'merchant');
    const SINGLE = path.join(__dirname, 'fixtures', 'single', 'app_single');

    function instanceOn(cartridgePath: string[]): string {
      const input = path.join(tmpDir(), 'instance.json');
      fs.writeFileSync(input, JSON.stringify({ ...INSTANCE, cartridgePath }));
      return input;
    }

    it('runs the job with cartridges of every folder on the instance cartridge path', () => {
      const input = instanceOn(['app_single', 'app_merchant', 'int_payment_operations']);
      const output = path.join(path.dirname(input), 'after.json');
      const run = local([
        'run-job',
        'PaymentOperations-CheckConfiguration',
        '--instance',
        input,
        '--out',
        output,
        '--cartridges',
        MERCHANT,
        '--cartridges',
        SINGLE,
      ]);
      expect(run.stderr).to.equal('');
      expect(run.stdout).to.match(/Job PaymentOperations-CheckConfiguration: ERROR/);
      expect(run.status).to.equal(1);
      expect(JSON.parse(fs.readFileSync(output, 'utf8')).lastRun.jobs[0].jobId).to.equal(
        'PaymentOperations-CheckConfiguration',
      );
    });

    it('exits 2, lists the cartridges it knows and writes nothing when the path names a missing cartridge', () => {
      const input = instanceOn(['app_custom', 'int_payment_operations']);
      const output = path.join(path.dirname(input), 'after.json');
      const without = local(['run-job', 'PaymentOperations-CheckConfiguration', '--instance', input, '--out', output]);
      expect(without.status).to.equal(2);
      expect(without.stderr).to.match(
        /The cartridge path of the instance file \(app_custom:int_payment_operations\) names 'app_custom', which is in none of the cartridge folders \(.*dist\/cartridges\)\. Known cartridges: int_payment_operations\nNothing was written\./,
      );
      const withMerchant = local([
        'run-job',
        'PaymentOperations-CheckConfiguration',
        '--instance',
        input,
        '--out',
        output,
        '--cartridges',
        MERCHANT,
      ]);
      expect(withMerchant.status).to.equal(2);
      expect(withMerchant.stderr).to.match(
        /Known cartridges: app_merchant, int_payment_operations\nNothing was written\./,
      );
      expect(fs.existsSync(output)).to.equal(false);
    });

    it('exits 2 when a cartridge name is found twice', () => {
      const input = instanceOn(['app_merchant', 'int_payment_operations']);
      const run = local([
        'run-job',
        'PaymentOperations-CheckConfiguration',
        '--instance',
        input,
        '--no-write',
        '--cartridges',
        MERCHANT,
        '--cartridges',
        path.join(MERCHANT, 'app_merchant'),
      ]);
      expect(run.status).to.equal(2);
      expect(run.stderr).to.match(/Cartridge 'app_merchant' is found twice[^\n]*\nNothing was written\./);
    });
  });
});
