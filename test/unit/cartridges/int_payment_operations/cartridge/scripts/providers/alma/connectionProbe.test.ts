import { expect } from 'chai';
import * as probe from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/connectionProbe';
import { resetDwMocks } from '../../../../../../../helpers/dwMocks';
import { runProbe, type Credential } from '../probeHarness';

const KEY = 'sk_test_4lmaSecretKey';
const CREDENTIAL: Credential = {
  ID: 'paymentoperations.alma.credentials',
  URL: 'https://api.sandbox.getalma.eu/',
  user: '',
  password: KEY,
};

describe('providers/alma/connectionProbe', () => {
  beforeEach(() => resetDwMocks());

  it('GETs the fee plans with Alma-Auth and the key, without the automatic Basic authentication', () => {
    const { request } = runProbe('alma', probe, CREDENTIAL, { statusCode: 200, text: '[]' });
    expect(request).to.deep.equal({
      method: 'GET',
      url: 'https://api.sandbox.getalma.eu/v1/me/fee-plans?kind=general&only=all&deferred=false',
      headers: { Authorization: 'Alma-Auth ' + KEY, Accept: 'application/json' },
      body: null,
      authentication: 'NONE',
    });
  });

  it('keeps the key out of the communication log', () => {
    const { log } = runProbe('alma', probe, CREDENTIAL, { statusCode: 401, text: '{"error":"bad key ' + KEY + '"}' });
    expect(log).to.not.contain(KEY);
    expect(log).to.contain('Authorization: Alma-Auth ****');
    expect(log).to.contain('bad key ****');
  });

  it('passes on 200 and reports a 401 as rejected credentials', () => {
    expect(runProbe('alma', probe, CREDENTIAL, { statusCode: 200, text: '[]' }).outcome).to.deep.equal({
      passed: true,
      detail: 'HTTP 200',
      findings: [],
    });
    const { outcome } = runProbe('alma', probe, CREDENTIAL, { statusCode: 401, text: '' });
    expect(outcome.findings).to.deep.equal([
      {
        provider: 'Alma',
        severity: 'error',
        message:
          'Connection test: credentials rejected by Alma (HTTP 401): set the password field to the Alma API key (sk_live_… or sk_test_…) in credential paymentoperations.alma.credentials, for the environment of its URL https://api.sandbox.getalma.eu/.',
      },
    ]);
  });

  it('leaves the reading of answers to their HTTP status', () => {
    expect(probe.interpret({ status: 200, text: '{"title":"Unauthorized"}' })).to.equal(null);
  });
});
