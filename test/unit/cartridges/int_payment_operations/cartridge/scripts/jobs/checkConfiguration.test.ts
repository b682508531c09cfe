import { expect } from 'chai';
import sinon from 'sinon';
import proxyquire from 'proxyquire';
import { LocalServiceRegistry, Logger, resetDwMocks, Site } from '../../../../../../helpers/dwMocks';
import { configureCompleteInstance } from '../../../../../../helpers/instance';
import { Registry, type MockAnswer } from '../providers/probeHarness';
import { PROVIDERS } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import * as step from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/jobs/checkConfiguration';

const Status = require('dw/system/Status') as { OK: number; ERROR: number };
const STEP = '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/jobs/checkConfiguration';

describe('jobs/checkConfiguration (custom.PaymentOperations.CheckConfiguration)', () => {
  beforeEach(() => {
    resetDwMocks();
    configureCompleteInstance('RefArch');
  });

  it('ends OK and says so when every provider is set up', () => {
    const status = step.execute({ Providers: 'alma,monext,komoju,payzen', TestConnection: false });
    expect(status.status).to.equal(Status.OK);
    expect(status.code).to.equal('OK');
    expect(status.message).to.equal('Site RefArch: configuration complete for Alma, Monext, KOMOJU, PayZen/Lyra');
  });

  it('ends in ERROR when the failure e-mail is switched on without a sender, naming the preference', () => {
    const mail = { payopsFailureMailEnabled: true, payopsFailureMailTo: 'ops@shop.com' };
    Site.__setCurrent('RefArch', mail);
    const status = step.execute({ Providers: 'alma', TestConnection: false });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'Site RefArch: 1 error(s), 0 warning(s): Failure e-mail (error): the failure e-mail is switched on but ' +
        'payopsFailureMailFrom (the sender) is empty (Site Preferences > Payment Operations); fill it in, or switch the e-mail off',
    );
    Site.__setCurrent('RefArch', { ...mail, payopsFailureMailFrom: 'payments@shop.com' });
    expect(step.execute({ Providers: 'alma', TestConnection: false }).code).to.equal('OK');
  });

  it('skips a provider whose credential has no key ("not configured"), and ends OK for the configured ones', () => {
    LocalServiceRegistry.__configure('paymentoperations.komoju', {
      credential: { ID: 'komoju.cred', URL: 'https://komoju.com/api/v1', user: '', password: '' },
      profile: { ID: 'p', timeoutMillis: 20000 },
    });
    LocalServiceRegistry.__configure('paymentoperations.monext', { credential: null, profile: null });
    const status = step.execute({ Providers: '', TestConnection: false });
    expect(status.status).to.equal(Status.OK);
    expect(status.message).to.equal(
      'Site RefArch: configuration complete for Alma, PayZen/Lyra; not configured, skipped: Monext, KOMOJU',
    );
    expect(Logger.__messages).to.deep.include({
      level: 'info',
      prefix: 'payops',
      category: 'configuration',
      message: 'Site RefArch: KOMOJU: not configured (no key in its credential), skipped.',
    });
  });

  it('checks everything else of a configured provider: a missing user ends in ERROR naming the field', () => {
    LocalServiceRegistry.__configure('paymentoperations.monext', {
      credential: { ID: 'monext.cred', URL: 'https://api.retail.monext.com/v1', user: '', password: 'key' },
      profile: { ID: 'p', timeoutMillis: 20000 },
    });
    const status = step.execute({ Providers: 'monext', TestConnection: false });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'Site RefArch: 1 error(s), 0 warning(s): Monext (error): Credential monext.cred: set the user field to the Monext merchant ID.',
    );
  });

  it('ends in ERROR when no selected provider is configured', () => {
    for (const provider of PROVIDERS) {
      LocalServiceRegistry.__configure(provider.serviceId, {
        credential: { ID: provider.serviceId + '.credentials', URL: 'https://x.test', user: '', password: '' },
        profile: { ID: 'p', timeoutMillis: 20000 },
      });
    }
    const status = step.execute({ Providers: '', TestConnection: false });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.match(
      /^Site RefArch: no provider is configured: set the API key in the password field of the credential of the services you use \(paymentoperations\.alma, paymentoperations\.monext, paymentoperations\.komoju, paymentoperations\.payzen\)/,
    );
  });

  it('only checks the providers the merchant selected', () => {
    LocalServiceRegistry.__reset(); // nothing configured at all
    configureCompleteInstance('RefArch');
    LocalServiceRegistry.__configure('paymentoperations.monext', { credential: null, profile: null });
    expect(step.execute({ Providers: 'alma', TestConnection: false }).status).to.equal(Status.OK);
    expect(step.execute({ Providers: 'monext', TestConnection: false }).status).to.equal(Status.ERROR);
  });

  it('ends OK with CONFIGURATION_WARNINGS when only warnings remain', () => {
    LocalServiceRegistry.__configure('paymentoperations.payzen', {
      credential: {
        ID: 'c',
        URL: 'https://api.payzen.eu/api-payment/V4',
        user: '12345678',
        password: 'testpassword_x',
      },
      profile: { ID: 'p', timeoutMillis: 1000 },
    });
    const status = step.execute({ Providers: 'payzen', TestConnection: false });
    expect(status.status).to.equal(Status.OK);
    expect(status.code).to.equal(step.WARNINGS_STATUS_CODE);
    expect(status.message).to.match(
      /^Site RefArch: 1 warning\(s\): PayZen\/Lyra \(warning\): Profile p times out after 1000 ms/,
    );
  });

  it('ends in ERROR on a mistyped Providers parameter without checking anything', () => {
    const checkProvider = sinon.spy();
    const isolated = proxyquire(STEP, {
      '../core/configurationCheck': { checkProvider, isConfigured: () => true },
    }) as typeof step;
    const status = isolated.execute({ Providers: 'alma,payzn' });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'Parameter Providers: Unknown provider "payzn"; expected one or more of: alma, monext, komoju, payzen',
    );
    expect(checkProvider.called).to.equal(false);
  });

  it('reports every finding of every selected provider, errors before the count of warnings', () => {
    const checkProvider = sinon.stub();
    checkProvider.onFirstCall().returns([{ provider: 'Alma', severity: 'warning', message: 'w1' }]);
    checkProvider.onSecondCall().returns([
      { provider: 'KOMOJU', severity: 'error', message: 'e1' },
      { provider: 'KOMOJU', severity: 'error', message: 'e2' },
    ]);
    const isolated = proxyquire(STEP, {
      '../core/configurationCheck': { checkProvider, isConfigured: () => true },
    }) as typeof step;
    const status = isolated.execute({ Providers: 'alma komoju', TestConnection: false });
    expect(checkProvider.callCount).to.equal(2);
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'Site RefArch: 2 error(s), 1 warning(s): Alma (warning): w1 | KOMOJU (error): e1 | KOMOJU (error): e2',
    );
    expect(Logger.__messages.map((m) => m.level)).to.deep.equal(['warn', 'error', 'error']);
  });
});

