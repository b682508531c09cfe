'use strict';
/*
 * What the engine check calls in each shipped module, in Rhino, with the dw stand-ins.
 * Keys are module paths as steptypes.json names them (without .js). Every shipped module that
 * exports a function needs an entry here (test/engine/rhino.test.ts enforces it); results are
 * recorded and asserted on the Node side. Scenarios may also check results here with `same`,
 * which throws, so the module's report carries the error and the engine check fails.
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

/** Throws unless actual and expected have the same JSON. */
function same(label, actual, expected) {
  var a = JSON.stringify(actual);
  var e = JSON.stringify(expected);
  if (a !== e) throw new Error(label + ': expected ' + e + ', got ' + a);
  return actual;
}

/** What healthy providers answer to the connection probes (credentials of completeInstance). */
var HEALTHY = {
  'paymentoperations.alma': { statusCode: 200, text: '[]' },
  'paymentoperations.monext': { statusCode: 404, text: '{"title":"Not Found"}' },
  'paymentoperations.komoju': { statusCode: 200, text: '[]' },
  'paymentoperations.payzen': {
    statusCode: 200,
    text: '{"status":"ERROR","answer":{"errorCode":"PSP_010","errorMessage":"transaction not found"}}',
  },
};

/** Makes every provider's service answer as HEALTHY, or as overrides[serviceId]. */
function providersAnswer(cartridgeRequire, overrides) {
  var registry = cartridgeRequire('dw/svc/LocalServiceRegistry');
  var serviceIds = Object.keys(HEALTHY);
  for (var i = 0; i < serviceIds.length; i++) {
    (function (id) {
      registry.__respond(id, function () {
        return overrides && overrides[id] ? overrides[id] : HEALTHY[id];
      });
    })(serviceIds[i]);
  }
}

/** Runs one provider's probe on the complete instance; returns the request, the masked log and the outcome. */
function runProbe(cartridgeRequire, providerId, probe, answer) {
  completeInstance(cartridgeRequire, 'RefArch');
  var provider = cartridgeRequire('*/cartridge/scripts/core/providers').findProvider(providerId);
  var registry = cartridgeRequire('dw/svc/LocalServiceRegistry');
  var overrides = {};
  overrides[provider.serviceId] = answer;
  providersAnswer(cartridgeRequire, overrides);
  var outcome = cartridgeRequire('*/cartridge/scripts/core/connectionTest').testConnection(provider, probe);
  var call = registry.__calls[registry.__calls.length - 1];
  return { request: call.request, log: call.log.join('\n'), outcome: outcome };
}

function severities(outcome) {
  return outcome.findings.map(function (f) {
    return f.severity;
  });
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
  record('execute(all)', status(mod.execute({ Providers: 'alma,monext,komoju,payzen', TestConnection: false })));
  same('no call without TestConnection', cartridgeRequire('dw/svc/LocalServiceRegistry').__calls.length, 0);
  providersAnswer(cartridgeRequire);
  record(
    'execute(all, connection test)',
    same('execute(all, connection test)', status(mod.execute({ Providers: 'alma,monext,komoju,payzen' })), {
      status: 0,
      code: 'OK',
      message:
        'Site RefArch: configuration complete for Alma, Monext, KOMOJU, PayZen/Lyra; ' +
        'connection test passed for Alma, Monext, KOMOJU, PayZen/Lyra',
    })
  );
  providersAnswer(cartridgeRequire, { 'paymentoperations.alma': { statusCode: 401, text: '' } });
  same('execute(alma rejected)', status(mod.execute({ Providers: 'alma', TestConnection: true })).code, 'ERROR');
  providersAnswer(cartridgeRequire, { 'paymentoperations.alma': { unavailable: 'TIMEOUT' } });
  same(
    'execute(alma timeout)',
    status(mod.execute({ Providers: 'alma', TestConnection: true })).code,
    mod.WARNINGS_STATUS_CODE
  );
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.komoju', {
    credential: { ID: 'k', URL: 'https://komoju.com/api/v1', user: '', password: '' },
    profile: { ID: 'p', timeoutMillis: 20000 },
  });
  record('execute(komoju without key)', status(mod.execute({ Providers: 'komoju' })));
  record('execute(unknown provider)', status(mod.execute({ Providers: 'paypal' })));
  record('log', cartridgeRequire('dw/system/Logger').__messages);
};

