import { expect } from 'chai';
import {
  ENGINE_ORDER_ATTRIBUTES,
  PROVIDERS,
  findProvider,
  parseProviderList,
  providerIds,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providers';
import { OrderAttributes } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/generated/metadataContract';

describe('core/providers', () => {
  it('lists the four providers with distinct services', () => {
    expect(providerIds()).to.deep.equal(['alma', 'monext', 'komoju', 'payzen']);
    expect(new Set(PROVIDERS.map((p) => p.serviceId)).size).to.equal(4);
  });

  it('claims every Order attribute of the metadata for exactly one provider, or for the operations engine', () => {
    const claimed = PROVIDERS.flatMap((p) => p.orderAttributes as string[]).concat(ENGINE_ORDER_ATTRIBUTES);
    expect(claimed.slice().sort()).to.deep.equal(Object.keys(OrderAttributes).sort());
  });

  it('parses a Providers parameter case-insensitively, with commas or spaces, without duplicates', () => {
    expect(parseProviderList('Alma, KOMOJU alma').map((p) => p.id)).to.deep.equal(['alma', 'komoju']);
  });

  it('treats an empty or missing parameter as every provider', () => {
    expect(parseProviderList('').map((p) => p.id)).to.deep.equal(providerIds());
    expect(parseProviderList(null).map((p) => p.id)).to.deep.equal(providerIds());
    expect(parseProviderList(' , ').map((p) => p.id)).to.deep.equal(providerIds());
  });

  it('rejects an unknown provider and names the valid ones', () => {
    expect(() => parseProviderList('alma,stripe')).to.throw(
      'Unknown provider "stripe"; expected one or more of: alma, monext, komoju, payzen',
    );
  });

  it('finds a provider by id and returns null otherwise', () => {
    expect(findProvider('payzen')!.label).to.equal('PayZen/Lyra');
    expect(findProvider('lyra')).to.equal(null);
  });
});
