import { expect } from 'chai';
import {
  checkAttributes,
  checkProvider,
  checkService,
  isLoopbackHttp,
  MIN_TIMEOUT_MILLIS,
  valueTypeCode,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/configurationCheck';
import {
  ENGINE_ORDER_ATTRIBUTES,
  findProvider,
  PROVIDERS,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import { OrderAttributes } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/generated/metadataContract';
import {
  LocalServiceRegistry,
  ObjectAttributeDefinition,
  SystemObjectMgr,
  resetDwMocks,
} from '../../../../../../helpers/dwMocks';
import { configureCompleteInstance } from '../../../../../../helpers/instance';

const alma = findProvider('alma')!;
const monext = findProvider('monext')!;

/** The operations engine's Order attributes, defined as the metadata says (present and correct). */
function engineAttributes(): Record<string, { type: number; values?: string[] }> {
  const definitions: Record<string, { type: number; values?: string[] }> = {};
  for (const id of ENGINE_ORDER_ATTRIBUTES) {
    const contract = OrderAttributes[id];
    definitions[id] = { type: valueTypeCode(contract.type), values: contract.values };
  }
  return definitions;
}

function messages(findings: Array<{ message: string }>): string[] {
  return findings.map((f) => f.message);
}

/** Configures a provider's service with a complete credential and profile, then the overrides. */
function configureService(
  serviceId: string,
  credential: Partial<{ URL: string; user: string; password: string }>,
  profile: { ID: string; timeoutMillis: number } | null = { ID: 'p', timeoutMillis: 20000 },
): void {
  LocalServiceRegistry.__configure(serviceId, {
    credential: { ID: 'cred', URL: 'https://provider.example.test', user: 'user', password: 'key', ...credential },
    profile,
  });
}

describe('core/configurationCheck', () => {
  beforeEach(() => {
    resetDwMocks();
    configureCompleteInstance();
  });

  it('accepts plain http only on the loopback interface (the local runtime and its sandboxes)', () => {
    expect(isLoopbackHttp('http://127.0.0.1:8080/v1')).to.equal(true);
    expect(isLoopbackHttp('http://localhost')).to.equal(true);
    expect(isLoopbackHttp('http://127.0.0.1.evil.example/v1')).to.equal(false);
    expect(isLoopbackHttp('http://api.getalma.eu')).to.equal(false);
    configureService(alma.serviceId, { URL: 'http://127.0.0.1:8080' });
    expect(messages(checkService(alma))).to.deep.equal([]);
    configureService(alma.serviceId, { URL: 'http://api.getalma.eu' });
    expect(messages(checkService(alma))).to.deep.equal([
      'Credential cred URL must start with https:// (it is http://api.getalma.eu).',
    ]);
  });

  it('finds nothing to report on a complete instance, for every provider', () => {
    for (const provider of PROVIDERS) expect(checkProvider(provider), provider.id).to.deep.equal([]);
  });

  it('reports a service that was never imported', () => {
    LocalServiceRegistry.__reset();
    const findings = checkService(alma);
    expect(findings).to.have.length(1);
    expect(findings[0]).to.include({ provider: 'Alma', severity: 'error' });
    expect(findings[0].message).to.match(
      /^Service paymentoperations\.alma is not defined .*Import the site archive \(services\.xml\)\.$/,
    );
  });

  it('asks for the API key when the credential password is empty', () => {
    configureService('paymentoperations.alma', { password: '  ' });
    expect(messages(checkService(alma))).to.deep.equal([
      'Credential cred: set the password field to the Alma API key (sk_live_… or sk_test_…).',
    ]);
  });

  it('asks for the merchant ID where the provider authenticates with one (Monext)', () => {
    configureService('paymentoperations.monext', { user: '' });
    expect(messages(checkService(monext))).to.deep.equal([
      'Credential cred: set the user field to the Monext merchant ID.',
    ]);
  });

  it('refuses a credential URL that is missing or not https', () => {
    configureService('paymentoperations.alma', { URL: 'http://api.sandbox.getalma.eu' });
    expect(messages(checkService(alma))).to.deep.equal([
      'Credential cred URL must start with https:// (it is http://api.sandbox.getalma.eu).',
    ]);
    configureService('paymentoperations.alma', { URL: '' });
    expect(messages(checkService(alma))).to.deep.equal(['Credential cred has no URL.']);
  });

  it('warns, without failing, about a missing profile or a timeout that would make outcomes unknown', () => {
    configureService('paymentoperations.alma', {}, null);
    expect(checkService(alma).map((f) => f.severity)).to.deep.equal(['warning']);
    configureService('paymentoperations.alma', {}, { ID: 'p', timeoutMillis: 1000 });
    const findings = checkService(alma);
    expect(findings).to.have.length(1);
    expect(findings[0].severity).to.equal('warning');
    expect(findings[0].message).to.equal(
      `Profile p times out after 1000 ms; below ${MIN_TIMEOUT_MILLIS} ms, successful operations risk ending with an unknown outcome.`,
    );
  });

  it('reports a missing Order attribute', () => {
    SystemObjectMgr.__define('Order', {
      ...engineAttributes(),
      ALMA_Deferred_Capture: {
        type: ObjectAttributeDefinition.VALUE_TYPE_ENUM_OF_STRING,
        values: ['ToCapture', 'Captured', 'Failed'],
      },
    });
    expect(messages(checkAttributes(alma))).to.deep.equal([
      'Order attribute almaPaymentId is missing. Import the site archive (meta/system-objecttype-extensions.xml).',
    ]);
  });

  it('reports an attribute another cartridge defined with another type', () => {
    SystemObjectMgr.__define('Order', {
      ...engineAttributes(),
      almaPaymentId: { type: ObjectAttributeDefinition.VALUE_TYPE_STRING },
      ALMA_Deferred_Capture: { type: ObjectAttributeDefinition.VALUE_TYPE_STRING },
    });
    expect(messages(checkAttributes(alma))).to.deep.equal([
      'Order attribute ALMA_Deferred_Capture has value type code 3, expected enum-of-string. Another cartridge defines it differently; see the README on shared attributes.',
    ]);
  });

  it('reports enum values our operations write but the instance lacks', () => {
    SystemObjectMgr.__define('Order', {
      ...engineAttributes(),
      almaPaymentId: { type: ObjectAttributeDefinition.VALUE_TYPE_STRING },
      ALMA_Deferred_Capture: {
        type: ObjectAttributeDefinition.VALUE_TYPE_ENUM_OF_STRING,
        values: ['toCapture', 'Captured'],
      },
    });
    expect(messages(checkAttributes(alma))).to.deep.equal([
      'Order attribute ALMA_Deferred_Capture lacks the value(s) ToCapture, Failed. Import the site archive again.',
    ]);
  });

  it('checks the ALMA site preference', () => {
    SystemObjectMgr.__define('SitePreferences', {});
    expect(messages(checkAttributes(alma))).to.deep.equal([
      'SitePreferences attribute ALMA_Deferred_Capture_Activation is missing. Import the site archive (meta/system-objecttype-extensions.xml).',
    ]);
  });
});
