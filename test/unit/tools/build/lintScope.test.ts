/**
 * The `lint` and `format` scripts run Prettier on the project's sources only: every tracked file
 * Prettier formats, and not the JSON a user leaves in the repository root or in the git-ignored
 * scratch folder .local/ (the README's local-runtime examples write there).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';

const ROOT = path.resolve(__dirname, '../../../..');
const scripts = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** The paths a script hands to `prettier --check` / `prettier --write`. */
function prettierPaths(script: string, flag: '--check' | '--write'): string[] {
  const command = scripts[script] ?? '';
  const start = command.indexOf(`prettier ${flag} `);
  expect(start, `${script} runs prettier ${flag}`).to.be.greaterThan(-1);
  const rest = command.slice(start + `prettier ${flag} `.length);
  return rest.split('&&')[0]!.trim().split(/\s+/);
}

function covered(file: string, paths: string[]): boolean {
  return paths.some((p) => p === '.' || file === p || file.startsWith(`${p}/`));
}

function trackedFiles(): string[] | null {
  const git = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status !== 0) return null;
  return git.stdout.split('\0').filter(Boolean);
}

describe('package.json lint and format: Prettier on our sources only', () => {
  const checked = prettierPaths('lint', '--check');

  it('format writes exactly the paths lint checks', () => {
    expect(prettierPaths('format', '--write')).to.deep.equal(checked);
  });

  it('names only paths that exist, and neither the repository root nor the scratch folder .local/', () => {
    for (const p of checked) expect(fs.existsSync(path.join(ROOT, p)), p).to.equal(true);
    for (const stray of ['instance.json', 'after.json', '.local/instance.json', '.local/after.json']) {
      expect(covered(stray, checked), `${stray} would be checked`).to.equal(false);
    }
  });

  it('checks every tracked file Prettier formats (nothing escapes the check)', async function () {
    const files = trackedFiles();
    if (!files) this.skip(); // not a git checkout: nothing tells tracked files from a user's own
    const ignorePath = path.join(ROOT, '.prettierignore');
    const escaped: string[] = [];
    for (const file of files!) {
      const info = await prettier.getFileInfo(path.join(ROOT, file), { ignorePath });
      if (!info.ignored && info.inferredParser !== null && !covered(file, checked)) escaped.push(file);
    }
    expect(escaped).to.deep.equal([]);
  });

  it('git ignores the scratch folder .local/ and Prettier ignores it even when run on the whole tree', function () {
    const ignored = spawnSync('git', ['check-ignore', '-q', '.local/instance.json'], { cwd: ROOT });
    if (ignored.error) this.skip();
    expect(ignored.status, '.local/ is git-ignored').to.equal(0);
    expect(fs.readFileSync(path.join(ROOT, '.prettierignore'), 'utf8').split('\n')).to.include('/.local/');
  });
});
