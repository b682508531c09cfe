/**
 * The real CheckConfiguration step, compiled in dist/, run by the local runtime against the four
 * provider sandboxes over loopback HTTP (sandboxes in a child process: service calls block).
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { readInstance } from '../../tools/runtime/instance/loadInstance';
import type { InstanceFile } from '../../tools/runtime/instance/types';
import { LocalRuntime } from '../../tools/runtime/localRuntime';
import { bindSandboxes, type BoundSandboxes } from '../../tools/runtime/sandboxBinding';
import { loadRuntimeMetadata } from '../../tools/runtime/state/metadata';
import { ensureBuilt } from '../helpers/built';

const JOB = 'PaymentOperations-CheckConfiguration';
const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '../../demo/instance.json'), 'utf8')) as InstanceFile;
const metadata = loadRuntimeMetadata();

function runtimeFor(instance: InstanceFile, change: (copy: InstanceFile) => void = () => undefined): LocalRuntime {
  const copy = JSON.parse(JSON.stringify(instance)) as InstanceFile;
  change(copy);
  return new LocalRuntime({ state: readInstance(copy, metadata), metadata });
}

function service(instance: InstanceFile, id: string) {
  const found = instance.services?.find((s) => s.id === `paymentoperations.${id}`);
  if (!found) throw new Error(`no service ${id}`);
  return found;
}

describe('integration: CheckConfiguration from dist against the provider sandboxes', function () {
  this.timeout(60_000);
  let bound: BoundSandboxes;

  before(async () => {
    ensureBuilt();
    bound = await bindSandboxes(demo);
  });
  after(async () => bound?.close());
  beforeEach(async () => {
    for (const sandbox of bound.sandboxes.values()) {
      await sandbox.clearJournal();
      await sandbox.clearFaults();
    }
  });

  it('passes on both demo sites with one authenticated, read-only call per provider and site', async () => {
    const runtime = runtimeFor(bound.instance);
    const result = runtime.runJob(JOB);
    expect(result.status, JSON.stringify(result.steps.map((s) => s.message))).to.equal('OK');
    expect(result.steps.map((s) => `${s.siteId}:${s.exitCode}`)).to.deep.equal(['RefArch:OK', 'RefArchJP:OK']);
    for (const [provider, sandbox] of bound.sandboxes) {
      const journal = await sandbox.journal();
      expect(journal, provider).to.have.length(2);
      for (const entry of journal) {
        expect(entry.status, `${provider} ${entry.path}`).to.be.below(500);
        expect(JSON.stringify(entry.headers)).to.not.match(
          /payops_access_key|testpassword_payopsSandbox|sk_test_payops_sandbox/,
        );
      }
    }
    const logged = runtime.core.communication.map((c) => c.message).join('\n');
    expect(runtime.core.communication.filter((c) => c.kind === 'request')).to.have.length(8);
    expect(logged).to.not.match(/sk_test_payops_sandbox|testpassword_payopsSandbox|payops_access_key/);
    expect(runtime.core.warnings).to.deep.equal([]);
  });

  it('ends in ERROR, naming the credential, when a provider rejects the key', () => {
    const runtime = runtimeFor(bound.instance, (copy) => {
      service(copy, 'alma').credential.password = 'sk_test_wrong';
      service(copy, 'monext').credential.password = 'wrong_access_key';
    });
    const result = runtime.runJob(JOB, { site: 'RefArch' });
    expect(result.status).to.equal('ERROR');
    const message = result.steps[0].message ?? '';
    expect(message).to.match(/credentials rejected by Alma \(HTTP 401\)/);
    expect(message).to.match(/credentials rejected by Monext/);
    expect(message).to.not.match(/sk_test_wrong|wrong_access_key/);
  });

  it('does not take the 404 of a Monext credential URL without /v1 as accepted credentials: it names the URL', async () => {
    const runtime = runtimeFor(bound.instance, (copy) => {
      const credential = service(copy, 'monext').credential;
      credential.url = credential.url.replace(/\/v1\/?$/, '');
    });
    const result = runtime.runJob(JOB, { site: 'RefArch' });
    const message = result.steps[0].message ?? '';
    expect(result.steps[0].exitCode, message).to.equal('CONFIGURATION_WARNINGS');
    expect(message).to.match(
      /Monext \(warning\): Connection test: unexpected answer from Monext at http:\/\/127\.0\.0\.1:\d+ \(HTTP 404 that is not Monext's answer for an unknown session: check the credential URL ends with \/v1\)/,
    );
    expect(message).to.not.match(/connection test passed for [^;|]*Monext/);
    const journal = await bound.sandboxes.get('monext')!.journal();
    expect(journal.map((entry) => `${entry.status} ${entry.path}`)).to.deep.equal([
      '404 /checkout/payments/sessions/payops-connection-test',
    ]);
  });

  it('ends OK for a merchant who uses only Alma: the providers without a key are "not configured, skipped" and not called', async () => {
    const runtime = runtimeFor(bound.instance, (copy) => {
      for (const id of ['monext', 'komoju', 'payzen']) delete service(copy, id).credential.password;
    });
    const result = runtime.runJob(JOB, { site: 'RefArch' });
    expect(result.status, JSON.stringify(result.steps.map((s) => s.message))).to.equal('OK');
    expect(result.steps[0].message).to.equal(
      'Site RefArch: configuration complete for Alma; connection test passed for Alma; not configured, skipped: Monext, KOMOJU, PayZen/Lyra',
    );
    for (const [provider, sandbox] of bound.sandboxes) {
      expect(await sandbox.journal(), provider).to.have.length(provider === 'alma' ? 1 : 0);
    }
  });

  it('ends in ERROR when no provider is configured', () => {
    const runtime = runtimeFor(bound.instance, (copy) => {
      for (const id of ['alma', 'monext', 'komoju', 'payzen']) delete service(copy, id).credential.password;
    });
    const result = runtime.runJob(JOB, { site: 'RefArch' });
    expect(result.status).to.equal('ERROR');
    expect(result.steps[0].message).to.match(/^Site RefArch: no provider is configured/);
  });

  it('warns without failing when a provider times out or answers 503', async () => {
    await bound.sandboxes.get('komoju')!.addFault({ route: '*', kind: 'timeout', ms: 5000 });
    await bound.sandboxes.get('payzen')!.addFault({ route: '*', kind: 'status', status: 503 });
    const runtime = runtimeFor(bound.instance, (copy) => {
      service(copy, 'komoju').profile = { timeoutMillis: 300 };
    });
    const result = runtime.runJob(JOB, { site: 'RefArchJP' });
    expect(result.status).to.equal('OK');
    expect(result.steps[0].exitCode).to.equal('CONFIGURATION_WARNINGS');
    expect(result.steps[0].message).to.match(/could not reach KOMOJU[^|]*TIMEOUT/);
    expect(result.steps[0].message).to.match(/could not reach PayZen\/Lyra[^|]*503/);
  });
});
