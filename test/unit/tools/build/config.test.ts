import { expect } from 'chai';
import { defaultCodeVersion, parseDwJson, resolveCodeVersion, resolveSites } from '../../../../tools/build/config';

describe('tools/build/config: dw.json and derived options', () => {
  it('reads the keys dw.json.example documents and warns about others', () => {
    const { config, warnings } = parseDwJson(
      '{"hostname":"h","sites":["A"],"activate":true,"cartridge":["x"]}',
      'dw.json',
    );
    expect(config.hostname).to.equal('h');
    expect(warnings).to.deep.equal(['dw.json: key "cartridge" is not used by this project (see dw.json.example)']);
  });

  it('refuses wrong types and broken JSON with the file name', () => {
    expect(() => parseDwJson('{"activate":"yes"}', 'dw.json')).to.throw('dw.json: "activate" must be a boolean');
    expect(() => parseDwJson('{"sites":"RefArch"}', 'dw.json')).to.throw('dw.json: "sites" must be a string[]');
    expect(() => parseDwJson('{', 'dw.json')).to.throw(/^dw\.json is not valid JSON/);
  });

  it('takes sites from --site (repeatable or comma-separated), else dw.json, else RefArch', () => {
    expect(resolveSites(['A,B', 'C'], { sites: ['D'] })).to.deep.equal(['A', 'B', 'C']);
    expect(resolveSites(undefined, { sites: ['D'] })).to.deep.equal(['D']);
    expect(resolveSites([], {})).to.deep.equal(['RefArch']);
  });

  it('takes the code version from the option, else dw.json, else the package version', () => {
    expect(resolveCodeVersion('v1', { 'code-version': 'v2' })).to.equal('v1');
    expect(resolveCodeVersion(undefined, { 'code-version': 'v2' })).to.equal('v2');
    expect(resolveCodeVersion(undefined, {})).to.equal(defaultCodeVersion());
    expect(defaultCodeVersion()).to.match(/^payment_operations_\d+_\d+_\d+$/);
    expect(() => resolveCodeVersion('my version', {})).to.throw('Code version "my version" may only hold letters');
  });
});
