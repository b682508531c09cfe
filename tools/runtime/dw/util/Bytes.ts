import { decodeBytes, encodeString } from './charsets';
import { illegalArgument, indexOutOfBounds, JavaException } from './JavaException';

/** `dw.util.Bytes`: an immutable view on binary data. */
export class Bytes {
  /** Deprecated on the platform and no longer enforced there; kept for scripts that read it. */
  static readonly MAX_BYTES = 10240;
  private readonly view: Uint8Array;

  constructor(source: string | ArrayBuffer | ArrayBufferView, encoding?: string | null) {
    if (source === null || source === undefined) throw illegalArgument('Bytes source must not be null');
    if (typeof source === 'string') this.view = encodeString(source, encoding);
    else if (source instanceof ArrayBuffer) this.view = new Uint8Array(source);
    else if (ArrayBuffer.isView(source))
      this.view = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    else this.view = encodeString(String(source), encoding);
  }

  /** Host side: Bytes over a copy of `data`. */
  static of(data: Uint8Array): Bytes {
    return new Bytes(Uint8Array.from(data));
  }

  /** Host side: the bytes (a view; do not modify). */
  toUint8Array(): Uint8Array {
    return this.view;
  }

  asUint8Array(): Uint8Array {
    return new Uint8Array(this.view.buffer, this.view.byteOffset, this.view.byteLength);
  }

  getLength(): number {
    return this.view.length;
  }

  get length(): number {
    return this.view.length;
  }

  /** Signed, -128…127. */
  byteAt(index: number): number {
    this.checkRange(index, 1);
    return (this.view[index] << 24) >> 24;
  }

  shortAt(index: number): number {
    this.checkRange(index, 2);
    return new DataView(this.view.buffer, this.view.byteOffset).getInt16(index);
  }

  intAt(index: number): number {
    this.checkRange(index, 4);
    return new DataView(this.view.buffer, this.view.byteOffset).getInt32(index);
  }

  bytesAt(index: number, length: number): Bytes {
    if (length < 0) throw illegalArgument(`negative length ${length}`);
    if (index < 0 || index > this.view.length || index + length > this.view.length) {
      throw new JavaException(
        'java.lang.ArrayIndexOutOfBoundsException',
        `bytesAt(${index}, ${length}) of ${this.view.length} bytes`,
      );
    }
    return new Bytes(this.view.subarray(index, index + length));
  }

  reverse(): Bytes {
    return new Bytes(Uint8Array.from(this.view).reverse());
  }

  toString(encoding?: string): string {
    return decodeBytes(this.view, encoding ?? 'UTF-8');
  }

  private checkRange(index: number, size: number): void {
    if (!Number.isInteger(index) || index < 0 || index + size > this.view.length) {
      throw indexOutOfBounds(`index ${index} out of range for ${this.view.length} bytes`);
    }
  }
}
