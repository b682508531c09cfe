import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type RuntimeContext } from '../context';
import { illegalArgument } from './JavaException';
import { type Collection } from './Collection';
import { perContext } from './perContext';
import { stringUtilsFor } from './StringUtils';
import { resourceClassFor } from '../web/Resource';
import { MimeEncodedText } from '../value/MimeEncodedText';
import { renderIsml } from '../../isml/renderIsml';

/** Template folders for a locale, most specific first: `fr_FR` → fr_FR, fr, default. */
function localeFolders(locale: string): string[] {
  if (!locale || locale === 'default') return ['default'];
  const parts = locale.split('_');
  return [...parts.map((_, i) => parts.slice(0, parts.length - i).join('_')), 'default'];
}

/** The entries of a dw.util.Map (or a plain object) as a plain object, for `param.x` in ISML. */
function parametersOf(params: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (params === null || params === undefined) return out;
  const map = params as { keySet?: () => Collection<unknown>; get?: (key: unknown) => unknown };
  if (typeof map.keySet === 'function' && typeof map.get === 'function') {
    for (const key of map.keySet().toArray()) out[String(key)] = map.get(key);
    return out;
  }
  return { ...(params as Record<string, unknown>) };
}

function createTemplate(ctx: RuntimeContext) {
  /** Resource and StringUtils as a template of `locale` sees them (its bundles in that locale). */
  const localized = new Map<string, RuntimeContext>();
  const contextFor = (locale: string): RuntimeContext => {
    if (!localized.has(locale)) localized.set(locale, Object.create(ctx, { locale: { value: locale } }));
    return localized.get(locale) as RuntimeContext;
  };

  /**
   * `dw.util.Template`: finds `<name>.isml` under `cartridge/templates/<locale folder>` along the
   * cartridge path (first cartridge wins; fr_FR, then fr, then default) and renders it with the
   * parameters as `param` and `pdict`, in the template's locale (else the request's).
   */
  class Template {
    private locale: string | null;

    constructor(
      private readonly templateName: string,
      locale?: string,
    ) {
      if (templateName === null || templateName === undefined || String(templateName) === '')
        throw illegalArgument('Template: templateName must not be empty');
      this.locale = locale === undefined || locale === null ? null : String(locale);
    }

    setLocale(locale: string): this {
      if (locale === null || locale === undefined || String(locale).trim() === '')
        throw illegalArgument('Template.setLocale: localeID must not be blank');
      this.locale = String(locale);
      return this;
    }

    render(params?: unknown): MimeEncodedText {
      const locale = this.locale ?? ctx.locale;
      const name = String(this.templateName).replace(/\.isml$/, '') + '.isml';
      let file: string | undefined;
      for (const directory of ctx.templateDirectories()) {
        for (const folder of localeFolders(locale)) {
          const candidate = path.join(directory, folder, name);
          if (existsSync(candidate)) {
            file = candidate;
            break;
          }
        }
        if (file) break;
      }
      if (!file) {
        throw illegalArgument(
          `Template ${name} not found in cartridge/templates/{${localeFolders(locale).join(',')}} of the cartridge path`,
        );
      }
      const local = contextFor(locale);
      const parameters = parametersOf(params);
      const rendered = renderIsml(
        readFileSync(file, 'utf8'),
        { param: parameters, pdict: parameters, Resource: resourceClassFor(local), StringUtils: stringUtilsFor(local) },
        name,
      );
      return new MimeEncodedText(rendered.text, rendered.mimeType, rendered.encoding);
    }
  }
  return Template;
}

/** The run's `dw.util.Template`. */
export const templateClassFor = perContext(createTemplate);
