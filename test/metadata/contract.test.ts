/**
 * Names fixed by the vendor documents (../shared/reference/seeds-digest.md) that merchants and
 * vendor checkout cartridges rely on, our own order attributes and custom object types (the
 * journal and the synchronised payment methods), and the BM-text rules: English, French and
 * Japanese.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readCustomObjectTypesFile, readTypeExtensionsFile } from '../../tools/build/metadataModel';
import { PATHS } from '../../tools/build/paths';
import { loadRuntimeMetadata } from '../../tools/runtime/state/metadata';

const LANGUAGES = ['x-default', 'fr', 'ja'];
const extensions = readTypeExtensionsFile(PATHS.systemObjectExtensions);
const customTypes = readCustomObjectTypesFile(PATHS.customObjectDefinitions);
const attributes = (typeId: string): Map<string, { type: string; enumValues: string[] }> =>
  new Map(extensions.find((e) => e.typeId === typeId)!.attributes.map((a) => [a.id, a]));

type Parsed = Record<string, unknown[]>;
const parse = (file: string): Parsed =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: () => true }).parse(
    fs.readFileSync(file, 'utf8'),
  ) as Parsed;
const parsed = parse(PATHS.systemObjectExtensions);
const parsedCustomTypes = parse(PATHS.customObjectDefinitions);
const METADATA_FILES: Array<[string, Parsed]> = [
  ['system-objecttype-extensions.xml', parsed],
  ['custom-objecttype-definitions.xml', parsedCustomTypes],
];

/** A parsed element: every child element and XML attribute (prefixed by @) as an array. */
type Element = Record<string, unknown[]>;
const elements = (node: unknown, name: string): Element[] => ((node as Element | undefined)?.[name] ?? []) as Element[];
const attributeOf = (node: Element, name: string): string => String(node[`@${name}`]);
const textOf = (node: unknown, name: string): string | undefined => {
  const value = elements(node, name)[0] as unknown;
  return value === undefined ? undefined : String(value);
};

/** One <type-extension> or <custom-type> of a parsed metadata file. */
function typeElement(document: Parsed, element: 'type-extension' | 'custom-type', typeId: string): Element {
  const found = elements(elements(document, 'metadata')[0], element).find((t) => attributeOf(t, 'type-id') === typeId);
  if (!found) throw new Error(`no <${element} type-id="${typeId}">`);
  return found;
}

/** attribute-id → externally-managed-flag of the attribute definitions under `container`. */
function externallyManaged(container: Element): Map<string, string | undefined> {
  return new Map(
    elements(container, 'attribute-definition').map((d) => [
      attributeOf(d, 'attribute-id'),
      textOf(d, 'externally-managed-flag'),
    ]),
  );
}

/** group-id → attribute IDs, in order, of a type's <group-definitions>. */
function groups(type: Element): Map<string, string[]> {
  return new Map(
    elements(elements(type, 'group-definitions')[0], 'attribute-group').map((g) => [
      attributeOf(g, 'group-id'),
      elements(g, 'attribute').map((a) => attributeOf(a, 'attribute-id')),
    ]),
  );
}

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

  it('state attributes are enum-of-string; the only text attribute is the history, which is never queried', () => {
    for (const [id, a] of attributes('Order')) {
      // text cannot be used in order queries; the payment history is only read from an order already found.
      if (id !== 'payopsHistory') expect(a.type, id).not.to.equal('text');
      if (a.enumValues.length) expect(a.type, id).to.equal('enum-of-string');
    }
    const sources = fs
      .readdirSync(path.join(PATHS.cartridgesSrc, 'int_payment_operations', 'cartridge', 'scripts'), {
        recursive: true,
      })
      .map(String)
      .filter((file) => file.endsWith('.ts'))
      .map((file) =>
        fs.readFileSync(path.join(PATHS.cartridgesSrc, 'int_payment_operations', 'cartridge', 'scripts', file), 'utf8'),
      );
    for (const source of sources) expect(source, 'a query on the history').not.to.include('custom.payopsHistory');
  });

  it('every Order attribute belongs to an attribute group, so BM shows them together', () => {
    const grouped = collect(parsed, 'attribute').flatMap(({ items }) =>
      items.map((i) => String((i as Record<string, unknown>)['@attribute-id'])),
    );
    for (const id of attributes('Order').keys()) expect(grouped, id).to.include(id);
  });
});

