import { expect } from 'chai';
import { FakeContext, serviceDefinition, serviceRegistry } from './helpers/fakeContext';
import { SandboxServer } from './helpers/sandboxServer';
import type { HTTPService } from '../../../../../../tools/runtime/dw/svc/HTTPService';
import type { ServiceHTTPClient } from '../../../../../../tools/runtime/dw/svc/ServiceHTTPClient';

describe('dw/svc communication log and platform-rule warnings', () => {
  let server: SandboxServer;

  before(async () => {
    server = await SandboxServer.start({
      '/payments': { status: 200, body: '{"token":"tok_live_123","state":"authorized"}' },
    });
  });
  after(() => server.stop());

  function context(): FakeContext {
    return new FakeContext([serviceDefinition('psp.http', server.url('/payments'))]);
  }

  const maskSecrets = (message: string): string =>
    message.replace(/\d{12}(\d{4})/g, '************$1').replace(/tok_live_\w+/g, 'tok_***');

  const cardRequest = {
    createRequest: () => JSON.stringify({ card: '4111111111111111', amount: 100 }),
    parseResponse: (_svc: HTTPService, client: ServiceHTTPClient) => client.text,
  };

  it('logs request and response through filterLogMessage, at the runtime clock, without warning', () => {
    const ctx = context();

    const result = serviceRegistry(ctx)
      .createService('psp.http', { ...cardRequest, filterLogMessage: maskSecrets })
      .call();

    expect(result.ok).to.equal(true);
    expect(ctx.communication).to.deep.equal([
      {
        time: '2026-03-01T10:00:00.000Z',
        serviceId: 'psp.http',
        kind: 'request',
        message: '{"card":"************1111","amount":100}',
      },
      {
        time: '2026-03-01T10:00:00.000Z',
        serviceId: 'psp.http',
        kind: 'response',
        message: '{"token":"tok_***","state":"authorized"}',
      },
    ]);
    expect(ctx.warningCodes()).not.to.include('UNFILTERED_COMMUNICATION_LOG');
  });

  it('uses getRequestLogMessage / getResponseLogMessage, then filterLogMessage', () => {
    const ctx = context();

    serviceRegistry(ctx)
      .createService('psp.http', {
        ...cardRequest,
        getRequestLogMessage: (request: string) => `request ${request.length} chars, card 4111111111111111`,
        getResponseLogMessage: (client: ServiceHTTPClient) => `response ${client.statusCode}`,
        filterLogMessage: maskSecrets,
      })
      .call();

    expect(ctx.communication.map((entry) => entry.message)).to.deep.equal([
      'request 40 chars, card ************1111',
      'response 200',
    ]);
  });

  it('falls back to the default message when a log hook returns null', () => {
    const ctx = context();

    serviceRegistry(ctx)
      .createService('psp.http', { ...cardRequest, getRequestLogMessage: () => null, filterLogMessage: maskSecrets })
      .call();

    expect(ctx.communication[0]?.message).to.equal('{"card":"************1111","amount":100}');
  });

  it('logs the raw bodies and warns once per service when there is no filterLogMessage', () => {
    const ctx = context();
    const registry = serviceRegistry(ctx);

    registry.createService('psp.http', cardRequest).call();
    registry.createService('psp.http', cardRequest).call();

    expect(ctx.communication.map((entry) => entry.message)).to.include('{"card":"4111111111111111","amount":100}');
    expect(ctx.warnings.filter((warning) => warning.code === 'UNFILTERED_COMMUNICATION_LOG')).to.have.length(1);
    expect(ctx.warnings[0]?.message).to.contain('psp.http');
  });

  it('warns HTTP_IN_TRANSACTION for a call made while a transaction is open, and still makes it', () => {
    const ctx = context();
    const svc = serviceRegistry(ctx).createService('psp.http', { ...cardRequest, filterLogMessage: maskSecrets });

    svc.call();
    ctx.transactionOpen = true;
    const result = svc.call();

    expect(result.ok).to.equal(true);
    expect(ctx.warnings).to.deep.equal([
      { code: 'HTTP_IN_TRANSACTION', message: 'psp.http called inside an open transaction' },
    ]);
  });
});
