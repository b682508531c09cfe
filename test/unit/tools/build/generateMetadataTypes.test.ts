import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { generateMetadataTypes } from '../../../../tools/build/generateMetadataTypes';
import { PATHS } from '../../../../tools/build/paths';
import { tmpDir } from '../../../helpers/tmp';

const METADATA = fs.readFileSync(PATHS.systemObjectExtensions, 'utf8');

/** Type-checks the real cartridge sources against typings generated from `metadataXml`. */
function compileCartridgeAgainst(metadataXml: string, extraSource?: string): string[] {
  const dir = tmpDir('payops-typings-');
  const metadataFile = path.join(dir, 'system-objecttype-extensions.xml');
  fs.writeFileSync(metadataFile, metadataXml);
  const typingsOut = path.join(dir, 'attrs.d.ts');
  const contractOut = path.join(dir, 'metadataContract.ts');
  generateMetadataTypes({ metadataFile, typingsOut, contractOut });

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
import Site = require('dw/system/Site');
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
