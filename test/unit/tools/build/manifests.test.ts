import { expect } from 'chai';
import path from 'node:path';
import { checkManifests, exportedFunctions, hookFunctionName } from '../../../../tools/build/manifests';
import { tmpDir, writeTree } from '../../../helpers/tmp';

const STEP_MODULE = '"use strict";\nexports.execute = execute;\nfunction execute() { return null; }\n';

function cartridge(files: { [relative: string]: string }): string {
  const root = tmpDir('payops-manifests-');
  writeTree(path.join(root, 'int_x'), {
    '.project': '<projectDescription/>',
    'package.json': '{ "hooks": "./hooks.json" }',
    'hooks.json': '{ "hooks": [] }',
    ...files,
  });
  return root;
}

function steptypes(steps: object[], chunks: object[] = []): string {
  return JSON.stringify({ 'step-types': { 'script-module-step': steps, 'chunk-script-module-step': chunks } });
}

const TASK = { '@type-id': 'custom.X.Task', module: 'int_x/cartridge/scripts/jobs/task.js', function: 'execute' };

describe('tools/build/manifests: steptypes.json and hooks.json resolve to shipped functions', () => {
  it('accepts a task step and a hook whose modules export the named functions', () => {
    const root = cartridge({
      'steptypes.json': steptypes([TASK]),
      'hooks.json': JSON.stringify({
        hooks: [{ name: 'paymentoperations.operation.afterRun', script: './cartridge/scripts/hooks/after' }],
      }),
      'cartridge/scripts/jobs/task.js': STEP_MODULE,
      'cartridge/scripts/hooks/after.js': 'exports.afterRun = function (op) { return op; };',
    });
    expect(checkManifests(root)).to.deep.equal([]);
  });

  it('reports a step module that is not shipped, or not prefixed with the cartridge name', () => {
    const root = cartridge({
      'steptypes.json': steptypes([
        { ...TASK, module: 'int_x/cartridge/scripts/jobs/missing.js' },
        { ...TASK, '@type-id': 'custom.X.Other', module: 'cartridge/scripts/jobs/task.js' },
      ]),
      'cartridge/scripts/jobs/task.js': STEP_MODULE,
    });
    expect(checkManifests(root).map((p) => p.message)).to.deep.equal([
      'step type custom.X.Task: module int_x/cartridge/scripts/jobs/missing.js does not resolve to a shipped file (it must start with the cartridge name)',
      'step type custom.X.Other: module cartridge/scripts/jobs/task.js does not resolve to a shipped file (it must start with the cartridge name)',
    ]);
  });

  it('reports a step function the module does not export (default execute)', () => {
    const withoutFunction: Record<string, string> = { ...TASK };
    delete withoutFunction.function;
    const root = cartridge({
      'steptypes.json': steptypes([withoutFunction]),
      'cartridge/scripts/jobs/task.js': 'exports.run = function () {};',
    });
    expect(checkManifests(root).map((p) => p.message)).to.deep.equal([
      'step type custom.X.Task: task.js does not export a function "execute"',
    ]);
  });

  it('checks chunk steps for read/process/write and the optional functions they name', () => {
    const root = cartridge({
      'steptypes.json': steptypes(
        [],
        [
          {
            '@type-id': 'custom.X.Chunk',
            module: 'int_x/cartridge/scripts/jobs/chunk.js',
            'chunk-size': '10',
            'total-count-function': 'getTotalCount',
          },
        ],
      ),
      'cartridge/scripts/jobs/chunk.js': 'exports.read = function () {}; exports.process = function () {};',
    });
    expect(checkManifests(root).map((p) => p.message)).to.deep.equal([
      'step type custom.X.Chunk: chunk.js does not export a function "write"',
      'step type custom.X.Chunk: chunk.js does not export a function "getTotalCount"',
    ]);
  });

  it('enforces the platform rules for type IDs, string values and chunk sizes', () => {
    const root = cartridge({
      'steptypes.json': steptypes(
        [{ ...TASK, '@type-id': 'X.Task', 'timeout-in-seconds': 900 }],
        [
          {
            '@type-id': 'custom.X.Chunk',
            module: 'int_x/cartridge/scripts/jobs/task.js',
            'read-function': 'execute',
            'process-function': 'execute',
            'write-function': 'execute',
          },
        ],
      ),
      'cartridge/scripts/jobs/task.js': STEP_MODULE,
    });
    expect(checkManifests(root).map((p) => p.message)).to.deep.equal([
      'step type X.Task: @type-id must start with "custom.", have no spaces and ≤ 100 characters',
      'step type X.Task: "timeout-in-seconds" must be a string ("900"), as the platform expects',
      'step type custom.X.Chunk: chunk steps need a positive "chunk-size"',
    ]);
  });

  it('reports hooks whose script is missing or lacks the extension point function', () => {
    const root = cartridge({
      'hooks.json': JSON.stringify({
        hooks: [
          { name: 'paymentoperations.capture.amount', script: './cartridge/scripts/hooks/nowhere' },
          { name: 'paymentoperations.operation.beforeRun', script: './cartridge/scripts/hooks/before.js' },
        ],
      }),
      'cartridge/scripts/hooks/before.js': 'exports.before = function () {};',
    });
    expect(checkManifests(root).map((p) => p.message)).to.deep.equal([
      'hook paymentoperations.capture.amount: script ./cartridge/scripts/hooks/nowhere does not resolve to a shipped file',
      'hook paymentoperations.operation.beforeRun: before.js does not export a function "beforeRun"',
    ]);
  });

  it('requires package.json to point at an existing hooks.json', () => {
    const root = cartridge({ 'package.json': '{ "hooks": "./missing.json" }' });
    expect(checkManifests(root).map((p) => p.message)).to.deep.equal([
      'package.json "hooks" points at ./missing.json, which does not exist',
    ]);
  });

  it('names the function a hook is called with after the last segment, as dw.* hooks are', () => {
    expect(hookFunctionName('dw.order.calculate')).to.equal('calculate');
  });

  it('sees exports written as exports.x = fn, named function declarations and module.exports objects', () => {
    const source =
      'function a() {}\nvar b = function () {};\nexports.a = a;\nexports.b = b;\nexports.notFn = 1;\nmodule.exports = { c: function () {}, d: a };';
    expect(Array.from(exportedFunctions(source)).sort()).to.deep.equal(['a', 'b', 'c', 'd']);
  });
});
