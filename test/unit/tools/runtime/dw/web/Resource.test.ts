import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dwModules } from '../../../../../../tools/runtime/dw/web';
import { type ResourceClass } from '../../../../../../tools/runtime/dw/web/Resource';
import { parseProperties } from '../../../../../../tools/runtime/dw/web/propertiesFile';
import { fakeContext } from '../fakeContext';

describe('dw/web/Resource', () => {
  let root: string;
  let custom: string;
  let base: string;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'dw-resource-'));
    custom = path.join(root, 'app_custom');
    base = path.join(root, 'int_payment_operations');
    mkdirSync(custom);
    mkdirSync(base);
    writeFileSync(path.join(custom, 'payment.properties'), 'label.capture=Capture (custom)\n');
    writeFileSync(
      path.join(base, 'payment.properties'),
      [
        '# comment',
        '! another comment',
        'label.capture=Capture',
        'label.refund: Refund',
        'label.cancel   Cancel',
        'label.long=first \\',
        '    second',
        'label.escaped=caf\\u00e9\\tok',
        'label.amount=Captured {0} of order {1}',
        "label.quote=It''s {0}",
      ].join('\n'),
    );
    writeFileSync(path.join(base, 'payment_fr.properties'), 'label.refund=Remboursement\nlabel.cancel=Annuler\n');
    writeFileSync(path.join(base, 'payment_fr_CA.properties'), 'label.cancel=Annuler (CA)\n');
    writeFileSync(path.join(base, 'message.properties'), 'global.ok=OK\n');
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  const resourceFor = (locale: string) =>
    dwModules['dw/web/Resource'](fakeContext({ locale, resourceDirectories: [custom, base] })) as ResourceClass;

  it('takes the first cartridge that has the key', () => {
    expect(resourceFor('default').msg('label.capture', 'payment', null)).to.equal('Capture (custom)');
    expect(resourceFor('default').msg('label.refund', 'payment', null)).to.equal('Refund');
  });

  it('falls back from language_COUNTRY to language to the base file', () => {
    const canadian = resourceFor('fr_CA');
    expect(canadian.msg('label.cancel', 'payment', null)).to.equal('Annuler (CA)');
    expect(canadian.msg('label.refund', 'payment', null)).to.equal('Remboursement');
    expect(canadian.msg('label.capture', 'payment', null)).to.equal('Capture (custom)');
    expect(resourceFor('fr_FR').msg('label.cancel', 'payment', null)).to.equal('Annuler');
    expect(resourceFor('de_DE').msg('label.cancel', 'payment', null)).to.equal('Cancel');
  });

  it('returns the default message, else the key, for a missing key; uses the message bundle by default', () => {
    const resource = resourceFor('default');
    expect(resource.msg('label.none', 'payment', 'Fallback')).to.equal('Fallback');
    expect(resource.msg('label.none', 'payment', null)).to.equal('label.none');
    expect(resource.msg('global.ok')).to.equal('OK');
    expect(resource.msg('global.missing', 'Default text')).to.equal('Default text');
    expect(() => resource.msg(null as never, 'payment', null)).to.throw(/must not be null/);
  });

  it('parses continuations and escapes', () => {
    const resource = resourceFor('default');
    expect(resource.msg('label.long', 'payment', null)).to.equal('first second');
    expect(resource.msg('label.escaped', 'payment', null)).to.equal('café\tok');
  });

  it('formats msgf arguments with Java MessageFormat rules', () => {
    const resource = resourceFor('default');
    expect(resource.msgf('label.amount', 'payment', null, 'EUR 10.00', 'A-1')).to.equal(
      'Captured EUR 10.00 of order A-1',
    );
    expect(resource.msgf('label.amount', 'payment', null, 1234.5, 7)).to.equal('Captured 1,234.5 of order 7');
    expect(resource.msgf('label.quote', 'payment', null, 'x')).to.equal("It's x");
    expect(resource.msg('label.quote', 'payment', null)).to.equal("It''s {0}");
  });
});

describe('parseProperties', () => {
  it('keeps escaped separators in keys and reads UTF-8 text as is', () => {
    const properties = parseProperties('a\\=b=c\nclé = valeur été\n\ttrailing=value\\\\\n');
    expect(properties.get('a=b')).to.equal('c');
    expect(properties.get('clé')).to.equal('valeur été');
    expect(properties.get('trailing')).to.equal('value\\');
  });
});
