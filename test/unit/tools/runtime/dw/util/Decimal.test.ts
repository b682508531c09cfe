import { expect } from 'chai';
import { Currency } from '../../../../../../tools/runtime/dw/util/Currency';
import { Decimal } from '../../../../../../tools/runtime/dw/util/Decimal';

describe('dw/util/Decimal', () => {
  it('adds, subtracts and multiplies exactly', () => {
    expect(new Decimal(0.1).add(0.2).get()).to.equal(0.3);
    expect(new Decimal('10.00').subtract(new Decimal('0.01')).toString()).to.equal('9.99');
    expect(new Decimal(1.1).multiply(3).toString()).to.equal('3.3');
  });

  it('divides with 34 significant digits, HALF_EVEN', () => {
    expect(new Decimal(1).divide(3).toString()).to.equal(`0.${'3'.repeat(34)}`);
    expect(new Decimal(2).divide(3).toString()).to.equal(`0.${'6'.repeat(33)}7`);
    expect(new Decimal(10).divide(4).toString()).to.equal('2.5');
    expect(() => new Decimal(1).divide(0)).to.throw(/Division by zero/);
  });

  it('rounds HALF_UP and converts like a number', () => {
    expect(new Decimal('2.345').round(2).toString()).to.equal('2.35');
    expect(new Decimal('-2.345').round(2).toString()).to.equal('-2.35');
    expect(new Decimal(1.5).round(0).get()).to.equal(2);
    expect(1 + (new Decimal(10).add(2) as unknown as number)).to.equal(13);
    expect(new Decimal(100).addPercent(10).get()).to.equal(110);
    expect(new Decimal(5).negate().abs().get()).to.equal(5);
    expect(new Decimal('2.0').equals(new Decimal('2.00'))).to.equal(true);
  });
});

describe('dw/util/Currency', () => {
  it('knows the fraction digits: JPY 0, EUR 2, KWD 3', () => {
    expect(Currency.getCurrency('JPY')?.defaultFractionDigits).to.equal(0);
    expect(Currency.getCurrency('EUR')?.getDefaultFractionDigits()).to.equal(2);
    expect(Currency.getCurrency('KWD')?.defaultFractionDigits).to.equal(3);
  });

  it('gives code, symbol and name, and null for an unknown code', () => {
    const euro = Currency.getCurrency('EUR');
    expect(euro?.currencyCode).to.equal('EUR');
    expect(euro?.symbol).to.equal('€');
    expect(euro?.name).to.equal('Euro');
    expect(Currency.getCurrency('USD')?.getSymbol()).to.equal('$');
    expect(Currency.getCurrency('XYZ')).to.equal(null);
    expect(Currency.getCurrency('')).to.equal(null);
  });
});
