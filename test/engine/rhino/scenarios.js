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
  same('isConfigured(alma)', mod.isConfigured(providers.findProvider('alma')), true);
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.alma', {
    credential: { ID: 'c', URL: 'https://api.sandbox.getalma.eu', user: '', password: '' },
    profile: { ID: 'p', timeoutMillis: 20000 },
  });
  same('isConfigured(alma without key)', mod.isConfigured(providers.findProvider('alma')), false);
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
  // A credential without a key: the provider is not configured and is skipped; ERROR when no selected one is.
  record('execute(komoju without key)', status(mod.execute({ Providers: 'komoju' })));
  record('execute(alma, komoju without key)', status(mod.execute({ Providers: 'alma,komoju', TestConnection: false })));
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.monext', {
    credential: { ID: 'm', URL: 'https://api.retail.monext.com/v1', user: '', password: 'monext-key' },
    profile: { ID: 'p', timeoutMillis: 20000 },
  });
  record('execute(monext without user)', status(mod.execute({ Providers: 'monext', TestConnection: false })));
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

/* ---------- The operations engine: shared set-up ---------- */

var ALMA_URL = 'https://api.sandbox.getalma.eu';
var ALMA_KEY = 'sk_test_rhino';
var PAYMENT = 'payment_rhino1';

/** Throws unless fn throws an error whose message contains `part`; returns the message. */
function throwsWith(label, fn, part) {
  try {
    fn();
  } catch (e) {
    var message = String(e && e.message ? e.message : e);
    if (message.indexOf(part) < 0) throw new Error(label + ': expected an error with "' + part + '", got ' + message);
    return message;
  }
  throw new Error(label + ': expected an error with "' + part + '", got none');
}

/**
 * Resets the dw stand-ins the engine uses and defines the metadata (journal types, Order
 * attributes); the site RefArch has deferred capture switched on unless `preferences` says otherwise.
 */
function engineInstance(cartridgeRequire, preferences) {
  var contract = cartridgeRequire('*/cartridge/scripts/generated/metadataContract');
  var names = [
    'dw/system/Transaction',
    'dw/system/HookMgr',
    'dw/system/Logger',
    'dw/svc/LocalServiceRegistry',
    'dw/object/CustomObjectMgr',
    'dw/order/OrderMgr',
    'dw/util/SeekableIterator',
    'dw/system/Site',
  ];
  for (var i = 0; i < names.length; i++) cartridgeRequire(names[i]).__reset();
  var objects = cartridgeRequire('dw/object/CustomObjectMgr');
  for (var type in contract.CustomObjectTypes) {
    if (Object.prototype.hasOwnProperty.call(contract.CustomObjectTypes, type)) {
      objects.__define(type, contract.CustomObjectTypes[type]);
    }
  }
  cartridgeRequire('dw/order/OrderMgr').__defineAttributes(contract.OrderAttributes);
  cartridgeRequire('dw/system/Site').__setCurrent('RefArch', preferences || { ALMA_Deferred_Capture_Activation: true });
}

/**
 * A small Alma in memory: payments by ID with captures[], refunds[] and a state; answers the
 * routes the cartridge calls. faults: { 'POST captures': [answer, …] } answered first, in order
 * (an answer with `apply: true` is applied before it is returned, like a timeout after Alma acted).
 * Returns { payments, calls: ['GET /v1/…', …], depths: [transaction depth at each call] }.
 */
function fakeAlma(cartridgeRequire, payments, faults, configuredKey) {
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var state = { payments: payments || {}, calls: [], depths: [], faults: faults || {} };
  var json = function (status, body) {
    return { statusCode: status, text: JSON.stringify(body) };
  };
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.alma', {
    credential: { ID: 'alma.credentials', URL: ALMA_URL, user: '', password: configuredKey || ALMA_KEY },
    profile: { ID: 'alma.profile', timeoutMillis: 20000 },
    respond: function (request) {
      var path = request.url.substring(ALMA_URL.length);
      state.calls.push(request.method + ' ' + path);
      state.depths.push(Transaction.__depth());
      if (request.headers.Authorization !== 'Alma-Auth ' + ALMA_KEY) return json(401, { message: 'Invalid API key' });
      var match = /^\/v1\/payments\/([^/?]+)(?:\/(captures|cancel|refund))?$/.exec(path);
      var route = match ? request.method + ' ' + (match[2] || 'payment') : request.method + ' ' + path;
      var queued = state.faults[route] && state.faults[route].length ? state.faults[route].shift() : null;
      var body = request.body ? JSON.parse(request.body) : null;
      if (path.indexOf('/v1/me/fee-plans') === 0) {
        var deferred = /deferred=true/.test(path);
        return json(200, [
          deferred
            ? { kind: 'general', installments_count: 1, deferred_days: 30, deferred_months: 0, allowed: true, id: 'x' }
            : { kind: 'general', installments_count: 3, deferred_days: 0, deferred_months: 0, allowed: true, id: 'y' },
        ]);
      }
      if (!match) return json(404, { message: 'No route' });
      var payment = state.payments[decodeURIComponent(match[1])];
      if (!payment) return json(404, { error_code: 'not_found', message: 'Payment not found' });
      if (queued && !queued.apply) return queued;
      var answer;
      if (route === 'GET payment') {
        answer = json(200, payment);
      } else if (route === 'POST captures') {
        if (payment.captures.length) {
          answer = json(400, { error_code: 'already_captured', message: 'Payment has already been captured' });
        } else {
          var capture = { id: 'capture_' + payment.id, amount: body.amount || payment.purchase_amount };
          payment.captures.push(capture);
          answer = json(200, capture);
        }
      } else if (route === 'PUT cancel') {
        payment.state = 'canceled';
        answer = { statusCode: 204, text: '' };
      } else if (route === 'POST refund') {
        payment.refunds.push({
          id: 'refund_' + (payment.refunds.length + 1),
          amount: body.amount,
          merchant_reference: body.merchant_reference,
        });
        answer = json(200, payment);
      } else {
        answer = json(405, { message: 'Method not allowed' });
      }
      return queued ? queued : answer;
    },
  });
  return state;
}

function almaPayment(id, amount) {
  return { id: id, state: 'in_progress', purchase_amount: amount, captures: [], refunds: [] };
}

function addOrder(cartridgeRequire, orderNo, fields) {
  var custom = { almaPaymentId: 'payment_' + orderNo, ALMA_Deferred_Capture: 'ToCapture' };
  var given = (fields && fields.custom) || {};
  for (var name in given) if (Object.prototype.hasOwnProperty.call(given, name)) custom[name] = given[name];
  return cartridgeRequire('dw/order/OrderMgr').__add({
    orderNo: orderNo,
    currencyCode: (fields && fields.currencyCode) || 'EUR',
    total: fields && fields.total !== undefined ? fields.total : 100,
    status: fields && fields.status,
    creationDate: fields && fields.creationDate,
    paymentInstruments: fields && fields.paymentInstruments,
    custom: custom,
  });
}

/** A job step execution whose job context is a map of simple values. */
function stepExecution() {
  var values = {};
  return {
    jobExecution: {
      context: {
        get: function (key) {
          return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : null;
        },
        put: function (key, value) {
          values[key] = value;
        },
      },
    },
  };
}

