import { expect } from 'chai';
import * as probe from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/payzen/connectionProbe';
import { resetDwMocks } from '../../../../../../../helpers/dwMocks';
import { base64, runProbe, type Credential } from '../probeHarness';

const KEY = 'testpassword_PayzenSecret';
const CREDENTIAL: Credential = {
  ID: 'paymentoperations.payzen.credentials',
  URL: 'https://api.payzen.eu/api-payment/V4',
  user: '69876357',
  password: KEY,
};

function payzenError(code: string, message: string): string {
  return JSON.stringify({
    webService: 'Transaction/Get',
    version: 'V4',
    status: 'ERROR',
    answer: { errorCode: code, errorMessage: message, _type: 'V4/WebService/WebServiceError' },
  });
}

describe('providers/payzen/connectionProbe', () => {
  beforeEach(() => resetDwMocks());

  it("POSTs Transaction/Get for an all-zero UUID, as JSON, with the service's Basic authentication", () => {
    const { request } = runProbe('payzen', probe, CREDENTIAL, {
      statusCode: 200,
      text: payzenError('PSP_010', 'transaction not found'),
    });
    expect(request).to.deep.equal({
      method: 'POST',
      url: 'https://api.payzen.eu/api-payment/V4/Transaction/Get',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: 'Basic ' + base64('69876357:' + KEY),
      },
      body: '{"uuid":"00000000000000000000000000000000"}',
      authentication: 'BASIC',
    });
  });

  it('keeps the password and the Basic token out of the communication log', () => {
    const { log } = runProbe('payzen', probe, CREDENTIAL, { statusCode: 401, text: '' });
    expect(log).to.not.contain(KEY);
    expect(log).to.not.contain(base64('69876357:' + KEY));
    expect(log).to.contain('Authorization: Basic ****');
    expect(log).to.contain('{"uuid":"00000000000000000000000000000000"}');
  });

  it('takes PSP_010 (transaction not found) as accepted credentials', () => {
    expect(
      runProbe('payzen', probe, CREDENTIAL, { statusCode: 200, text: payzenError('PSP_010', 'not found') }).outcome,
    ).to.deep.equal({ passed: true, detail: 'HTTP 200', findings: [] });
  });

  it('reports a 401 as rejected credentials', () => {
    const { outcome } = runProbe('payzen', probe, CREDENTIAL, { statusCode: 401, text: '' });
    expect(outcome.findings).to.deep.equal([
      {
        provider: 'PayZen/Lyra',
        severity: 'error',
        message:
          'Connection test: credentials rejected by PayZen/Lyra (HTTP 401): set the user field to the PayZen/Lyra shop ID and the password field to the PayZen/Lyra REST API password in credential paymentoperations.payzen.credentials, for the environment of its URL https://api.payzen.eu/api-payment/V4.',
      },
    ]);
  });

  it('warns, with the code, about any other error in a 200 answer', () => {
    const { outcome } = runProbe('payzen', probe, CREDENTIAL, {
      statusCode: 200,
      text: payzenError('INT_905', 'invalid input'),
    });
    expect(outcome.passed).to.equal(false);
    expect(outcome.findings).to.have.length(1);
    expect(outcome.findings[0].severity).to.equal('warning');
    expect(outcome.findings[0].message).to.match(
      /^Connection test: unexpected answer from PayZen\/Lyra at https:\/\/api\.payzen\.eu\/api-payment\/V4 \(HTTP 200, error INT_905: invalid input\)/,
    );
  });

  it('does not take a 200 that is not a PayZen answer as proof', () => {
    expect(probe.interpret({ status: 200, text: '<html>' })).to.deep.equal({
      outcome: 'unexpected',
      detail: 'HTTP 200, not a JSON object',
    });
    expect(probe.interpret({ status: 200, text: '{"status":"SUCCESS"}' })).to.deep.equal({ outcome: 'accepted' });
    expect(probe.interpret({ status: 401, text: '' })).to.equal(null);
  });
});
