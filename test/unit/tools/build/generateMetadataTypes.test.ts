import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  generateMetadataTypes,
  renderAttributeTypings,
  renderMetadataContract,
} from '../../../../tools/build/generateMetadataTypes';
import { readCustomObjectTypesFile, readTypeExtensionsFile } from '../../../../tools/build/metadataModel';
import { PATHS } from '../../../../tools/build/paths';
import { tmpDir } from '../../../helpers/tmp';

const METADATA = fs.readFileSync(PATHS.systemObjectExtensions, 'utf8');
const CUSTOM_TYPES = fs.readFileSync(PATHS.customObjectDefinitions, 'utf8');

/** Generates typings and contract from copies of the metadata files into a fresh folder. */
function generateFrom(metadataXml: string, customTypesXml: string): { typingsOut: string; contractOut: string } {
  const dir = tmpDir('payops-typings-');
  const metadataFile = path.join(dir, 'system-objecttype-extensions.xml');
  const customTypesFile = path.join(dir, 'custom-objecttype-definitions.xml');
  fs.writeFileSync(metadataFile, metadataXml);
  fs.writeFileSync(customTypesFile, customTypesXml);
  return generateMetadataTypes({
    metadataFile,
    customTypesFile,
    typingsOut: path.join(dir, 'attrs.d.ts'),
    contractOut: path.join(dir, 'metadataContract.ts'),
  });
}

