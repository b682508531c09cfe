/**
 * How many custom objects an instance holds: every type, every site's site-scoped objects and the
 * organization's. The platform's object quota for custom objects counts them all together
 * (platform.md §8, §11.2).
 */
import type { CustomObjectRecord, SiteRecord } from './records';

type ObjectsByType = ReadonlyMap<string, ReadonlyMap<string, CustomObjectRecord>>;

function countByType(byType: ObjectsByType): number {
  let count = 0;
  for (const objects of byType.values()) count += objects.size;
  return count;
}

export function countCustomObjects(sites: Iterable<SiteRecord>, organizationObjects: ObjectsByType): number {
  let count = countByType(organizationObjects);
  for (const site of sites) count += countByType(site.customObjects);
  return count;
}

/** The platform's name for the quota, as its quota log lines and Quota Status page show it. */
export const CUSTOM_OBJECT_QUOTA_NAME = 'object.CustomObjectPO';
