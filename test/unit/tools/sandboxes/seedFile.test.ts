/** npm run sandbox -- <provider> --seed <file>: a seed file that cannot be used stops it in one line, exit 2. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tmpDir } from '../../../helpers/tmp';

const ROOT = path.resolve(__dirname, '../../../..');

function sandbox(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/sandboxes/cli.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('sandbox CLI: seed files', () => {
  it('names a missing seed file in one line, exits 2 and starts nothing', () => {
    const missing = path.join(tmpDir(), 'payments.json');
    const run = sandbox(['alma', '--seed', missing]);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.equal(`Seed file ${missing}: no such file\n`);
    expect(run.stdout).to.equal('');
  });

  it('says a seed file that is not JSON is not valid JSON, and exits 2', () => {
    const broken = path.join(tmpDir(), 'payments.json');
    fs.writeFileSync(broken, '{ "payments": [');
    const run = sandbox(['alma', '--seed', broken]);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.match(new RegExp(`^Seed file ${broken}: not valid JSON \\([^\\n]+\\)\\n$`));
    expect(run.stdout).to.equal('');
  });

  it('says a folder given as seed file is a folder', () => {
    const folder = tmpDir();
    const run = sandbox(['alma', '--seed', folder]);
    expect(run.status).to.equal(2);
    expect(run.stderr).to.equal(`Seed file ${folder}: is a folder, not a file\n`);
  });
});
