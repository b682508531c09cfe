/**
 * Comparison of secrets (signatures) in constant time: it reads every character of the longer
 * text, whatever it finds, so the time it takes says nothing about where two signatures differ.
 */

/** True when the two texts are equal; looks at every character whatever it finds. */
export function equalInConstantTime(expected: string, given: string): boolean {
  const length = Math.max(expected.length, given.length);
  // A length difference counts as a difference, but does not shorten the loop.
  let difference = expected.length === given.length ? 0 : 1;
  for (let i = 0; i < length; i++) {
    const a = i < expected.length ? expected.charCodeAt(i) : 0;
    const b = i < given.length ? given.charCodeAt(i) : 0;
    difference |= a ^ b;
  }
  return difference === 0;
}
