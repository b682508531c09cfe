import { expect } from 'chai';
import { dwModules } from '../../../../../../tools/runtime/dw/crypto';
import { Encoding } from '../../../../../../tools/runtime/dw/crypto/Encoding';
import { Mac } from '../../../../../../tools/runtime/dw/crypto/Mac';
import { MessageDigest } from '../../../../../../tools/runtime/dw/crypto/MessageDigest';
import { SecureRandom } from '../../../../../../tools/runtime/dw/crypto/SecureRandom';
import { Bytes } from '../../../../../../tools/runtime/dw/util/Bytes';
import { fakeContext } from '../fakeContext';

describe('dw/crypto/Mac', () => {
  it('is registered under dw/crypto/Mac', () => {
    expect(dwModules['dw/crypto/Mac'](fakeContext())).to.equal(Mac);
  });

  it('matches RFC 4231 test case 1 (binary key)', () => {
    const key = Encoding.fromHex('0b'.repeat(20));
    const mac = new Mac(Mac.HMAC_SHA_256).digest(new Bytes('Hi There'), key);
    expect(Encoding.toHex(mac)).to.equal('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  });

  it('matches RFC 4231 test case 2 with string input and key', () => {
    const data = 'what do ya want for nothing?';
    expect(Encoding.toHex(new Mac(Mac.HMAC_SHA_256).digest(data, 'Jefe'))).to.equal(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(Encoding.toHex(new Mac(Mac.HMAC_SHA_512).digest(data, new Bytes('Jefe')))).to.equal(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
  });

  it('refuses unknown algorithms', () => {
    expect(() => new Mac('HmacSHA3')).to.throw(/Unsupported MAC algorithm/);
  });
});

describe('dw/crypto/MessageDigest', () => {
  const abcSha256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

  it('digestBytes returns Bytes, digest(string) the deprecated hex string', () => {
    const digest = new MessageDigest(MessageDigest.DIGEST_SHA_256);
    expect(Encoding.toHex(digest.digestBytes(new Bytes('abc')))).to.equal(abcSha256);
    expect(digest.digest('abc')).to.equal(abcSha256);
    expect(Encoding.toHex(digest.digest(null, new Bytes('abc')))).to.equal(abcSha256);
  });

  it('accumulates updateBytes until digest()', () => {
    const digest = new MessageDigest(MessageDigest.DIGEST_SHA_256);
    digest.updateBytes(new Bytes('a'));
    digest.updateBytes(new Bytes('bc'));
    expect(Encoding.toHex(digest.digest())).to.equal(abcSha256);
    expect(() => new MessageDigest(MessageDigest.DIGEST_MD2)).to.throw(/Unsupported digest/);
  });
});

describe('dw/crypto/Encoding', () => {
  it('round-trips Base64, Base64URL and hex', () => {
    const bytes = new Bytes(Uint8Array.from([0xfb, 0xff, 0x00, 0x3e]));
    expect(Encoding.toBase64(bytes)).to.equal('+/8APg==');
    expect(Encoding.toBase64URL(bytes)).to.equal('-_8APg');
    expect(Encoding.toHex(Encoding.fromBase64('+/8APg=='))).to.equal('fbff003e');
    expect(Encoding.toHex(Encoding.fromBase64('-_8APg'))).to.equal('fbff003e');
    expect(Encoding.fromBase64('SGVs\nbG8=').toString()).to.equal('Hello');
    expect(Encoding.fromHex('48656C6C6F').toString()).to.equal('Hello');
    expect(() => Encoding.fromHex('abc')).to.throw(/Odd/);
    expect(() => Encoding.fromHex('zz')).to.throw(/hexadecimal/);
  });

  it('URL-encodes as application/x-www-form-urlencoded', () => {
    expect(Encoding.toURI('a b&c=d/é*~')).to.equal('a+b%26c%3Dd%2F%C3%A9*%7E');
    expect(Encoding.fromURI('a+b%26c%3Dd%2F%C3%A9')).to.equal('a b&c=d/é');
    expect(Encoding.toURI('é', 'ISO-8859-1')).to.equal('%E9');
    expect(() => Encoding.fromURI('%G1')).to.throw(/Illegal hex/);
  });
});

describe('dw/crypto/SecureRandom', () => {
  it('returns ints within the bound and the number of bytes asked for', () => {
    const random = new SecureRandom();
    for (let draw = 0; draw < 50; draw++) expect(random.nextInt(6)).to.be.within(0, 5);
    expect(random.nextBytes(16).length).to.equal(16);
    expect(random.nextNumber()).to.be.within(0, 1);
    expect(() => random.nextInt(0)).to.throw(/positive/);
  });
});
