import { createHmac } from 'node:crypto';
import { Bytes } from '../util/Bytes';
import { illegalArgument, nullPointer } from '../util/JavaException';

const NODE_ALGORITHMS: Record<string, string> = {
  HmacMD5: 'md5',
  HmacSHA1: 'sha1',
  HmacSHA256: 'sha256',
  HmacSHA384: 'sha384',
  HmacSHA512: 'sha512',
};

const toBytes = (value: string | Bytes, what: string): Uint8Array => {
  if (value === null || value === undefined) throw nullPointer(`${what} must not be null`);
  return value instanceof Bytes ? value.toUint8Array() : new TextEncoder().encode(String(value));
};

/** `dw.crypto.Mac`: HMAC; string input and key are taken as UTF-8. */
export class Mac {
  static readonly HMAC_MD5 = 'HmacMD5';
  static readonly HMAC_SHA_1 = 'HmacSHA1';
  static readonly HMAC_SHA_256 = 'HmacSHA256';
  static readonly HMAC_SHA_384 = 'HmacSHA384';
  static readonly HMAC_SHA_512 = 'HmacSHA512';
  private readonly algorithm: string;

  constructor(algorithm: string) {
    const nodeAlgorithm = NODE_ALGORITHMS[String(algorithm)];
    if (!nodeAlgorithm) throw illegalArgument(`Unsupported MAC algorithm: ${algorithm}`);
    this.algorithm = nodeAlgorithm;
  }

  digest(input: string | Bytes, key: string | Bytes): Bytes {
    const hmac = createHmac(this.algorithm, toBytes(key, 'key'));
    hmac.update(toBytes(input, 'input'));
    return Bytes.of(hmac.digest());
  }
}
