/** The runtime's JSON layout is Prettier's: a written instance file passes `prettier --check`. */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { displayWidth, formatJson, PRINT_WIDTH } from '../../../../../tools/runtime/instance/jsonText';

const ROOT = path.resolve(__dirname, '../../../../..');

/** Prettier's options for a JSON file in the scratch folder, from the repository's .prettierrc.json. */
async function prettierOptions(): Promise<prettier.Options> {
  const file = path.join(ROOT, '.local', 'instance.json');
  return { ...(await prettier.resolveConfig(file)), filepath: file };
}

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'RefArch',
  'default',
  'fr_FR',
  'ja_JP',
  'ToCapture',
  'キャプチャ',
  'Alma 🙂',
  'a "quote"',
  'x'.repeat(30),
];

function value(next: () => number, depth: number): unknown {
  const pick = next();
  if (depth > 3 || pick < 0.35) {
    const kind = Math.floor(next() * 6);
    if (kind === 0) return Math.round((next() - 0.3) * 10 ** Math.floor(next() * 8)) / 100;
    if (kind === 1) return next() < 0.5;
    if (kind === 2) return null;
    if (kind === 3) return [1e21, -2.5e-7, 0, -0][Math.floor(next() * 4)];
    return WORDS[Math.floor(next() * WORDS.length)]!.repeat(1 + Math.floor(next() * 3));
  }
  const size = Math.floor(next() * 7);
  if (pick < 0.55) return Array.from({ length: size * 4 }, () => Math.floor(next() * 100000));
  if (pick < 0.75) return Array.from({ length: size }, () => value(next, depth + 1));
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`key${i}`, value(next, depth + 1)]));
}

describe('local runtime: instance files are written as Prettier formats them', () => {
  it('uses the printWidth of the repository’s .prettierrc.json', async () => {
    expect((await prettierOptions()).printWidth).to.equal(PRINT_WIDTH);
  });

  it('writes the demo instance so that it passes prettier --check', async () => {
    const demo = JSON.parse(fs.readFileSync(path.join(ROOT, 'demo', 'instance.json'), 'utf8')) as unknown;
    const text = formatJson(demo);
    expect(await prettier.check(text, await prettierOptions())).to.equal(true);
    expect(text).to.not.equal(`${JSON.stringify(demo, null, 2)}\n`); // what the runtime wrote before
  });

  it('matches Prettier on 400 generated values: nesting, long arrays, number fill, CJK and emoji widths', async () => {
    const options = await prettierOptions();
    const next = random(20261123);
    for (let i = 0; i < 400; i++) {
      const generated = { sites: [value(next, 0)], list: value(next, 1), lastRun: { jobs: value(next, 0) } };
      const text = formatJson(generated);
      expect(text, `case ${i}`).to.equal(await prettier.format(JSON.stringify(generated, null, 2), options));
    }
  });

  it('breaks an array at exactly the width where Prettier does', async () => {
    const options = await prettierOptions();
    for (let length = 90; length <= 130; length++) {
      const generated = { locales: ['a'.repeat(length - 20), 'b'], jp: ['日本語'.repeat(Math.floor(length / 6))] };
      expect(formatJson(generated), `length ${length}`).to.equal(
        await prettier.format(JSON.stringify(generated), options),
      );
    }
  });

  it('counts CJK characters as two columns', () => {
    expect(displayWidth('RefArch')).to.equal(7);
    expect(displayWidth('キャプチャ済み')).to.equal(14);
    expect(displayWidth('é')).to.equal(1);
  });

  it('refuses a value with no JSON form', () => {
    expect(() => formatJson(undefined)).to.throw(TypeError, 'no JSON form');
  });
});
