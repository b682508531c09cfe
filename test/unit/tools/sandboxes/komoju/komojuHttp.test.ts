import { expect } from 'chai';
import { startSandbox, type RunningSandbox } from '../../../../../tools/sandboxes/core/server';
import { createKomojuSandbox, DEFAULT_KOMOJU_SECRET_KEY } from '../../../../../tools/sandboxes/komoju';

const NOW = new Date('2025-03-01T10:00:00Z');
const AUTH = `Basic ${Buffer.from(`${DEFAULT_KOMOJU_SECRET_KEY}:`).toString('base64')}`;

describe('KOMOJU sandbox over HTTP', () => {
  let running: RunningSandbox;

  before(async () => {
    running = await startSandbox(createKomojuSandbox(), { port: 0, latencyMs: 150, now: () => NOW });
  });

  after(async () => {
    await running.close();
  });

  beforeEach(() => running.reset());

  function seedCaptured(): string {
    const [payment] = running.seed([{ amount: 5000, status: 'captured' }]) as Array<{ id: string }>;
    return payment.id;
  }

  function refund(id: string, key: string): Promise<Response> {
    return fetch(`${running.baseUrl}/payments/${id}/refund`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json', 'x-komoju-idempotency': key },
      body: JSON.stringify({ amount: 1000 }),
    });
  }

  it('serves the payment under /api/v1 and refuses the defective cartridge header', async () => {
    const id = seedCaptured();
    const ok = await fetch(`${running.baseUrl}/payments/${id}`, { headers: { authorization: AUTH } });
    expect(ok.status).to.equal(200);
    expect(((await ok.json()) as { status: string }).status).to.equal('captured');
    const defective = Buffer.from(DEFAULT_KOMOJU_SECRET_KEY).toString('base64');
    const refused = await fetch(`${running.baseUrl}/payments/${id}`, { headers: { authorization: defective } });
    expect(refused.status).to.equal(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).to.equal('unauthorized');
  });

  it('answers 409 to a concurrent retry with the same key, then replays the first answer', async () => {
    const id = seedCaptured();
    const [first, retry] = await Promise.all([refund(id, 'concurrent'), refund(id, 'concurrent')]);
    expect([first.status, retry.status].sort()).to.deep.equal([200, 409]);
    const winner = first.status === 200 ? first : retry;
    const firstBody = await winner.json();
    const replay = await refund(id, 'concurrent');
    expect(replay.status).to.equal(200);
    expect(await replay.json()).to.deep.equal(firstBody);
    const snapshot = running.snapshot() as { payments: Array<{ amount_refunded: number }> };
    expect(snapshot.payments[0].amount_refunded).to.equal(1000);
  });

  it('sends KOMOJU error bodies for injected faults', async () => {
    const id = seedCaptured();
    running.addFault({ kind: 'status', status: 503, route: 'refund' });
    const response = await refund(id, 'fault');
    expect(response.status).to.equal(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).to.equal('service_unavailable');
  });
});
