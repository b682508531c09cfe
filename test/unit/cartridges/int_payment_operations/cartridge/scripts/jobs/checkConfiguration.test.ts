import { expect } from 'chai';
import sinon from 'sinon';
import proxyquire from 'proxyquire';
import { LocalServiceRegistry, Logger, resetDwMocks } from '../../../../../../helpers/dwMocks';
import { configureCompleteInstance } from '../../../../../../helpers/instance';
import * as step from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/jobs/checkConfiguration';

const Status = require('dw/system/Status') as { OK: number; ERROR: number };
const STEP = '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/jobs/checkConfiguration';

describe('jobs/checkConfiguration (custom.PaymentOperations.CheckConfiguration)', () => {
  beforeEach(() => {
    resetDwMocks();
    configureCompleteInstance('RefArch');
  });

  it('ends OK and says so when every provider is set up', () => {
    const status = step.execute({ Providers: 'alma,monext,komoju,payzen' });
    expect(status.status).to.equal(Status.OK);
    expect(status.code).to.equal('OK');
    expect(status.message).to.equal('Site RefArch: configuration complete for Alma, Monext, KOMOJU, PayZen/Lyra');
  });

  it('ends in ERROR, naming each problem, when a credential lacks its key', () => {
    LocalServiceRegistry.__configure('paymentoperations.komoju', {
      credential: { ID: 'komoju.cred', URL: 'https://komoju.com/api/v1', user: '', password: '' },
      profile: { ID: 'p', timeoutMillis: 20000 },
    });
    const status = step.execute({ Providers: '' });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'Site RefArch: 1 error(s), 0 warning(s): KOMOJU (error): Credential komoju.cred: set the password field to the KOMOJU secret key.',
    );
    expect(Logger.__messages).to.deep.include({
      level: 'error',
      prefix: 'payops',
      category: 'configuration',
      message: 'Site RefArch: KOMOJU: Credential komoju.cred: set the password field to the KOMOJU secret key.',
    });
  });

  it('only checks the providers the merchant selected', () => {
    LocalServiceRegistry.__reset(); // nothing configured at all
    configureCompleteInstance('RefArch');
    LocalServiceRegistry.__configure('paymentoperations.monext', { credential: null, profile: null });
    expect(step.execute({ Providers: 'alma' }).status).to.equal(Status.OK);
    expect(step.execute({ Providers: 'monext' }).status).to.equal(Status.ERROR);
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
    const status = step.execute({ Providers: 'payzen' });
    expect(status.status).to.equal(Status.OK);
    expect(status.code).to.equal(step.WARNINGS_STATUS_CODE);
    expect(status.message).to.match(
      /^Site RefArch: 1 warning\(s\): PayZen\/Lyra \(warning\): Profile p times out after 1000 ms/,
    );
  });

  it('ends in ERROR on a mistyped Providers parameter without checking anything', () => {
    const checkProvider = sinon.spy();
    const isolated = proxyquire(STEP, { '../core/configurationCheck': { checkProvider } }) as typeof step;
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
    const isolated = proxyquire(STEP, { '../core/configurationCheck': { checkProvider } }) as typeof step;
    const status = isolated.execute({ Providers: 'alma komoju' });
    expect(checkProvider.callCount).to.equal(2);
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'Site RefArch: 2 error(s), 1 warning(s): Alma (warning): w1 | KOMOJU (error): e1 | KOMOJU (error): e2',
    );
    expect(Logger.__messages.map((m) => m.level)).to.deep.equal(['warn', 'error', 'error']);
  });
});
