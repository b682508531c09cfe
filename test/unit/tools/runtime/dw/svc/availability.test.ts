import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeLocalUrl } from './helpers/freePort';
import { FakeContext, serviceDefinition, serviceRegistry } from './helpers/fakeContext';
import { SandboxServer } from './helpers/sandboxServer';
import type { HTTPService } from '../../../../../../tools/runtime/dw/svc/HTTPService';
import type { Result } from '../../../../../../tools/runtime/dw/svc/Result';

describe('dw/svc rate limiter and circuit breaker', () => {
  let server: SandboxServer;

  before(async () => {
    server = await SandboxServer.start({
      '/payments': { status: 200, body: 'ok' },
      '/invalid': { status: 400, body: 'bad' },
      '/broken': { status: 500, body: 'boom' },
      '/hold': { hold: true },
    });
  });
  after(() => server.stop());
  beforeEach(() => server.clear());

  const callback = { createRequest: (): null => null, parseResponse: (): string => 'parsed' };

  function outcome(result: Result): string {
    return result.unavailableReason ?? (result.ok ? 'OK' : `ERROR ${result.error}`);
  }

  function serviceOn(ctx: FakeContext): HTTPService {
    return serviceRegistry(ctx).createService('psp.http', callback);
  }

  describe('rate limiter', () => {
    it('refuses calls beyond rateLimitCalls within the window, sending nothing, then allows again', async () => {
      const ctx = new FakeContext([
        serviceDefinition('psp.http', server.url('/payments'), { rateLimit: { calls: 2, millis: 300 } }),
      ]);
      const svc = serviceOn(ctx);

      expect([svc.call(), svc.call(), svc.call()].map(outcome)).to.deep.equal(['OK', 'OK', 'RATE_LIMITED']);
      expect(await server.requests()).to.have.length(2);

      await sleep(350);
      expect(outcome(svc.call())).to.equal('OK');
    });

    it('counts the calls of every service object created for the same service in the run', () => {
      const ctx = new FakeContext([
        serviceDefinition('psp.http', server.url('/payments'), { rateLimit: { calls: 1, millis: 5000 } }),
      ]);

      expect(outcome(serviceOn(ctx).call())).to.equal('OK');
      expect(outcome(serviceOn(ctx).call())).to.equal('RATE_LIMITED');
      expect(outcome(serviceOn(new FakeContext([ctx.service('psp.http')!])).call())).to.equal('OK');
    });
  });

  describe('circuit breaker', () => {
    it('opens after cbCalls 5xx failures within cbMillis, sends nothing while open, closes after the window', async () => {
      const ctx = new FakeContext([
        serviceDefinition('psp.http', server.url('/broken'), { circuitBreaker: { calls: 2, millis: 400 } }),
      ]);
      const svc = serviceOn(ctx);

      expect([svc.call(), svc.call(), svc.call()].map(outcome)).to.deep.equal([
        'ERROR 500',
        'ERROR 500',
        'CIRCUIT_BROKEN',
      ]);
      expect(await server.requests()).to.have.length(2);

      await sleep(450);
      expect(outcome(svc.call())).to.equal('ERROR 500');
      expect(await server.requests()).to.have.length(3);
    });

    it('does not count 4xx responses', () => {
      const ctx = new FakeContext([
        serviceDefinition('psp.http', server.url('/invalid'), { circuitBreaker: { calls: 2, millis: 5000 } }),
      ]);
      const svc = serviceOn(ctx);

      expect([svc.call(), svc.call(), svc.call()].map(outcome)).to.deep.equal(['ERROR 400', 'ERROR 400', 'ERROR 400']);
    });

    it('counts refused connections', async () => {
      const ctx = new FakeContext([
        serviceDefinition('psp.http', await freeLocalUrl(), { circuitBreaker: { calls: 1, millis: 5000 } }),
      ]);
      const svc = serviceOn(ctx);

      expect([svc.call(), svc.call()].map(outcome)).to.deep.equal(['ERROR 0', 'CIRCUIT_BROKEN']);
    });

    it('counts timeouts', () => {
      const ctx = new FakeContext([
        serviceDefinition('psp.http', server.url('/hold'), {
          timeoutMillis: 150,
          circuitBreaker: { calls: 1, millis: 5000 },
        }),
      ]);
      const svc = serviceOn(ctx);

      expect([svc.call(), svc.call()].map(outcome)).to.deep.equal(['TIMEOUT', 'CIRCUIT_BROKEN']);
    });

    it('keeps successes from closing an open breaker', async () => {
      const ctx = new FakeContext([
        serviceDefinition('psp.http', server.url('/broken'), { circuitBreaker: { calls: 1, millis: 5000 } }),
        serviceDefinition('psp.ok', server.url('/payments'), { circuitBreaker: { calls: 1, millis: 5000 } }),
      ]);
      const registry = serviceRegistry(ctx);

      expect(outcome(registry.createService('psp.http', callback).call())).to.equal('ERROR 500');
      expect(outcome(registry.createService('psp.ok', callback).call())).to.equal('OK');
      expect(outcome(registry.createService('psp.http', callback).call())).to.equal('CIRCUIT_BROKEN');
    });
  });
});
