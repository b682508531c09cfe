/** dw.system.Site: the job's site context, its preferences (typed by metadata/) and locales. */
import type { RuntimeCore } from '../../runtimeCore';
import { createCustomAttributes } from '../../state/customAttributes';
import type { SiteRecord } from '../../state/records';
import type { ValueKit } from '../valueKit';

export function createSiteModule(core: RuntimeCore, kit: ValueKit): unknown {
  const views = new WeakMap<SiteRecord, SiteView>();

  class SitePreferences {
    readonly custom: Record<string, unknown>;
    constructor(site: SiteRecord) {
      this.custom = createCustomAttributes(
        {
          describe: `Site ${site.id} preferences`,
          typeId: 'SitePreferences',
          attributes: core.metadata.attributesOf('SitePreferences'),
          values: site.preferences,
        },
        core.transactions,
        kit,
      );
    }
    getCustom(): Record<string, unknown> {
      return this.custom;
    }
  }

  class SiteView {
    readonly preferences: SitePreferences;
    constructor(private readonly site: SiteRecord) {
      this.preferences = new SitePreferences(site);
    }
    get ID(): string {
      return this.site.id;
    }
    getID(): string {
      return this.site.id;
    }
    get name(): string {
      return this.site.name;
    }
    getName(): string {
      return this.site.name;
    }
    get defaultCurrency(): string {
      return this.site.currency;
    }
    getDefaultCurrency(): string {
      return this.site.currency;
    }
    get timezone(): string {
      return this.site.timezone;
    }
    getTimezone(): string {
      return this.site.timezone;
    }
    get allowedLocales(): unknown {
      return kit.list(this.site.locales.slice());
    }
    getAllowedLocales(): unknown {
      return this.allowedLocales;
    }
    get defaultLocale(): string {
      return this.site.locales[0] ?? 'default';
    }
    getDefaultLocale(): string {
      return this.defaultLocale;
    }
    getPreferences(): SitePreferences {
      return this.preferences;
    }
    getCustomPreferenceValue(name: string): unknown {
      if (!core.metadata.attributesOf('SitePreferences').has(name)) {
        core.warn(
          'UNKNOWN_PREFERENCE',
          `Site preference '${name}' is not defined in metadata/: the platform returns null`,
        );
        return null;
      }
      const value = this.preferences.custom[name];
      return value === undefined ? null : value;
    }
    setCustomPreferenceValue(name: string, value: unknown): void {
      this.preferences.custom[name] = value;
    }
    getCalendar(): unknown {
      return kit.calendar(core.now(), this.site.timezone);
    }
    get calendar(): unknown {
      return this.getCalendar();
    }
    get status(): number {
      return 1;
    }
  }

  const view = (site: SiteRecord): SiteView => {
    let existing = views.get(site);
    if (!existing) {
      existing = new SiteView(site);
      views.set(site, existing);
    }
    return existing;
  };

  const current = (): SiteView | null => (core.currentSite ? view(core.currentSite) : null);

  return {
    getCurrent: current,
    get current() {
      return current();
    },
    getAllSites: () => kit.list([...core.state.sites.values()].map(view)),
    get allSites() {
      return kit.list([...core.state.sites.values()].map(view));
    },
    getCalendar: () => kit.calendar(core.now(), core.currentSite?.timezone ?? 'Etc/UTC'),
    get calendar() {
      return kit.calendar(core.now(), core.currentSite?.timezone ?? 'Etc/UTC');
    },
    SITE_STATUS_ONLINE: 1,
    SITE_STATUS_MAINTENANCE: 2,
    SITE_STATUS_PROTECTED: 3,
  };
}
