import { expect } from 'chai';
import { Decimal } from '../../../../../../tools/runtime/dw/util/Decimal';
import { dwModules } from '../../../../../../tools/runtime/dw/value';
import { type Money as MoneyClass } from '../../../../../../tools/runtime/dw/value/Money';
import { fakeContext } from '../fakeContext';

describe('dw/value/Money', () => {
  const moneyFor = (locale = 'default') => dwModules['dw/value/Money'](fakeContext({ locale })) as typeof MoneyClass;
  const Money = moneyFor();

  it('is the same class for every require within a run', () => {
    const ctx = fakeContext();
    expect(dwModules['dw/value/Money'](ctx)).to.equal(dwModules['dw/value/Money'](ctx));
  });

  it('rounds HALF_UP to the currency fraction digits: JPY 0, EUR 2, KWD 3', () => {
    expect(new Money(1234.5, 'JPY').value).to.equal(1235);
    expect(new Money(10.005, 'EUR').value).to.equal(10.01);
    expect(new Money(1.2345, 'KWD').value).to.equal(1.235);
    expect(new Money(1.2345, 'KWD').toString()).to.equal('KWD 1.235');
    expect(new Money(10, 'EUR').toString()).to.equal('EUR 10.00');
    expect(new Money(100, 'JPY').toString()).to.equal('JPY 100');
  });

  it('adds and subtracts exactly, without binary float errors', () => {
    const sum = new Money(0.1, 'EUR').add(new Money(0.2, 'EUR'));
    expect(sum.value).to.equal(0.3);
    expect(new Money(10, 'EUR').subtract(new Money(0.01, 'EUR')).value).to.equal(9.99);
  });

  it('refuses to mix currencies', () => {
    expect(() => new Money(1, 'EUR').add(new Money(1, 'USD')))
      .to.throw(/Currency mismatch/)
      .with.property('javaName', 'java.lang.IllegalArgumentException');
    expect(() => new Money(1, 'EUR').compareTo(new Money(1, 'USD'))).to.throw(/Currency mismatch/);
  });

  it('multiplies and divides with currency rounding', () => {
    expect(new Money(10, 'EUR').divide(3).value).to.equal(3.33);
    expect(new Money(1000, 'JPY').divide(3).value).to.equal(333);
    expect(new Money(19.99, 'EUR').multiply(3).value).to.equal(59.97);
    expect(new Money(100, 'EUR').addPercent(19).value).to.equal(119);
    expect(new Money(100, 'EUR').subtractRate(0.2).value).to.equal(80);
  });

  it('propagates NOT_AVAILABLE through arithmetic', () => {
    const na = Money.NOT_AVAILABLE;
    expect(na.available).to.equal(false);
    expect(na.isAvailable()).to.equal(false);
    expect(na.currencyCode).to.equal('N/A');
    expect(na.valueOrNull).to.equal(null);
    expect(na.decimalValue).to.equal(null);
    expect(new Money(5, 'EUR').add(na).available).to.equal(false);
    expect(na).to.be.instanceOf(Money);
  });

  it('compares, tests equality and computes percentages', () => {
    expect(new Money(30, 'USD').compareTo(new Money(50, 'USD'))).to.be.lessThan(0);
    expect(new Money(30, 'USD').equals(new Money(30.0, 'USD'))).to.equal(true);
    expect(new Money(30, 'USD').percentOf(new Money(50, 'USD'))).to.equal(60);
    expect(new Money(30, 'USD').percentLessThan(new Money(50, 'USD'))).to.equal(40);
    expect(new Money(30, 'USD').percentOf(new Money(0, 'USD'))).to.equal(null);
  });

  it('exposes the value as Decimal and number', () => {
    const money = new Money(12.5, 'EUR');
    expect(money.getDecimalValue()).to.be.instanceOf(Decimal);
    expect(String(money.decimalValue)).to.equal('12.50');
    expect(+money).to.equal(12.5);
    expect(money.newMoney(new Decimal('7.125')).value).to.equal(7.13);
  });

  it('formats for the request locale', () => {
    expect(new Money(1234.5, 'USD').toFormattedString()).to.equal('$1,234.50');
    expect(new (moneyFor('fr_FR'))(1234.5, 'EUR').toFormattedString()).to.match(/^1\s234,50\s€$/);
  });

  it('prorates a discount over values, the remainder on the last share', () => {
    const shares = Money.prorate(
      new Money(-10, 'EUR'),
      new Money(10, 'EUR'),
      new Money(10, 'EUR'),
      new Money(10, 'EUR'),
    );
    expect(shares.map((share) => share.value)).to.deep.equal([6.67, 6.67, 6.66]);
  });

  it('rejects unknown currencies', () => {
    expect(() => new Money(1, 'XYZ')).to.throw(/Unknown currency/);
  });
});
