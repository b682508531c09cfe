/**
 * Storefront controller URLs: `/on/demandware.store/Sites-<siteID>-Site/<locale>/<Controller>-<Action>`
 * (Salesforce docs, "Controllers": `https://localhost/on/demandware.store/Sites-RefArch-Site/default/Hello-World`;
 * b2c-controllers guide in SalesforceCommerceCloud/b2c-developer-tooling). The controller name is
 * the file name in `cartridge/controllers/`; the action is the exported function's name.
 */

export interface StorefrontTarget {
  siteId: string;
  locale: string;
  controller: string;
  action: string;
}

export const STOREFRONT_PREFIX = '/on/demandware.store/';

const PATTERN = /^\/on\/demandware\.store\/Sites-(.+)-Site\/([^/]+)\/([A-Za-z0-9_]+)-([A-Za-z0-9_$]+)$/;

/** The site, locale, controller and action of a storefront path, or null when it is not one. */
export function parseStorefrontPath(pathname: string): StorefrontTarget | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const match = PATTERN.exec(decoded);
  if (!match) return null;
  const [, siteId, locale, controller, action] = match;
  return { siteId, locale, controller, action };
}

export function storefrontPath(siteId: string, locale: string, controllerAction: string): string {
  return `${STOREFRONT_PREFIX}Sites-${siteId}-Site/${locale}/${controllerAction}`;
}
