import { expect } from 'chai';
import { readPayzenAnswer } from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/payzen/payzenResults';

const error = (code: string) =>
  JSON.stringify({
    webService: 'Charge/CreateShipmentTransaction',
    status: 'ERROR',
    answer: { errorCode: code, errorMessage: 'm' },
  });
const debit = (status: string, detailedStatus: string) =>
  JSON.stringify({
    webService: 'Charge/CreateShipmentTransaction',
    status: 'SUCCESS',
    answer: { uuid: '7b8179b7845e4576868d624039b754c5', amount: 3500, status, detailedStatus },
  });

describe('providers/payzen/payzenResults: every PayZen/Lyra answer read in one place', () => {
  const cases: Array<[string, number, string, string]> = [
    ['SUCCESS with a PAID debit is the only success (seed 003)', 200, debit('PAID', 'AUTHORISED'), 'accepted'],
    ['SUCCESS with an UNPAID debit is a refusal', 200, debit('UNPAID', 'REFUSED'), 'refused'],
    ['SUCCESS with a RUNNING debit is decided later', 200, debit('RUNNING', 'UNDER_VERIFICATION'), 'pending'],
    ['INT_009 (amount) is for an operator', 200, error('INT_009'), 'invalid'],
    ['INT_010 (currency) is for an operator', 200, error('INT_010'), 'invalid'],
    ['INT_050 (strongAuthentication) is for an operator', 200, error('INT_050'), 'invalid'],
    ['PSP_519 (unknown currency) is for an operator', 200, error('PSP_519'), 'invalid'],
    ['PSP_606 (currency not in the contract) is for an operator', 200, error('PSP_606'), 'invalid'],
    ['PSP_227 (technical error) is read back before anything', 200, error('PSP_227'), 'unknown'],
    ['PSP_228 (created, no answer) is read back', 200, error('PSP_228'), 'unknown'],
    ['PSP_229 (cannot create) is a refusal', 200, error('PSP_229'), 'refused'],
    ['PSP_231 (initial transaction cannot be modified) is a refusal', 200, error('PSP_231'), 'refused'],
    ['PSP_236 (duplicate) is read back: the debit may be ours', 200, error('PSP_236'), 'unknown'],
    ['an unknown ERROR code is for an operator', 200, error('PSP_999'), 'invalid'],
    ['INT_905 is refused credentials', 200, error('INT_905'), 'unauthorized'],
    ['HTTP 401 is refused credentials', 401, '', 'unauthorized'],
    ['HTTP 503 is retried', 503, '', 'transient'],
    ['HTTP 500 without an envelope may have been applied', 500, 'Internal Server Error', 'unknown'],
    ['HTTP 200 that is not a V4 envelope may have been applied', 200, '{"ok":true}', 'unknown'],
  ];
  for (const [title, status, body, kind] of cases) {
    it(title, () => {
      expect(readPayzenAnswer(status, body).kind).to.equal(kind);
    });
  }

  it('describes what PayZen said, code and message', () => {
    expect(readPayzenAnswer(200, error('PSP_229')).detail).to.equal('HTTP 200, ERROR PSP_229: m');
    const accepted = readPayzenAnswer(200, debit('PAID', 'AUTHORISED'));
    expect(accepted).to.deep.include({ reference: '7b8179b7845e4576868d624039b754c5', amountMinor: 3500 });
  });
});
