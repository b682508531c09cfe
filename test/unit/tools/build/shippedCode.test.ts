import { expect } from 'chai';
import { checkSource } from '../../../../tools/build/shippedCode';

function problems(source: string): string[] {
  return checkSource(source, 'fixture.js').map((v) => `${v.line}: ${v.message}`);
}

describe('tools/build/shippedCode: what may ship to the engine', () => {
  it('accepts what tsc emits for ES5 CommonJS', () => {
    const emitted = [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.execute = execute;',
      'var Status = require("dw/system/Status");',
      'var helper = require("*/cartridge/scripts/helper");',
      'var other = require("~/cartridge/scripts/other");',
      'var __assign = (this && this.__assign) || function () { return Object.assign.apply(this, arguments); };',
      'function execute(parameters) { var env = { process: 1 }; return env.process ? new Status(Status.OK) : null; }',
    ].join('\n');
    expect(problems(emitted)).to.deep.equal([]);
  });

  for (const [what, source] of [
    ['arrow functions', 'var f = () => 1;'],
    ['let', 'let x = 1;'],
    ['classes', 'class A {}'],
    ['template literals', 'var s = `a${1}`;'],
    ['trailing commas in calls', 'f(1,);'],
    ['async functions', 'async function f() {}'],
  ]) {
    it(`rejects ${what} as not ES5`, () => {
      const found = problems(source);
      expect(found).to.have.length(1);
      expect(found[0]).to.match(/^1: not ES5: /);
    });
  }

  it('rejects Promise, timers and Node globals, with the line', () => {
    const source = [
      'var p = Promise.resolve(1);',
      'setTimeout(f, 1);',
      'var e = process.env.X;',
      'var b = Buffer.from("x");',
    ].join('\n');
    expect(problems(source)).to.deep.equal([
      '1: uses Promise: Promise does not exist on the B2C Commerce engine',
      '2: uses setTimeout: timers do not exist on the B2C Commerce engine (no event loop)',
      '3: uses process: process is a Node global; it does not exist on the B2C Commerce engine',
      '4: uses Buffer: Buffer is a Node global; use dw.util.Bytes / dw.crypto.Encoding',
    ]);
  });

  it('allows a local variable that happens to be named like a Node global', () => {
    expect(problems('function f(process) { return process; }')).to.deep.equal([]);
  });

  it('rejects require of Node built-ins and tslib, and dynamic require', () => {
    const source = [
      'require("fs");',
      'require("node:path");',
      'require("child_process");',
      'require("tslib");',
      'require(name);',
    ].join('\n');
    expect(problems(source)).to.deep.equal([
      '1: requires the Node built-in "fs", which the engine does not have',
      '2: requires the Node built-in "node:path", which the engine does not have',
      '3: requires the Node built-in "child_process", which the engine does not have',
      '4: requires tslib, which is not on the engine (importHelpers must stay off)',
      '5: require() must take a string literal so the engine and our checks can resolve it',
    ]);
  });
});
