import { createHash, type Hash } from 'node:crypto';
import { Bytes } from '../util/Bytes';
import { illegalArgument, nullPointer } from '../util/JavaException';

const NODE_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  SHA: 'sha1',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-512': 'sha512',
};

function nodeAlgorithmOf(algorithm: string): string {
  const nodeAlgorithm = NODE_ALGORITHMS[String(algorithm)];
  if (!nodeAlgorithm) throw illegalArgument(`Unsupported digest algorithm: ${algorithm}`);
  return nodeAlgorithm;
}

const requireBytes = (input: Bytes): Uint8Array => {
  if (input === null || input === undefined) throw nullPointer('input must not be null');
  return input.toUint8Array();
};

/** `dw.crypto.MessageDigest`. MD2 is refused (Node has no MD2); the other deprecated ones work. */
export class MessageDigest {
  static readonly DIGEST_MD2 = 'MD2';
  static readonly DIGEST_MD5 = 'MD5';
  static readonly DIGEST_SHA = 'SHA';
  static readonly DIGEST_SHA_1 = 'SHA-1';
  static readonly DIGEST_SHA_256 = 'SHA-256';
  static readonly DIGEST_SHA_512 = 'SHA-512';
  private readonly algorithm: string;
  private pending: Hash;

  constructor(algorithm: string) {
    this.algorithm = nodeAlgorithmOf(algorithm);
    this.pending = createHash(this.algorithm);
  }

  /**
   * `digest()`: completes the updateBytes() data → Bytes. Deprecated forms: `digest(string)` → the
   * hex of the UTF-8 bytes' hash; `digest(algorithm | null, bytes)` → Bytes.
   */
  digest(): Bytes;
  digest(input: string): string;
  digest(algorithm: string | null, input: Bytes): Bytes;
  digest(first?: string | null, second?: Bytes): Bytes | string {
    if (arguments.length === 0) {
      const result = Bytes.of(this.pending.digest());
      this.pending = createHash(this.algorithm);
      return result;
    }
    if (arguments.length === 1) {
      if (first === null || first === undefined) throw nullPointer('input must not be null');
      return createHash(this.algorithm).update(String(first), 'utf8').digest('hex');
    }
    const algorithm = first === null || first === undefined ? this.algorithm : nodeAlgorithmOf(first);
    return Bytes.of(
      createHash(algorithm)
        .update(requireBytes(second as Bytes))
        .digest(),
    );
  }

  digestBytes(input: Bytes): Bytes {
    return Bytes.of(createHash(this.algorithm).update(requireBytes(input)).digest());
  }

  updateBytes(input: Bytes): void {
    this.pending.update(requireBytes(input));
  }
}