scenarios[CARTRIDGE + 'core/connectionTest'] = function (mod, cartridgeRequire, record) {
  record(
    'endpoint',
    same('endpoint', mod.endpoint({ URL: 'https://komoju.com/api/v1/' }, '/x'), 'https://komoju.com/api/v1/x')
  );
  record(
    'basicAuthorization',
    same('basicAuthorization', mod.basicAuthorization('komoju-secret', ''), 'Basic a29tb2p1LXNlY3JldDo=')
  );
  record(
    'maskSecrets',
    same('maskSecrets', mod.maskSecrets('Alma-Auth sk_1 Basic abc= sk_1', ['sk_1']), 'Alma-Auth **** Basic **** ****')
  );
  var plain = {
    interpret: function () {
      return null;
    },
  };
  record(
    'classifyAnswer',
    same(
      'classifyAnswer',
      [200, 401, 403, 404, 503].map(function (code) {
        return mod.classifyAnswer(plain, { status: code, text: '' }).outcome;
      }),
      ['accepted', 'rejected', 'rejected', 'unexpected', 'unreachable']
    )
  );
  var probe = cartridgeRequire('*/cartridge/scripts/providers/alma/connectionProbe');
  var outcomes = {
    ok: runProbe(cartridgeRequire, 'alma', probe, { statusCode: 200, text: '[]' }).outcome,
    rejected: runProbe(cartridgeRequire, 'alma', probe, { statusCode: 401, text: '' }).outcome,
    timeout: runProbe(cartridgeRequire, 'alma', probe, { unavailable: 'TIMEOUT' }).outcome,
    down: runProbe(cartridgeRequire, 'alma', probe, { statusCode: 503, text: '' }).outcome,
    refused: runProbe(cartridgeRequire, 'alma', probe, { connectionError: 'Connection refused' }).outcome,
  };
  same('testConnection(ok)', outcomes.ok, { passed: true, detail: 'HTTP 200', findings: [] });
  same('testConnection(401)', severities(outcomes.rejected), ['error']);
  same('testConnection(timeout)', severities(outcomes.timeout), ['warning']);
  same('testConnection(503)', severities(outcomes.down), ['warning']);
  same('testConnection(refused)', severities(outcomes.refused), ['warning']);
  record('testConnection', outcomes);
};

scenarios[CARTRIDGE + 'providers/alma/connectionProbe'] = function (mod, cartridgeRequire, record) {
  var run = runProbe(cartridgeRequire, 'alma', mod, { statusCode: 200, text: '[]' });
  same('request', run.request, {
    method: 'GET',
    url: 'https://alma.example.test/api/v1/me/fee-plans?kind=general&only=all&deferred=false',
    headers: { Authorization: 'Alma-Auth alma-secret', Accept: 'application/json' },
    body: null,
    authentication: 'NONE',
  });
  same('log masked', run.log.indexOf('alma-secret') < 0 && run.log.indexOf('Alma-Auth ****') >= 0, true);
  record('request', run.request);
  record('interpret', mod.interpret({ status: 401, text: '' }));
};

scenarios[CARTRIDGE + 'providers/monext/connectionProbe'] = function (mod, cartridgeRequire, record) {
  var run = runProbe(cartridgeRequire, 'monext', mod, { statusCode: 404, text: '' });
  same('request', run.request, {
    method: 'GET',
    url: 'https://monext.example.test/api/checkout/payments/sessions/payops-connection-test',
    headers: { Accept: 'application/json', Authorization: 'Basic bW9uZXh0LXVzZXI6bW9uZXh0LXNlY3JldA==' },
    body: null,
    authentication: 'BASIC',
  });
  same('log masked', run.log.indexOf('bW9uZXh0') < 0 && run.log.indexOf('Basic ****') >= 0, true);
  same('404 accepted', run.outcome.passed, true);
  var quirk = runProbe(cartridgeRequire, 'monext', mod, { statusCode: 200, text: '{"title":"Unauthorized"}' });
  same('200 + Unauthorized rejected', severities(quirk.outcome), ['error']);
  record('request', run.request);
  record('interpret(200 Unauthorized)', mod.interpret({ status: 200, text: '{"title":"Unauthorized"}' }));
};

scenarios[CARTRIDGE + 'providers/komoju/connectionProbe'] = function (mod, cartridgeRequire, record) {
  var run = runProbe(cartridgeRequire, 'komoju', mod, { statusCode: 200, text: '[]' });
  same('request', run.request, {
    method: 'GET',
    url: 'https://komoju.example.test/api/payment_methods',
    headers: { Authorization: 'Basic a29tb2p1LXNlY3JldDo=', Accept: 'application/json' },
    body: null,
    authentication: 'NONE',
  });
  same('log masked', run.log.indexOf('a29tb2p1') < 0 && run.log.indexOf('komoju-secret') < 0, true);
  same('401 rejected', severities(runProbe(cartridgeRequire, 'komoju', mod, { statusCode: 401 }).outcome), ['error']);
  record('request', run.request);
  record('interpret', mod.interpret({ status: 200, text: '[]' }));
};

scenarios[CARTRIDGE + 'providers/payzen/connectionProbe'] = function (mod, cartridgeRequire, record) {
  var run = runProbe(cartridgeRequire, 'payzen', mod, HEALTHY['paymentoperations.payzen']);
  same('request', run.request, {
    method: 'POST',
    url: 'https://payzen.example.test/api/Transaction/Get',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: 'Basic cGF5emVuLXVzZXI6cGF5emVuLXNlY3JldA==',
    },
    body: '{"uuid":"00000000000000000000000000000000"}',
    authentication: 'BASIC',
  });
  same('log masked', run.log.indexOf('cGF5emVu') < 0 && run.log.indexOf('payzen-secret') < 0, true);
  same('PSP_010 accepted', run.outcome.passed, true);
  var other = runProbe(cartridgeRequire, 'payzen', mod, {
    statusCode: 200,
    text: '{"status":"ERROR","answer":{"errorCode":"INT_905"}}',
  });
  same('other error code', severities(other.outcome), ['warning']);
  record('request', run.request);
  record('interpret(PSP_010)', mod.interpret({ status: 200, text: HEALTHY['paymentoperations.payzen'].text }));
};

module.exports = scenarios;