describe('metadata: Payment Operations order state (group PaymentOperations)', () => {
  const PAYOPS = {
    payopsCaptureAmount: { type: 'double', enumValues: [], shownAs: 'Amount to Capture', managed: 'false' },
    payopsCaptureStatus: {
      type: 'enum-of-string',
      enumValues: ['Captured', 'PartiallyCaptured', 'Rejected', 'Failed'],
      shownAs: 'Payment Capture Status',
      managed: 'false',
    },
    payopsCapturedAmount: { type: 'double', enumValues: [], shownAs: 'Captured Amount', managed: 'true' },
    payopsRefundAmount: { type: 'double', enumValues: [], shownAs: 'Amount to Refund', managed: 'false' },
    payopsRefundedAmount: { type: 'double', enumValues: [], shownAs: 'Refunded Amount', managed: 'true' },
    payopsCancelStatus: {
      type: 'enum-of-string',
      enumValues: ['Cancelled', 'Rejected', 'Failed'],
      shownAs: 'Cancel Status',
      managed: 'false',
    },
    payopsRefundStatus: {
      type: 'enum-of-string',
      enumValues: ['Refunded', 'PartiallyRefunded', 'Rejected', 'Failed'],
      shownAs: 'Refund Status',
      managed: 'false',
    },
    payopsReason: { type: 'string', enumValues: [], shownAs: 'Payment Operations Result', managed: 'false' },
    payopsIdempotencyKey: { type: 'string', enumValues: [], shownAs: 'Idempotency Key', managed: 'false' },
    // The lasting record of every operation (text: more than a string's 4,000 characters; never queried).
    payopsHistory: { type: 'text', enumValues: [], shownAs: 'Payment Operations History', managed: 'true' },
  };
  const order = typeElement(parsed, 'type-extension', 'Order');

  it('defines the ten payops* attributes with their types and enum values', () => {
    const orderAttributes = attributes('Order');
    for (const [id, expected] of Object.entries(PAYOPS)) {
      expect(orderAttributes.get(id), id).to.deep.include({ type: expected.type, enumValues: expected.enumValues });
    }
  });

  it('lets operators edit the amounts to capture and refund, and keeps captured and refunded totals read-only', () => {
    const flags = externallyManaged(elements(order, 'custom-attribute-definitions')[0]);
    for (const [id, expected] of Object.entries(PAYOPS)) expect(flags.get(id), id).to.equal(expected.managed);
  });

  it('shows them in Business Manager under the names operators are told about', () => {
    const xml = fs.readFileSync(PATHS.systemObjectExtensions, 'utf8');
    for (const [id, expected] of Object.entries(PAYOPS)) {
      expect(xml).to.match(
        new RegExp(`attribute-id="${id}">\\s*<display-name xml:lang="x-default">${expected.shownAs}</display-name>`),
      );
    }
  });

  it('groups them, in order, in the attribute group PaymentOperations', () => {
    expect(groups(order).get('PaymentOperations')).to.deep.equal(Object.keys(PAYOPS));
  });
});

describe('metadata: custom object types (meta/custom-objecttype-definitions.xml)', () => {
  const byId = new Map(customTypes.map((t) => [t.typeId, t]));
  const shape = (typeId: string) =>
    Object.fromEntries(byId.get(typeId)!.attributes.map((a) => [a.id, a.enumValues.length ? a.enumValues : a.type]));

  it('defines exactly PaymentOperation and PaymentOperationsMethods', () => {
    expect([...byId.keys()]).to.deep.equal(['PaymentOperation', 'PaymentOperationsMethods']);
  });

  it('PaymentOperation: the work queue of unfinished operations, per site, key operationId, no retention, not staged', () => {
    const queue = byId.get('PaymentOperation')!;
    expect(queue).to.deep.include({ storageScope: 'site', keyAttribute: { id: 'operationId', type: 'string' } });
    // Retention would delete unfinished work; the job removes each object when its operation ends.
    expect(queue.retentionDays).to.equal(undefined);
    expect(textOf(typeElement(parsedCustomTypes, 'custom-type', 'PaymentOperation'), 'staging-mode')).to.equal(
      'no-staging',
    );
    expect(shape('PaymentOperation')).to.deep.equal({
      orderNo: 'string',
      provider: ['alma', 'monext', 'komoju', 'payzen'],
      operationType: ['capture', 'shipmentCapture', 'cancel', 'refund'],
      state: ['Planned', 'InFlight'],
      attempts: 'int',
      reason: 'string',
    });
    for (const a of queue.attributes.filter((a) => a.enumValues.length)) {
      expect(a.type, a.id).to.equal('enum-of-string');
    }
  });

  it('PaymentOperationsMethods: one object per provider and site, never deleted by retention, not staged', () => {
    const methods = byId.get('PaymentOperationsMethods')!;
    expect(methods).to.deep.include({ storageScope: 'site', keyAttribute: { id: 'provider', type: 'string' } });
    expect(methods.retentionDays).to.equal(undefined);
    expect(textOf(typeElement(parsedCustomTypes, 'custom-type', 'PaymentOperationsMethods'), 'staging-mode')).to.equal(
      'no-staging',
    );
    expect(shape('PaymentOperationsMethods')).to.deep.equal({
      methodsJson: 'text',
      availableKomojuPaymentMethods: 'text',
      methodCount: 'int',
      syncedAt: 'datetime',
    });
  });

  it('attributes are written by code only (externally managed, read-only in BM), except the method lists the merchant edits', () => {
    // The merchant switches synchronised methods on and off in the stored JSON (seed 004).
    const editable = ['PaymentOperationsMethods.methodsJson', 'PaymentOperationsMethods.availableKomojuPaymentMethods'];
    for (const t of customTypes) {
      const flags = externallyManaged(
        elements(typeElement(parsedCustomTypes, 'custom-type', t.typeId), 'attribute-definitions')[0],
      );
      expect([...flags.keys()], t.typeId).to.deep.equal(t.attributes.map((a) => a.id));
      for (const [id, flag] of flags) {
        const name = `${t.typeId}.${id}`;
        expect(flag, name).to.equal(editable.includes(name) ? 'false' : 'true');
      }
    }
  });

  it('every attribute and the key belong to exactly one attribute group', () => {
    const queueGroups = groups(typeElement(parsedCustomTypes, 'custom-type', 'PaymentOperation'));
    expect([...queueGroups.keys()]).to.deep.equal(['PaymentOperation']);
    for (const t of customTypes) {
      const grouped = [...groups(typeElement(parsedCustomTypes, 'custom-type', t.typeId)).values()].flat();
      for (const id of [t.keyAttribute.id, ...t.attributes.map((a) => a.id)]) {
        expect(
          grouped.filter((g) => g === id),
          `${t.typeId}.${id}`,
        ).to.have.length(1);
      }
    }
  });

  it('the local runtime loads them from metadata/ as Business Manager would import them', () => {
    const runtime = loadRuntimeMetadata();
    expect(runtime.customObjectTypeIds()).to.deep.equal(['PaymentOperation', 'PaymentOperationsMethods']);
    expect(runtime.customObjectType('PaymentOperation')!.keyAttribute).to.deep.equal({
      id: 'operationId',
      type: 'string',
    });
    expect(runtime.attributesOf('Order').get('payopsRefundStatus')!.enumValues).to.include('PartiallyRefunded');
  });
});

