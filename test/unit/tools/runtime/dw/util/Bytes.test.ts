import { expect } from 'chai';
import { Bytes } from '../../../../../../tools/runtime/dw/util/Bytes';

describe('dw/util/Bytes', () => {
  it('encodes strings as UTF-8 by default, or with the given charset', () => {
    expect(new Bytes('é').length).to.equal(2);
    expect(new Bytes('é', 'ISO-8859-1').getLength()).to.equal(1);
    expect(new Bytes('é', 'ISO-8859-1').toString('ISO-8859-1')).to.equal('é');
    expect(new Bytes('€', 'US-ASCII').toString()).to.equal('?');
    expect(() => new Bytes('x', 'EBCDIC-XYZ')).to.throw(/Unsupported encoding/);
  });

  it('reads signed bytes, shorts and big-endian ints', () => {
    const bytes = new Bytes(Uint8Array.from([0xff, 0x00, 0x00, 0x01, 0x80]));
    expect(bytes.byteAt(0)).to.equal(-1);
    expect(bytes.byteAt(4)).to.equal(-128);
    expect(bytes.intAt(1)).to.equal(0x00000180);
    expect(bytes.shortAt(0)).to.equal(-256);
    expect(() => bytes.byteAt(5))
      .to.throw()
      .with.property('javaName', 'java.lang.IndexOutOfBoundsException');
    expect(() => bytes.intAt(2)).to.throw();
  });

  it('slices and reverses into new Bytes', () => {
    const bytes = new Bytes('abcdef');
    expect(bytes.bytesAt(1, 3).toString()).to.equal('bcd');
    expect(bytes.reverse().toString()).to.equal('fedcba');
    expect(() => bytes.bytesAt(4, 5)).to.throw(/bytesAt/);
    expect(Array.from(bytes.asUint8Array().slice(0, 2))).to.deep.equal([97, 98]);
  });
});
