import { expect } from 'chai';
import * as probe from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/monext/connectionProbe';
import { resetDwMocks } from '../../../../../../../helpers/dwMocks';
import { base64, runProbe, type Credential } from '../probeHarness';

const KEY = 'm0nextAccessKey';
const CREDENTIAL: Credential = {
  ID: 'paymentoperations.monext.credentials',
  URL: 'https://api-sandbox.retail.monext.com/v1',
  user: 'MERCHANT42',
  password: KEY,
};
/** Monext's answer for the unknown session of the probe (as the sandbox gives it). */
const SESSION_NOT_FOUND = JSON.stringify({
  title: 'Not Found',
  detail: 'Session payops-connection-test not found',
  code: 'SESSION_NOT_FOUND',
});
const REJECTED =
  'Connection test: credentials rejected by Monext (HTTP 200, title "Unauthorized"): set the user field to the Monext merchant ID and the password field to the Monext access key in credential paymentoperations.monext.credentials, for the environment of its URL https://api-sandbox.retail.monext.com/v1.';

describe('providers/monext/connectionProbe', () => {
  beforeEach(() => resetDwMocks());

  it("GETs a session that does not exist, with the service's Basic authentication (merchant ID:access key)", () => {
    const { request } = runProbe('monext', probe, CREDENTIAL, { statusCode: 404, text: SESSION_NOT_FOUND });
    expect(request).to.deep.equal({
      method: 'GET',
      url: 'https://api-sandbox.retail.monext.com/v1/checkout/payments/sessions/payops-connection-test',
      headers: { Accept: 'application/json', Authorization: 'Basic ' + base64('MERCHANT42:' + KEY) },
      body: null,
      authentication: 'BASIC',
    });
  });

  it('keeps the access key and the Basic token out of the communication log', () => {
    const { log } = runProbe('monext', probe, CREDENTIAL, { statusCode: 404, text: SESSION_NOT_FOUND });
    expect(log).to.not.contain(KEY);
    expect(log).to.not.contain(base64('MERCHANT42:' + KEY));
    expect(log).to.contain('Authorization: Basic ****');
  });

  it("takes Monext's 404 for the unknown session, and a 200, as accepted credentials", () => {
    expect(runProbe('monext', probe, CREDENTIAL, { statusCode: 404, text: SESSION_NOT_FOUND }).outcome).to.deep.equal({
      passed: true,
      detail: 'HTTP 404',
      findings: [],
    });
    expect(runProbe('monext', probe, CREDENTIAL, { statusCode: 200, text: '{"id":"x"}' }).outcome.passed).to.equal(
      true,
    );
  });

  it('accepts a 404 without a code when its detail names the session as not found', () => {
    expect(
      probe.interpret({
        status: 404,
        text: '{"title":"Not Found","detail":"Session \'payops-connection-test\' was not found."}',
      }),
    ).to.deep.equal({ outcome: 'accepted' });
  });

  it('warns that the URL is wrong, without accepting, on the 404 of a path Monext has no route for', () => {
    // The sandbox's answer when the credential URL lacks /v1.
    const noRoute = JSON.stringify({
      title: 'Not Found',
      detail: 'No route for GET /checkout/payments/sessions/payops-connection-test',
    });
    const { outcome } = runProbe(
      'monext',
      probe,
      { ...CREDENTIAL, URL: 'https://api-sandbox.retail.monext.com' },
      {
        statusCode: 404,
        text: noRoute,
      },
    );
    expect(outcome.passed).to.equal(false);
    expect(outcome.detail).to.equal(probe.WRONG_URL);
    expect(outcome.findings).to.have.length(1);
    expect(outcome.findings[0].severity).to.equal('warning');
    expect(outcome.findings[0].message).to.equal(
      "Connection test: unexpected answer from Monext at https://api-sandbox.retail.monext.com (HTTP 404 that is not Monext's answer for an unknown session: check the credential URL ends with /v1): " +
        noRoute +
        '. The credentials were not confirmed; check the credential URL.',
    );
  });

  it('does not accept a 404 that is an HTML page, not JSON, empty, or another Monext error', () => {
    const wrongUrl = { outcome: 'unexpected', detail: probe.WRONG_URL };
    for (const text of [
      '<html><body><h1>404 Not Found</h1></body></html>',
      'Not Found',
      '',
      '{"title":"Not Found"}',
      '"Session payops-connection-test not found"',
      '{"title":"Not Found","detail":"Transaction payops-connection-test not found","code":"TRANSACTION_NOT_FOUND"}',
      '{"title":"Not Found","detail":"Path /v2/checkout/payments/sessions/payops-connection-test not found"}',
      '{"title":"Not Found","detail":"Session other-session not found"}',
    ]) {
      expect(probe.interpret({ status: 404, text }), text).to.deep.equal(wrongUrl);
    }
    expect(probe.interpret({ status: 404, text: null })).to.deep.equal(wrongUrl);
    const html = runProbe('monext', probe, CREDENTIAL, { statusCode: 404, text: '<html>Not Found</html>' }).outcome;
    expect(html.passed).to.equal(false);
    expect(html.findings.map((f) => f.severity)).to.deep.equal(['warning']);
    expect(html.findings[0].message).to.contain('check the credential URL ends with /v1');
  });

  it('reports HTTP 200 with title "Unauthorized" as rejected credentials, and 401 too', () => {
    const quirk = runProbe('monext', probe, CREDENTIAL, {
      statusCode: 200,
      text: '{"title":"Unauthorized","status":401}',
    }).outcome;
    expect(quirk.passed).to.equal(false);
    expect(quirk.findings).to.deep.equal([{ provider: 'Monext', severity: 'error', message: REJECTED }]);
    const plain = runProbe('monext', probe, CREDENTIAL, { statusCode: 401, text: '' }).outcome;
    expect(plain.findings.map((f) => f.severity)).to.deep.equal(['error']);
    expect(plain.findings[0].message).to.contain('credentials rejected by Monext (HTTP 401)');
  });

  it('reads the body only where it has to', () => {
    expect(probe.interpret({ status: 200, text: 'not json' })).to.deep.equal({ outcome: 'accepted' });
    expect(probe.interpret({ status: 401, text: '' })).to.equal(null);
    expect(probe.interpret({ status: 500, text: '{"title":"Unauthorized"}' })).to.equal(null);
  });
});
