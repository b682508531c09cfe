import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { formatCall, planDeploy } from '../../../../tools/build/deploy';
import { PATHS } from '../../../../tools/build/paths';
import { DW_JSON_KEYS } from '../../../../tools/build/config';
import { tmpDir } from '../../../helpers/tmp';

const CONFIG = {
  hostname: 'https://abcd-001.dx.commercecloud.salesforce.com/',
  'code-version': 'release_7',
  'client-id': 'client-abc',
  'client-secret': 'very-secret',
};

function deployCli(args: string[], dwJson?: object): { status: number | null; stdout: string; stderr: string } {
  const dir = tmpDir();
  const config = path.join(dir, 'dw.json');
  if (dwJson) fs.writeFileSync(config, JSON.stringify(dwJson));
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(PATHS.root, 'tools/build/deploy.ts'), ...args, '--no-package', '--config', config],
    {
      cwd: PATHS.root,
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tools/build/deploy: sfcc-ci calls from dw.json', function () {
  this.timeout(60000);

  it('plans client:auth then code:deploy of dist/<code-version>.zip on the host', () => {
    const plan = planDeploy('code', { ...CONFIG, activate: true }, 'dw.json');
    expect(plan.calls.map(formatCall)).to.deep.equal([
      "SFCC_OAUTH_CLIENT_ID=client-abc SFCC_OAUTH_CLIENT_SECRET='*****' sfcc-ci client:auth -t client_credentials",
      `sfcc-ci code:deploy ${path.join(PATHS.dist, 'release_7.zip')} -i abcd-001.dx.commercecloud.salesforce.com -a`,
    ]);
    expect(plan.calls[0].env.SFCC_OAUTH_CLIENT_SECRET).to.equal('very-secret');
  });

  it('plans upload then a synchronous, fail-fast import for the site archive', () => {
    const plan = planDeploy('metadata', CONFIG, 'dw.json');
    expect(plan.calls.slice(1).map(formatCall)).to.deep.equal([
      `sfcc-ci instance:upload ${path.join(PATHS.dist, 'site_import.zip')} -i abcd-001.dx.commercecloud.salesforce.com`,
      'sfcc-ci instance:import site_import.zip -i abcd-001.dx.commercecloud.salesforce.com -s -f',
    ]);
  });

  it('uses the password grant when a BM user is configured, and masks its access key', () => {
    const plan = planDeploy('code', { ...CONFIG, username: 'ops@example.com', password: 'access-key' }, 'dw.json');
    expect(formatCall(plan.calls[0])).to.equal(
      "SFCC_OAUTH_CLIENT_ID=client-abc SFCC_OAUTH_CLIENT_SECRET='*****' SFCC_OAUTH_USER_NAME=ops@example.com SFCC_OAUTH_USER_PASSWORD='*****' sfcc-ci client:auth",
    );
  });

  it('passes a two-factor certificate to the WebDAV calls, with the passphrase masked', () => {
    const plan = planDeploy('code', { ...CONFIG, p12: 'cert.p12', passphrase: 'pw' }, 'dw.json');
    expect(formatCall(plan.calls[1])).to.match(/ -c cert\.p12 -p '\*\*\*\*\*'$/);
  });

  it('refuses incomplete settings with the missing key', () => {
    expect(() => planDeploy('code', { hostname: 'h', 'client-id': 'c' }, 'dw.json')).to.throw(
      'dw.json: "client-secret" is required to deploy',
    );
    expect(() => planDeploy('code', { ...CONFIG, username: 'u' }, 'dw.json')).to.throw(
      '"username" and "password" go together',
    );
  });

  it('--dry-run prints the exact calls and no secret, and calls nothing', () => {
    const result = deployCli(['code', '--dry-run'], { ...CONFIG, password: '', username: '' });
    expect(result.status, result.stderr).to.equal(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).to.equal('dry run: would call sfcc-ci 2 time(s) for dist/release_7.zip:');
    expect(lines[1]).to.equal(
      "SFCC_OAUTH_CLIENT_ID=client-abc SFCC_OAUTH_CLIENT_SECRET='*****' sfcc-ci client:auth -t client_credentials",
    );
    expect(lines[2]).to.equal(
      `sfcc-ci code:deploy ${path.join(PATHS.dist, 'release_7.zip')} -i abcd-001.dx.commercecloud.salesforce.com`,
    );
    expect(result.stdout + result.stderr).not.to.contain('very-secret');
  });

  it('deploy:metadata --dry-run prints upload and import', () => {
    const result = deployCli(['metadata', '--dry-run'], CONFIG);
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).to.contain(
      'sfcc-ci instance:import site_import.zip -i abcd-001.dx.commercecloud.salesforce.com -s -f',
    );
  });

  it('explains a missing dw.json and exits non-zero', () => {
    const result = deployCli(['code', '--dry-run']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.match(/dw\.json not found: copy dw\.json\.example to dw\.json/);
  });

  it('dw.json.example documents every key the tools read', () => {
    const example = JSON.parse(fs.readFileSync(path.join(PATHS.root, 'dw.json.example'), 'utf8')) as object;
    expect(Object.keys(example).sort()).to.deep.equal(Object.keys(DW_JSON_KEYS).sort());
  });
});
