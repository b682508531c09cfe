/**
 * Checks that an instance has what a provider's operations need: the service with its
 * credential and a sane profile, and the custom attributes of our metadata with the right types
 * and enum values. Each problem becomes a finding a merchant can act on.
 */
import LocalServiceRegistry = require('dw/svc/LocalServiceRegistry');
import SystemObjectMgr = require('dw/object/SystemObjectMgr');
import ObjectAttributeDefinition = require('dw/object/ObjectAttributeDefinition');
import { OrderAttributes, SitePreferencesAttributes, type AttributeContract } from '../generated/metadataContract';
import { ENGINE_ORDER_ATTRIBUTES, type ProviderDefinition } from './providers';
import { errorMessage } from './scriptValues';

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly provider: string;
  readonly severity: Severity;
  readonly message: string;
}

/** Below this, a provider that is merely slow gets reported as "outcome unknown". */
export const MIN_TIMEOUT_MILLIS = 5000;

const TYPE_CODES: { [type: string]: number } = {
  string: ObjectAttributeDefinition.VALUE_TYPE_STRING,
  text: ObjectAttributeDefinition.VALUE_TYPE_TEXT,
  html: ObjectAttributeDefinition.VALUE_TYPE_HTML,
  int: ObjectAttributeDefinition.VALUE_TYPE_INT,
  double: ObjectAttributeDefinition.VALUE_TYPE_NUMBER,
  boolean: ObjectAttributeDefinition.VALUE_TYPE_BOOLEAN,
  date: ObjectAttributeDefinition.VALUE_TYPE_DATE,
  datetime: ObjectAttributeDefinition.VALUE_TYPE_DATETIME,
  email: ObjectAttributeDefinition.VALUE_TYPE_EMAIL,
  password: ObjectAttributeDefinition.VALUE_TYPE_PASSWORD,
  'set-of-string': ObjectAttributeDefinition.VALUE_TYPE_SET_OF_STRING,
  'set-of-int': ObjectAttributeDefinition.VALUE_TYPE_SET_OF_INT,
  'set-of-double': ObjectAttributeDefinition.VALUE_TYPE_SET_OF_NUMBER,
  'enum-of-string': ObjectAttributeDefinition.VALUE_TYPE_ENUM_OF_STRING,
  'enum-of-int': ObjectAttributeDefinition.VALUE_TYPE_ENUM_OF_INT,
};

/** The callback is never used to call: the check only reads the service's configuration. */
const NO_CALL_CALLBACK = {
  createRequest: function (): string {
    throw new Error('The configuration check never calls a service');
  },
  parseResponse: function (): null {
    return null;
  },
};

/** The platform's value type code for a metadata type name (enum-of-string → 33). */
export function valueTypeCode(type: string): number {
  return TYPE_CODES[type];
}

function isBlank(value: string | null | undefined): boolean {
  return value === null || value === undefined || String(value).replace(/\s+/g, '') === '';
}

/**
 * Plain http is only accepted on the loopback interface, where no key can leave the machine: that
 * is how the local runtime reaches the provider sandboxes. No real instance has such a URL.
 */
export function isLoopbackHttp(url: string): boolean {
  return /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/i.test(url);
}

/**
 * True when the provider is set up to be used: its service has a credential with a key (the
 * password field). A merchant who uses only some providers leaves the others' keys empty.
 */
export function isConfigured(provider: ProviderDefinition): boolean {
  try {
    const config = LocalServiceRegistry.createService(provider.serviceId, NO_CALL_CALLBACK).getConfiguration();
    const credential = config ? config.credential : null;
    return !!credential && !isBlank(credential.password);
  } catch {
    return false;
  }
}