/** Runs a chunk step as the job framework does (chunks of 10); returns counts. */
function runChunkStep(step, parameters, execution) {
  step.beforeStep(parameters);
  var total = step.getTotalCount();
  var processed = 0;
  var chunk = [];
  for (var item = step.read(); item !== undefined && item !== null; item = step.read()) {
    chunk.push(step.process(item));
    processed++;
    if (chunk.length === 10) {
      step.write(chunk);
      chunk = [];
    }
  }
  if (chunk.length) step.write(chunk);
  step.afterStep(true, parameters, execution);
  return { total: total, processed: processed };
}

function journalStates(cartridgeRequire) {
  return cartridgeRequire('dw/object/CustomObjectMgr')
    .__objects('PaymentOperation')
    .map(function (object) {
      return object.__key + ' ' + object.__values.state;
    });
}

/** fakeAlma's profile timeout (20 s) plus the step's margin (1 s). */
var GRACE = 21000;

function settingsFor(cartridgeRequire, runStartedAt) {
  return {
    lifecycle: cartridgeRequire('*/cartridge/scripts/providers/alma/almaLifecycle').almaLifecycle,
    runStartedAt: runStartedAt || new Date(),
    maxAttempts: 3,
    inFlightGraceMillis: GRACE,
    summary: cartridgeRequire('*/cartridge/scripts/core/jobSummary').emptySummary(),
  };
}

/** A minute passes: every journal operation was last attempted a minute earlier than recorded. */
function aMinuteLater(cartridgeRequire) {
  var objects = cartridgeRequire('dw/object/CustomObjectMgr').__objects('PaymentOperation');
  for (var i = 0; i < objects.length; i++) {
    var at = objects[i].__values.lastAttemptAt;
    if (at) objects[i].__values.lastAttemptAt = new Date(at.getTime() - 60000);
  }
}

function reasonOf(order) {
  return String(order.__values.payopsReason).replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — /, '');
}

/* ---------- core ---------- */

scenarios[CARTRIDGE + 'core/scriptValues'] = function (mod, cartridgeRequire, record) {
  var EnumValue = cartridgeRequire('dw/value/EnumValue');
  record(
    'enumText',
    same(
      'enumText',
      [
        mod.enumText(new EnumValue('ToCapture', 'ToCapture')),
        mod.enumText(new EnumValue(null, '')),
        mod.enumText('Captured'),
        mod.enumText(null),
      ],
      ['ToCapture', null, 'Captured', null]
    )
  );
  var javaError = null;
  try {
    new java.util.ArrayList().get(3);
  } catch (e) {
    javaError = mod.errorMessage(e);
  }
  record('errorMessage', [
    mod.errorMessage(new Error('boom')),
    mod.errorMessage('text'),
    javaError !== null && javaError !== '',
  ]);
};

scenarios[CARTRIDGE + 'core/money'] = function (mod, cartridgeRequire, record) {
  var conversions = {
    '19.99 EUR': mod.toMinorUnits(19.99, 'EUR'),
    '1.005 EUR': mod.toMinorUnits(1.005, 'EUR'),
    '0.1+0.2 EUR': mod.toMinorUnits(0.1 + 0.2, 'EUR'),
    '1999 JPY': mod.toMinorUnits(1999, 'JPY'),
    '99.5 JPY': mod.toMinorUnits(99.5, 'JPY'),
    '1.2345 KWD': mod.toMinorUnits(1.2345, 'KWD'),
    '-12.345 EUR': mod.toMinorUnits(-12.345, 'EUR'),
    '1e-7 EUR': mod.toMinorUnits(1e-7, 'EUR'),
    '5e-3 EUR': mod.toMinorUnits(5e-3, 'EUR'),
  };
  record(
    'toMinorUnits',
    same('toMinorUnits', conversions, {
      '19.99 EUR': 1999,
      '1.005 EUR': 101,
      '0.1+0.2 EUR': 30,
      '1999 JPY': 1999,
      '99.5 JPY': 100,
      '1.2345 KWD': 1235,
      '-12.345 EUR': -1235,
      '1e-7 EUR': 0,
      '5e-3 EUR': 1,
    })
  );
  record(
    'toMinorUnits(1e21 JPY)',
    throwsWith(
      '1e21',
      function () {
        mod.toMinorUnits(1e21, 'JPY');
      },
      'is too large'
    )
  );
  record(
    'toMinorUnits(XYZ)',
    throwsWith(
      'XYZ',
      function () {
        mod.toMinorUnits(10, 'XYZ');
      },
      'Unknown currency "XYZ"'
    )
  );
  record(
    'fromMinorUnits',
    same(
      'fromMinorUnits',
      [mod.fromMinorUnits(1999, 'EUR'), mod.fromMinorUnits(1999, 'JPY'), mod.fromMinorUnits(1250, 'KWD')],
      [19.99, 1999, 1.25]
    )
  );
  record(
    'formatMinorUnits',
    same(
      'formatMinorUnits',
      [
        mod.formatMinorUnits(1999, 'EUR'),
        mod.formatMinorUnits(1999, 'JPY'),
        mod.formatMinorUnits(1250, 'KWD'),
        mod.formatMinorUnits(-5, 'EUR'),
      ],
      ['19.99 EUR', '1999 JPY', '1.250 KWD', '-0.05 EUR']
    )
  );
  var roundTrips = 0;
  var currencies = ['JPY', 'EUR', 'KWD'];
  for (var c = 0; c < currencies.length; c++) {
    for (var minor = 0; minor < 3000; minor += 7) {
      if (mod.toMinorUnits(mod.fromMinorUnits(minor, currencies[c]), currencies[c]) !== minor) {
        throw new Error('round trip ' + minor + ' ' + currencies[c]);
      }
      roundTrips++;
    }
  }
  record('round trips', roundTrips);
  var Money = cartridgeRequire('dw/value/Money');
  same('moneyToMinorUnits', mod.moneyToMinorUnits(new Money(19.99, 'EUR')), 1999);
  same('moneyToMinorUnits(N/A)', mod.moneyToMinorUnits(Money.NOT_AVAILABLE), null);
  same(
    'fractionDigits',
    [mod.fractionDigits('JPY'), mod.fractionDigits('EUR'), mod.fractionDigits('KWD'), mod.fractionDigits('XYZ')],
    [0, 2, 3, null]
  );
  same('isMinorUnits', [mod.isMinorUnits(1999), mod.isMinorUnits(19.99)], [true, false]);
  record(
    'toMinorUnitsExact',
    same(
      'toMinorUnitsExact',
      [
        mod.toMinorUnitsExact(80.1, 'EUR'),
        mod.toMinorUnitsExact(1.234, 'KWD'),
        mod.toMinorUnitsExact(100.0, 'JPY'),
        mod.toMinorUnitsExact(19.99, 'EUR'),
      ],
      [8010, 1234, 100, 1999]
    )
  );
  record('toMinorUnitsExact(too many decimals)', [
    throwsWith(
      '99.5 JPY',
      function () {
        mod.toMinorUnitsExact(99.5, 'JPY');
      },
      'the amount 99.5 has more decimals than JPY allows (0)'
    ),
    throwsWith(
      '80.005 EUR',
      function () {
        mod.toMinorUnitsExact(80.005, 'EUR');
      },
      'the amount 80.005 has more decimals than EUR allows (2)'
    ),
    throwsWith(
      '1.2345 KWD',
      function () {
        mod.toMinorUnitsExact(1.2345, 'KWD');
      },
      'the amount 1.2345 has more decimals than KWD allows (3)'
    ),
  ]);
};

