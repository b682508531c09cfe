import { expect } from 'chai';
import {
  komojuErrorText,
  readKomojuError,
} from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/komoju/komojuErrors';

const body = (code: string, message = 'Something happened.') =>
  JSON.stringify({ error: { code, message, param: null } });

describe('providers/komoju/komojuErrors', () => {
  it('reads not_cancellable on a cancel and not_refundable on a refund as Rejected (seed 004), and not the other way round', () => {
    expect(readKomojuError('cancel', 422, body('not_cancellable')).kind).to.equal('rejected');
    expect(readKomojuError('refund', 422, body('not_refundable')).kind).to.equal('rejected');
    expect(readKomojuError('refund', 422, body('not_cancellable')).kind).to.equal('failed');
    expect(readKomojuError('cancel', 422, body('not_refundable')).kind).to.equal('failed');
  });

  it('retries what KOMOJU will replay or did not process: 409 (same key in flight), 429 and every 5xx', () => {
    for (const status of [409, 429, 500, 502, 503, 504]) {
      expect(readKomojuError('refund', status, '').kind, String(status)).to.equal('retry');
    }
  });

  it('stops on a refused key (401, 403), and fails any other error for the operator', () => {
    expect(readKomojuError('cancel', 401, body('unauthorized')).kind).to.equal('keyRefused');
    expect(readKomojuError('cancel', 403, body('forbidden')).kind).to.equal('keyRefused');
    for (const [status, code] of [
      [400, 'bad_request'],
      [404, 'not_found'],
      [422, 'unprocessable_entity'],
    ] as const) {
      expect(readKomojuError('refund', status, body(code)).kind, code).to.equal('failed');
    }
  });

  it('tells the error as status, code and KOMOJU’s message, or the start of a body that is not KOMOJU’s', () => {
    expect(komojuErrorText(422, body('not_refundable', 'Already refunded.'))).to.equal(
      'HTTP 422 not_refundable: Already refunded',
    );
    expect(komojuErrorText(502, '<html>Bad Gateway</html>')).to.equal('HTTP 502: <html>Bad Gateway</html>');
    expect(komojuErrorText(500, 'x'.repeat(300))).to.have.length.below(220);
    expect(readKomojuError('cancel', 404, body('not_found')).code).to.equal('not_found');
  });
});
