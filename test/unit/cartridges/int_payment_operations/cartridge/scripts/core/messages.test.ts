import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  MESSAGE_BUNDLE,
  message,
  messageWith,
  useSiteLocale,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/messages';
import { resetDwMocks, Resource, Site } from '../../../../../../helpers/dwMocks';

const CARTRIDGE = path.join(__dirname, '../../../../../../../cartridges/int_payment_operations/cartridge');
const RESOURCES = path.join(CARTRIDGE, 'templates/resources');
const SCRIPTS = path.join(CARTRIDGE, 'scripts');

const LANGUAGES = { en: '', fr: '_fr', ja: '_ja' } as const;
type Language = keyof typeof LANGUAGES;

/** A .properties file as java.util.Properties reads it (the simple form the bundles use), with duplicates. */
function readBundle(suffix: string): { values: Map<string, string>; duplicates: string[] } {
  const file = path.join(RESOURCES, MESSAGE_BUNDLE + suffix + '.properties');
  const values = new Map<string, string>();
  const duplicates: string[] = [];
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r\n|\r|\n/)) {
    const line = raw.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const at = line.search(/[=:]/);
    expect(at, 'a line without = in ' + file + ': ' + line).to.be.greaterThan(0);
    const key = line.substring(0, at).trim();
    if (values.has(key)) duplicates.push(key);
    values.set(key, line.substring(at + 1).replace(/^[ \t\f]+/, ''));
  }
  return { values, duplicates };
}

const bundles = {} as { [language in Language]: Map<string, string> };
const duplicates = {} as { [language in Language]: string[] };
for (const language of Object.keys(LANGUAGES) as Language[]) {
  const read = readBundle(LANGUAGES[language]);
  bundles[language] = read.values;
  duplicates[language] = read.duplicates;
}

/** The {n} indices a value uses. */
function indices(value: string): number[] {
  const found = new Set<number>();
  for (const match of value.matchAll(/\{(\d+)\}/g)) found.add(Number(match[1]));
  return [...found].sort((a, b) => a - b);
}

// ---- What the cartridge sources ask of the bundle, read from their syntax trees. ----

interface KeyUse {
  key: string;
  /** How the key is formatted: reason() fills in its four shared phrases {0}–{3} before its own values. */
  via: 'message' | 'messageWith' | 'reason' | 'amountProblem' | 'phrase' | 'template';
  /** Arguments the call fills in ({0} … {arguments - 1}); null when the call does not say. */
  arguments: number | null;
  where: string;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') files.push(...sourceFiles(full));
    } else if (entry.name.endsWith('.ts')) files.push(full);
  }
  return files;
}

function enclosingFunction(node: ts.Node): ts.Node {
  for (let at = node.parent; at; at = at.parent) if (ts.isFunctionLike(at)) return at;
  return node.getSourceFile();
}

/** The `const name = …` initializer visible from `node` in its function, or null (e.g. a parameter). */
function constInitializer(node: ts.Node, name: string): ts.Expression | null {
  let found: ts.Expression | null = null;
  const visit = (child: ts.Node): void => {
    if (ts.isVariableDeclaration(child) && ts.isIdentifier(child.name) && child.name.text === name && child.initializer)
      found = child.initializer;
    else ts.forEachChild(child, visit);
  };
  ts.forEachChild(enclosingFunction(node), visit);
  return found;
}

/** The string literals an expression can be (literals, conditionals, consts); null when it is computed. */
function literalValues(expression: ts.Expression, from: ts.Node): string[] | null {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression.text];
  if (ts.isParenthesizedExpression(expression)) return literalValues(expression.expression, from);
  if (ts.isConditionalExpression(expression)) {
    const whenTrue = literalValues(expression.whenTrue, from);
    const whenFalse = literalValues(expression.whenFalse, from);
    return whenTrue && whenFalse ? whenTrue.concat(whenFalse) : null;
  }
  if (ts.isIdentifier(expression)) {
    const initializer = constInitializer(from, expression.text);
    return initializer ? literalValues(initializer, from) : null;
  }
  return null;
}

/** The most elements an array expression can have (literal, conditional, const), or null. */
function arrayLength(expression: ts.Expression, from: ts.Node): number | null {
  if (ts.isArrayLiteralExpression(expression)) return expression.elements.length;
  if (ts.isParenthesizedExpression(expression)) return arrayLength(expression.expression, from);
  if (ts.isConditionalExpression(expression)) {
    const a = arrayLength(expression.whenTrue, from);
    const b = arrayLength(expression.whenFalse, from);
    return a === null || b === null ? null : Math.max(a, b);
  }
  if (ts.isIdentifier(expression)) {
    const initializer = constInitializer(from, expression.text);
    return initializer ? arrayLength(initializer, from) : null;
  }
  return null;
}

/**
 * Every call of message(key, …), messageWith(key, […]), reason(key, operation, adapter, withAmount,
 * [extra]) (which fills in {0}–{3} and then the extra values) and amountProblem(key, …) (whose key is
 * shown through message(key), without arguments). Calls whose key is computed are listed apart.
 */