scenarios[CARTRIDGE + 'core/serviceSupport'] = function (mod, cartridgeRequire, record) {
  record(
    'endpoint',
    same('endpoint', mod.endpoint({ URL: 'https://x.test/api//' }, '/v1/p'), 'https://x.test/api/v1/p')
  );
  record('basicAuthorization', same('basic', mod.basicAuthorization('user', 'pw'), 'Basic dXNlcjpwdw=='));
  record(
    'maskSecrets',
    same('mask', mod.maskSecrets('Alma-Auth sk_1 {"k":"sk_1"}', ['sk_1']), 'Alma-Auth **** {"k":"****"}')
  );
  record('excerpt', same('excerpt', mod.excerpt('a\n b  sk_2 c', ['sk_2'], 8), 'a b **** c'.substring(0, 8) + '…'));
};

scenarios[CARTRIDGE + 'core/providerCall'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var registry = cartridgeRequire('dw/svc/LocalServiceRegistry');
  var adapter = {
    serviceId: 'paymentoperations.alma',
    authenticate: function (svc, credential) {
      svc.setAuthentication('NONE');
      svc.addHeader('Authorization', 'Alma-Auth ' + credential.password);
    },
  };
  var answers = [
    { statusCode: 200, text: '{"id":"c1","echo":"' + ALMA_KEY + '"}' },
    { statusCode: 400, text: '{"message":"no"}' },
    { unavailable: 'TIMEOUT' },
    { unavailable: 'CIRCUIT_BROKEN' },
    { connectionError: 'Connection reset' },
    // The rate limiter refuses once: the call is sent again after a pause.
    { unavailable: 'RATE_LIMITED' },
    { statusCode: 200, text: '{"id":"c2"}' },
  ];
  registry.__configure('paymentoperations.alma', {
    credential: { ID: 'c', URL: ALMA_URL, user: '', password: ALMA_KEY },
    profile: { ID: 'p', timeoutMillis: 1000 },
    respond: function () {
      return answers.shift();
    },
  });
  var request = { method: 'POST', path: '/v1/payments/p/captures', body: { external_id: 'p' } };
  var results = [];
  for (var i = 0; i < 5; i++) results.push(mod.callProvider(adapter, request, 'capture'));
  same(
    'answers',
    results.map(function (r) {
      return r.answer.kind + (r.answer.status ? ' ' + r.answer.status : '');
    }),
    ['answered 200', 'answered 400', 'noAnswer', 'notSent', 'noAnswer']
  );
  var paced = mod.callProvider(adapter, request, 'capture');
  same('rate limited, then sent', [paced.answer.status, registry.__calls.length, answers.length], [200, 7, 0]);
  same('serviceTimeoutMillis', mod.serviceTimeoutMillis(adapter), 1000);
  same('no call to read the timeout', registry.__calls.length, 7);
  same('sent', registry.__calls[0].request.headers, {
    Accept: 'application/json',
    Authorization: 'Alma-Auth ' + ALMA_KEY,
    'Content-Type': 'application/json',
  });
  same('masked interaction', results[0].interaction.response, '{"id":"c1","echo":"****"}');
  same('masked log', registry.__calls[0].log.join('\n').indexOf(ALMA_KEY), -1);
  registry.__reset();
  var missing = mod.callProvider(adapter, request, 'capture');
  same('missing service', missing.answer.kind, 'notSent');
  same('serviceTimeoutMillis(missing service)', mod.serviceTimeoutMillis(adapter), mod.DEFAULT_TIMEOUT_MILLIS);
  registry.__configure('paymentoperations.alma', { credential: null, profile: null });
  record('serviceTimeoutMillis(no profile)', same('no profile', mod.serviceTimeoutMillis(adapter), 30000));
  record(
    'callProvider',
    results.map(function (r) {
      return r.interaction;
    })
  );
  record('parseJson', same('parseJson', [mod.parseJson('{"a":1}'), mod.parseJson('<html>')], [{ a: 1 }, null]));
};