/** What healthy providers answer to each probe, given the complete instance's credentials. */
const HEALTHY: { [serviceId: string]: MockAnswer } = {
  'paymentoperations.alma': { statusCode: 200, text: '[]' },
  'paymentoperations.monext': {
    statusCode: 404,
    text: '{"title":"Not Found","detail":"Session payops-connection-test not found","code":"SESSION_NOT_FOUND"}',
  },
  'paymentoperations.komoju': { statusCode: 200, text: '[]' },
  'paymentoperations.payzen': {
    statusCode: 200,
    text: '{"status":"ERROR","answer":{"errorCode":"PSP_010","errorMessage":"transaction not found"}}',
  },
};

function providersAnswer(overrides: { [serviceId: string]: MockAnswer } = {}): void {
  for (const provider of PROVIDERS) {
    Registry.__respond(provider.serviceId, () => overrides[provider.serviceId] ?? HEALTHY[provider.serviceId]);
  }
}

describe('jobs/checkConfiguration: the TestConnection parameter', () => {
  beforeEach(() => {
    resetDwMocks();
    configureCompleteInstance('RefArch');
  });

  it('is on unless explicitly false, as steptypes.json declares default-value true', () => {
    expect(step.isConnectionTestOn(undefined)).to.equal(true);
    expect(step.isConnectionTestOn(null)).to.equal(true);
    expect(step.isConnectionTestOn(true)).to.equal(true);
    expect(step.isConnectionTestOn(false)).to.equal(false);
    expect(step.isConnectionTestOn('FALSE')).to.equal(false);
  });

  it('has one probe per provider', () => {
    expect(Object.keys(step.CONNECTION_PROBES).sort()).to.deep.equal(PROVIDERS.map((p) => p.id).sort());
  });

  it('makes no call when TestConnection is false', () => {
    providersAnswer();
    const testConnection = sinon.spy();
    const isolated = proxyquire(STEP, { '../core/connectionTest': { testConnection } }) as typeof step;
    expect(isolated.execute({ Providers: '', TestConnection: false }).code).to.equal('OK');
    expect(step.execute({ Providers: '', TestConnection: false }).code).to.equal('OK');
    expect(testConnection.called).to.equal(false);
    expect(Registry.__calls).to.deep.equal([]);
  });

  it('makes one read-only call per selected provider by default, and says the test passed', () => {
    providersAnswer();
    const status = step.execute({ Providers: 'alma,monext,komoju,payzen' });
    expect(status.code).to.equal('OK');
    expect(status.message).to.equal(
      'Site RefArch: configuration complete for Alma, Monext, KOMOJU, PayZen/Lyra; connection test passed for Alma, Monext, KOMOJU, PayZen/Lyra',
    );
    expect(Registry.__calls.map((c) => [c.serviceId, c.request.method])).to.deep.equal([
      ['paymentoperations.alma', 'GET'],
      ['paymentoperations.monext', 'GET'],
      ['paymentoperations.komoju', 'GET'],
      ['paymentoperations.payzen', 'POST'],
    ]);
    expect(Logger.__messages.filter((m) => m.level === 'info').map((m) => m.message)).to.include.members([
      'Site RefArch: Alma: connection test passed (HTTP 200).',
      'Site RefArch: Monext: connection test passed (HTTP 404).',
    ]);
    Registry.__calls.length = 0;
    step.execute({ Providers: 'komoju', TestConnection: true });
    expect(Registry.__calls.map((c) => c.serviceId)).to.deep.equal(['paymentoperations.komoju']);
  });

  it('skips the call for a provider whose set-up already has an error, and tests the others', () => {
    providersAnswer();
    LocalServiceRegistry.__configure('paymentoperations.komoju', {
      credential: { ID: 'k', URL: 'http://komoju.com/api/v1', user: '', password: 'sk_test_x' },
      profile: { ID: 'p', timeoutMillis: 20000 },
    });
    const status = step.execute({ Providers: 'alma,komoju', TestConnection: true });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'Site RefArch: 1 error(s), 0 warning(s): KOMOJU (error): Credential k URL must start with https:// (it is http://komoju.com/api/v1).',
    );
    expect(Registry.__calls.map((c) => c.serviceId)).to.deep.equal(['paymentoperations.alma']);
    expect(Logger.__messages.map((m) => m.message)).to.include(
      'Site RefArch: KOMOJU: connection test skipped until the errors are fixed.',
    );
  });

  it('ends in ERROR when a provider rejects the credentials', () => {
    providersAnswer({ 'paymentoperations.monext': { statusCode: 200, text: '{"title":"Unauthorized"}' } });
    const status = step.execute({ Providers: 'alma monext', TestConnection: true });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.match(
      /^Site RefArch: 1 error\(s\), 0 warning\(s\): Monext \(error\): Connection test: credentials rejected by Monext \(HTTP 200, title "Unauthorized"\): set the user field/,
    );
    expect(Logger.__messages.filter((m) => m.level === 'error')).to.have.length(1);
  });

  it('ends OK with CONFIGURATION_WARNINGS when a provider cannot be reached', () => {
    providersAnswer({
      'paymentoperations.alma': { unavailable: 'TIMEOUT' },
      'paymentoperations.payzen': { statusCode: 502, text: 'Bad Gateway' },
    });
    const status = step.execute({ Providers: 'alma,payzen,komoju' });
    expect(status.status).to.equal(Status.OK);
    expect(status.code).to.equal(step.WARNINGS_STATUS_CODE);
    expect(status.message).to.equal(
      'Site RefArch: 2 warning(s): ' +
        'Alma (warning): Connection test: could not reach Alma at https://alma.example.test/api: service unavailable (TIMEOUT). The credentials were not tested; run the check again when the provider is available. | ' +
        'PayZen/Lyra (warning): Connection test: could not reach PayZen/Lyra at https://payzen.example.test/api: HTTP 502: Bad Gateway. The credentials were not tested; run the check again when the provider is available.',
    );
    expect(Logger.__messages.map((m) => m.message)).to.include(
      'Site RefArch: KOMOJU: connection test passed (HTTP 200).',
    );
  });

  it('never writes a credential key to the job log', () => {
    providersAnswer({ 'paymentoperations.alma': { statusCode: 418, text: 'teapot says alma-secret' } });
    step.execute({ Providers: '' });
    const logged = Logger.__messages.map((m) => m.message).join('\n');
    for (const provider of PROVIDERS) expect(logged).to.not.contain(provider.id + '-secret');
    expect(logged).to.contain('teapot says ****');
  });
});
