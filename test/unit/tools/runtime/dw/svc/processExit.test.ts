import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { SandboxServer } from './helpers/sandboxServer';

const run = promisify(execFile);

describe('dw/svc synchronous HTTP worker', () => {
  let server: SandboxServer;

  before(async () => {
    server = await SandboxServer.start({ '/payments': { status: 200, body: 'ok' } });
  });
  after(() => server.stop());

  it('does not keep a script that made a call alive', async () => {
    const script = path.join(__dirname, 'helpers', 'oneCallScript.ts');

    // The child would be killed by the 15 s timeout (and `run` reject) if the worker kept it alive.
    const { stdout } = await run(process.execPath, ['--require', 'tsx/cjs', script, server.url('/payments')], {
      cwd: path.resolve(__dirname, '../../../../../..'),
      timeout: 15000,
    });

    expect(stdout.trim()).to.equal('OK');
  });
});
