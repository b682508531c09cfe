'use strict';
/*
 * What the engine check calls in each shipped module, in Rhino, with the dw stand-ins.
 * Keys are module paths as steptypes.json names them (without .js). Every shipped module that
 * exports a function needs an entry here (test/engine/rhino.test.ts enforces it); results are
 * recorded and asserted on the Node side.
 */
var CARTRIDGE = 'int_payment_operations/cartridge/scripts/';

function completeInstance(cartridgeRequire, siteId) {
  var providers = cartridgeRequire('*/cartridge/scripts/core/providers');
  var check = cartridgeRequire('*/cartridge/scripts/core/configurationCheck');
  var contract = cartridgeRequire('*/cartridge/scripts/generated/metadataContract');
  cartridgeRequire('dw/system/Logger').__reset();
  cartridgeRequire('dw/svc/LocalServiceRegistry').__reset();
  cartridgeRequire('dw/object/SystemObjectMgr').__reset();
  require('../../mocks/completeInstance')(
    {
      PROVIDERS: providers.PROVIDERS,
      valueTypeCode: check.valueTypeCode,
      OrderAttributes: contract.OrderAttributes,
      SitePreferencesAttributes: contract.SitePreferencesAttributes,
      LocalServiceRegistry: cartridgeRequire('dw/svc/LocalServiceRegistry'),
      SystemObjectMgr: cartridgeRequire('dw/object/SystemObjectMgr'),
      Site: cartridgeRequire('dw/system/Site'),
    },
    siteId
  );
}

function status(s) {
  return { status: s.status, code: s.code, message: s.message };
}

var scenarios = {};

scenarios[CARTRIDGE + 'core/providers'] = function (mod, cartridgeRequire, record) {
  record(
    'parseProviderList',
    mod.parseProviderList('Alma, komoju').map(function (p) {
      return p.id;
    })
  );
  record('findProvider', mod.findProvider('payzen').label);
  try {
    mod.parseProviderList('stripe');
    record('parseProviderList(stripe)', 'no error');
  } catch (e) {
    record('parseProviderList(stripe)', e.message);
  }
};

scenarios[CARTRIDGE + 'core/configurationCheck'] = function (mod, cartridgeRequire, record) {
  completeInstance(require, 'RefArch');
  var providers = cartridgeRequire('*/cartridge/scripts/core/providers');
  record('checkProvider(alma)', mod.checkProvider(providers.findProvider('alma')));
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.alma', {
    credential: { ID: 'c', URL: 'https://api.sandbox.getalma.eu', user: '', password: '' },
    profile: { ID: 'p', timeoutMillis: 20000 },
  });
  record('checkService(alma without key)', mod.checkService(providers.findProvider('alma')));
  record('valueTypeCode(enum-of-string)', mod.valueTypeCode('enum-of-string'));
};

scenarios[CARTRIDGE + 'jobs/checkConfiguration'] = function (mod, cartridgeRequire, record) {
  completeInstance(require, 'RefArch');
  record('execute(all)', status(mod.execute({ Providers: 'alma,monext,komoju,payzen' })));
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.komoju', {
    credential: { ID: 'k', URL: 'https://komoju.com/api/v1', user: '', password: '' },
    profile: { ID: 'p', timeoutMillis: 20000 },
  });
  record('execute(komoju without key)', status(mod.execute({ Providers: 'komoju' })));
  record('execute(unknown provider)', status(mod.execute({ Providers: 'paypal' })));
  record('log', cartridgeRequire('dw/system/Logger').__messages);
};

module.exports = scenarios;