scenarios[CARTRIDGE + 'core/operationJournal'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var objects = cartridgeRequire('dw/object/CustomObjectMgr');
  var plan = {
    provider: 'alma',
    type: 'capture',
    orderNo: '00001234',
    sequence: 1,
    amountMinor: 1999,
    currencyCode: 'EUR',
    paymentReference: PAYMENT,
    merchantReference: '00001234-capture-1',
    idempotencyKey: 'k1',
  };
  same('operationId', mod.operationId('alma', 'capture', '00001234', 1), 'alma:capture:00001234:1');
  var first = Transaction.wrap(function () {
    return mod.planOperation(plan);
  });
  var second = Transaction.wrap(function () {
    return mod.planOperation(plan);
  });
  same(
    'planned twice',
    [first.created, second.created, objects.__objects('PaymentOperation').length],
    [true, false, 1]
  );
  for (var n = 1; n <= 12; n++) {
    (function (n) {
      Transaction.wrap(function () {
        mod.updateOperation(first.entry.id, {
          state: 'InFlight',
          attempts: n,
          interaction: {
            type: 'capture',
            at: '2025-01-01T00:00:00.000Z',
            request: 'POST #' + n,
            status: 200,
            response: '',
          },
        });
      });
    })(n);
  }
  var entry = mod.findOperation(first.entry.id);
  same(
    'interactions kept',
    [entry.interactions.length, entry.interactions[0].request, entry.attempts],
    [10, 'POST #3', 12]
  );
  throwsWith(
    'outside a transaction',
    function () {
      mod.updateOperation(first.entry.id, { state: 'Failed' });
    },
    'inside a transaction'
  );
  var pending = mod.pendingOperations('alma', 'capture');
  var found = [];
  while (pending.hasNext()) found.push(mod.orderNoOf(pending.next()));
  pending.close();
  same('pending', found, ['00001234']);
  same('pending query', objects.__queries[0], {
    type: 'PaymentOperation',
    query: 'custom.provider = {0} AND custom.operationType = {1} AND (custom.state = {2} OR custom.state = {3})',
    sortString: 'creationDate asc',
    args: ['alma', 'capture', 'Planned', 'InFlight'],
  });
  same('isFinal', [mod.isFinal('InFlight'), mod.isFinal('Succeeded')], [false, true]);
  same('operationsOfOrder', mod.operationsOfOrder('alma', 'capture', '00001234').length, 1);
  same('bounded', JSON.parse(mod.boundedInteractions([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).length, 10);
  record(
    'utf8Length',
    same(
      'utf8Length',
      [mod.utf8Length('abc'), mod.utf8Length('\u00e9'), mod.utf8Length('\u6c7a\u6e08'), mod.utf8Length('\ud83d\udcb4')],
      [3, 2, 6, 4]
    )
  );
  // Japanese reasons take three bytes a character: the bound counts bytes.
  var japanese = [];
  for (var k = 1; k <= 10; k++) {
    japanese.push({
      type: 'refund',
      at: '',
      request: 'POST #' + k,
      status: 400,
      response: new Array(301).join('\u6c7a'),
    });
  }
  var boundedText = mod.boundedInteractions(japanese);
  same(
    'bounded in bytes',
    [mod.utf8Length(boundedText) <= mod.MAX_INTERACTIONS_TEXT, boundedText.length < mod.MAX_INTERACTIONS_TEXT / 2],
    [true, true]
  );
  record('entry', { id: entry.id, state: entry.state, attempts: entry.attempts, amountMinor: entry.amountMinor });
};

scenarios[CARTRIDGE + 'core/operationRunner'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var journal = cartridgeRequire('*/cartridge/scripts/core/operationJournal');
  var adapter = cartridgeRequire('*/cartridge/scripts/providers/alma/almaAdapter').almaAdapter;
  var alma = fakeAlma(cartridgeRequire, { p1: almaPayment('p1', 10000), p2: almaPayment('p2', 5000) });
  var project = [];
  var settings = function (runStartedAt) {
    return {
      adapter: adapter,
      runStartedAt: runStartedAt,
      maxAttempts: 3,
      inFlightGraceMillis: GRACE,
      project: function (entry) {
        project.push(entry.state + ' in transaction ' + (Transaction.__depth() > 0));
      },
    };
  };
  var planned = function (orderNo, payment) {
    return Transaction.wrap(function () {
      return journal.planOperation({
        provider: 'alma',
        type: 'capture',
        orderNo: orderNo,
        sequence: 1,
        amountMinor: null,
        currencyCode: 'EUR',
        paymentReference: payment,
        merchantReference: orderNo + '-capture-1',
        idempotencyKey: 'k',
      }).entry;
    });
  };
  // Happy path: intent committed, call outside any transaction, outcome committed with the projection.
  var first = planned('1', 'p1');
  var events = Transaction.__events;
  events.length = 0;
  var happy = mod.runOperation(first.id, settings(new Date()));
  same('happy', [happy.result, happy.calls, happy.entry.state, happy.entry.attempts], ['succeeded', 1, 'Succeeded', 1]);
  same('happy calls', alma.calls, ['POST /v1/payments/p1/captures']);
  same('no call in a transaction', alma.depths, [0]);
  same('transactions', events.slice(), ['begin', 'commit', 'begin', 'commit']);
  same('projection', project, ['Succeeded in transaction true']);
  // A final operation is never sent again.
  var again = mod.runOperation(first.id, settings(new Date(Date.now() + 1000)));
  same('final not resent', [again.result, again.calls, alma.calls.length], ['succeeded', 0, 1]);
  // Timeout after Alma applied it: InFlight; the next run reads and finds it, without a second POST.
  alma.faults['POST captures'] = [{ unavailable: 'TIMEOUT', apply: true }];
  var second = planned('2', 'p2');
  var lost = mod.runOperation(second.id, settings(new Date(Date.now() - 60000)));
  same('timeout', [lost.result, lost.entry.state], ['pending', 'InFlight']);
  // Another run right after: the call may still be awaited, so it is left alone (no read).
  var waiting = mod.runOperation(second.id, settings(new Date(Date.now() + 1)));
  same('within the grace', [waiting.result, waiting.calls, alma.calls.length], ['pending', 0, 2]);
  aMinuteLater(cartridgeRequire);
  var settled = mod.runOperation(second.id, settings(new Date(Date.now() + 1000)));
  same('read first', [settled.result, settled.calls], ['succeeded', 1]);
  same('calls', alma.calls.slice(1), ['POST /v1/payments/p2/captures', 'GET /v1/payments/p2']);
  same('one capture at Alma', alma.payments.p2.captures.length, 1);
  // Attempted since this run started: left for the next run; a later run reads first, then sends.
  alma.payments.p3 = almaPayment('p3', 1000);
  var third = planned('3', 'p3');
  var attemptedAt = new Date();
  Transaction.wrap(function () {
    journal.updateOperation(third.id, { attempts: 1, lastAttemptAt: attemptedAt });
  });
  var sameRun = mod.runOperation(third.id, settings(new Date(attemptedAt.getTime() - 1000)));
  same('not twice in a run', [sameRun.result, sameRun.calls], ['pending', 0]);
  var nextRun = mod.runOperation(third.id, settings(new Date(attemptedAt.getTime() + 1000)));
  same('next run', [nextRun.result, nextRun.calls, nextRun.entry.attempts], ['succeeded', 2, 2]);
  same('read before resend', alma.calls.slice(-2), ['GET /v1/payments/p3', 'POST /v1/payments/p3/captures']);
  record('happy', { result: happy.result, reason: happy.entry.reason });
  record('settled', { result: settled.result, reason: settled.entry.reason });
};

scenarios[CARTRIDGE + 'core/orderStream'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var OrderMgr = cartridgeRequire('dw/order/OrderMgr');
  var iterators = cartridgeRequire('dw/util/SeekableIterator');
  var t0 = Date.UTC(2025, 0, 1);
  // 2,500 orders; 990-1009 share one instant (across the first page boundary), as do 1995-2004.
  for (var i = 0; i < 2500; i++) {
    var second = i >= 990 && i <= 1009 ? 990 : i >= 1995 && i <= 2004 ? 1995 : i;
    var orderNo = 'O' + (100000 + i);
    OrderMgr.__add({
      orderNo: orderNo,
      creationDate: new Date(t0 + second * 1000),
      custom: { ALMA_Deferred_Capture: i % 500 === 7 ? 'Captured' : 'ToCapture' },
    });
  }
  var selection = { query: 'custom.ALMA_Deferred_Capture = {0}', args: ['ToCapture'] };
  var stream = new mod.OrderStream(selection);
  var seen = {};
  var count = 0;
  var previous = '';
  for (var no = stream.next(); no !== null; no = stream.next()) {
    if (seen[no]) throw new Error('streamed twice: ' + no);
    if (no < previous) throw new Error('out of order: ' + no + ' after ' + previous);
    seen[no] = true;
    previous = no;
    count++;
  }
  same('streamed once each', count, 2495);
  same('pages', OrderMgr.__searches.length, 3);
  same('page query', OrderMgr.__searches[1].query, '(custom.ALMA_Deferred_Capture = {0}) AND creationDate >= {1}');
  same('iterators closed', iterators.__unclosed().length, 0);
  same('countOrders', mod.countOrders(selection), 2495);
  same('iterators closed after count', iterators.__unclosed().length, 0);
  record('streamed', count);
};

scenarios[CARTRIDGE + 'core/jobSummary'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var summary = function (counts) {
    var s = mod.emptySummary();
    for (var key in counts) if (Object.prototype.hasOwnProperty.call(counts, key)) s[key] = counts[key];
    return s;
  };
  var verdicts = [
    mod.verdict(summary({ selected: 2, succeeded: 2 })),
    mod.verdict(summary({ selected: 2, succeeded: 1, rejected: 1, problems: ['Order 1: refused'] })),
    mod.verdict(summary({ selected: 2, failed: 1, pending: 1 })),
    mod.verdict(summary({ selected: 1, pending: 1 })),
    mod.verdict(summary({ deactivated: ['Alma deferred capture'] })),
  ].map(function (v) {
    return v.status + ' ' + v.code;
  });
  record(
    'verdict',
    same('verdict', verdicts, [
      'OK OK',
      'ERROR OPERATIONS_FAILED',
      'ERROR OPERATIONS_FAILED',
      'OK RETRY_PENDING',
      'OK DEACTIVATED',
    ])
  );
  var execution = stepExecution();
  mod.addToJobSummary(execution, summary({ selected: 1, succeeded: 1, calls: 1 }));
  mod.addToJobSummary(execution, summary({ selected: 2, failed: 1, skipped: 1, problems: ['Order 2: no payment ID'] }));
  var total = mod.readJobSummary(execution);
  same('summed', [total.selected, total.succeeded, total.failed, total.skipped, total.calls], [3, 1, 1, 1, 1]);
  record('describeSummary', mod.describeSummary(total));
  var problems = mod.emptySummary();
  for (var i = 0; i < 30; i++) mod.addProblem(problems, 'p' + i);
  same('bounded problems', problems.problems.length, mod.MAX_PROBLEM_LINES);
};

scenarios[CARTRIDGE + 'core/extensionHooks'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var HookMgr = cartridgeRequire('dw/system/HookMgr');
  var order = { orderNo: '1' };
  var context = { provider: 'alma', currencyCode: 'EUR', authorisedMinor: 10000, proposedMinor: 2500 };
  var proposal = { provider: 'alma', type: 'capture', orderNo: '1', amountMinor: 2500, currencyCode: 'EUR' };
  var defaults = cartridgeRequire('*/cartridge/scripts/hooks/operationHooks');
  same(
    'no hook',
    [mod.captureAmount(order, context), mod.beforeOperation(order, proposal), mod.afterOperation(order, {})],
    [2500, {}, null]
  );
  HookMgr.__register(mod.CAPTURE_AMOUNT_HOOK, defaults);
  HookMgr.__register(mod.BEFORE_OPERATION_HOOK, {
    beforeOperation: function () {
      return { veto: 'fraud review' };
    },
  });
  HookMgr.__register(mod.AFTER_OPERATION_HOOK, {
    afterOperation: function () {
      throw new Error('ERP down');
    },
  });
  same('defaults', mod.captureAmount(order, context), 2500);
  same('veto', mod.beforeOperation(order, proposal), { veto: 'fraud review' });
  same(
    'after fails as text',
    mod.afterOperation(order, {}),
    'hook app.payment.operations.afterOperation failed: ERP down'
  );
  HookMgr.__reset();
  HookMgr.__register(mod.CAPTURE_AMOUNT_HOOK, {
    captureAmount: function () {
      return '25.00';
    },
  });
  record(
    'captureAmount(wrong type)',
    throwsWith(
      'wrong type',
      function () {
        mod.captureAmount(order, context);
      },
      'hook app.payment.operations.captureAmount returned 25.00 instead of an amount in minor units'
    )
  );
  HookMgr.__reset();
  HookMgr.__register(mod.BEFORE_OPERATION_HOOK, {
    beforeOperation: function () {
      throw new Error('boom');
    },
  });
  record(
    'beforeOperation(throws)',
    throwsWith(
      'throws',
      function () {
        mod.beforeOperation(order, proposal);
      },
      'hook app.payment.operations.beforeOperation failed: boom'
    )
  );
};

scenarios[CARTRIDGE + 'hooks/operationHooks'] = function (mod, cartridgeRequire, record) {
  record(
    'defaults',
    same(
      'defaults',
      [mod.captureAmount({}, {}), mod.beforeOperation({}, {}), mod.afterOperation({}, {})],
      [undefined, undefined, undefined]
    )
  );
};

scenarios[CARTRIDGE + 'core/paymentMethodStore'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  same('never synchronised', mod.readPaymentMethods('alma'), { methods: [], syncedAt: null });
  mod.storePaymentMethods('alma', [{ installments_count: 3 }]);
  mod.storePaymentMethods('alma', [{ installments_count: 3 }, { installments_count: 4 }]);
  var stored = mod.readPaymentMethods('alma');
  same('stored', [stored.methods.length, stored.syncedAt instanceof Date], [2, true]);
  same('one object', cartridgeRequire('dw/object/CustomObjectMgr').__objects('PaymentOperationsMethods').length, 1);
  record('readPaymentMethods', stored.methods);
};

scenarios[CARTRIDGE + 'core/orderOperations'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Order = cartridgeRequire('dw/order/Order');
  var alma = fakeAlma(cartridgeRequire, {
    payment_1: almaPayment('payment_1', 10000),
    payment_3: almaPayment('payment_3', 10000),
    payment_4: almaPayment('payment_4', 10000),
  });
  var captured = addOrder(cartridgeRequire, '1', { custom: { payopsCaptureAmount: 25.5 } });
  var invalid = addOrder(cartridgeRequire, '2', { custom: { almaPaymentId: null } });
  var cancelled = addOrder(cartridgeRequire, '3', { status: Order.ORDER_STATUS_CANCELLED });
  var refund = addOrder(cartridgeRequire, '4', {
    custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 },
  });
  var settings = settingsFor(cartridgeRequire);
  mod.captureOrder('1', settings, false);
  mod.captureOrder('2', settings, false);
  mod.cancelOrder('3', settings, false);
  mod.refundOrder('4', settings, false);
  same('calls', alma.calls, [
    'POST /v1/payments/payment_1/captures',
    'PUT /v1/payments/payment_3/cancel',
    'POST /v1/payments/payment_4/refund',
  ]);
  same('no call in a transaction', alma.depths, [0, 0, 0]);
  same(
    'capture',
    [captured.__values.ALMA_Deferred_Capture, captured.__values.payopsCapturedAmount],
    ['Captured', 25.5]
  );
  same('partial amount', alma.payments.payment_1.captures[0].amount, 2550);
  same(
    'invalid',
    [invalid.__values.ALMA_Deferred_Capture, reasonOf(invalid)],
    ['Failed', 'Capture not possible: the order has no Alma payment ID (attribute almaPaymentId); nothing was sent.']
  );
  same('cancel', cancelled.__values.payopsCancelStatus, 'Cancelled');
  same(
    'refund',
    [refund.__values.payopsRefundStatus, refund.__values.payopsRefundedAmount, refund.__values.payopsRefundAmount],
    ['PartiallyRefunded', 30, null]
  );
  same('summary', [settings.summary.succeeded, settings.summary.failed, settings.summary.calls], [3, 1, 3]);
  record('reasons', [reasonOf(captured), reasonOf(invalid), reasonOf(cancelled), reasonOf(refund)]);
};

scenarios[CARTRIDGE + 'core/operationStep'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var orderOperations = cartridgeRequire('*/cartridge/scripts/core/orderOperations');
  var lifecycle = cartridgeRequire('*/cartridge/scripts/providers/alma/almaLifecycle').almaLifecycle;
  var alma = fakeAlma(cartridgeRequire, {
    payment_A: almaPayment('payment_A', 5000),
    payment_B: almaPayment('payment_B', 5000),
  });
  addOrder(cartridgeRequire, 'A', { creationDate: new Date(Date.UTC(2025, 0, 1)) });
  addOrder(cartridgeRequire, 'B', { creationDate: new Date(Date.UTC(2025, 0, 2)) });
  var step = mod.createOperationStep({
    type: 'capture',
    label: 'Rhino capture',
    providers: ['alma'],
    lifecycle: function () {
      return lifecycle;
    },
    selection: function (l) {
      return l.capture.selection;
    },
    handle: orderOperations.captureOrder,
  });
  var execution = stepExecution();
  var run = runChunkStep(step, {}, execution);
  same('run', run, { total: 2, processed: 2 });
  same('calls', alma.calls, ['POST /v1/payments/payment_A/captures', 'POST /v1/payments/payment_B/captures']);
  var summary = cartridgeRequire('*/cartridge/scripts/core/jobSummary').readJobSummary(execution);
  same('summary', [summary.selected, summary.succeeded], [2, 2]);
  same('iterators closed', cartridgeRequire('dw/util/SeekableIterator').__unclosed().length, 0);
  throwsWith(
    'read before beforeStep',
    function () {
      step.read();
    },
    'beforeStep did not run'
  );
  // One order's unexpected error is counted and reported; the step goes on with the next order.
  var graces = [];
  var failing = mod.createOperationStep({
    type: 'capture',
    label: 'Rhino failing capture',
    providers: ['alma'],
    lifecycle: function () {
      return lifecycle;
    },
    selection: function () {
      return { query: 'custom.almaPaymentId != NULL', args: [] };
    },
    handle: function (orderNo, settings) {
      graces.push(settings.inFlightGraceMillis);
      if (orderNo === 'A') throw new Error('order locked');
    },
  });
  var failingExecution = stepExecution();
  same('failing run', runChunkStep(failing, {}, failingExecution), { total: 2, processed: 2 });
  var failed = cartridgeRequire('*/cartridge/scripts/core/jobSummary').readJobSummary(failingExecution);
  same(
    'unexpected error',
    [failed.selected, failed.failed, failed.problems],
    [2, 1, ['Order A: unexpected error: order locked']]
  );
  same('inFlightGraceMillis', graces, [GRACE, GRACE]);
  record('run', run);
};

/* ---------- providers ---------- */

scenarios[CARTRIDGE + 'providers/alma/openQuestions'] = function (mod, cartridgeRequire, record) {
  record(
    'captureFromAnswer',
    same(
      'captureFromAnswer',
      [mod.captureFromAnswer({ id: 'c1', amount: 100 }), mod.captureFromAnswer('x')],
      [{ id: 'c1', amountMinor: 100 }, null]
    )
  );
  same(
    'captureFromPayment',
    [
      mod.captureFromPayment({ captures: [{ id: 'c1', amount: 5 }] }),
      mod.captureFromPayment({ captured_amount: 700 }),
      mod.captureFromPayment({ processing_status: 'captured' }),
      mod.captureFromPayment({ captures: [] }),
    ],
    [{ id: 'c1', amountMinor: 5 }, { id: null, amountMinor: 700 }, { id: null, amountMinor: null }, null]
  );
  same(
    'isCancelled',
    [mod.isCancelled({ state: 'canceled' }), mod.isCancelled({ processing_status: 'cancelled' }), mod.isCancelled({})],
    [true, true, false]
  );
  record(
    'showsCaptureState',
    same(
      'showsCaptureState',
      [
        mod.showsCaptureState({ captures: [] }),
        mod.showsCaptureState({ captured_amount: 0 }),
        mod.showsCaptureState({ processing_status: 'authorized' }),
        mod.showsCaptureState({ id: 'p', state: 'in_progress' }),
      ],
      [true, true, true, false]
    )
  );
  var payment = { refunds: [{ id: 'refund_1', amount: 300, merchant_reference: 'r1' }] };
  same(
    'refundFromPayment',
    [mod.refundFromPayment(payment, 'r1'), mod.refundFromPayment(payment, 'r2')],
    [{ id: 'refund_1', amountMinor: 300 }, null]
  );
  record(
    'refundFromAnswer',
    same(
      'refundFromAnswer',
      [mod.refundFromAnswer(payment, 'r1'), mod.refundFromAnswer({ id: 'refund_9' }, 'x')],
      [
        { id: 'refund_1', amountMinor: 300 },
        { id: 'refund_9', amountMinor: null },
      ]
    )
  );
};

scenarios[CARTRIDGE + 'providers/alma/almaAdapter'] = function (mod, cartridgeRequire, record) {
  var adapter = mod.almaAdapter;
  var op = function (type, amountMinor) {
    return {
      id: 'alma:' + type + ':1:1',
      provider: 'alma',
      type: type,
      orderNo: '1',
      amountMinor: amountMinor,
      currencyCode: 'EUR',
      paymentReference: PAYMENT,
      merchantReference: '1-' + type + '-1',
      idempotencyKey: 'k',
      state: 'Planned',
      attempts: 0,
      providerReference: null,
    };
  };
  var answered = function (status, body) {
    return { kind: 'answered', status: status, text: typeof body === 'string' ? body : JSON.stringify(body) };
  };
  same(
    'requests',
    [
      adapter.buildRequest(op('capture', 500)),
      adapter.buildRequest(op('cancel', null)),
      adapter.buildRequest(op('refund', 300)),
    ],
    [
      { method: 'POST', path: '/v1/payments/' + PAYMENT + '/captures', body: { external_id: PAYMENT, amount: 500 } },
      { method: 'PUT', path: '/v1/payments/' + PAYMENT + '/cancel', body: null },
      {
        method: 'POST',
        path: '/v1/payments/' + PAYMENT + '/refund',
        body: { merchant_reference: '1-refund-1', amount: 300 },
      },
    ]
  );
  var capture = op('capture', null);
  var table = [
    adapter.classify(capture, answered(200, { id: 'capture_1', amount: 100 })).outcome,
    adapter.classify(capture, answered(200, 'garbage')).outcome,
    adapter.classify(op('cancel', null), answered(204, '')).outcome,
    adapter.classify(
      op('refund', 300),
      answered(200, { refunds: [{ id: 'refund_1', merchant_reference: '1-refund-1' }] })
    ).outcome,
    adapter.classify(op('refund', 300), answered(200, { id: 'refund_2' })).outcome,
    adapter.classify(capture, answered(400, { error_code: 'already_captured', message: 'Already captured' })).detail,
    adapter.classify(capture, answered(401, '')).outcome,
    adapter.classify(capture, answered(403, '')).detail,
    adapter.classify(capture, answered(429, '')).outcome,
    adapter.classify(capture, answered(500, '')).outcome,
    adapter.classify(capture, answered(503, '')).outcome,
    adapter.classify(capture, { kind: 'noAnswer', reason: 'TIMEOUT' }).outcome,
    adapter.classify(capture, { kind: 'notSent', reason: 'RATE_LIMITED' }).outcome,
  ];
  record(
    'classify',
    same('classify', table, [
      'success',
      'unknown',
      'success',
      'success',
      'success',
      'HTTP 400 already_captured: Already captured',
      'blocked',
      'HTTP 403 — Alma did not accept the API key; set the key in the password of the credential of service ' +
        'paymentoperations.alma, then run the job again',
      'transient',
      'unknown',
      'unknown',
      'unknown',
      'transient',
    ])
  );
  same(
    'truth',
    [
      adapter.interpretTruth(capture, answered(200, { captures: [{ id: 'c1' }] })).applied,
      adapter.interpretTruth(capture, answered(200, { captures: [] })).applied,
      adapter.interpretTruth(op('cancel', null), answered(200, { state: 'canceled' })).applied,
      adapter.interpretTruth(op('refund', 1), answered(200, { refunds: [] })).applied,
      adapter.interpretTruth(capture, answered(500, '')).applied,
      adapter.interpretTruth(capture, { kind: 'noAnswer', reason: 'x' }).applied,
      // Cannot tell: no capture fields, no state, no refunds, our reference with another amount.
      adapter.interpretTruth(capture, answered(200, { state: 'in_progress' })).applied,
      adapter.interpretTruth(op('cancel', null), answered(200, { captures: [] })).applied,
      adapter.interpretTruth(op('refund', 300), answered(200, { state: 'in_progress' })).applied,
      adapter.interpretTruth(
        op('refund', 300),
        answered(200, { refunds: [{ id: 'refund_1', amount: 100, merchant_reference: '1-refund-1' }] })
      ).applied,
      // Credentials refused on the read: blocked.
      adapter.interpretTruth(capture, answered(401, '')).blocked,
      adapter.classify(capture, answered(400, { error_code: 'already_captured', message: 'Already captured' })).outcome,
    ],
    [true, false, true, false, null, null, null, null, null, null, true, 'unknown']
  );
  same('paymentPath', mod.paymentPath('a/b'), '/v1/payments/a%2Fb');
  record('almaError', same('almaError', mod.almaError(400, '{"error_code":"x","message":"y"}'), 'HTTP 400 x: y'));
};

scenarios[CARTRIDGE + 'providers/alma/almaPaymentHelper'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var done = almaPayment('p_done', 1000);
  done.captures.push({ id: 'capture_old', amount: 1000 });
  var alma = fakeAlma(cartridgeRequire, {
    p_done: done,
    p_new: almaPayment('p_new', 2000),
    p_lost: almaPayment('p_lost', 3000),
    p_bad: almaPayment('p_bad', 4000),
  });
  same('existing', mod.capturePayment({ external_id: 'p_done' }), {
    id: 'capture_old',
    payment: 'p_done',
    amount: 1000,
    created: false,
  });
  same('existing: no POST', alma.calls, ['GET /v1/payments/p_done']);
  same('new', mod.capturePayment({ external_id: 'p_new' }).id, 'capture_p_new');
  alma.faults['POST captures'] = [{ unavailable: 'TIMEOUT', apply: true }];
  same('after timeout', mod.capturePayment({ external_id: 'p_lost' }), {
    id: 'capture_p_lost',
    payment: 'p_lost',
    amount: 3000,
    created: true,
  });
  same('read after timeout', alma.calls.slice(-3), [
    'GET /v1/payments/p_lost',
    'POST /v1/payments/p_lost/captures',
    'GET /v1/payments/p_lost',
  ]);
  alma.faults['POST captures'] = [{ statusCode: 400, text: '{"error_code":"invalid","message":"Amount too high"}' }];
  record(
    'capturePayment(400)',
    throwsWith(
      '400',
      function () {
        mod.capturePayment({ external_id: 'p_bad', amount: 999999 });
      },
      'capturePayment: Alma did not capture payment p_bad (HTTP 400 invalid: Amount too high)'
    )
  );
  record('calls', alma.calls);
};

scenarios[CARTRIDGE + 'providers/alma/almaOrderHelper'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var order = addOrder(cartridgeRequire, '1');
  mod.setAlmaDeferredCapture(order, 'Captured');
  same(
    'set',
    [order.__values.ALMA_Deferred_Capture, order.custom.ALMA_Deferred_Capture.value],
    ['Captured', 'Captured']
  );
  same('in a transaction', Transaction.__events.slice(), ['begin', 'commit']);
  record(
    'setAlmaDeferredCapture(Done)',
    throwsWith(
      'bad status',
      function () {
        mod.setAlmaDeferredCapture(order, 'Done');
      },
      'setAlmaDeferredCapture: "Done" is not a Capture Status; expected one of ToCapture, Captured, Failed'
    )
  );
  same('unchanged', order.__values.ALMA_Deferred_Capture, 'Captured');
};

scenarios[CARTRIDGE + 'providers/alma/almaFeePlans'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var alma = fakeAlma(cartridgeRequire, {});
  var result = mod.fetchFeePlans();
  same('calls', alma.calls, [
    'GET /v1/me/fee-plans?kind=general&only=all&deferred=false',
    'GET /v1/me/fee-plans?kind=general&only=all&deferred=true',
  ]);
  same('plans', [result.plans.length, result.calls, result.plans[0].id], [2, 2, undefined]);
  record('plans', result.plans);
};

scenarios[CARTRIDGE + 'providers/alma/almaLifecycle'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var lifecycle = mod.almaLifecycle;
  var toCapture = addOrder(cartridgeRequire, '1');
  var never = addOrder(cartridgeRequire, '2', { custom: { ALMA_Deferred_Capture: null } });
  // Captured Amount recorded at the capture wins over the Amount to Capture, which stays editable.
  var partial = addOrder(cartridgeRequire, '3', {
    total: 80,
    custom: { ALMA_Deferred_Capture: 'Captured', payopsCaptureAmount: 40, payopsCapturedAmount: 12.5 },
  });
  // A gift certificate of 20 and the Alma payment of 100 for an order of 120.
  var split = addOrder(cartridgeRequire, '5', {
    total: 120,
    custom: { ALMA_Deferred_Capture: null },
    paymentInstruments: [
      { paymentMethod: 'GIFT_CERTIFICATE', transactionID: 'gc_1', amount: 20 },
      { paymentMethod: 'ALMA', transactionID: 'payment_5', amount: 100 },
    ],
  });
  same('captureStatus', [mod.captureStatus(toCapture), mod.captureStatus(never)], ['ToCapture', null]);
  same(
    'isCaptured',
    [lifecycle.isCaptured(toCapture), lifecycle.isCaptured(never), lifecycle.isCaptured(partial)],
    [false, true, true]
  );
  same(
    'authorisedMinor',
    [lifecycle.authorisedMinor(never), lifecycle.authorisedMinor(partial), lifecycle.authorisedMinor(split)],
    [10000, 8000, 10000]
  );
  same(
    'capturedMinor',
    [lifecycle.capturedMinor(never), lifecycle.capturedMinor(partial), lifecycle.capturedMinor(split)],
    [10000, 1250, 10000]
  );
  same(
    'paymentReference',
    [
      lifecycle.paymentReference(toCapture),
      lifecycle.paymentReference(addOrder(cartridgeRequire, '4', { custom: { almaPaymentId: null } })),
    ],
    ['payment_1', null]
  );
  same('activated', lifecycle.capture.isActivated(), true);
  same(
    'notDue',
    [lifecycle.capture.notDueReason(toCapture), lifecycle.capture.notDueReason(partial)],
    [null, 'Capture Status is Captured, not ToCapture']
  );
  var OrderMgr = cartridgeRequire('dw/order/OrderMgr');
  var found = function (selection) {
    var iterator = OrderMgr.searchOrders.apply(OrderMgr, [selection.query, 'orderNo asc'].concat(selection.args));
    var numbers = [];
    while (iterator.hasNext()) numbers.push(iterator.next().orderNo);
    iterator.close();
    return numbers;
  };
  same('capture selection', found(lifecycle.capture.selection), ['1', '4']);
  cartridgeRequire('dw/system/Site').__setCurrent('RefArch', { ALMA_Deferred_Capture_Activation: false });
  same('deactivated', lifecycle.capture.isActivated(), false);
  record('deactivatedLabel', lifecycle.capture.deactivatedLabel);
};

scenarios[CARTRIDGE + 'providers/lifecycles'] = function (mod, cartridgeRequire, record) {
  same('alma', mod.lifecycleOf('alma').adapter.provider, 'alma');
  record(
    'lifecycleOf(komoju)',
    throwsWith(
      'komoju',
      function () {
        mod.lifecycleOf('komoju');
      },
      'KOMOJU: capture, cancel and refund are not available for this provider in this version; available: alma'
    )
  );
};

/* ---------- jobs ---------- */

scenarios[CARTRIDGE + 'jobs/almaDeferredCapture'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var report = cartridgeRequire('*/cartridge/scripts/jobs/report');
  var alma = fakeAlma(cartridgeRequire, {
    payment_1: almaPayment('payment_1', 10000),
    payment_2: almaPayment('payment_2', 10000),
  });
  alma.faults['POST captures'] = [{ unavailable: 'TIMEOUT', apply: true }];
  var first = addOrder(cartridgeRequire, '1', { creationDate: new Date(Date.UTC(2025, 0, 1)) });
  var second = addOrder(cartridgeRequire, '2', { creationDate: new Date(Date.UTC(2025, 0, 2)) });
  var broken = addOrder(cartridgeRequire, '3', {
    creationDate: new Date(Date.UTC(2025, 0, 3)),
    custom: { almaPaymentId: null },
  });
  // Run 1: order 1 times out after Alma captured it, order 2 is captured, order 3 has no payment ID.
  var execution = stepExecution();
  var run1 = runChunkStep(mod, { MaxAttempts: 3 }, execution);
  var status1 = report.execute({}, execution);
  same('run 1', [run1.total, run1.processed, status1.status, status1.code], [3, 3, 1, 'OPERATIONS_FAILED']);
  same(
    'orders after run 1',
    [
      first.__values.ALMA_Deferred_Capture,
      second.__values.ALMA_Deferred_Capture,
      broken.__values.ALMA_Deferred_Capture,
    ],
    ['ToCapture', 'Captured', 'Failed']
  );
  // Run 2 at once: run 1's call might still be awaited, so the InFlight capture waits (no call).
  var executionAtOnce = stepExecution();
  runChunkStep(mod, { MaxAttempts: 3 }, executionAtOnce);
  var statusAtOnce = report.execute({}, executionAtOnce);
  same('run at once', [statusAtOnce.status, statusAtOnce.code, alma.calls.length], [0, 'RETRY_PENDING', 2]);
  // Run 2 a minute later: the journal's InFlight capture is read first and found applied; nothing is posted again.
  aMinuteLater(cartridgeRequire);
  var execution2 = stepExecution();
  var run2 = runChunkStep(mod, { MaxAttempts: 3 }, execution2);
  var status2 = report.execute({}, execution2);
  same('run 2', [run2.processed, status2.status, status2.code], [1, 0, 'OK']);
  same('order 1 captured', first.__values.ALMA_Deferred_Capture, 'Captured');
  same('calls', alma.calls, [
    'POST /v1/payments/payment_1/captures',
    'POST /v1/payments/payment_2/captures',
    'GET /v1/payments/payment_1',
  ]);
  same('one capture each', [alma.payments.payment_1.captures.length, alma.payments.payment_2.captures.length], [1, 1]);
  same('no call in a transaction', alma.depths, [0, 0, 0]);
  // Switched off: nothing selected, DEACTIVATED.
  cartridgeRequire('dw/system/Site').__setCurrent('RefArch', { ALMA_Deferred_Capture_Activation: false });
  var execution3 = stepExecution();
  runChunkStep(mod, {}, execution3);
  same('deactivated', report.execute({}, execution3).code, 'DEACTIVATED');
  // A refused API key: the run stops calling Alma after the first refusal and fails no order.
  engineInstance(cartridgeRequire);
  var refused = fakeAlma(
    cartridgeRequire,
    { payment_7: almaPayment('payment_7', 100), payment_8: almaPayment('payment_8', 100) },
    null,
    'sk_test_wrong'
  );
  var seven = addOrder(cartridgeRequire, '7', { creationDate: new Date(Date.UTC(2025, 0, 7)) });
  var eight = addOrder(cartridgeRequire, '8', { creationDate: new Date(Date.UTC(2025, 0, 8)) });
  var execution4 = stepExecution();
  runChunkStep(mod, {}, execution4);
  var status4 = report.execute({}, execution4);
  same('refused key', [status4.status, status4.code, refused.calls.length], [1, 'CREDENTIALS_REFUSED', 1]);
  same(
    'orders untouched',
    [seven.__values.ALMA_Deferred_Capture, eight.__values.ALMA_Deferred_Capture],
    ['ToCapture', 'ToCapture']
  );
  record('refused key', status(status4));
  record('run 1', status(status1));
  record('run 2', status(status2));
  record('journal', journalStates(cartridgeRequire));
};

scenarios[CARTRIDGE + 'jobs/cancelPayments'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Order = cartridgeRequire('dw/order/Order');
  var report = cartridgeRequire('*/cartridge/scripts/jobs/report');
  var alma = fakeAlma(cartridgeRequire, { payment_1: almaPayment('payment_1', 10000) });
  var cancelled = addOrder(cartridgeRequire, '1', { status: Order.ORDER_STATUS_CANCELLED });
  addOrder(cartridgeRequire, '2');
  var execution = stepExecution();
  var run = runChunkStep(mod, { Providers: 'alma' }, execution);
  var result = report.execute({}, execution);
  same('run', [run.processed, result.status, result.code], [1, 0, 'OK']);
  same('cancelled', [cancelled.__values.payopsCancelStatus, alma.payments.payment_1.state], ['Cancelled', 'canceled']);
  same('calls', alma.calls, ['PUT /v1/payments/payment_1/cancel']);
  throwsWith(
    'unknown provider',
    function () {
      mod.beforeStep({ Providers: 'komoju' });
    },
    'not available for this provider'
  );
  record('status', status(result));
};

scenarios[CARTRIDGE + 'jobs/refundPayments'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Order = cartridgeRequire('dw/order/Order');
  var report = cartridgeRequire('*/cartridge/scripts/jobs/report');
  var alma = fakeAlma(cartridgeRequire, {
    payment_1: almaPayment('payment_1', 10000),
    payment_2: almaPayment('payment_2', 5000),
  });
  var partial = addOrder(cartridgeRequire, '1', {
    custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 },
  });
  var whole = addOrder(cartridgeRequire, '2', {
    total: 50,
    status: Order.ORDER_STATUS_CANCELLED,
    custom: { ALMA_Deferred_Capture: 'Captured' },
  });
  var execution = stepExecution();
  var run = runChunkStep(mod, { Providers: 'alma' }, execution);
  var result = report.execute({}, execution);
  same('run', [run.processed, result.status, result.code], [2, 0, 'OK']);
  same(
    'partial',
    [partial.__values.payopsRefundStatus, partial.__values.payopsRefundedAmount, partial.__values.payopsRefundAmount],
    ['PartiallyRefunded', 30, null]
  );
  same('whole', [whole.__values.payopsRefundStatus, whole.__values.payopsRefundedAmount], ['Refunded', 50]);
  same(
    'refunds at Alma',
    [alma.payments.payment_1.refunds[0].amount, alma.payments.payment_2.refunds[0].amount],
    [3000, 5000]
  );
  record('status', status(result));
  record('journal', journalStates(cartridgeRequire));
};

