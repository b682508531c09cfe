import { expect } from 'chai';
import { readMonextAnswer } from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/monext/monextResults';

const result = (title: string, code: string) =>
  JSON.stringify({ result: { title, code, detail: 'detail of ' + code }, transaction: { id: '12345678901234' } });

describe('providers/monext/monextResults: every Monext answer read in one place', () => {
  const cases: Array<[string, number, string, string]> = [
    ['HTTP 200 ACCEPTED 00000 is the only success', 200, result('ACCEPTED', '00000'), 'accepted'],
    ['HTTP 200 REFUSED 01100 is a business refusal', 200, result('REFUSED', '01100'), 'refused'],
    ['HTTP 200 CANCELLED 02319 is a refusal', 200, result('CANCELLED', '02319'), 'refused'],
    ['HTTP 200 code 04003 (fraud) is a refusal', 200, result('ERROR', '04003'), 'refused'],
    ['HTTP 200 duplicate 01913 must be read first', 200, result('REFUSED', '01913'), 'unknown'],
    ['HTTP 200 duplicate 02001 must be read first', 200, result('ACCEPTED', '02001'), 'unknown'],
    ['HTTP 200 INPROGRESS is decided later', 200, result('INPROGRESS', '02306'), 'pending'],
    ['HTTP 200 ONHOLD_PARTNER is decided later', 200, result('ONHOLD_PARTNER', '02000'), 'pending'],
    ['HTTP 200 PENDING_RISK is decided later', 200, result('PENDING_RISK', '02005'), 'pending'],
    ['HTTP 200 ERROR 02101 may have been applied', 200, result('ERROR', '02101'), 'unknown'],
    ['HTTP 200 without a result may have been applied', 200, '{}', 'unknown'],
    ['HTTP 200 "Unauthorized" is refused credentials', 200, JSON.stringify({ title: 'Unauthorized' }), 'unauthorized'],
    ['HTTP 401 is refused credentials', 401, JSON.stringify({ title: 'Unauthorized' }), 'unauthorized'],
    ['HTTP 403 is refused credentials', 403, '', 'unauthorized'],
    [
      'HTTP 400 is refused as sent',
      400,
      JSON.stringify({ title: 'Bad Request', code: 'INVALID_PARAMETER' }),
      'invalid',
    ],
    [
      'HTTP 404 is refused as sent',
      404,
      JSON.stringify({ title: 'Not Found', code: 'TRANSACTION_NOT_FOUND' }),
      'invalid',
    ],
    ['HTTP 409 is a refusal', 409, JSON.stringify({ title: 'Conflict' }), 'refused'],
    ['HTTP 429 is tried again later', 429, '', 'transient'],
    ['HTTP 503 is tried again later', 503, '<html>down</html>', 'transient'],
    ['HTTP 500 may have been applied', 500, JSON.stringify({ status: 500, error: 'Internal Server Error' }), 'unknown'],
  ];
  for (const [name, status, text, kind] of cases) {
    it(name, () => {
      expect(readMonextAnswer(status, text).kind).to.equal(kind);
    });
  }

  it('keeps the transaction ID of an accepted answer and says the code in every detail', () => {
    const accepted = readMonextAnswer(200, result('ACCEPTED', '00000'));
    expect(accepted).to.deep.include({ kind: 'accepted', reference: '12345678901234' });
    expect(readMonextAnswer(200, result('REFUSED', '01100')).detail).to.equal(
      'HTTP 200, REFUSED 01100: detail of 01100',
    );
  });
});
