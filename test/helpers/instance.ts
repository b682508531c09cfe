/** An instance set up as the README tells merchants to: archive imported, credentials filled. */
import { PROVIDERS } from '../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import { valueTypeCode } from '../../cartridges/int_payment_operations/cartridge/scripts/core/configurationCheck';
import {
  OrderAttributes,
  SitePreferencesAttributes,
} from '../../cartridges/int_payment_operations/cartridge/scripts/generated/metadataContract';
import { LocalServiceRegistry, Site, SystemObjectMgr } from './dwMocks';

const configure = require('../mocks/completeInstance') as (deps: object, siteId?: string) => void;

export function configureCompleteInstance(siteId = 'RefArch'): void {
  configure(
    {
      PROVIDERS,
      valueTypeCode,
      OrderAttributes,
      SitePreferencesAttributes,
      LocalServiceRegistry,
      SystemObjectMgr,
      Site,
    },
    siteId,
  );
}
