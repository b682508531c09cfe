import { randomBytes, randomInt } from 'node:crypto';
import { Bytes } from '../util/Bytes';
import { illegalArgument } from '../util/JavaException';

/** `dw.crypto.SecureRandom` over Node's CSPRNG; setSeed is accepted and, as documented, only adds entropy. */
export class SecureRandom {
  /** Documented as "a number of random bytes" although the parameter is named numBits: bytes are returned. */
  nextBytes(count: number): Bytes {
    return Bytes.of(randomBytes(Math.max(0, Math.trunc(count))));
  }

  generateSeed(numBytes: number): Bytes {
    return this.nextBytes(numBytes);
  }

  nextInt(upperBound?: number): number {
    if (upperBound === undefined) return randomBytes(4).readInt32BE(0);
    if (!(upperBound > 0)) throw illegalArgument('bound must be positive');
    return randomInt(Math.trunc(upperBound));
  }

  nextNumber(): number {
    return randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
  }

  setSeed(_seed: Bytes): void {}
}
