/**
 * Parameters of a storefront request without a socket: form decoding (query string and
 * application/x-www-form-urlencoded body), dw.web.HttpParameter / HttpParameterMap (Script API
 * reference dw.web.HttpParameter.md, dw.web.HttpParameterMap.md in
 * SalesforceCommerceCloud/b2c-developer-tooling), and the controller URL.
 */
import { expect } from 'chai';
import { HttpParameterMap } from '../../../../tools/runtime/dw/web/HttpParameter';
import { decodeForm } from '../../../../tools/runtime/storefront/formEncoding';
import { parseStorefrontPath } from '../../../../tools/runtime/storefront/storefrontUrl';
import { fakeContext } from './dw/fakeContext';

describe('storefront: form decoding', () => {
  it('decodes + as a space and %XX as UTF-8 bytes, keeps repeated names in order, gives a bare name the value ""', () => {
    expect(decodeForm('a=1+2&b=%2F%C3%A9%E2%82%AC&a=3&flag&&=orphan').pairs).to.deep.equal([
      ['a', '1 2'],
      ['b', '/é€'],
      ['a', '3'],
      ['flag', ''],
    ]);
  });

  it('drops a pair with a malformed escape (Tomcat skips the parameter) and says which', () => {
    const decoded = decodeForm('ok=1&bad=%ZZ&worse=%E&last=2');
    expect(decoded.pairs).to.deep.equal([
      ['ok', '1'],
      ['last', '2'],
    ]);
    expect(decoded.dropped).to.deep.equal(['bad=%ZZ', 'worse=%E']);
  });
});

describe('storefront: dw.web.HttpParameterMap', () => {
  const ctx = fakeContext();
  const map = new HttpParameterMap(
    ctx,
    [
      ['amount', ' 12.50 '],
      ['count', '7'],
      ['flag', 'TRUE'],
      ['pre_A', 'x'],
      ['pre_B', 'y'],
      ['count', '8'],
    ],
    null,
  );

  it('reads numbers and booleans from the trimmed first value; an undefined one is null (doubleValue 0.0)', () => {
    expect(map.get('amount').doubleValue).to.equal(12.5);
    expect(map.get('amount').intValue).to.equal(12);
    expect(map.get('count').intValue).to.equal(7);
    expect(map.get('flag').booleanValue).to.equal(true);
    expect(map.get('nope').intValue).to.equal(null);
    expect(map.get('nope').booleanValue).to.equal(null);
    expect(map.get('nope').doubleValue).to.equal(0);
    expect(map.get('nope').getStringValue('fallback')).to.equal('fallback');
    expect(map.get('count').getStringValue('fallback')).to.equal('7');
  });

  it('counts distinct names, lists them as a Set, and checks values', () => {
    expect(map.parameterCount).to.equal(5);
    expect((map.getParameterNames() as { toArray(): unknown[] }).toArray()).to.deep.equal([
      'amount',
      'count',
      'flag',
      'pre_A',
      'pre_B',
    ]);
    expect(map.get('count').containsStringValue('8')).to.equal(true);
    expect(map.get('count').isChecked('9')).to.equal(false);
  });

  it('gives the sub-map of a prefix with the prefix removed (getParameterMap)', () => {
    const sub = map.getParameterMap('pre_');
    expect(sub.parameterCount).to.equal(2);
    expect(sub.get('A').stringValue).to.equal('x');
  });

  it('reads a parameter as a property of the map, members first', () => {
    const byProperty = map as unknown as Record<string, { stringValue: string | null }>;
    expect(byProperty.count.stringValue).to.equal('7');
    expect(byProperty.undefinedName.stringValue).to.equal(null);
    expect(typeof map.get).to.equal('function');
  });
});

describe('storefront: controller URLs', () => {
  it('reads site, locale, controller and action; a site ID may contain dashes', () => {
    expect(parseStorefrontPath('/on/demandware.store/Sites-My-Shop-Site/fr_FR/PayZen-Notify')).to.deep.equal({
      siteId: 'My-Shop',
      locale: 'fr_FR',
      controller: 'PayZen',
      action: 'Notify',
    });
  });

  it('is null for anything else', () => {
    for (const pathname of [
      '/on/demandware.store/Sites-A-Site/default',
      '/on/demandware.store/Sites-A-Site/default/Notify',
      '/on/demandware.store/Sites-A-Site/default/A-B/extra',
      '/on/demandware.store/Sites-A-Site/default/..%2Fx-B',
      '/s/A/home',
    ]) {
      expect(parseStorefrontPath(pathname), pathname).to.equal(null);
    }
  });
});
