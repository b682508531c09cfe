'use strict';
/*
 * An instance set up as the README tells merchants to: site archive imported, every provider's
 * credential filled in. Plain ES5 so that Node unit tests and the Rhino engine check share it;
 * the caller passes the modules, each from its own loader.
 *
 * deps: { PROVIDERS, valueTypeCode, OrderAttributes, SitePreferencesAttributes,
 *         LocalServiceRegistry, SystemObjectMgr, Site }
 */
function definitions(contract, valueTypeCode) {
  var result = {};
  for (var id in contract) {
    if (Object.prototype.hasOwnProperty.call(contract, id)) {
      result[id] = { type: valueTypeCode(contract[id].type), values: contract[id].values.slice() };
    }
  }
  return result;
}

module.exports = function configureCompleteInstance(deps, siteId) {
  deps.Site.__setCurrent(siteId || 'RefArch');
  for (var i = 0; i < deps.PROVIDERS.length; i++) {
    var provider = deps.PROVIDERS[i];
    deps.LocalServiceRegistry.__configure(provider.serviceId, {
      credential: {
        ID: provider.serviceId + '.credentials',
        URL: 'https://' + provider.id + '.example.test/api',
        user: provider.credentialUser ? provider.id + '-user' : '',
        password: provider.id + '-secret',
      },
      profile: { ID: provider.serviceId + '.profile', timeoutMillis: 20000 },
    });
  }
  deps.SystemObjectMgr.__define('Order', definitions(deps.OrderAttributes, deps.valueTypeCode));
  deps.SystemObjectMgr.__define('SitePreferences', definitions(deps.SitePreferencesAttributes, deps.valueTypeCode));
};
