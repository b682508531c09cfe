import { expect } from 'chai';
import * as probe from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/komoju/connectionProbe';
import { resetDwMocks } from '../../../../../../../helpers/dwMocks';
import { base64, runProbe, type Credential } from '../probeHarness';

const KEY = 'sk_test_k0mojuSecret';
const CREDENTIAL: Credential = {
  ID: 'paymentoperations.komoju.credentials',
  URL: 'https://komoju.com/api/v1',
  user: '',
  password: KEY,
};

describe('providers/komoju/connectionProbe', () => {
  beforeEach(() => resetDwMocks());

  it('GETs the payment methods with HTTP Basic: the secret key as user name and an empty password', () => {
    const { request } = runProbe('komoju', probe, CREDENTIAL, { statusCode: 200, text: '[]' });
    expect(request).to.deep.equal({
      method: 'GET',
      url: 'https://komoju.com/api/v1/payment_methods',
      headers: { Authorization: 'Basic ' + base64(KEY + ':'), Accept: 'application/json' },
      body: null,
      authentication: 'NONE',
    });
    // Not the header the official cartridge sends: base64 of the bare key, without "Basic ".
    expect(request.headers.Authorization).to.not.equal(base64(KEY));
    expect(Buffer.from(request.headers.Authorization.replace(/^Basic /, ''), 'base64').toString()).to.equal(KEY + ':');
  });

  it('keeps the key and its Basic token out of the communication log', () => {
    const { log } = runProbe('komoju', probe, CREDENTIAL, { statusCode: 200, text: '[]' });
    expect(log).to.not.contain(KEY);
    expect(log).to.not.contain(base64(KEY + ':'));
    expect(log).to.contain('Authorization: Basic ****');
  });

  it('passes on 200 and reports a 401 as rejected credentials', () => {
    expect(runProbe('komoju', probe, CREDENTIAL, { statusCode: 200, text: '[]' }).outcome.passed).to.equal(true);
    const { outcome } = runProbe('komoju', probe, CREDENTIAL, {
      statusCode: 401,
      text: '{"error":{"code":"unauthorized"}}',
    });
    expect(outcome.passed).to.equal(false);
    expect(outcome.findings.map((f) => [f.severity, f.message])).to.deep.equal([
      [
        'error',
        'Connection test: credentials rejected by KOMOJU (HTTP 401): set the password field to the KOMOJU secret key in credential paymentoperations.komoju.credentials, for the environment of its URL https://komoju.com/api/v1.',
      ],
    ]);
  });
});
