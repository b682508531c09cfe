import { expect } from 'chai';
import {
  enumText,
  errorMessage,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/scriptValues';

const EnumValue = require('dw/value/EnumValue') as new (value: unknown, display?: string) => object;

describe('core/scriptValues', () => {
  it('reads an enum attribute as its text, and an empty one as null', () => {
    expect(enumText(new EnumValue('ToCapture'))).to.equal('ToCapture');
    expect(enumText(new EnumValue(null, ''))).to.equal(null);
    expect(enumText(new EnumValue('', ''))).to.equal(null);
    expect(enumText('Captured')).to.equal('Captured');
    expect(enumText(null)).to.equal(null);
    expect(enumText(undefined)).to.equal(null);
  });

  it('gives the message of an error, or the text of anything else thrown', () => {
    expect(errorMessage(new Error('boom'))).to.equal('boom');
    expect(errorMessage('plain text')).to.equal('plain text');
    expect(errorMessage({ message: 'from a Java exception' })).to.equal('from a Java exception');
  });
});
