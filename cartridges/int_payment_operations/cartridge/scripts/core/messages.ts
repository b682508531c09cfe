/**
 * Text written onto orders for merchants (Payment Operations Result, the operation history, the
 * providers' response attributes) comes from the resource bundle `payops`
 * (cartridge/templates/resources/payops*.properties: English, French, Japanese) in the request's
 * locale. Job steps set that locale to the site's default locale (useSiteLocale), so a French
 * site's orders read French. Arguments are handed over as text, so MessageFormat never groups
 * or rounds an amount; the bundles use no ASCII apostrophe, which MessageFormat would take for a
 * quote.
 */
import Resource = require('dw/web/Resource');
import Site = require('dw/system/Site');

export const MESSAGE_BUNDLE = 'payops';

/** The message `key` of the payops bundle in the request locale, with its {0}, {1}, … filled in. */
export function message(key: string, ...args: Array<string | number>): string {
  return messageWith(key, args);
}

/** As message, with the arguments in an array. */
export function messageWith(key: string, args: ReadonlyArray<string | number>): string {
  if (args.length === 0) return Resource.msg(key, MESSAGE_BUNDLE, null as unknown as string);
  const parameters: unknown[] = [key, MESSAGE_BUNDLE, null];
  for (let i = 0; i < args.length; i++) parameters.push(String(args[i]));
  return (Resource.msgf as (...values: unknown[]) => string).apply(Resource, parameters);
}

/** Makes the request locale the current site's default locale (a job has no shopper's locale). */
export function useSiteLocale(): void {
  const locale = Site.getCurrent().getDefaultLocale();
  if (locale && typeof request !== 'undefined' && request) request.setLocale(locale);
}
