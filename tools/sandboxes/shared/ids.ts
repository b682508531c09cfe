import { randomBytes } from 'node:crypto';

const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random lower-case alphanumeric identifier (KOMOJU ids are 25 such characters). */
export function randomAlphanumericId(length: number): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += LOWER_ALPHANUMERIC[byte % LOWER_ALPHANUMERIC.length];
  return id;
}

/** Random lower-case hexadecimal identifier (Lyra transaction uuids are 32 such characters). */
export function randomHexId(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}
