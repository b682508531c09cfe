/**
 * The test scripts of package.json: `npm test` runs every test file, and each `test:<part>` script
 * runs exactly its part (.mocharc.json names no spec: mocha would add its list to the one given).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const scripts = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** The quoted `test/<folder>/**\/*.test.ts` patterns a script hands to mocha, as folders. */
function foldersRunBy(script: string): string[] {
  const command = scripts[script] ?? '';
  const mocha = command.slice(command.indexOf('mocha'));
  return [...mocha.matchAll(/'(test\/[^']+)'/g)].map((match) => {
    const pattern = match[1]!;
    expect(pattern, `${script}: ${pattern}`).to.match(/^test\/[a-z]+\/\*\*\/\*\.test\.ts$/);
    return pattern.split('/')[1]!;
  });
}

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).includes('fixtures'));
}

describe('package.json test scripts', () => {
  const parts = Object.keys(scripts).filter((name) => name.startsWith('test:'));

  it('give mocha no spec list of its own, so a script or a file named on the command line runs alone', () => {
    const mocharc = JSON.parse(fs.readFileSync(path.join(ROOT, '.mocharc.json'), 'utf8')) as Record<string, unknown>;
    expect(mocharc).to.not.have.property('spec');
  });

  it('offer test:unit, test:integration and test:engine', () => {
    expect(parts).to.include.members(['test:unit', 'test:integration', 'test:engine']);
  });

  it('run every test file in exactly one test:<part> script, and all of them in npm test', () => {
    const everyFolder = foldersRunBy('test');
    const byPart = parts.flatMap((part) => foldersRunBy(part));
    expect([...byPart].sort(), 'each folder in exactly one part').to.deep.equal([...new Set(byPart)].sort());
    expect([...everyFolder].sort()).to.deep.equal([...byPart].sort());
    for (const file of testFiles(path.join(ROOT, 'test'))) {
      expect(everyFolder, `${file} is run by no script`).to.include(file.split(path.sep)[1]);
    }
  });
});
