/** An instance set up as the README tells merchants to: archive imported, credentials filled. */
import { PROVIDERS } from '../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import { valueTypeCode } from '../../cartridges/int_payment_operations/cartridge/scripts/core/configurationCheck';
import {
  OrderAttributes,
  SitePreferencesAttributes,
  type AttributeContract,
} from '../../cartridges/int_payment_operations/cartridge/scripts/generated/metadataContract';
import { LocalServiceRegistry, Site, SystemObjectMgr, type AttributeMock } from './dwMocks';

function definitions(contract: { [id: string]: AttributeContract }): { [id: string]: AttributeMock } {
  const result: { [id: string]: AttributeMock } = {};
  for (const [id, attribute] of Object.entries(contract)) {
    result[id] = { type: valueTypeCode(attribute.type), values: attribute.values.slice() };
  }
  return result;
}

export function configureCompleteInstance(siteId = 'RefArch'): void {
  Site.__setCurrent(siteId);
  for (const provider of PROVIDERS) {
    LocalServiceRegistry.__configure(provider.serviceId, {
      credential: {
        ID: `${provider.serviceId}.credentials`,
        URL: `https://${provider.id}.example.test/api`,
        user: provider.credentialUser ? `${provider.id}-user` : '',
        password: `${provider.id}-secret`,
      },
      profile: { ID: `${provider.serviceId}.profile`, timeoutMillis: 20000 },
    });
  }
  SystemObjectMgr.__define('Order', definitions(OrderAttributes));
  SystemObjectMgr.__define('SitePreferences', definitions(SitePreferencesAttributes));
}
