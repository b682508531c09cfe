import { expect } from 'chai';
import { createEnumValue, EnumValue } from '../../../../../../tools/runtime/dw/value/EnumValue';
import { MimeEncodedText } from '../../../../../../tools/runtime/dw/value/MimeEncodedText';

describe('dw/value/EnumValue', () => {
  it('exposes value and displayValue, converts like its value', () => {
    const status = createEnumValue(4, 'Exported');
    expect(status.value).to.equal(4);
    expect(status.getDisplayValue()).to.equal('Exported');
    expect(String(status)).to.equal('4');
    expect(+status).to.equal(4);
    expect(status.valueOf()).to.equal(4);
    expect(status).to.be.instanceOf(EnumValue);
  });

  it('cannot be constructed by scripts', () => {
    const Constructor = EnumValue as unknown as new (value: unknown) => EnumValue;
    expect(() => new Constructor(1)).to.throw(TypeError);
  });
});

describe('dw/value/MimeEncodedText', () => {
  it('defaults to UTF-8 plain text', () => {
    const text = new MimeEncodedText('Hello');
    expect([text.text, text.mimeType, text.encoding]).to.deep.equal(['Hello', 'text/plain;charset=UTF-8', 'UTF-8']);
    expect(new MimeEncodedText('<b>x</b>', 'text/html', 'UTF-8').getMimeType()).to.equal('text/html');
  });
});
