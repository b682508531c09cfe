/** A platform locale ID (`default`, `fr_FR`) as a BCP 47 tag for Intl; `default` formats like en_US. */
export function localeTag(locale: string | null | undefined): string {
  if (!locale || locale === 'default') return 'en-US';
  return locale.replace(/_/g, '-');
}
