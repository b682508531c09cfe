import { expect } from 'chai';
import { freeLocalUrl } from './helpers/freePort';
import { FakeContext, serviceDefinition, serviceRegistry } from './helpers/fakeContext';
import { type RecordedRequest, SandboxServer } from './helpers/sandboxServer';
import type { HTTPService } from '../../../../../../tools/runtime/dw/svc/HTTPService';
import { Result } from '../../../../../../tools/runtime/dw/svc/Result';
import type { ServiceHTTPClient } from '../../../../../../tools/runtime/dw/svc/ServiceHTTPClient';

describe('dw/svc HTTPService over real HTTP', () => {
  let server: SandboxServer;

  before(async () => {
    server = await SandboxServer.start({
      '/payments': { status: 200, body: '{"id":"pay_1","state":"captured"}', headers: { 'X-Request-Id': 'req-1' } },
      '/invalid': { status: 400, statusMessage: 'Bad Request', body: '{"error":"invalid_amount"}' },
      '/broken': { status: 503, body: 'maintenance' },
      '/hold': { hold: true },
      '/echo': { echo: true },
    });
  });
  after(() => server.stop());
  beforeEach(() => server.clear());

  function contextWith(path: string, options: Parameters<typeof serviceDefinition>[2] = {}): FakeContext {
    return new FakeContext([serviceDefinition('psp.http', server.url(path), options)]);
  }

  function echoedRequest(result: Result): RecordedRequest {
    return JSON.parse(String(result.object)) as RecordedRequest;
  }

  const textParser = {
    createRequest: (): null => null,
    parseResponse: (_svc: HTTPService, client: ServiceHTTPClient): string | null => client.text,
  };

  it('returns OK with what parseResponse made of a 2xx response', () => {
    const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
      createRequest(service: HTTPService, payment: { amount: number }) {
        service.setRequestMethod('POST');
        service.addHeader('Content-Type', 'application/json');
        return JSON.stringify({ amount: payment.amount });
      },
      parseResponse(_service: HTTPService, client: ServiceHTTPClient) {
        return { body: JSON.parse(client.text ?? '') as unknown, requestId: client.getResponseHeader('x-request-id') };
      },
    });

    const result = svc.call({ amount: 1250 });

    expect(result.ok).to.equal(true);
    expect(result.isOk()).to.equal(true);
    expect(result.status).to.equal(Result.OK);
    expect(result.object).to.deep.equal({ body: { id: 'pay_1', state: 'captured' }, requestId: 'req-1' });
    expect(result.error).to.equal(0);
    expect(result.errorMessage).to.equal(null);
    expect(result.mockResult).to.equal(false);
    expect(svc.getResponse()).to.equal(result.object);
    expect(svc.getRequestData()).to.equal('{"amount":1250}');
    expect(svc.getClient().statusCode).to.equal(200);
  });

  it('sends the body as UTF-8 with the method and headers the code set', async () => {
    const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
      createRequest(service: HTTPService) {
        service.setRequestMethod('PUT');
        service.addHeader('Content-Type', 'application/json; charset=UTF-8');
        return '{"label":"Café ü"}';
      },
      parseResponse: () => null,
    });

    svc.call();

    const [request] = await server.requests();
    expect(request?.method).to.equal('PUT');
    expect(request?.body).to.equal('{"label":"Café ü"}');
    expect(request?.headers['content-type']).to.equal('application/json; charset=UTF-8');
  });

  it('sends no Content-Type the code did not set', async () => {
    serviceRegistry(contextWith('/payments')).createService('psp.http', textParser).call();
    serviceRegistry(contextWith('/payments'))
      .createService('psp.http', { createRequest: () => 'plain body', parseResponse: () => null })
      .call();

    const requests = await server.requests();
    expect(requests.map((request) => request.headers['content-type'])).to.deep.equal([undefined, undefined]);
  });

  it('appends addParam query parameters and keeps call-local changes out of the next call', async () => {
    const svc = serviceRegistry(contextWith('/echo')).createService('psp.http', {
      createRequest(service: HTTPService, orderNo: string) {
        service.setRequestMethod('GET');
        service.setURL(`${service.getURL()}/orders`);
        service.addParam('order', orderNo);
        service.addParam('note', 'a b&c');
        return null;
      },
      parseResponse: (_svc: HTTPService, client: ServiceHTTPClient) => client.text,
    });

    svc.call('00001');
    svc.call('00002');

    const requests = await server.requests();
    expect(requests.map((request) => request.url)).to.deep.equal([
      '/echo/orders?order=00001&note=a+b%26c',
      '/echo/orders?order=00002&note=a+b%26c',
    ]);
    expect(requests[0]?.method).to.equal('GET');
    expect(svc.getURL()).to.equal(server.url('/echo'));
  });

  it('turns a single array argument into separate arguments (documented)', () => {
    const received: unknown[] = [];
    const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
      createRequest(_svc: HTTPService, ...args: unknown[]) {
        received.push(args);
        return null;
      },
      parseResponse: () => null,
    });

    svc.call(['a', 'b']);
    svc.call([['a', 'b']]);

    expect(received).to.deep.equal([['a', 'b'], [['a', 'b']]]);
  });

  it('returns ERROR with the status code and the body as errorMessage for a 4xx, without parseResponse', () => {
    let parsed = false;
    const svc = serviceRegistry(contextWith('/invalid')).createService('psp.http', {
      createRequest: () => '{}',
      parseResponse() {
        parsed = true;
        return null;
      },
    });

    const result = svc.call();

    expect(result.ok).to.equal(false);
    expect(result.status).to.equal(Result.ERROR);
    expect(result.error).to.equal(400);
    expect(JSON.parse(result.errorMessage ?? '')).to.deep.equal({ error: 'invalid_amount' });
    expect(result.msg).to.equal('Bad Request');
    expect(result.unavailableReason).to.equal(null);
    expect(parsed).to.equal(false);
    expect(svc.getClient().errorText).to.equal('{"error":"invalid_amount"}');
    expect(svc.getClient().text).to.equal(null);
  });

  it('returns ERROR with the status code for a 5xx', () => {
    const result = serviceRegistry(contextWith('/broken')).createService('psp.http', textParser).call();

    expect(result.status).to.equal('ERROR');
    expect(result.error).to.equal(503);
    expect(result.errorMessage).to.equal('maintenance');
  });

  it('returns SERVICE_UNAVAILABLE / TIMEOUT once the profile timeout has passed on a held response', () => {
    const svc = serviceRegistry(contextWith('/hold', { timeoutMillis: 300 })).createService('psp.http', textParser);

    const result = svc.call();

    expect(result.status).to.equal(Result.SERVICE_UNAVAILABLE);
    expect(result.unavailableReason).to.equal(Result.UNAVAILABLE_TIMEOUT);
    expect(result.getUnavailableReason()).to.equal('TIMEOUT');
    expect(result.error).to.equal(0);
    expect(result.errorMessage).to.match(/timed out after 300 ms/);
  });

  it('returns ERROR with the connection failure when nothing listens', async () => {
    const ctx = new FakeContext([serviceDefinition('psp.http', await freeLocalUrl())]);

    const result = serviceRegistry(ctx).createService('psp.http', textParser).call();

    expect(result.status).to.equal('ERROR');
    expect(result.error).to.equal(0);
    expect(result.errorMessage).to.match(/ECONNREFUSED/);
  });

  it('returns SERVICE_UNAVAILABLE / CONFIG_PROBLEM for a URL it cannot call', () => {
    const ctx = new FakeContext([serviceDefinition('psp.http', 'not a url')]);

    const result = serviceRegistry(ctx).createService('psp.http', textParser).call();

    expect(result.status).to.equal('SERVICE_UNAVAILABLE');
    expect(result.unavailableReason).to.equal(Result.UNAVAILABLE_CONFIG_PROBLEM);
  });

  describe('authentication', () => {
    const credentials = { user: 'merchant', password: 's3cret:pass' };

    it('sends Basic authentication from the credential by default', () => {
      const result = serviceRegistry(contextWith('/echo', credentials)).createService('psp.http', textParser).call();

      const expected = `Basic ${Buffer.from('merchant:s3cret:pass').toString('base64')}`;
      expect(echoedRequest(result).headers.authorization).to.equal(expected);
    });

    it("sends the code's own Authorization header after setAuthentication('NONE')", () => {
      const ctx = contextWith('/echo', credentials);
      const svc = serviceRegistry(ctx).createService('psp.http', {
        createRequest(service: HTTPService) {
          service.setAuthentication('NONE');
          service.addHeader('Authorization', 'Alma-Auth sk_test_1');
          return null;
        },
        parseResponse: textParser.parseResponse,
      });

      const result = svc.call();

      expect(echoedRequest(result).headers.authorization).to.equal('Alma-Auth sk_test_1');
      expect(svc.getAuthentication()).to.equal('BASIC');
      expect(ctx.warningCodes()).not.to.include('BASIC_AUTH_REPLACES_HEADER');
    });

    it('replaces an own Authorization header while authentication is BASIC, and warns', () => {
      const ctx = contextWith('/echo', credentials);
      const svc = serviceRegistry(ctx).createService('psp.http', {
        createRequest(service: HTTPService) {
          service.addHeader('Authorization', 'Bearer token');
          return null;
        },
        parseResponse: textParser.parseResponse,
      });

      const result = svc.call();

      expect(echoedRequest(result).headers.authorization).to.match(/^Basic /);
      expect(ctx.warningCodes()).to.include('BASIC_AUTH_REPLACES_HEADER');
    });

    it('sends no Authorization header when the credential has no user and password', () => {
      const result = serviceRegistry(contextWith('/echo')).createService('psp.http', textParser).call();

      expect(echoedRequest(result).headers.authorization).to.equal(undefined);
    });
  });

  it('throws naming the ID for a service the instance does not configure', () => {
    expect(() => serviceRegistry(contextWith('/payments')).createService('psp.unknown', textParser)).to.throw(
      /psp\.unknown/,
    );
  });

  it('returns SERVICE_UNAVAILABLE / DISABLED for a disabled service and sends nothing', async () => {
    const svc = serviceRegistry(contextWith('/payments', { enabled: false })).createService('psp.http', textParser);

    const result = svc.call();

    expect(result.status).to.equal('SERVICE_UNAVAILABLE');
    expect(result.unavailableReason).to.equal(Result.UNAVAILABLE_DISABLED);
    expect(await server.requests()).to.deep.equal([]);
  });

  describe('mock mode', () => {
    it('lets mockFull replace the whole call', async () => {
      let requested = false;
      const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
        createRequest() {
          requested = true;
          return null;
        },
        parseResponse: () => 'real',
        mockFull: (_svc: HTTPService, orderNo: string) => ({ mocked: orderNo }),
      });
      svc.setMock();

      const result = svc.call('00042');

      expect(svc.isMock()).to.equal(true);
      expect(result.ok).to.equal(true);
      expect(result.object).to.deep.equal({ mocked: '00042' });
      expect(result.mockResult).to.equal(true);
      expect(requested).to.equal(false);
      expect(await server.requests()).to.deep.equal([]);
    });

    it('lets mockCall replace only the exchange: createRequest and parseResponse still run', async () => {
      const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
        createRequest: (_svc: HTTPService, amount: number) => JSON.stringify({ amount }),
        mockCall: (_svc: HTTPService, request: string) => ({ statusCode: 200, text: `echo ${request}` }),
        parseResponse: (_svc: HTTPService, response: { text: string }) => response.text,
      });
      svc.setMock();

      const result = svc.call(990);

      expect(result.object).to.equal('echo {"amount":990}');
      expect(result.isMockResult()).to.equal(true);
      expect(await server.requests()).to.deep.equal([]);
    });

    it('fails like a real response when mockCall answers a non-2xx status', () => {
      const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
        createRequest: () => null,
        mockCall: () => ({ statusCode: 404, statusMessage: 'Not Found', errorText: '{"error":"not_found"}' }),
        parseResponse: () => 'never',
      });
      svc.setMock();

      const result = svc.call();

      expect(result.status).to.equal('ERROR');
      expect(result.error).to.equal(404);
      expect(result.errorMessage).to.equal('{"error":"not_found"}');
    });

    it('makes the real call when mock mode is off', () => {
      const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
        ...textParser,
        mockFull: () => 'mocked',
      });

      expect(svc.call().object).to.equal('{"id":"pay_1","state":"captured"}');
    });
  });

  describe('exceptions in callbacks', () => {
    it('turns an exception in createRequest into ERROR with its message', () => {
      const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
        createRequest() {
          throw new Error('amount missing');
        },
        parseResponse: () => null,
      });

      const result = svc.call();

      expect(result.status).to.equal('ERROR');
      expect(result.errorMessage).to.equal('amount missing');
    });

    it('turns an exception in parseResponse into ERROR with its message', () => {
      const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
        createRequest: () => null,
        parseResponse() {
          throw new SyntaxError('Unexpected token');
        },
      });

      expect(svc.call().errorMessage).to.equal('Unexpected token');
    });
  });

  it('throws on a non-OK result after setThrowOnError()', () => {
    const svc = serviceRegistry(contextWith('/invalid')).createService('psp.http', textParser);
    svc.setThrowOnError();

    expect(svc.isThrowOnError()).to.equal(true);
    expect(() => svc.call()).to.throw(/psp\.http.*ERROR.*400/);
  });

  it('does not throw on OK after setThrowOnError()', () => {
    const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', textParser).setThrowOnError();

    expect(svc.call().ok).to.equal(true);
  });

  it('exposes the configuration as ServiceConfig / ServiceCredential / ServiceProfile', () => {
    const ctx = contextWith('/payments', {
      user: 'merchant',
      password: 'pw',
      timeoutMillis: 4000,
      rateLimit: { calls: 10, millis: 1000 },
      circuitBreaker: { calls: 5, millis: 60000 },
    });
    const config = serviceRegistry(ctx).createService('psp.http', textParser).getConfiguration();

    expect(config.ID).to.equal('psp.http');
    expect(config.serviceType).to.equal('HTTP');
    expect(config.credential.ID).to.equal('psp.http.cred');
    expect(config.credential.URL).to.equal(server.url('/payments'));
    expect(config.getCredential().getUser()).to.equal('merchant');
    expect(config.credential.password).to.equal('pw');
    expect(config.profile.ID).to.equal('psp.http.profile');
    expect(config.profile.timeoutMillis).to.equal(4000);
    expect([config.profile.rateLimitCalls, config.profile.rateLimitMillis]).to.deep.equal([10, 1000]);
    expect([config.profile.cbCalls, config.profile.getCbMillis()]).to.deep.equal([5, 60000]);
  });

  it('switches to a known credential with setCredentialID and refuses an unknown one', async () => {
    const ctx = new FakeContext([
      serviceDefinition('psp.http', server.url('/payments')),
      serviceDefinition('psp.other', server.url('/echo')),
    ]);
    const registry = serviceRegistry(ctx);
    registry.createService('psp.other', textParser);
    const svc = registry.createService('psp.http', textParser);

    expect(() => svc.setCredentialID('nope')).to.throw(/nope/);
    svc.setCredentialID('psp.other.cred');

    expect(svc.getCredentialID()).to.equal('psp.other.cred');
    expect(svc.getURL()).to.equal(server.url('/echo'));
    svc.call();
    expect((await server.requests()).map((request) => request.url)).to.deep.equal(['/echo']);
  });

  it('gives parseResponse the response headers, looked up without regard to case', () => {
    const svc = serviceRegistry(contextWith('/payments')).createService('psp.http', {
      createRequest: () => null,
      parseResponse: (_svc: HTTPService, client: ServiceHTTPClient) => ({
        single: client.getResponseHeader('X-REQUEST-ID'),
        listed: client.getResponseHeaders().get('x-request-id')?.get(0),
        values: client.getResponseHeaders('X-Request-Id').toArray(),
        absent: client.getResponseHeader('X-Absent'),
      }),
    });

    expect(svc.call().object).to.deep.equal({ single: 'req-1', listed: 'req-1', values: ['req-1'], absent: null });
  });

  it('posts an HTTPForm service argument map as a url-encoded form and returns the body text', async () => {
    const ctx = new FakeContext([serviceDefinition('psp.form', server.url('/payments'), { type: 'HTTPForm' })]);

    const svc = serviceRegistry(ctx).createService('psp.form', {});
    const result = svc.call({ vads_amount: '1250', label: 'a b' });

    expect(result.object).to.equal('{"id":"pay_1","state":"captured"}');
    expect(svc.getRequestData()).to.deep.equal({ vads_amount: '1250', label: 'a b' });
    const [request] = await server.requests();
    expect(request?.method).to.equal('POST');
    expect(request?.body).to.equal('vads_amount=1250&label=a+b');
    expect(request?.headers['content-type']).to.equal('application/x-www-form-urlencoded');
  });

  it('form-encodes the field map an HTTPForm createRequest returns', async () => {
    const ctx = new FakeContext([serviceDefinition('psp.form', server.url('/payments'), { type: 'HTTPForm' })]);
    const svc = serviceRegistry(ctx).createService('psp.form', {
      createRequest: (_svc: HTTPService, orderNo: string) => ({ order: orderNo, signature: 'x/y=' }),
    });

    svc.call('00007');

    const [request] = await server.requests();
    expect(request?.body).to.equal('order=00007&signature=x%2Fy%3D');
  });

  it('has the documented Result constants', () => {
    expect([Result.OK, Result.ERROR, Result.SERVICE_UNAVAILABLE]).to.deep.equal(['OK', 'ERROR', 'SERVICE_UNAVAILABLE']);
    expect([
      Result.UNAVAILABLE_TIMEOUT,
      Result.UNAVAILABLE_RATE_LIMITED,
      Result.UNAVAILABLE_CIRCUIT_BROKEN,
      Result.UNAVAILABLE_DISABLED,
      Result.UNAVAILABLE_CONFIG_PROBLEM,
    ]).to.deep.equal(['TIMEOUT', 'RATE_LIMITED', 'CIRCUIT_BROKEN', 'DISABLED', 'CONFIG_PROBLEM']);
  });
});