export function checkService(provider: ProviderDefinition): Finding[] {
  const findings: Finding[] = [];
  const error = function (message: string): void {
    findings.push({ provider: provider.label, severity: 'error', message: message });
  };
  const warning = function (message: string): void {
    findings.push({ provider: provider.label, severity: 'warning', message: message });
  };
  let config: dw.svc.ServiceConfig | null;
  try {
    config = LocalServiceRegistry.createService(provider.serviceId, NO_CALL_CALLBACK).getConfiguration();
  } catch (e) {
    error(
      'Service ' +
        provider.serviceId +
        ' is not defined (' +
        errorMessage(e) +
        '). Import the site archive (services.xml).',
    );
    return findings;
  }
  if (!config) {
    error('Service ' + provider.serviceId + ' has no configuration. Import the site archive (services.xml).');
    return findings;
  }
  const credential = config.credential;
  if (!credential) {
    error('Service ' + provider.serviceId + ' has no credential. Import the site archive (services.xml).');
  } else {
    if (isBlank(credential.URL)) {
      error('Credential ' + credential.ID + ' has no URL.');
    } else if (!/^https:\/\//i.test(credential.URL) && !isLoopbackHttp(credential.URL)) {
      error('Credential ' + credential.ID + ' URL must start with https:// (it is ' + credential.URL + ').');
    }
    if (provider.credentialUser && isBlank(credential.user)) {
      error('Credential ' + credential.ID + ': set the user field to ' + provider.credentialUser + '.');
    }
    if (isBlank(credential.password)) {
      error('Credential ' + credential.ID + ': set the password field to ' + provider.credentialSecret + '.');
    }
  }
  const profile = config.profile;
  if (!profile) {
    warning('Service ' + provider.serviceId + ' has no profile: no timeout, rate limit or circuit breaker applies.');
  } else if (!(profile.timeoutMillis >= MIN_TIMEOUT_MILLIS)) {
    warning(
      'Profile ' +
        profile.ID +
        ' times out after ' +
        profile.timeoutMillis +
        ' ms; below ' +
        MIN_TIMEOUT_MILLIS +
        ' ms, successful operations risk ending with an unknown outcome.',
    );
  }
  return findings;
}

function definedValues(definition: dw.object.ObjectAttributeDefinition): string[] {
  const values: string[] = [];
  const collection = definition.getValues();
  if (!collection) return values;
  const iterator = collection.iterator();
  while (iterator.hasNext()) values.push(String(iterator.next().getValue()));
  return values;
}

function checkAttribute(
  provider: ProviderDefinition,
  typeId: string,
  attributeId: string,
  expected: AttributeContract,
  typeDefinition: dw.object.ObjectTypeDefinition,
): Finding[] {
  const where = typeId + ' attribute ' + attributeId;
  const problem = function (message: string): Finding[] {
    return [{ provider: provider.label, severity: 'error', message: where + message }];
  };
  const definition = typeDefinition.getCustomAttributeDefinition(attributeId);
  if (!definition) {
    return problem(' is missing. Import the site archive (meta/system-objecttype-extensions.xml).');
  }
  if (definition.getValueTypeCode() !== valueTypeCode(expected.type)) {
    return problem(
      ' has value type code ' +
        definition.getValueTypeCode() +
        ', expected ' +
        expected.type +
        '. Another cartridge defines it differently; see the README on shared attributes.',
    );
  }
  const present = definedValues(definition);
  const missing: string[] = [];
  for (let i = 0; i < expected.values.length; i++) {
    if (present.indexOf(expected.values[i]) < 0) missing.push(expected.values[i]);
  }
  if (missing.length) {
    return problem(' lacks the value(s) ' + missing.join(', ') + '. Import the site archive again.');
  }
  return [];
}

export function checkAttributes(provider: ProviderDefinition): Finding[] {
  let findings: Finding[] = [];
  const order = SystemObjectMgr.describe('Order');
  const ids = provider.usesOperationsEngine
    ? provider.orderAttributes.concat(ENGINE_ORDER_ATTRIBUTES)
    : provider.orderAttributes;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    findings = findings.concat(checkAttribute(provider, 'Order', id, OrderAttributes[id], order));
  }
  if (provider.sitePreferences.length) {
    const preferences = SystemObjectMgr.describe('SitePreferences');
    for (let j = 0; j < provider.sitePreferences.length; j++) {
      const id = provider.sitePreferences[j];
      findings = findings.concat(
        checkAttribute(provider, 'SitePreferences', id, SitePreferencesAttributes[id], preferences),
      );
    }
  }
  return findings;
}

export function checkProvider(provider: ProviderDefinition): Finding[] {
  return checkService(provider).concat(checkAttributes(provider));
}
