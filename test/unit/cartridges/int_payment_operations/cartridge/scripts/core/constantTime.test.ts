import { expect } from 'chai';
import { equalInConstantTime } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/constantTime';

/** A text that counts how many of its characters were read. */
function counted(text: string): { value: string; reads: () => number } {
  let reads = 0;
  const value = {
    length: text.length,
    charCodeAt(index: number) {
      reads++;
      return text.charCodeAt(index);
    },
  };
  return { value: value as unknown as string, reads: () => reads };
}

describe('core/constantTime: signatures compared in constant time', () => {
  const signature = 'b5b1f8e6c0b0c2a7e7f4d0a1c3e9f2b6a8d4c1e0f7b3a9d2c5e8f1a4b7c0d3e6';

  it('accepts equal signatures', () => {
    expect(equalInConstantTime(signature, signature.slice())).to.equal(true);
  });

  it('refuses signatures that differ at the first character, at the last, or in length', () => {
    expect(equalInConstantTime(signature, '0' + signature.slice(1))).to.equal(false);
    expect(equalInConstantTime(signature, signature.slice(0, -1) + '0')).to.equal(false);
    expect(equalInConstantTime(signature, signature.slice(0, -1))).to.equal(false);
    expect(equalInConstantTime(signature, signature + '0')).to.equal(false);
    expect(equalInConstantTime(signature, '')).to.equal(false);
  });

  it('reads every character whatever it finds: a difference at the first character costs as many reads as equality', () => {
    const reads = (given: string) => {
      const expected = counted(signature);
      const other = counted(given);
      equalInConstantTime(expected.value, other.value);
      return expected.reads() + other.reads();
    };
    const all = signature.length * 2;
    expect(reads(signature)).to.equal(all);
    expect(reads('0' + signature.slice(1))).to.equal(all);
    expect(reads(signature.slice(0, -1) + '0')).to.equal(all);
    // A shorter text is read to its end, and the longer one to its end.
    expect(reads(signature.slice(0, 10))).to.equal(signature.length + 10);
  });
});