describe('metadata: Business Manager text in English, French and Japanese', () => {
  for (const [file, document] of METADATA_FILES) {
    for (const element of ['display-name', 'description', 'display']) {
      it(`${file}: every set of <${element}> has x-default, fr and ja`, () => {
        const sets = collect(document, element);
        expect(sets.length).to.be.greaterThan(0);
        for (const { parent, items } of sets)
          expect(languagesOf(items), `${element} under ${parent}`).to.deep.equal(LANGUAGES.slice().sort());
      });
    }
  }

  it('custom object types, their keys, attributes and groups all have a display name', () => {
    for (const type of elements(elements(parsedCustomTypes, 'metadata')[0], 'custom-type')) {
      const named = [
        type,
        ...elements(type, 'key-definition'),
        ...elements(elements(type, 'attribute-definitions')[0], 'attribute-definition'),
        ...elements(elements(type, 'group-definitions')[0], 'attribute-group'),
      ];
      for (const node of named) {
        const id = String(node['@type-id'] ?? node['@attribute-id'] ?? node['@group-id']);
        expect(elements(node, 'display-name'), id).to.have.length(3);
      }
    }
  });

  it('step type and parameter descriptions carry French and Japanese after the English', () => {
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
    expect(texts.length).to.be.greaterThan(4);
    for (const text of texts) {
      expect(text, text).to.match(/ \/ FR ?: .+ \/ JA: .*[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('job and job-step descriptions in jobs.xml are short, clear English (the XSD gives them one language)', () => {
    const texts: string[] = [];
    for (const file of fs.readdirSync(PATHS.jobs)) {
      const xml = fs.readFileSync(path.join(PATHS.jobs, file), 'utf8');
      for (const match of xml.matchAll(/<description>([\s\S]*?)<\/description>/g)) texts.push(match[1]);
    }
    expect(texts.length).to.be.greaterThan(4);
    for (const text of texts) {
      expect(text, text).to.not.match(/\/ (FR|JA) ?:|[\u3040-\u30ff\u4e00-\u9fff]|[àâçéèêëîïôûùüœ]/);
      expect(text.length, text).to.be.at.most(300);
    }
  });

  it('lets every site run when one fails: each step of a site-scoped job continues on ERROR (platform.md §11.5)', () => {
    for (const file of fs.readdirSync(PATHS.jobs)) {
      const xml = fs.readFileSync(path.join(PATHS.jobs, file), 'utf8');
      const steps = [...xml.matchAll(/<step [^>]*>([\s\S]*?)<\/step>/g)];
      expect(steps.length, file).to.be.greaterThan(0);
      for (const [, body] of steps) {
        expect(body, file).to.match(/<on-exit status="ERROR">\s*<continue\/>\s*<\/on-exit>/);
      }
    }
  });
});