/** Type-checks the real cartridge sources against typings generated from the given metadata. */
function compileCartridgeAgainst(metadataXml: string, extraSource?: string, customTypesXml = CUSTOM_TYPES): string[] {
  const { typingsOut, contractOut } = generateFrom(metadataXml, customTypesXml);
  const dir = path.dirname(typingsOut);

  const config = ts.getParsedCommandLineOfConfigFile(
    PATHS.cartridgeTsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const realContract = path.resolve(PATHS.generatedContract);
  const rootNames = config.fileNames
    .filter((f) => path.resolve(f) !== path.resolve(PATHS.generatedTypings))
    .map((f) => path.resolve(f))
    .concat(typingsOut);
  if (extraSource) {
    const extra = path.join(dir, 'usage.ts');
    fs.writeFileSync(extra, extraSource);
    rootNames.push(extra);
  }
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  // The cartridge imports ../generated/metadataContract: serve the one generated from the copy.
  host.readFile = (file) =>
    path.resolve(file) === realContract ? fs.readFileSync(contractOut, 'utf8') : readFile(file);
  const program = ts.createProgram({
    rootNames,
    options: { ...config.options, noEmit: true, rootDir: undefined },
    host,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const USAGE = `
export function paymentId(order: dw.order.Order): string | null { return order.custom.almaPaymentId; }
export function markCaptured(order: dw.order.Order): void { order.custom.ALMA_Deferred_Capture = 'Captured'; }
export function captureState(order: dw.order.Order): string | null {
  const state = order.custom.ALMA_Deferred_Capture;
  return state ? state.value : null;
}
export function deferredCaptureOn(): boolean {
  return Site.getCurrent().getPreferences().getCustom().ALMA_Deferred_Capture_Activation === true;
}
export function amountToCapture(order: dw.order.Order): number | null { return order.custom.payopsCaptureAmount; }
export function markRefunded(order: dw.order.Order): void { order.custom.payopsRefundStatus = 'PartiallyRefunded'; }
export function journal(operationId: string): PaymentOperationCustomAttributes {
  const entry = CustomObjectMgr.createCustomObject('PaymentOperation', operationId).custom as PaymentOperationCustomAttributes;
  entry.state = 'InFlight';
  entry.attempts = 1;
  entry.orderNo = '00001001';
  return entry;
}
export function isFinal(entry: PaymentOperationsCustomObjectTypes['PaymentOperation']): boolean {
  return entry.state !== null && entry.state.value !== 'Planned' && entry.state.value !== 'InFlight';
}
export const methodsType: PaymentOperationsCustomObjectTypeId = 'PaymentOperationsMethods';
export function methodsKey(methods: PaymentOperationsMethodsCustomAttributes): string { return methods.provider; }
import Site = require('dw/system/Site');
import CustomObjectMgr = require('dw/object/CustomObjectMgr');
`;

describe('tools/build/generateMetadataTypes: custom attributes are typed from metadata/', function () {
  this.timeout(120000);

  it('compiles the cartridge and typed attribute access against the shipped metadata', () => {
    expect(compileCartridgeAgainst(METADATA, USAGE)).to.deep.equal([]);
  });

  it('breaks compilation when an attribute is renamed in the XML', () => {
    const renamed = METADATA.split('"almaPaymentId"').join('"almaPaymentID"');
    const errors = compileCartridgeAgainst(renamed, USAGE);
    expect(
      errors.some((e) => /Property 'almaPaymentId' does not exist on type 'OrderCustomAttributes'/.test(e)),
      errors.join('\n'),
    ).to.equal(true);
    // The cartridge's own provider table names the attribute, so the build itself fails too.
    expect(
      errors.some((e) => /"almaPaymentId"/.test(e) && /not assignable/.test(e)),
      errors.join('\n'),
    ).to.equal(true);
  });

  it('breaks compilation when code writes an enum value the XML does not define', () => {
    const withoutCaptured = METADATA.replace(
      /<value-definition>\s*<display xml:lang="x-default">Captured<\/display>[\s\S]*?<\/value-definition>/,
      '',
    );
    const errors = compileCartridgeAgainst(withoutCaptured, USAGE);
    expect(
      errors.some((e) => /Type '"Captured"' is not assignable/.test(e)),
      errors.join('\n'),
    ).to.equal(true);
  });

  it('breaks compilation when a custom object attribute is renamed in the XML', () => {
    const renamed = CUSTOM_TYPES.split('"attempts"').join('"tries"');
    const errors = compileCartridgeAgainst(METADATA, USAGE, renamed);
    expect(
      errors.some((e) => /Property 'attempts' does not exist on type 'PaymentOperationCustomAttributes'/.test(e)),
      errors.join('\n'),
    ).to.equal(true);
  });

  it('breaks compilation when code writes a journal state the XML does not define, or writes the key', () => {
    const errors = compileCartridgeAgainst(
      METADATA,
      [
        "export const a = (e: PaymentOperationCustomAttributes) => { e.state = 'Done'; };",
        "export const b = (e: PaymentOperationCustomAttributes) => { e.operationId = 'x'; };",
      ].join('\n'),
    );
    expect(errors).to.have.length(2);
    expect(errors[0]).to.match(/Type '"Done"' is not assignable/);
    expect(errors[1]).to.equal("Cannot assign to 'operationId' because it is a read-only property.");
  });

  it('rejects a custom attribute name the metadata does not define at all', () => {
    const errors = compileCartridgeAgainst(
      METADATA,
      'export const x = (o: dw.order.Order) => o.custom.someOtherCartridgeAttribute;',
    );
    expect(errors).to.deep.equal([
      "Property 'someOtherCartridgeAttribute' does not exist on type 'OrderCustomAttributes'.",
    ]);
  });
});

describe('tools/build/generateMetadataTypes: generated output', () => {
  const extensions = readTypeExtensionsFile(PATHS.systemObjectExtensions);
  const customTypes = readCustomObjectTypesFile(PATHS.customObjectDefinitions);
  const sfccAttrs = fs.readFileSync(PATHS.sfccDtsAttrs, 'utf8');

  it('is byte-identical from identical inputs', () => {
    const a = generateFrom(METADATA, CUSTOM_TYPES);
    const b = generateFrom(METADATA, CUSTOM_TYPES);
    expect(fs.readFileSync(a.typingsOut, 'utf8')).to.equal(fs.readFileSync(b.typingsOut, 'utf8'));
    expect(fs.readFileSync(a.contractOut, 'utf8')).to.equal(fs.readFileSync(b.contractOut, 'utf8'));
  });

  it('types each custom object type exactly, key attribute first and read-only, in XML order', () => {
    const typings = renderAttributeTypings(sfccAttrs, extensions, customTypes);
    const block = /\ninterface PaymentOperationsMethodsCustomAttributes \{\n([\s\S]*?)\n\}/.exec(typings);
    expect(block, 'PaymentOperationsMethodsCustomAttributes').not.to.equal(null);
    expect(block![1].split('\n').filter((l) => !l.trim().startsWith('/**'))).to.deep.equal([
      '  readonly provider: string;',
      '  methodsJson: string | null;',
      '  availableKomojuPaymentMethods: string | null;',
      '  methodCount: number | null;',
      '  syncedAt: Date | null;',
    ]);
    expect(typings).to.contain(
      [
        'interface PaymentOperationsCustomObjectTypes {',
        '  PaymentOperation: PaymentOperationCustomAttributes;',
        '  PaymentOperationsMethods: PaymentOperationsMethodsCustomAttributes;',
        '}',
      ].join('\n'),
    );
  });

  it('refuses a custom object type named like a system type, whose typings would clash', () => {
    const clash = [{ ...customTypes[0], typeId: 'Order' }];
    expect(() => renderAttributeTypings(sfccAttrs, extensions, clash)).to.throw(
      'Custom object type(s) named like a system type: Order',
    );
    expect(() => renderMetadataContract(extensions, clash)).to.throw('Type Order is defined twice in metadata/');
  });

  it('lists each custom object type in the runtime contract with its key attribute, storage scope and retention', () => {
    const contract = renderMetadataContract(extensions, customTypes);
    expect(contract).to.contain(
      [
        '  PaymentOperation: {',
        '    keyAttribute: "operationId",',
        '    storageScope: "site",',
        '    retentionDays: null,',
        '    attributes: PaymentOperationAttributes,',
        '  },',
      ].join('\n'),
    );
    expect(contract).to.contain(
      'export const PaymentOperationAttributes = {\n  operationId: { type: "string", values: [] },',
    );
    expect(contract).to.contain('    retentionDays: null,\n    attributes: PaymentOperationsMethodsAttributes,');
  });
});
