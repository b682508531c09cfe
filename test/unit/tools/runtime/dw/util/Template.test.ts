/**
 * dw.util.Template in the local runtime (Script API reference, dw.util.Template: "Reads an ISML
 * template from the file system and renders it into a MimeEncodedText"; parameters reach the
 * template as `param` and `pdict`; a locale given to the template or to setLocale takes precedence
 * over the request's; setLocale throws on a blank locale).
 */
import { expect } from 'chai';
import path from 'node:path';
import { dwModules } from '../../../../../../tools/runtime/dw/util';
import { collectionClassesFor } from '../../../../../../tools/runtime/dw/util/collectionClasses';
import type { MimeEncodedText } from '../../../../../../tools/runtime/dw/value/MimeEncodedText';
import { tmpDir, writeTree } from '../../../../../helpers/tmp';
import { fakeContext } from '../fakeContext';

type TemplateClass = new (
  name: string,
  locale?: string,
) => {
  render(params?: unknown): MimeEncodedText;
  setLocale(locale: string): unknown;
};

const TEMPLATE = `<iscontent type="text/html" charset="UTF-8" compact="true"/>
<iscomment>Not rendered: \${param.secret}</iscomment>
<h1>\${Resource.msg('mail.title', 'mail', null)}</h1>
<isif condition="\${param.rows.length > 0}">
<ul><isloop items="\${param.rows}" var="row" status="loop"><li>\${loop.count}. \${row.name}</li></isloop></ul>
<iselse>
<p>none</p>
</isif>
<isprint value="\${param.html}" encoding="off"/>|<isprint value="\${param.missing}"/>|<isset name="n" value="\${param.rows.length}" scope="page"/>\${n}`;

function setUp(locale = 'default') {
  const root = tmpDir();
  writeTree(root, {
    'cartridge/templates/default/mail/report.isml': TEMPLATE,
    'cartridge/templates/ja/mail/report.isml': '<iscontent type="text/plain" charset="UTF-8"/>JA: ${param.name}',
    'cartridge/templates/resources/mail.properties': 'mail.title=Failures <today>\n',
    'cartridge/templates/resources/mail_fr.properties': 'mail.title=Échecs\n',
    'cartridge/templates/default/mail/broken.isml': '<isinclude template="x"/>',
  });
  const templates = path.join(root, 'cartridge', 'templates');
  const ctx = fakeContext({
    locale,
    templateDirectories: [templates],
    resourceDirectories: [path.join(templates, 'resources')],
  });
  const Template = dwModules['dw/util/Template'](ctx) as TemplateClass;
  const { HashMap, ArrayList } = collectionClassesFor(ctx);
  return { Template, HashMap, ArrayList };
}

describe('runtime dw/util/Template (ISML for e-mails)', () => {
  it('renders param values HTML-encoded, loops over a dw.util.List, and keeps encoding="off" text as it is', () => {
    const { Template, HashMap, ArrayList } = setUp();
    const params = new HashMap<string, unknown>();
    params.put('rows', [{ name: 'A & B' }, { name: '<x>' }]);
    params.put('html', '<b>bold</b>');
    const text = new Template('mail/report').render(params);
    expect(text.getMimeType()).to.equal('text/html;charset=UTF-8');
    expect(text.getText()).to.contain('<h1>Failures &lt;today&gt;</h1>');
    expect(text.getText()).to.contain('<li>1. A &amp; B</li><li>2. &lt;x&gt;</li>');
    expect(text.getText()).to.contain('<b>bold</b>||2');
    expect(text.getText()).to.not.contain('Not rendered');
    const list = new HashMap<string, unknown>();
    list.put('rows', new ArrayList([{ name: 'C' }]));
    list.put('html', '');
    expect(new Template('mail/report').render(list).getText()).to.contain('<li>1. C</li>');
  });

  it('takes the template’s locale over the request’s: its folder (ja), else default with its bundles (fr)', () => {
    const { Template, HashMap } = setUp('default');
    const params = new HashMap<string, unknown>();
    params.put('name', 'テスト');
    params.put('rows', []);
    expect(new Template('mail/report', 'ja').render(params).getText()).to.equal('JA: テスト');
    const french = new Template('mail/report');
    french.setLocale('fr');
    expect(french.render(params).getText()).to.contain('<h1>Échecs</h1>').and.contain('<p>none</p>');
    expect(() => french.setLocale(' ')).to.throw(/blank/);
  });

  it('refuses what it cannot render faithfully: a missing template, an unsupported tag', () => {
    const { Template } = setUp();
    expect(() => new Template('mail/nothing').render()).to.throw(/Template mail\/nothing\.isml not found/);
    expect(() => new Template('mail/broken').render()).to.throw(/<isinclude> is not supported/);
  });
});
