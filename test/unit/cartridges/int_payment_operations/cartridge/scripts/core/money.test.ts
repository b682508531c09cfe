import { expect } from 'chai';
import {
  formatMinorUnits,
  fractionDigits,
  fromMinorUnits,
  isMinorUnits,
  moneyToMinorUnits,
  toMinorUnits,
  toMinorUnitsExact,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/money';

const Money = require('dw/value/Money') as {
  new (value: number | null, currencyCode: string | null): dw.value.Money;
  NOT_AVAILABLE: dw.value.Money;
};

describe('core/money', () => {
  describe('fractionDigits', () => {
    it('knows the minor unit of JPY (0), EUR (2) and KWD (3), whatever the case of the code', () => {
      expect(fractionDigits('JPY')).to.equal(0);
      expect(fractionDigits('EUR')).to.equal(2);
      expect(fractionDigits('KWD')).to.equal(3);
      expect(fractionDigits('eur')).to.equal(2);
    });

    it('is null for a code the platform does not know, and for no code', () => {
      expect(fractionDigits('XYZ')).to.equal(null);
      expect(fractionDigits('')).to.equal(null);
      expect(fractionDigits(null)).to.equal(null);
      expect(fractionDigits(undefined)).to.equal(null);
    });
  });

  describe('toMinorUnits', () => {
    it('converts with the currency digits: 1999 JPY, 19.99 EUR, 19.999 KWD', () => {
      expect(toMinorUnits(1999, 'JPY')).to.equal(1999);
      expect(toMinorUnits(19.99, 'EUR')).to.equal(1999);
      expect(toMinorUnits(19.999, 'KWD')).to.equal(19999);
      expect(toMinorUnits(1.25, 'KWD')).to.equal(1250);
      expect(toMinorUnits(0, 'EUR')).to.equal(0);
      expect(toMinorUnits(7, 'EUR')).to.equal(700);
    });

    it('is exact where amount * 100 on doubles is not (19.99, 1.005, 4.35, 1.15)', () => {
      expect(19.99 * 100).to.not.equal(1999); // the trap the module avoids
      expect(toMinorUnits(19.99, 'EUR')).to.equal(1999);
      expect(toMinorUnits(4.35, 'EUR')).to.equal(435);
      expect(toMinorUnits(1.15, 'EUR')).to.equal(115);
      expect(toMinorUnits(1.005, 'EUR')).to.equal(101);
      expect(Math.round(1.005 * 100)).to.equal(100); // what the naive way gives
    });

    it('rounds half away from zero on the decimal text, at the currency digit', () => {
      expect(toMinorUnits(12.345, 'EUR')).to.equal(1235);
      expect(toMinorUnits(12.344, 'EUR')).to.equal(1234);
      expect(toMinorUnits(99.5, 'JPY')).to.equal(100);
      expect(toMinorUnits(99.49, 'JPY')).to.equal(99);
      expect(toMinorUnits(0.0005, 'KWD')).to.equal(1);
      expect(toMinorUnits(0.995, 'EUR')).to.equal(100);
      expect(toMinorUnits(9.995, 'EUR')).to.equal(1000);
    });

    it('takes the sums of doubles as their shortest decimal text (0.1 + 0.2 → 30 cents)', () => {
      expect(toMinorUnits(0.1 + 0.2, 'EUR')).to.equal(30);
      expect(toMinorUnits(1.1 + 2.2, 'EUR')).to.equal(330);
      expect(toMinorUnits(0.1 + 0.7, 'JPY')).to.equal(1);
    });

    it('keeps the sign of negative amounts and rounds them away from zero too', () => {
      expect(toMinorUnits(-19.99, 'EUR')).to.equal(-1999);
      expect(toMinorUnits(-1.005, 'EUR')).to.equal(-101);
      expect(toMinorUnits(-12.345, 'EUR')).to.equal(-1235);
      expect(toMinorUnits(-0.5, 'JPY')).to.equal(-1);
    });

    it('gives 0, not -0, for a negative amount that rounds to nothing', () => {
      const minor = toMinorUnits(-0.001, 'EUR');
      expect(minor).to.equal(0);
      expect(Object.is(minor, -0)).to.equal(false);
      expect(Object.is(toMinorUnits(-0, 'EUR'), -0)).to.equal(false);
    });

    it('reads numbers JavaScript prints with an exponent (1e-7, 1.5e-5, 1e20)', () => {
      expect(String(1e-7)).to.equal('1e-7');
      expect(toMinorUnits(1e-7, 'EUR')).to.equal(0);
      expect(toMinorUnits(5e-3, 'EUR')).to.equal(1);
      expect(toMinorUnits(1.5e-5, 'KWD')).to.equal(0);
      expect(toMinorUnits(4.5e-7, 'JPY')).to.equal(0);
      expect(toMinorUnits(-5e-7, 'EUR')).to.equal(0);
      expect(toMinorUnits(1e15, 'JPY')).to.equal(1e15);
      expect(toMinorUnits(1.23e2, 'EUR')).to.equal(12300);
    });

    it('throws on amounts beyond the safe integer range (1e21, 1e20 EUR) instead of losing digits', () => {
      expect(String(1e21)).to.equal('1e+21');
      expect(() => toMinorUnits(1e21, 'JPY')).to.throw('Amount 1000000000000000000000 is too large');
      expect(() => toMinorUnits(1e20, 'EUR')).to.throw('is too large');
      expect(() => toMinorUnits(-1e21, 'EUR')).to.throw('is too large');
      expect(toMinorUnits(90071992547409.9, 'EUR')).to.equal(9007199254740990);
      expect(toMinorUnits(9007199254740991, 'JPY')).to.equal(9007199254740991);
      expect(() => toMinorUnits(9007199254740992, 'JPY')).to.throw('is too large');
    });

    it('throws on an unknown currency, naming it', () => {
      expect(() => toMinorUnits(10, 'XYZ')).to.throw('Unknown currency "XYZ"');
      expect(() => toMinorUnits(10, '')).to.throw('Unknown currency ""');
    });

    it('throws on values that are not finite numbers', () => {
      expect(() => toMinorUnits(NaN, 'EUR')).to.throw('Amount "NaN" is not a number');
      expect(() => toMinorUnits(Infinity, 'EUR')).to.throw('is not a number');
      expect(() => toMinorUnits('19.99' as unknown as number, 'EUR')).to.throw('Amount "19.99" is not a number');
      expect(() => toMinorUnits(null as unknown as number, 'EUR')).to.throw('is not a number');
    });
  });

  describe('fromMinorUnits and formatMinorUnits', () => {
    it('gives the decimal value back with the currency digits', () => {
      expect(fromMinorUnits(1999, 'EUR')).to.equal(19.99);
      expect(fromMinorUnits(1999, 'JPY')).to.equal(1999);
      expect(fromMinorUnits(1250, 'KWD')).to.equal(1.25);
      expect(fromMinorUnits(5, 'EUR')).to.equal(0.05);
      expect(fromMinorUnits(-1999, 'EUR')).to.equal(-19.99);
      expect(fromMinorUnits(0, 'EUR')).to.equal(0);
    });

    it('throws on an unknown currency', () => {
      expect(() => fromMinorUnits(100, 'XYZ')).to.throw('Unknown currency "XYZ"');
    });

    it('formats with the currency digits and code', () => {
      expect(formatMinorUnits(1999, 'EUR')).to.equal('19.99 EUR');
      expect(formatMinorUnits(1999, 'JPY')).to.equal('1999 JPY');
      expect(formatMinorUnits(1250, 'KWD')).to.equal('1.250 KWD');
      expect(formatMinorUnits(5, 'EUR')).to.equal('0.05 EUR');
      expect(formatMinorUnits(5, 'KWD')).to.equal('0.005 KWD');
      expect(formatMinorUnits(-5, 'EUR')).to.equal('-0.05 EUR');
      expect(formatMinorUnits(0, 'EUR')).to.equal('0.00 EUR');
      expect(formatMinorUnits(1999, 'XYZ')).to.equal('1999 XYZ');
    });

    it('round-trips every amount: minor → decimal → minor, and decimal → minor → text', () => {
      for (const currency of ['JPY', 'EUR', 'KWD']) {
        for (const minor of [0, 1, 5, 9, 10, 99, 100, 101, 1999, 12345, 100001, 987654321, -1, -1999]) {
          expect(toMinorUnits(fromMinorUnits(minor, currency), currency), `${minor} ${currency}`).to.equal(minor);
        }
      }
      for (let cents = 0; cents < 10000; cents += 7) {
        const decimal = parseFloat((cents / 100).toFixed(2));
        expect(toMinorUnits(decimal, 'EUR')).to.equal(cents);
        expect(formatMinorUnits(toMinorUnits(decimal, 'EUR'), 'EUR')).to.equal(decimal.toFixed(2) + ' EUR');
      }
    });
  });

  describe('moneyToMinorUnits and isMinorUnits', () => {
    it('converts a dw.value.Money, and gives null for an unavailable one', () => {
      expect(moneyToMinorUnits(new Money(19.99, 'EUR'))).to.equal(1999);
      expect(moneyToMinorUnits(new Money(1500, 'JPY'))).to.equal(1500);
      expect(moneyToMinorUnits(Money.NOT_AVAILABLE)).to.equal(null);
      expect(moneyToMinorUnits(null)).to.equal(null);
      expect(moneyToMinorUnits(undefined)).to.equal(null);
    });

    it('accepts only safe integers as minor units', () => {
      expect(isMinorUnits(1999)).to.equal(true);
      expect(isMinorUnits(0)).to.equal(true);
      expect(isMinorUnits(-5)).to.equal(true);
      expect(isMinorUnits(19.99)).to.equal(false);
      expect(isMinorUnits(NaN)).to.equal(false);
      expect(isMinorUnits(Infinity)).to.equal(false);
      expect(isMinorUnits(2 ** 53)).to.equal(false);
      expect(isMinorUnits('100')).to.equal(false);
      expect(isMinorUnits(null)).to.equal(false);
    });
  });

  describe('toMinorUnitsExact (amounts a person typed)', () => {
    it('converts amounts with at most the currency digits: 80.1 EUR, 1.234 KWD, 100.00 JPY', () => {
      expect(toMinorUnitsExact(80.1, 'EUR')).to.equal(8010);
      expect(toMinorUnitsExact(80.05, 'EUR')).to.equal(8005);
      expect(toMinorUnitsExact(19.99, 'EUR')).to.equal(1999);
      expect(toMinorUnitsExact(1.234, 'KWD')).to.equal(1234);
      expect(toMinorUnitsExact(100.0, 'JPY')).to.equal(100);
      expect(toMinorUnitsExact(1999, 'JPY')).to.equal(1999);
    });

    it('refuses more decimals than the currency has instead of rounding them away', () => {
      expect(() => toMinorUnitsExact(99.5, 'JPY')).to.throw('the amount 99.5 has more decimals than JPY allows (0)');
      expect(() => toMinorUnitsExact(80.005, 'EUR')).to.throw(
        'the amount 80.005 has more decimals than EUR allows (2)',
      );
      expect(() => toMinorUnitsExact(1.2345, 'KWD')).to.throw(
        'the amount 1.2345 has more decimals than KWD allows (3)',
      );
      expect(() => toMinorUnitsExact(1e-7, 'EUR')).to.throw(
        'the amount 0.0000001 has more decimals than EUR allows (2)',
      );
    });

    it('throws, as toMinorUnits, on an unknown currency or a value that is not a number', () => {
      expect(() => toMinorUnitsExact(10, 'XYZ')).to.throw('Unknown currency "XYZ"');
      expect(() => toMinorUnitsExact(NaN, 'EUR')).to.throw('is not a number');
      expect(() => toMinorUnitsExact('12.5' as unknown as number, 'EUR')).to.throw('is not a number');
    });
  });
});
