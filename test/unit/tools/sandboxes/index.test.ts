import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeRunning, readSeedFile } from '../../../../tools/sandboxes/cli';
import {
  createSandbox,
  describeCredentials,
  PROVIDER_IDS,
  SANDBOX_FACTORIES,
  startSandbox,
} from '../../../../tools/sandboxes';
import { http } from './core/httpClient';

describe('tools/sandboxes: registry and CLI helpers', () => {
  it('has a factory for every provider id, each with its own base path', () => {
    expect(Object.keys(SANDBOX_FACTORIES).sort()).to.deep.equal([...PROVIDER_IDS].sort());
    for (const id of PROVIDER_IDS) expect(createSandbox(id).provider).to.equal(id);
    expect(createSandbox('alma').basePath).to.equal('');
    expect(createSandbox('monext').basePath).to.equal('/v1');
  });

  it('starts a sandbox by id with provider credentials and describes what it accepts', async () => {
    const running = await startSandbox('alma', { credentials: { apiKey: 'sk_test_other' } });
    try {
      expect(describeCredentials(running.sandbox)).to.deep.equal({
        apiKey: 'sk_test_other',
        authorization: 'Alma-Auth sk_test_other',
      });
      const [seeded] = running.seed([{ id: 'payment_x', purchase_amount: 100 }]);
      const answer = await http(`${running.baseUrl}/v1/payments/payment_x`, {
        headers: { Authorization: 'Alma-Auth sk_test_other' },
      });
      expect(answer.status).to.equal(200);
      const banner = describeRunning(running, [seeded]);
      expect(banner).to.contain(`Base URL (SFCC service credential URL): ${running.baseUrl}`);
      expect(banner).to.contain('apiKey: sk_test_other');
      expect(banner).to.contain('POST   /__sandbox/faults');
    } finally {
      await running.close();
    }
  });

  it('reads seed files as { payments } or a bare array', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-seed-'));
    const wrapped = path.join(dir, 'wrapped.json');
    const bare = path.join(dir, 'bare.json');
    const wrong = path.join(dir, 'wrong.json');
    writeFileSync(wrapped, '{"payments":[{"amount":1}]}');
    writeFileSync(bare, '[{"amount":2}]');
    writeFileSync(wrong, '{"amount":3}');
    expect(readSeedFile(wrapped)).to.deep.equal([{ amount: 1 }]);
    expect(readSeedFile(bare)).to.deep.equal([{ amount: 2 }]);
    expect(() => readSeedFile(wrong)).to.throw('expected { "payments"');
    const demo = path.join(__dirname, '../../../../demo/instance.json');
    expect(readSeedFile(demo, 'alma')).to.deep.include({
      id: 'payment_demo00001001',
      purchase_amount: 12000,
      currency: 'EUR',
      capture_method: 'manual',
      installments_count: 3,
    });
    rmSync(dir, { recursive: true, force: true });
  });
});