scenarios[CARTRIDGE + 'jobs/report'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var summaries = cartridgeRequire('*/cartridge/scripts/core/jobSummary');
  var execution = stepExecution();
  same('nothing done', status(mod.execute({}, execution)).code, 'OK');
  var counts = summaries.emptySummary();
  counts.selected = 2;
  counts.succeeded = 1;
  counts.failed = 1;
  counts.problems = ['Order 2: capture not possible: no payment ID'];
  summaries.addToJobSummary(execution, counts);
  var result = status(mod.execute({}, execution));
  same('failed', [result.status, result.code], [1, 'OPERATIONS_FAILED']);
  record('execute', result);
};

scenarios[CARTRIDGE + 'jobs/syncPaymentMethods'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var store = cartridgeRequire('*/cartridge/scripts/core/paymentMethodStore');
  fakeAlma(cartridgeRequire, {});
  var ok = status(mod.execute({ Providers: 'alma' }));
  same('ok', ok, { status: 0, code: 'OK', message: 'Synchronised: Alma: 2 methods' });
  same('stored', store.readPaymentMethods('alma').methods.length, 2);
  var partly = status(mod.execute({ Providers: 'alma,payzen' }));
  same('payzen not available', partly.status, 1);
  record('execute(alma)', ok);
  record('execute(alma,payzen)', partly);
};

module.exports = scenarios;
