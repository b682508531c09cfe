/** The runtime writes instance files as the repository's Prettier lays them out. */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { formatJson, PRETTIER_MAX_BYTES } from '../../../../../tools/runtime/instance/formatJson';

const ROOT = path.resolve(__dirname, '../../../../..');
const SCRATCH_FILE = path.join(ROOT, '.local', 'instance.json');

async function prettierOptions(): Promise<prettier.Options> {
  return { ...(await prettier.resolveConfig(SCRATCH_FILE)), filepath: SCRATCH_FILE };
}

describe('local runtime: instance files are written as Prettier formats them', () => {
  it('writes the demo instance so that it passes prettier --check', async () => {
    const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'instance.json'), 'utf8')) as unknown;
    const text = formatJson(demo, SCRATCH_FILE);
    expect(await prettier.check(text, await prettierOptions())).to.equal(true);
    expect(text).to.not.equal(`${JSON.stringify(demo, null, 2)}\n`); // short arrays on one line, as Prettier does
  });

  it('follows the repository’s printWidth, with CJK characters counted as two columns', async () => {
    const value = { locales: ['a'.repeat(95), 'b'], jp: ['日本語'.repeat(18)], numbers: [1, 2, 3] };
    expect(formatJson(value, SCRATCH_FILE)).to.equal(
      await prettier.format(JSON.stringify(value), await prettierOptions()),
    );
  });

  it(`writes an instance over ${PRETTIER_MAX_BYTES / 2 ** 20} MiB with two-space indentation without formatting it`, () => {
    const big = { orders: Array.from({ length: 40_000 }, (_, index) => ({ orderNo: String(index), items: [index] })) };
    const text = formatJson(big, SCRATCH_FILE);
    expect(text.length).to.be.greaterThan(PRETTIER_MAX_BYTES);
    expect(text).to.equal(`${JSON.stringify(big, null, 2)}\n`);
  });
});
