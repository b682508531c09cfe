/**
 * Names fixed by the vendor documents (../shared/reference/seeds-digest.md) that merchants and
 * vendor checkout cartridges rely on, and the BM-text rules: English, French and Japanese.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readTypeExtensionsFile } from '../../tools/build/metadataModel';
import { PATHS } from '../../tools/build/paths';

const LANGUAGES = ['x-default', 'fr', 'ja'];
const extensions = readTypeExtensionsFile(PATHS.systemObjectExtensions);
const attributes = (typeId: string): Map<string, { type: string; enumValues: string[] }> =>
  new Map(extensions.find((e) => e.typeId === typeId)!.attributes.map((a) => [a.id, a]));

const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: () => true }).parse(
  fs.readFileSync(PATHS.systemObjectExtensions, 'utf8'),
) as Record<string, unknown[]>;

/** Every element named `name` anywhere in the parsed document, with its parent's name. */
function collect(node: unknown, name: string, parent = '', found: Array<{ parent: string; items: unknown[] }> = []) {
  if (Array.isArray(node)) node.forEach((n) => collect(n, name, parent, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === name) found.push({ parent, items: value as unknown[] });
      else collect(value, name, key, found);
    }
  }
  return found;
}

function languagesOf(items: unknown[]): string[] {
  return items.map((i) => String((i as Record<string, unknown>)['@xml:lang'])).sort();
}

describe('metadata: names fixed by the vendor documents', () => {
  it('Alma: ALMA_Deferred_Capture enum ToCapture/Captured/Failed, shown as "Capture Status", and almaPaymentId', () => {
    const order = attributes('Order');
    expect(order.get('ALMA_Deferred_Capture')).to.deep.include({
      type: 'enum-of-string',
      enumValues: ['ToCapture', 'Captured', 'Failed'],
    });
    expect(order.get('almaPaymentId')!.type).to.equal('string');
    const xml = fs.readFileSync(PATHS.systemObjectExtensions, 'utf8');
    expect(xml).to.match(
      /attribute-id="ALMA_Deferred_Capture">\s*<display-name xml:lang="x-default">Capture Status<\/display-name>/,
    );
  });

  it('Alma: site preference ALMA_Deferred_Capture_Activation (boolean, off by default) in group ALMA', () => {
    expect(attributes('SitePreferences').get('ALMA_Deferred_Capture_Activation')!.type).to.equal('boolean');
    const xml = fs.readFileSync(PATHS.systemObjectExtensions, 'utf8');
    expect(xml).to.match(
      /<attribute-group group-id="ALMA">[\s\S]*?<attribute attribute-id="ALMA_Deferred_Capture_Activation"\/>/,
    );
    expect(xml).to.match(
      /attribute-id="ALMA_Deferred_Capture_Activation">[\s\S]*?<default-value>false<\/default-value>/,
    );
  });

  it('KOMOJU: cancel/refund status enums and their response attributes', () => {
    const order = attributes('Order');
    expect(order.get('komojuCancelStatus')).to.deep.include({
      type: 'enum-of-string',
      enumValues: ['Cancelled', 'Rejected', 'Failed'],
    });
    expect(order.get('komojuRefundStatus')).to.deep.include({
      type: 'enum-of-string',
      enumValues: ['Refunded', 'Rejected', 'Failed'],
    });
    expect(order.get('komojuCancelResponse')!.type).to.equal('string');
    expect(order.get('komojuRefundResponse')!.type).to.equal('string');
    const xml = fs.readFileSync(PATHS.systemObjectExtensions, 'utf8');
    expect(xml).to.contain('<display-name xml:lang="x-default">KOMOJU Cancel Response</display-name>');
    expect(xml).to.contain('<display-name xml:lang="x-default">KOMOJU Refund Response</display-name>');
  });

  it('Monext session ID and PayZen/Lyra initial transaction UUID on the order', () => {
    expect(attributes('Order').get('monextSessionID')!.type).to.equal('string');
    expect(attributes('Order').get('payzenInitialTransactionUuid')!.type).to.equal('string');
  });

  it('state attributes are enum-of-string, and no Order attribute is text (text cannot be queried)', () => {
    for (const [id, a] of attributes('Order')) {
      expect(a.type, id).not.to.equal('text');
      if (a.enumValues.length) expect(a.type, id).to.equal('enum-of-string');
    }
  });

  it('every Order attribute belongs to an attribute group, so BM shows them together', () => {
    const grouped = collect(parsed, 'attribute').flatMap(({ items }) =>
      items.map((i) => String((i as Record<string, unknown>)['@attribute-id'])),
    );
    for (const id of attributes('Order').keys()) expect(grouped, id).to.include(id);
  });
});

describe('metadata: Business Manager text in English, French and Japanese', () => {
  for (const element of ['display-name', 'description', 'display']) {
    it(`every set of <${element}> has x-default, fr and ja`, () => {
      const sets = collect(parsed, element);
      expect(sets.length).to.be.greaterThan(0);
      for (const { parent, items } of sets)
        expect(languagesOf(items), `${element} under ${parent}`).to.deep.equal(LANGUAGES.slice().sort());
    });
  }

  it('job, step type and parameter descriptions carry French and Japanese after the English', () => {
    const texts: string[] = [];
    const steptypes = JSON.parse(
      fs.readFileSync(path.join(PATHS.cartridgesSrc, 'int_payment_operations', 'steptypes.json'), 'utf8'),
    );
    for (const kind of Object.values(steptypes['step-types']) as Array<Array<Record<string, unknown>>>) {
      for (const step of kind) {
        texts.push(String(step.description));
        const parameters = ((step.parameters as { parameter?: Array<{ description: string }> }) ?? {}).parameter ?? [];
        parameters.forEach((p) => texts.push(p.description));
        const statuses = ((step['status-codes'] as { status?: Array<{ description: string }> }) ?? {}).status ?? [];
        statuses.forEach((s) => texts.push(s.description));
      }
    }
    for (const file of fs.readdirSync(PATHS.jobs)) {
      const xml = fs.readFileSync(path.join(PATHS.jobs, file), 'utf8');
      for (const match of xml.matchAll(/<description>([\s\S]*?)<\/description>/g)) texts.push(match[1]);
    }
    expect(texts.length).to.be.greaterThan(4);
    for (const text of texts) {
      expect(text, text).to.match(/ \/ FR ?: .+ \/ JA: .*[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});
