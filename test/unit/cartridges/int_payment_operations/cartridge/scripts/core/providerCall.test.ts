import { expect } from 'chai';
import {
  callProvider,
  credentialProblem,
  DEFAULT_TIMEOUT_MILLIS,
  INTERACTION_TEXT_LENGTH,
  parseJson,
  RATE_LIMIT_RETRIES,
  serviceTimeoutMillis,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providerCall';
import type { ProviderAdapter } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operation';
import { LocalServiceRegistry, resetDwMocks, type ServiceMockAnswer } from '../../../../../../helpers/dwMocks';

const SERVICE = 'paymentoperations.test';
const KEY = 'sk_test_topSecret';

const adapter = {
  provider: 'alma',
  label: 'Test',
  serviceId: SERVICE,
  supportsIdempotency: false,
  authenticate(svc: dw.svc.HTTPService, credential: dw.svc.ServiceCredential) {
    svc.setAuthentication('NONE');
    svc.addHeader('Authorization', 'Alma-Auth ' + credential.password);
  },
} as unknown as ProviderAdapter;

function answering(answer: ServiceMockAnswer | ((request: unknown) => ServiceMockAnswer)): void {
  LocalServiceRegistry.__configure(SERVICE, {
    credential: { ID: 'c', URL: 'https://provider.test/api//', user: '', password: KEY },
    profile: { ID: 'p', timeoutMillis: 1000 },
    respond: typeof answer === 'function' ? answer : () => answer,
  });
}

describe('core/providerCall', () => {
  beforeEach(() => resetDwMocks());

  describe('the request', () => {
    it('sends method, URL (credential URL + path), JSON body with Content-Type, extra headers, adapter auth', () => {
      answering({ statusCode: 200, text: '{}' });
      callProvider(
        adapter,
        {
          method: 'POST',
          path: '/v1/payments/p1/captures',
          body: { amount: 1999 },
          headers: { 'Idempotency-Key': 'k1' },
        },
        'capture',
      );
      expect(LocalServiceRegistry.__calls).to.have.length(1);
      expect(LocalServiceRegistry.__calls[0].request).to.deep.equal({
        method: 'POST',
        url: 'https://provider.test/api/v1/payments/p1/captures',
        headers: {
          Accept: 'application/json',
          Authorization: 'Alma-Auth ' + KEY,
          'Idempotency-Key': 'k1',
          'Content-Type': 'application/json',
        },
        body: '{"amount":1999}',
        authentication: 'NONE',
      });
    });

    it('sends no body and no Content-Type for a GET', () => {
      answering({ statusCode: 200, text: '{}' });
      callProvider(adapter, { method: 'GET', path: '/v1/payments/p1', body: null }, 'read');
      const request = LocalServiceRegistry.__calls[0].request;
      expect(request).to.include({ method: 'GET', body: null });
      expect(request.headers).to.not.have.property('Content-Type');
    });

    it('keeps the key out of the communication log', () => {
      answering({ statusCode: 200, text: '{"echo":"' + KEY + '"}' });
      callProvider(adapter, { method: 'GET', path: '/x', body: null }, 'read');
      const log = LocalServiceRegistry.__calls[0].log.join('\n');
      expect(log).to.not.include(KEY);
      expect(log).to.include('Alma-Auth ****');
    });
  });

  describe('the answer', () => {
    const get = { method: 'GET' as const, path: '/x', body: null };

    it('reads a 2xx and a 4xx/5xx as answered, with status and text', () => {
      answering({ statusCode: 201, text: '{"id":"c1"}' });
      expect(callProvider(adapter, get, 'read').answer).to.deep.equal({
        kind: 'answered',
        status: 201,
        text: '{"id":"c1"}',
      });
      answering({ statusCode: 400, text: '{"error_code":"bad"}' });
      expect(callProvider(adapter, get, 'read').answer).to.deep.equal({
        kind: 'answered',
        status: 400,
        text: '{"error_code":"bad"}',
      });
      answering({ statusCode: 503, text: '' });
      expect(callProvider(adapter, get, 'read').answer).to.deep.equal({ kind: 'answered', status: 503, text: '' });
    });

    it('reads a timeout as noAnswer: the provider may have acted', () => {
      answering({ unavailable: 'TIMEOUT' });
      expect(callProvider(adapter, get, 'read').answer).to.deep.equal({
        kind: 'noAnswer',
        reason: 'TIMEOUT: Service paymentoperations.test unavailable: TIMEOUT',
      });
    });

    it('reads rate limiter and circuit breaker refusals as notSent: nothing left the platform', () => {
      answering({ unavailable: 'RATE_LIMITED' });
      expect(callProvider(adapter, get, 'read').answer.kind).to.equal('notSent');
      // The rate limiter's refusal was tried again a few times before giving up.
      expect(RATE_LIMIT_RETRIES).to.equal(3);
      expect(LocalServiceRegistry.__calls).to.have.length(1 + RATE_LIMIT_RETRIES);
      LocalServiceRegistry.__calls.length = 0;
      answering({ unavailable: 'CIRCUIT_BROKEN' });
      expect(callProvider(adapter, get, 'read').answer).to.deep.equal({
        kind: 'notSent',
        reason: 'CIRCUIT_BROKEN: Service paymentoperations.test unavailable: CIRCUIT_BROKEN',
      });
    });

    it("keeps the rate limiter's pace: a refused call is sent again after a pause, and its answer kept", () => {
      const answers: ServiceMockAnswer[] = [{ unavailable: 'RATE_LIMITED' }, { statusCode: 200, text: '{"id":"c1"}' }];
      answering(() => answers.shift()!);
      const result = callProvider(adapter, get, 'read');
      expect(result.answer).to.deep.equal({ kind: 'answered', status: 200, text: '{"id":"c1"}' });
      expect(result.interaction).to.include({ status: 200, response: '{"id":"c1"}' });
      expect(LocalServiceRegistry.__calls).to.have.length(2);
    });

    it('does not send again after any other refusal or a timeout', () => {
      for (const answer of [{ unavailable: 'CIRCUIT_BROKEN' }, { unavailable: 'TIMEOUT' }, { statusCode: 429 }]) {
        LocalServiceRegistry.__calls.length = 0;
        answering(answer);
        callProvider(adapter, get, 'read');
        expect(LocalServiceRegistry.__calls, JSON.stringify(answer)).to.have.length(1);
      }
    });

    it('reads a connection error without HTTP status as noAnswer', () => {
      answering({ connectionError: 'Connection reset' });
      expect(callProvider(adapter, get, 'read').answer).to.deep.equal({
        kind: 'noAnswer',
        reason: 'connection error: Connection reset',
      });
    });

    it('reads a missing service configuration as notSent, naming the service', () => {
      const result = callProvider(adapter, get, 'read');
      expect(result.answer).to.deep.equal({
        kind: 'notSent',
        reason: 'service paymentoperations.test: No service configuration found for service ID paymentoperations.test',
      });
      expect(result.interaction.status).to.equal(null);
    });
  });

  describe('the interaction record', () => {
    it('records type, time, request and answer, masked', () => {
      answering({ statusCode: 200, text: '{"id":"c1","key":"' + KEY + '"}' });
      const before = Date.now();
      const { interaction } = callProvider(
        adapter,
        { method: 'POST', path: '/v1/payments/p1/captures', body: { external_id: 'p1' } },
        'capture',
      );
      expect(interaction).to.include({
        type: 'capture',
        request: 'POST /v1/payments/p1/captures {"external_id":"p1"}',
        status: 200,
        response: '{"id":"c1","key":"****"}',
      });
      expect(new Date(interaction.at).getTime()).to.be.at.least(before - 1000);
      expect(interaction.at).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('records the reason when there was no answer', () => {
      answering({ unavailable: 'TIMEOUT' });
      const { interaction } = callProvider(adapter, { method: 'GET', path: '/x', body: null }, 'read');
      expect(interaction).to.include({
        request: 'GET /x',
        status: null,
        response: 'noAnswer: TIMEOUT: Service paymentoperations.test unavailable: TIMEOUT',
      });
    });

    it('cuts long texts to 1000 characters on one line', () => {
      answering({ statusCode: 500, text: 'line\n'.repeat(400) });
      const { interaction } = callProvider(adapter, { method: 'GET', path: '/x', body: null }, 'read');
      expect(INTERACTION_TEXT_LENGTH).to.equal(1000);
      expect(interaction.response).to.have.length(1001);
      expect(interaction.response.endsWith('…')).to.equal(true);
      expect(interaction.response).to.not.include('\n');
    });
  });

  describe('without a key', () => {
    const capture = { method: 'POST' as const, path: '/v1/payments/p1/captures', body: { amount: 1999 } };

    for (const password of ['', '   ', null]) {
      it(`sends nothing when the credential's password is ${JSON.stringify(password)}: notSent, CONFIG_PROBLEM`, () => {
        LocalServiceRegistry.__configure(SERVICE, {
          credential: { ID: 'c', URL: 'https://provider.test/api', user: '', password: password as string },
          profile: { ID: 'p', timeoutMillis: 1000 },
          respond: () => ({ statusCode: 200, text: '{}' }),
        });
        const result = callProvider(adapter, capture, 'capture');
        const reason =
          'CONFIG_PROBLEM: credential c has no key: set its password field to the Alma API key (sk_live_… or sk_test_…)';
        expect(result.answer).to.deep.equal({ kind: 'notSent', reason });
        // Never "Authorization: Alma-Auth null": the request does not leave at all, and is not retried.
        expect(LocalServiceRegistry.__calls).to.deep.equal([]);
        expect(result.interaction).to.include({
          type: 'capture',
          request: 'POST /v1/payments/p1/captures {"amount":1999}',
          status: null,
          response: 'notSent: ' + reason,
        });
      });
    }
  });

  describe('credentialProblem', () => {
    const configure = (credential: { ID: string; URL: string; user: string; password: string } | null) =>
      LocalServiceRegistry.__configure(SERVICE, { credential, profile: null });
    const withProvider = (provider: string) => ({ ...adapter, provider }) as unknown as ProviderAdapter;

    it('is null for a credential with a key (and a user where the provider needs one)', () => {
      configure({ ID: 'c', URL: 'https://provider.test', user: '', password: KEY });
      expect(credentialProblem(adapter)).to.equal(null);
      configure({ ID: 'c', URL: 'https://provider.test', user: 'merchant_1', password: KEY });
      expect(credentialProblem(withProvider('monext'))).to.equal(null);
      expect(LocalServiceRegistry.__calls, 'read from the configuration, without a call').to.deep.equal([]);
    });

    it('names the missing service, credential or key, and the field to fill in', () => {
      expect(credentialProblem(adapter)).to.equal(
        'service paymentoperations.test is not defined (import the site archive)',
      );
      configure(null);
      expect(credentialProblem(adapter)).to.equal('service paymentoperations.test has no credential');
      configure({ ID: 'paymentoperations.komoju.credentials', URL: 'https://provider.test', user: '', password: '' });
      expect(credentialProblem(withProvider('komoju'))).to.equal(
        'credential paymentoperations.komoju.credentials has no key: set its password field to the KOMOJU secret key',
      );
      expect(credentialProblem(withProvider('unknown'))).to.equal(
        'credential paymentoperations.komoju.credentials has no key: set its password field to the API key',
      );
    });

    it('asks for the user of the providers that need one (Monext merchant ID, PayZen shop ID)', () => {
      configure({ ID: 'c', URL: 'https://provider.test', user: ' ', password: KEY });
      expect(credentialProblem(withProvider('monext'))).to.equal(
        'credential c has no user: set its user field to the Monext merchant ID',
      );
      expect(credentialProblem(withProvider('payzen'))).to.equal(
        'credential c has no user: set its user field to the PayZen/Lyra shop ID',
      );
      expect(credentialProblem(withProvider('alma')), 'Alma needs no user').to.equal(null);
    });

    it('reads the configuration it is given', () => {
      const config = {
        credential: { ID: 'given', URL: 'https://provider.test', user: '', password: '' },
      } as unknown as dw.svc.ServiceConfig;
      expect(credentialProblem(adapter, config)).to.match(/^credential given has no key: /);
      expect(credentialProblem(adapter, null)).to.equal(
        'service paymentoperations.test is not defined (import the site archive)',
      );
    });
  });

  describe('serviceTimeoutMillis', () => {
    it("is the service profile's timeout, read without calling the service", () => {
      answering({ statusCode: 200, text: '{}' });
      expect(serviceTimeoutMillis(adapter)).to.equal(1000);
      expect(LocalServiceRegistry.__calls).to.deep.equal([]);
    });

    it('is 30 s when the service has no profile, no timeout, or no configuration at all', () => {
      expect(DEFAULT_TIMEOUT_MILLIS).to.equal(30000);
      LocalServiceRegistry.__configure(SERVICE, { credential: null, profile: null });
      expect(serviceTimeoutMillis(adapter)).to.equal(30000);
      LocalServiceRegistry.__configure(SERVICE, { credential: null, profile: { ID: 'p', timeoutMillis: 0 } });
      expect(serviceTimeoutMillis(adapter)).to.equal(30000);
      LocalServiceRegistry.__reset();
      expect(serviceTimeoutMillis(adapter)).to.equal(30000);
    });
  });

  it('parses JSON answers, and gives null for anything else', () => {
    expect(parseJson('{"a":1}')).to.deep.equal({ a: 1 });
    expect(parseJson('[1]')).to.deep.equal([1]);
    expect(parseJson('<html>')).to.equal(null);
    expect(parseJson('')).to.equal(null);
    expect(parseJson(null)).to.equal(null);
    expect(parseJson(undefined)).to.equal(null);
  });
});
