import { expect } from 'chai';
import sinon from 'sinon';
import {
  basicAuthorization,
  classifyAnswer,
  createProbeCallback,
  endpoint,
  maskSecrets,
  testConnection,
  type ConnectionProbe,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/connectionTest';
import { findProvider } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import { resetDwMocks } from '../../../../../../helpers/dwMocks';
import { base64, Registry, type MockAnswer, type RecordedRequest } from '../providers/probeHarness';

const alma = findProvider('alma')!;
const KEY = 'sk_test_c0reSecret';
const URL = 'https://api.sandbox.getalma.eu';

/** A probe that GETs {URL}/ping with the key in a bearer header, and reads answers by HTTP status. */
const plainProbe: ConnectionProbe = {
  createRequest(svc, credential) {
    svc.setRequestMethod('GET');
    svc.setURL(endpoint(credential, '/ping'));
    svc.setAuthentication('NONE');
    svc.addHeader('Authorization', 'Bearer ' + credential.password);
    return null;
  },
  interpret: () => null,
};

function answering(respond: (request: RecordedRequest) => MockAnswer): void {
  Registry.__configure(alma.serviceId, {
    credential: { ID: 'alma.cred', URL, user: '', password: KEY },
    profile: { ID: 'p', timeoutMillis: 20000 },
    respond,
  });
}

function outcomeFor(answer: MockAnswer): ReturnType<typeof testConnection> {
  answering(() => answer);
  return testConnection(alma, plainProbe);
}

describe('core/connectionTest', () => {
  beforeEach(() => resetDwMocks());

  describe('helpers', () => {
    it('joins the credential URL and a path without doubling the slash', () => {
      const credential = { URL: 'https://komoju.com/api/v1/' } as dw.svc.ServiceCredential;
      expect(endpoint(credential, '/payment_methods')).to.equal('https://komoju.com/api/v1/payment_methods');
    });

    it('builds a Basic header from UTF-8 bytes, empty password included', () => {
      expect(basicAuthorization('sk_test_x', '')).to.equal('Basic ' + base64('sk_test_x:'));
      expect(basicAuthorization('shop', 'pässwörd')).to.equal('Basic ' + base64('shop:pässwörd'));
    });

    it('masks the raw secrets and any Alma-Auth, Basic or Bearer token', () => {
      expect(
        maskSecrets('Authorization: Alma-Auth sk_1\nAuthorization: Basic dXNlcjpw\n{"key":"sk_1"}, Bearer abc', [
          'sk_1',
        ]),
      ).to.equal('Authorization: Alma-Auth ****\nAuthorization: Basic ****\n{"key":"****"}, Bearer ****');
      expect(maskSecrets(null, [''])).to.equal('');
    });

    it('gives a callback that returns the status and text, and filters the log with the credential key', () => {
      answering(() => ({ statusCode: 200, text: 'ok' }));
      const probe = { createRequest: sinon.stub().returns(null), interpret: () => null };
      const callback = createProbeCallback(probe);
      const svc = (
        require('dw/svc/LocalServiceRegistry') as { createService: (id: string, cb: object) => unknown }
      ).createService(alma.serviceId, callback) as dw.svc.HTTPService;
      expect(callback.createRequest(svc)).to.equal(null);
      expect(probe.createRequest.firstCall.args[1]).to.include({ ID: 'alma.cred', password: KEY });
      expect(callback.parseResponse(svc, { statusCode: 404, text: 'x' } as dw.net.HTTPClient)).to.deep.equal({
        status: 404,
        text: 'x',
      });
      expect(callback.filterLogMessage('key=' + KEY)).to.equal('key=****');
    });
  });

  describe('classifyAnswer', () => {
    it('reads answers by HTTP status unless the probe has its own verdict', () => {
      expect(classifyAnswer(plainProbe, { status: 204, text: '' })).to.deep.equal({ outcome: 'accepted' });
      expect(classifyAnswer(plainProbe, { status: 401, text: '' })).to.deep.equal({
        outcome: 'rejected',
        detail: 'HTTP 401',
      });
      expect(classifyAnswer(plainProbe, { status: 403, text: '' }).outcome).to.equal('rejected');
      expect(classifyAnswer(plainProbe, { status: 503, text: '' })).to.deep.equal({
        outcome: 'unreachable',
        detail: 'HTTP 503',
      });
      expect(classifyAnswer(plainProbe, { status: 429, text: '' }).outcome).to.equal('unreachable');
      expect(classifyAnswer(plainProbe, { status: 404, text: '' })).to.deep.equal({
        outcome: 'unexpected',
        detail: 'HTTP 404',
      });
      const own: ConnectionProbe = { ...plainProbe, interpret: () => ({ outcome: 'accepted' }) };
      expect(classifyAnswer(own, { status: 404, text: '' })).to.deep.equal({ outcome: 'accepted' });
    });
  });

  describe('testConnection', () => {
    it('makes exactly one call and passes when the provider accepts', () => {
      expect(outcomeFor({ statusCode: 200, text: '{}' })).to.deep.equal({
        passed: true,
        detail: 'HTTP 200',
        findings: [],
      });
      expect(Registry.__calls).to.have.length(1);
      expect(Registry.__calls[0].request).to.include({ method: 'GET', url: URL + '/ping', body: null });
    });

    it('reports a 401 as an error: credentials rejected, with what to set where', () => {
      const outcome = outcomeFor({ statusCode: 401, text: '{"message":"Invalid API key"}' });
      expect(outcome.passed).to.equal(false);
      expect(outcome.detail).to.equal('HTTP 401');
      expect(outcome.findings).to.deep.equal([
        {
          provider: 'Alma',
          severity: 'error',
          message:
            'Connection test: credentials rejected by Alma (HTTP 401): set the password field to the Alma API key (sk_live_… or sk_test_…) in credential alma.cred, for the environment of its URL https://api.sandbox.getalma.eu.',
        },
      ]);
    });

    it('reports a timeout as a warning: the provider could not be reached', () => {
      const outcome = outcomeFor({ unavailable: 'TIMEOUT' });
      expect(outcome.findings).to.deep.equal([
        {
          provider: 'Alma',
          severity: 'warning',
          message:
            'Connection test: could not reach Alma at https://api.sandbox.getalma.eu: service unavailable (TIMEOUT). The credentials were not tested; run the check again when the provider is available.',
        },
      ]);
    });

    it('reports an open circuit breaker, a 5xx and a connection error as warnings', () => {
      expect(outcomeFor({ unavailable: 'CIRCUIT_BROKEN' }).findings[0]).to.include({ severity: 'warning' });
      const down = outcomeFor({ statusCode: 503, text: '<html>\n  Service   Unavailable </html>' });
      expect(down.findings.map((f) => f.severity)).to.deep.equal(['warning']);
      expect(down.findings[0].message).to.equal(
        'Connection test: could not reach Alma at https://api.sandbox.getalma.eu: HTTP 503: <html> Service Unavailable </html>. The credentials were not tested; run the check again when the provider is available.',
      );
      const refused = outcomeFor({ connectionError: 'java.net.UnknownHostException: api.sandbox.getalma.eu' });
      expect(refused.findings[0].severity).to.equal('warning');
      expect(refused.findings[0].message).to.contain(
        'could not reach Alma at https://api.sandbox.getalma.eu: connection error (java.net.UnknownHostException: api.sandbox.getalma.eu)',
      );
    });

    it('reports any other answer as a warning with its HTTP status, quoting the body without the key', () => {
      const outcome = outcomeFor({ statusCode: 404, text: 'no route for Bearer ' + KEY + ' ' + 'x'.repeat(300) });
      expect(outcome.findings).to.have.length(1);
      const finding = outcome.findings[0];
      expect(finding.severity).to.equal('warning');
      expect(finding.message).to.match(
        /^Connection test: unexpected answer from Alma at https:\/\/api\.sandbox\.getalma\.eu \(HTTP 404\): no route for Bearer \*\*\*\* x+…\. The credentials were not confirmed; check the credential URL\.$/,
      );
      expect(finding.message).to.not.contain(KEY);
    });

    it('reports a call that throws as a warning', () => {
      answering(() => {
        throw new Error('socket closed');
      });
      const outcome = testConnection(alma, plainProbe);
      expect(outcome.findings.map((f) => [f.severity, f.message])).to.deep.equal([
        [
          'warning',
          'Connection test: could not reach Alma at https://api.sandbox.getalma.eu: socket closed. The credentials were not tested; run the check again when the provider is available.',
        ],
      ]);
    });

    it('makes no call when the service or its credential URL is missing', () => {
      const missing = testConnection(alma, plainProbe);
      expect(missing.findings[0].severity).to.equal('warning');
      expect(missing.findings[0].message).to.match(/^Connection test: not run, service paymentoperations\.alma: /);
      Registry.__configure(alma.serviceId, { credential: null, profile: null, respond: () => ({ statusCode: 200 }) });
      expect(testConnection(alma, plainProbe).findings[0].message).to.equal(
        'Connection test: not run, service paymentoperations.alma has no credential URL.',
      );
      expect(Registry.__calls).to.have.length(0);
    });
  });
});
