/**
 * The Calendar pattern constants' formats. On the platform they come from each locale's regional
 * settings in Business Manager, which a local run does not have: every locale gets the documented
 * examples (the en_US defaults).
 */
const DOCUMENTED_PATTERNS: Record<number, string> = {
  0: 'M/d/yy',
  1: 'MMM/d/yyyy',
  2: 'h:mm:ss a',
  3: 'MM/dd/yyyy',
  4: 'h:mm a',
  5: 'MM/dd/yyyy h:mm a',
};

export function localePatterns(_locale: string | undefined): (pattern: number) => string {
  return (pattern) => {
    const format = DOCUMENTED_PATTERNS[pattern];
    if (format === undefined) throw new RangeError(`unknown Calendar pattern constant ${pattern}`);
    return format;
  };
}
