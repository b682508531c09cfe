import { type RuntimeContext } from '../context';
import { Encoding } from './Encoding';
import { Mac } from './Mac';
import { MessageDigest } from './MessageDigest';
import { SecureRandom } from './SecureRandom';

export const dwModules: Record<string, (ctx: RuntimeContext) => unknown> = {
  'dw/crypto/Encoding': () => Encoding,
  'dw/crypto/Mac': () => Mac,
  'dw/crypto/MessageDigest': () => MessageDigest,
  'dw/crypto/SecureRandom': () => SecureRandom,
};
