import { randomUUID } from 'node:crypto';

/** `dw.util.UUIDUtils`. */
export class UUIDUtils {
  private constructor() {}

  /** 32 lowercase hexadecimal characters (a random UUID without dashes). */
  static createUUID(): string {
    return randomUUID().replace(/-/g, '');
  }
}
