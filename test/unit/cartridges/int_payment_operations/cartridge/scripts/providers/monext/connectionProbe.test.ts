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
const REJECTED =
  'Connection test: credentials rejected by Monext (HTTP 200, title "Unauthorized"): set the user field to the Monext merchant ID and the password field to the Monext access key in credential paymentoperations.monext.credentials, for the environment of its URL https://api-sandbox.retail.monext.com/v1.';

describe('providers/monext/connectionProbe', () => {
  beforeEach(() => resetDwMocks());

  it("GETs a session that does not exist, with the service's Basic authentication (merchant ID:access key)", () => {
    const { request } = runProbe('monext', probe, CREDENTIAL, { statusCode: 404, text: '' });
    expect(request).to.deep.equal({
      method: 'GET',
      url: 'https://api-sandbox.retail.monext.com/v1/checkout/payments/sessions/payops-connection-test',
      headers: { Accept: 'application/json', Authorization: 'Basic ' + base64('MERCHANT42:' + KEY) },
      body: null,
      authentication: 'BASIC',
    });
  });

  it('keeps the access key and the Basic token out of the communication log', () => {
    const { log } = runProbe('monext', probe, CREDENTIAL, { statusCode: 404, text: '' });
    expect(log).to.not.contain(KEY);
    expect(log).to.not.contain(base64('MERCHANT42:' + KEY));
    expect(log).to.contain('Authorization: Basic ****');
  });

  it('takes 404 (session not found) and 200 as accepted credentials', () => {
    expect(
      runProbe('monext', probe, CREDENTIAL, { statusCode: 404, text: '{"title":"Not Found"}' }).outcome,
    ).to.deep.equal({ passed: true, detail: 'HTTP 404', findings: [] });
    expect(runProbe('monext', probe, CREDENTIAL, { statusCode: 200, text: '{"id":"x"}' }).outcome.passed).to.equal(
      true,
    );
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
    expect(probe.interpret({ status: 500, text: '{"title":"Unauthorized"}' })).to.equal(null);
  });
});
