import { expect } from 'chai';
import {
  cutText,
  STRING_ATTRIBUTE_LIMIT,
  utf8Length,
  wellFormed,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/text';
import { defineMetadata, OrderMgr, resetDwMocks, Transaction } from '../../../../../../helpers/dwMocks';

/** 💴 (U+1F4B4) is two UTF-16 code units: a high surrogate and a low surrogate. */
const YEN = '\ud83d\udcb4';
const HIGH = '\ud83d';
const LOW = '\udcb4';

/** True when the text holds no unpaired surrogate (what Rhino's JSON and encodeURIComponent need). */
function isWellFormed(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

describe('core/text', () => {
  it('knows the platform limit of a string attribute: 4,000 characters', () => {
    expect(STRING_ATTRIBUTE_LIMIT).to.equal(4000);
  });

  describe('cutText', () => {
    it('leaves a text within the limit as it is', () => {
      expect(cutText('Capture refused', 15)).to.equal('Capture refused');
      expect(cutText('', 10)).to.equal('');
      expect(cutText('決済が拒否されました', 10)).to.equal('決済が拒否されました');
      expect(cutText(YEN + YEN, 4)).to.equal(YEN + YEN);
    });

    it('cuts a longer text to exactly the limit, ending with …', () => {
      const cut = cutText('x'.repeat(5000), 4000);
      expect(cut).to.have.length(4000);
      expect(cut).to.equal('x'.repeat(3999) + '…');
      expect(cutText('abcdef', 4)).to.equal('abc…');
    });

    it('never splits an emoji: a surrogate pair at the cut is left out whole', () => {
      // "ab" then the emoji on code units 2 and 3: a cut at 4 keeps 3 units before …, which would end on its high half.
      const cut = cutText('ab' + YEN + 'cdef', 4);
      expect(cut).to.equal('ab…');
      expect(isWellFormed(cut)).to.equal(true);
      // One unit further, the whole emoji fits before the ….
      expect(cutText('ab' + YEN + 'cdef', 5)).to.equal('ab' + YEN + '…');
    });

    it('keeps a text of emoji within 4,000 characters, well formed, whatever the parity of the cut', () => {
      for (const prefix of ['', 'a']) {
        const text = prefix + YEN.repeat(3000);
        const cut = cutText(text, STRING_ATTRIBUTE_LIMIT);
        expect(cut.length, prefix ? 'odd' : 'even').to.be.at.most(STRING_ATTRIBUTE_LIMIT);
        expect(cut.endsWith('…')).to.equal(true);
        expect(isWellFormed(cut)).to.equal(true);
        expect(JSON.parse(JSON.stringify(cut))).to.equal(cut);
      }
    });

    it('replaces a lone surrogate in the text (half an emoji cut by someone else) instead of storing it', () => {
      expect(cutText('abc' + HIGH, 10)).to.equal('abc\ufffd');
      expect(isWellFormed(cutText(LOW + 'x'.repeat(20), 10))).to.equal(true);
    });
  });

  describe('wellFormed', () => {
    it('keeps well-formed text (and its identity) as it is', () => {
      const text = 'Alma: 決済 ' + YEN + ' — 100 €';
      expect(wellFormed(text)).to.equal(text);
      expect(wellFormed('')).to.equal('');
    });

    it('replaces each unpaired high or low surrogate with U+FFFD, keeping the pairs', () => {
      expect(wellFormed(HIGH)).to.equal('\ufffd');
      expect(wellFormed(LOW)).to.equal('\ufffd');
      expect(wellFormed('a' + HIGH + 'b')).to.equal('a\ufffdb');
      expect(wellFormed(LOW + HIGH)).to.equal('\ufffd\ufffd');
      expect(wellFormed(YEN + HIGH + YEN + LOW)).to.equal(YEN + '\ufffd' + YEN + '\ufffd');
      expect(wellFormed(HIGH + HIGH + LOW)).to.equal('\ufffd' + YEN);
    });
  });

  describe('utf8Length', () => {
    it('counts UTF-8 bytes: 1 for ASCII, 2 for é, 3 for Japanese and €, 4 for an emoji', () => {
      expect(utf8Length('')).to.equal(0);
      expect(utf8Length('Capture refused')).to.equal(15);
      expect(utf8Length('é')).to.equal(2);
      expect(utf8Length('決済')).to.equal(6);
      expect(utf8Length('€')).to.equal(3);
      expect(utf8Length(YEN)).to.equal(4);
      const mixed = 'Alma: 決済が拒否されました ' + YEN + ' — 100 €';
      expect(utf8Length(mixed)).to.equal(Buffer.byteLength(mixed, 'utf8'));
    });

    it('counts a lone surrogate as the 3 bytes of U+FFFD, as a UTF-8 encoder writes it', () => {
      expect(utf8Length(HIGH)).to.equal(3);
      expect(utf8Length('a' + LOW)).to.equal(4);
      expect(utf8Length('a' + HIGH)).to.equal(Buffer.byteLength('a' + HIGH, 'utf8'));
    });
  });

  describe('the platform limit, as the dw mocks enforce it', () => {
    beforeEach(() => {
      resetDwMocks();
      defineMetadata();
    });

    it('a string attribute refuses 4,001 characters, and takes what cutText makes of them', () => {
      const order = OrderMgr.__add({ orderNo: '00001234' });
      const long = 'x'.repeat(4001);
      expect(() => Transaction.wrap(() => (order.custom.payopsReason = long))).to.throw(
        'holds at most 4000 characters',
      );
      Transaction.wrap(() => (order.custom.payopsReason = cutText(long, STRING_ATTRIBUTE_LIMIT)));
      expect(order.__values.payopsReason).to.have.length(4000);
    });
  });
});