function keyUses(): { uses: KeyUse[]; computed: string[] } {
  const uses: KeyUse[] = [];
  const computed: string[] = [];
  for (const file of sourceFiles(SCRIPTS)) {
    if (path.basename(file) === 'messages.ts') continue; // the helpers themselves
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.arguments.length > 0) {
        const callee = node.expression.text;
        const where =
          path.relative(SCRIPTS, file) + ':' + (source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
        let count: number | null | undefined;
        if (callee === 'message') count = node.arguments.length - 1;
        else if (callee === 'messageWith') count = arrayLength(node.arguments[1], node);
        else if (callee === 'reason' && node.arguments.length >= 4)
          count = node.arguments.length > 4 ? mapNullable(arrayLength(node.arguments[4], node), (n) => 4 + n) : 4;
        else if (callee === 'amountProblem') count = 0;
        if (count !== undefined) {
          const keys = literalValues(node.arguments[0], node);
          if (keys) for (const key of keys) uses.push({ key, via: callee as KeyUse['via'], arguments: count, where });
          else computed.push(callee + '(' + node.arguments[0].getText(source) + ') at ' + where);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { uses, computed };
}

function mapNullable(value: number | null, map: (n: number) => number): number | null {
  return value === null ? null : map(value);
}

const OPERATION_RUNNER = fs.readFileSync(path.join(SCRIPTS, 'core/operationRunner.ts'), 'utf8');

/** The operation types reason() phrases (operationRunner's TYPES). */
function operationTypes(): string[] {
  const match = /const TYPES = \[([^\]]*)\]/.exec(OPERATION_RUNNER);
  expect(match, 'operationRunner.ts declares const TYPES = [...]').to.not.equal(null);
  return [...match![1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/** The operation.<type>.<form> phrases reason() builds, with the arguments each receives. */
function phraseUses(): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const type of operationTypes()) {
    for (const form of ['subject', 'object']) {
      uses.push({ key: 'operation.' + type + '.' + form, via: 'phrase', arguments: 0, where: 'reason()' });
      uses.push({ key: 'operation.' + type + '.' + form + 'Amount', via: 'phrase', arguments: 1, where: 'reason()' });
    }
    uses.push({ key: 'operation.' + type + '.start', via: 'phrase', arguments: 0, where: 'reason()' });
  }
  return uses;
}

/** Keys the ISML templates (e-mails) format: Resource.msg('key', 'payops', …) and Resource.msgf('key', 'payops', null, args…). */
function templateUses(): KeyUse[] {
  const uses: KeyUse[] = [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'resources' ? [] : walk(full);
      return entry.name.endsWith('.isml') ? [full] : [];
    });
  for (const file of walk(path.join(CARTRIDGE, 'templates'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/Resource\.(msgf?)\('([^']+)', 'payops', ([^)]*)\)/g)) {
      const rest = match[3].split(',').map((part) => part.trim());
      uses.push({
        key: match[2],
        via: 'template',
        arguments: match[1] === 'msgf' ? rest.length - 1 : 0,
        where: path.relative(CARTRIDGE, file),
      });
    }
  }
  return uses;
}

const scanned = keyUses();
const used = scanned.uses.concat(phraseUses(), templateUses());
/** Keys reason() formats: it always fills in the four phrases {0}–{3}, so a language may use any of them. */
const reasonKeys = new Set(used.filter((use) => use.via === 'reason').map((use) => use.key));

describe('core/messages', () => {
  describe('the bundles payops (English), payops_fr and payops_ja', () => {
    it('have exactly the same keys, each once, with a value', () => {
      const english = [...bundles.en.keys()].sort();
      expect(english.length).to.be.greaterThan(50);
      for (const language of ['fr', 'ja'] as const) {
        expect([...bundles[language].keys()].sort(), language).to.deep.equal(english);
      }
      for (const language of Object.keys(LANGUAGES) as Language[]) {
        expect(duplicates[language], language + ' keys defined twice').to.deep.equal([]);
        for (const [key, value] of bundles[language]) expect(value.trim(), language + ' ' + key).to.not.equal('');
      }
    });

    it('hold every key the cartridge sources use', () => {
      // The scan finds the calls it must (a broken scan would pass vacuously).
      const keys = new Set(used.map((use) => use.key));
      for (const key of [
        'reason.succeeded.details',
        'reason.escalated',
        'reason.withdrawn.unsent',
        'invalid.nothingLeft',
        'amount.toRefund',
        'truth.refundAmountDiffers',
        'notDue.captureStatus',
        'money.tooManyDecimals',
        'operation.shipmentCapture.objectAmount',
      ]) {
        expect(keys.has(key), key + ' found in the sources').to.equal(true);
      }
      const missing: string[] = [];
      for (const use of used) {
        for (const language of Object.keys(LANGUAGES) as Language[]) {
          if (!bundles[language].has(use.key)) missing.push(language + ': ' + use.key + ' (' + use.where + ')');
        }
      }
      expect(missing).to.deep.equal([]);
    });

    it('hold no key the sources never use (a wording nobody sees)', () => {
      const keys = new Set(used.map((use) => use.key));
      expect([...bundles.en.keys()].filter((key) => !keys.has(key))).to.deep.equal([]);
    });

    it('know every call whose key is computed (the phrases of reason(), the amount names of amountProblem)', () => {
      // A new computed key must be added to phraseUses() (or made a literal) so that this test checks it.
      expect(scanned.computed.map((call) => call.replace(/ at .*$/, '')).sort()).to.deep.equal([
        "message('operation.' + type + '.start')",
        "message(name + 'Amount')",
        'message(name)',
        'message(what)',
        'message(what)',
        'messageWith(key)',
      ]);
    });

    it('contain no ASCII apostrophe, which MessageFormat would take for a quote', () => {
      for (const language of Object.keys(LANGUAGES) as Language[]) {
        for (const [key, value] of bundles[language]) expect(value, language + ' ' + key).to.not.include("'");
      }
    });

    it('use braces only for {n} placeholders', () => {
      for (const language of Object.keys(LANGUAGES) as Language[]) {
        for (const [key, value] of bundles[language]) {
          expect(value.replace(/\{\d+\}/g, ''), language + ' ' + key).to.not.match(/[{}]/);
        }
      }
    });

    it('use in French and Japanese only placeholders the English value has', () => {
      const problems: string[] = [];
      for (const [key, english] of bundles.en) {
        // reason() always fills in {0} the subject, {1} the object, {2} the object starting a
        // sentence and {3} the provider: each language picks the phrases its grammar needs.
        const allowed = new Set(indices(english).concat(reasonKeys.has(key) ? [0, 1, 2, 3] : []));
        for (const language of ['fr', 'ja'] as const) {
          const extra = indices(bundles[language].get(key) || '').filter((n) => !allowed.has(n));
          if (extra.length) problems.push(language + ' ' + key + ' uses {' + extra.join('}, {') + '}');
        }
      }
      expect(problems).to.deep.equal([]);
    });

    it('show no placeholder their callers leave unfilled, in any language', () => {
      const problems: string[] = [];
      for (const use of used) {
        if (use.arguments === null) continue;
        for (const language of Object.keys(LANGUAGES) as Language[]) {
          const value = bundles[language].get(use.key);
          if (value === undefined) continue;
          const unfilled = indices(value).filter((n) => n >= (use.arguments as number));
          if (unfilled.length)
            problems.push(language + ' ' + use.key + ' (' + use.where + ') shows {' + unfilled + '}');
        }
      }
      expect(problems).to.deep.equal([]);
    });
  });

  describe('message', () => {
    beforeEach(() => resetDwMocks());

    it('fills in the arguments as text, without grouping or rounding', () => {
      expect(message('invalid.tooMuch', 'the Amount to Refund', '1234567.895 KWD', '100.00 EUR')).to.equal(
        'the Amount to Refund 1234567.895 KWD is more than the 100.00 EUR allowed; nothing was sent',
      );
      expect(message('detail.reference', 'Alma', 12345)).to.equal('Alma reference 12345');
      expect(messageWith('detail.pair', ['a', 'b'])).to.equal('a, b');
      expect(message('invalid.noTotal')).to.equal('the order has no total');
    });

    it('reads the request locale, falling back to English for a locale without a bundle', () => {
      Resource.__setLocale('fr_FR');
      expect(message('invalid.refund', 'x')).to.equal('Remboursement impossible : x.');
      Resource.__setLocale('ja_JP');
      expect(message('invalid.refund', 'x')).to.equal('返金できません：x。');
      Resource.__setLocale('de_DE');
      expect(message('invalid.refund', 'x')).to.equal('Refund not possible: x.');
    });
  });

  describe('useSiteLocale', () => {
    const global = globalThis as unknown as { request?: { setLocale(locale: string): void } };
    let locales: string[];

    beforeEach(() => {
      resetDwMocks();
      locales = [];
      // The request of a job: its locale is what Resource reads.
      global.request = {
        setLocale: (locale: string) => {
          locales.push(locale);
          Resource.__setLocale(locale);
        },
      };
    });

    afterEach(() => {
      delete global.request;
      Resource.__reset();
    });

    it('makes the site’s default locale the request locale, so that reasons read in the site’s language', () => {
      const site = Site.__setCurrent('RefArchFR') as unknown as { defaultLocale: string };
      site.defaultLocale = 'fr_FR';
      useSiteLocale();
      expect(locales).to.deep.equal(['fr_FR']);
      expect(message('invalid.noTotal')).to.equal('la commande n’a pas de total');
    });

    it('does nothing without a request (outside a request or job context)', () => {
      Site.__setCurrent('RefArch');
      delete global.request;
      expect(() => useSiteLocale()).to.not.throw();
    });
  });
});
