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
  'paymentoperations.monext': {
    statusCode: 404,
    text: '{"title":"Not Found","detail":"Session payops-connection-test not found","code":"SESSION_NOT_FOUND"}',
  },
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
  var run = runProbe(cartridgeRequire, 'monext', mod, HEALTHY['paymentoperations.monext']);
  same('request', run.request, {
    method: 'GET',
    url: 'https://monext.example.test/api/checkout/payments/sessions/payops-connection-test',
    headers: { Accept: 'application/json', Authorization: 'Basic bW9uZXh0LXVzZXI6bW9uZXh0LXNlY3JldA==' },
    body: null,
    authentication: 'BASIC',
  });
  same('log masked', run.log.indexOf('bW9uZXh0') < 0 && run.log.indexOf('Basic ****') >= 0, true);
  same('404 session not found accepted', run.outcome.passed, true);
  var noRoute = runProbe(cartridgeRequire, 'monext', mod, {
    statusCode: 404,
    text: '{"title":"Not Found","detail":"No route for GET /checkout/payments/sessions/payops-connection-test"}',
  });
  same('404 no route not accepted', noRoute.outcome.passed, false);
  same('404 no route names the URL', noRoute.outcome.detail, mod.WRONG_URL);
  same(
    '404 HTML not accepted',
    runProbe(cartridgeRequire, 'monext', mod, { statusCode: 404, text: '<html>' }).outcome.passed,
    false
  );
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
 * Resets the dw stand-ins the engine uses and defines the metadata (work-queue type, Order
 * attributes); the site RefArch has deferred capture switched on unless `preferences` says
 * otherwise, and texts are read in the base (English) bundle.
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
    'dw/web/Resource',
    'dw/net/Mail',
    'dw/util/Template',
  ];
  for (var i = 0; i < names.length; i++) cartridgeRequire(names[i]).__reset();
  var objects = cartridgeRequire('dw/object/CustomObjectMgr');
  for (var type in contract.CustomObjectTypes) {
    if (Object.prototype.hasOwnProperty.call(contract.CustomObjectTypes, type)) {
      objects.__define(type, contract.CustomObjectTypes[type]);
    }
  }
  cartridgeRequire('dw/order/OrderMgr').__defineAttributes(contract.OrderAttributes);
  return cartridgeRequire('dw/system/Site').__setCurrent(
    'RefArch',
    preferences || { ALMA_Deferred_Capture_Activation: true }
  );
}

/**
 * A small Alma in memory: payments by ID with captures[], refunds[] and a state; answers the
 * routes the cartridge calls. faults: { 'POST captures': [answer, …] } answered first, in order
 * (an answer with `apply: true` is applied before it is returned, like a timeout after Alma acted).
 * A payment with a payment_plan captures its first instalment, as Alma's instalment plans do.
 * Returns { payments, calls: ['GET /v1/…', …], depths: [transaction depth at each call] }.
 */
function fakeAlma(cartridgeRequire, payments, faults, configuredKey) {
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var state = { payments: payments || {}, calls: [], depths: [], faults: faults || {} };
  var json = function (status, body) {
    return { statusCode: status, text: JSON.stringify(body) };
  };
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.alma', {
    credential: {
      ID: 'alma.credentials',
      URL: ALMA_URL,
      user: '',
      password: configuredKey === undefined || configuredKey === null ? ALMA_KEY : configuredKey,
    },
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
          var whole = payment.payment_plan ? payment.payment_plan[0].purchase_amount : payment.purchase_amount;
          var capture = { id: 'capture_' + payment.id, amount: body.amount || whole };
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

/** An Alma payment captured in full (at checkout, or by an earlier deferred capture). */
function capturedPayment(id, amount) {
  var payment = almaPayment(id, amount);
  payment.captures.push({ id: 'capture_' + id, amount: amount });
  return payment;
}

/** A payment in `count` equal instalments: Alma captures the first and settles the whole purchase. */
function instalmentPayment(id, amount, count) {
  var payment = almaPayment(id, amount);
  payment.payment_plan = [];
  for (var i = 0; i < count; i++) payment.payment_plan.push({ purchase_amount: amount / count });
  return payment;
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
    paymentStatus: fields && fields.paymentStatus,
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

/** The order's payment history (payopsHistory) as stored: the lasting record of its operations. */
function historyOf(order) {
  var text = order.__values.payopsHistory;
  return text ? JSON.parse(String(text)) : [];
}

/** "id state" of each operation in the order's payment history. */
function historyStates(order) {
  return historyOf(order).map(function (record) {
    return record.id + ' ' + record.state;
  });
}

/** "key state" of each object in the work queue (PaymentOperation custom objects: unfinished operations only). */
function workQueue(cartridgeRequire) {
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

/**
 * Time passes: every operation in every order's payment history was created and last attempted
 * `millis` earlier than recorded (the history is the record the runner reads its times from).
 */
function timePasses(cartridgeRequire, millis) {
  var orders = cartridgeRequire('dw/order/OrderMgr').__orders();
  var earlier = function (iso) {
    return iso ? new Date(new Date(iso).getTime() - millis).toISOString() : iso;
  };
  for (var i = 0; i < orders.length; i++) {
    var history = historyOf(orders[i]);
    if (!history.length) continue;
    for (var h = 0; h < history.length; h++) {
      history[h].createdAt = earlier(history[h].createdAt);
      history[h].lastAttemptAt = earlier(history[h].lastAttemptAt);
    }
    orders[i].__values.payopsHistory = JSON.stringify(history);
  }
}

function aMinuteLater(cartridgeRequire) {
  timePasses(cartridgeRequire, 60000);
}

function reasonOf(order) {
  return String(order.__values.payopsReason).replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC — /, '');
}

/** The global object, to stand in for the platform's `request` (a job has one, with a locale). */
var GLOBAL = Function('return this')();

/** Runs fn with a global `request` whose setLocale sets the Resource stand-in's locale. */
function withRequest(cartridgeRequire, fn) {
  var Resource = cartridgeRequire('dw/web/Resource');
  var had = Object.prototype.hasOwnProperty.call(GLOBAL, 'request');
  var previous = GLOBAL.request;
  var locales = [];
  GLOBAL.request = {
    setLocale: function (locale) {
      locales.push(String(locale));
      Resource.__setLocale(String(locale));
      return true;
    },
  };
  try {
    return { result: fn(), locales: locales };
  } finally {
    if (had) GLOBAL.request = previous;
    else delete GLOBAL.request;
  }
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

/* Text at a boundary: an emoji is a UTF-16 surrogate pair, kept whole or dropped whole by every cut. */

/** 💴 (U+1F4B4): two UTF-16 code units, four UTF-8 bytes. */
var EMOJI = '\ud83d\udcb4';

function repeat(text, count) {
  return new Array(count + 1).join(text);
}

/** True when half of a surrogate pair stands alone (checked here, independently of the cartridge). */
function hasLoneSurrogate(text) {
  for (var i = 0; i < text.length; i++) {
    var code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      var next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next < 0xdc00 || next > 0xdfff) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/** 'ok', or the error encodeURIComponent throws for the text (Rhino: URIError on a lone surrogate). */
function encodes(text) {
  try {
    encodeURIComponent(text);
    return 'ok';
  } catch (e) {
    return e.name + ': ' + e.message;
  }
}

/** UTF-8 bytes of the text as Java counts them (the platform keeps strings as Java strings). */
function javaUtf8Bytes(text) {
  return new java.lang.String(text).getBytes('UTF-8').length;
}

/** Emojis in the text. */
function emojis(text) {
  return text.split(EMOJI).length - 1;
}

/** Throws unless the text is safe to store: no lone surrogate, and encodeURIComponent accepts it. */
function safeText(label, text) {
  if (hasLoneSurrogate(text)) throw new Error(label + ': half an emoji was kept');
  var encoded = encodes(text);
  if (encoded !== 'ok') throw new Error(label + ': encodeURIComponent threw ' + encoded);
  return text;
}

/** As safeText, and no emoji was mangled into U+FFFD: each one was kept whole or dropped whole. */
function wholeText(label, text) {
  safeText(label, text);
  if (text.indexOf('\ufffd') >= 0)
    throw new Error(label + ': an emoji was replaced by U+FFFD, not kept or dropped whole');
  return text;
}

/**
 * The issue's check (emoji cut at a boundary), in Rhino, whose JSON.stringify leaves a lone
 * surrogate unescaped and whose encodeURIComponent throws on one (platform.md §11.4).
 */
function emojiAtTheBoundary(mod, cartridgeRequire, record) {
  var serviceSupport = cartridgeRequire('*/cartridge/scripts/core/serviceSupport');
  var providerCall = cartridgeRequire('*/cartridge/scripts/core/providerCall');
  var journal = cartridgeRequire('*/cartridge/scripts/core/operationJournal');
  var runner = cartridgeRequire('*/cartridge/scripts/core/operationRunner');
  var orderOperations = cartridgeRequire('*/cartridge/scripts/core/orderOperations');
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var HookMgr = cartridgeRequire('dw/system/HookMgr');
  var Order = cartridgeRequire('dw/order/Order');

  // Recorded facts of this engine: what the test would catch if a cut split an emoji again.
  var lone = repeat('a', 999) + EMOJI;
  var facts = {
    'encodeURIComponent(\\ud83d)': encodes('\ud83d'),
    'encodeURIComponent(\\udcb4)': encodes('\udcb4'),
    'JSON.stringify(\\ud83d)': JSON.stringify('\ud83d') === '"\ud83d"' ? 'left unescaped' : 'escaped',
    'the cut before the fix (substring(0, 1000) + …)': encodes(lone.substring(0, 1000) + '\u2026'),
  };
  same('a lone surrogate throws in this Rhino', facts['encodeURIComponent(\\ud83d)'].indexOf('URIError') === 0, true);
  same('the old cut would be caught', facts['the cut before the fix (substring(0, 1000) + …)'].indexOf('URIError'), 0);
  record('Rhino facts', facts);

  // 1. A provider answer turned into an interaction excerpt of 1,000 characters.
  var LIMIT = providerCall.INTERACTION_TEXT_LENGTH;
  same('interaction text length', LIMIT, 1000);
  var answers = [
    ['999 ASCII + emoji', repeat('a', 999) + EMOJI],
    ['999 ASCII + emoji + "}', repeat('a', 999) + EMOJI + '"}'],
    ['998 ASCII + emoji + "}', repeat('a', 998) + EMOJI + '"}'],
    ['1000 ASCII + emoji', repeat('a', 1000) + EMOJI],
  ];
  var excerpts = {};
  var fates = {};
  for (var i = 0; i < answers.length; i++) {
    var label = answers[i][0];
    var cut = wholeText('excerpt ' + label, serviceSupport.excerpt(answers[i][1], [], LIMIT));
    // 1,000 characters and the ellipsis at most (an emoji counts two code units).
    if (cut.length > LIMIT + 1) throw new Error('excerpt ' + label + ': ' + cut.length + ' characters');
    fates[label] = emojis(cut) === 1 ? 'kept' : 'dropped';
    excerpts[label] = { emoji: fates[label], length: cut.length, cut: cut.charAt(cut.length - 1) === '\u2026' };
  }
  same('excerpts', fates, {
    '999 ASCII + emoji': 'kept',
    '999 ASCII + emoji + "}': 'dropped',
    '998 ASCII + emoji + "}': 'kept',
    '1000 ASCII + emoji': 'dropped',
  });
  record('excerpt', excerpts);

  // 2. The same answers from Alma, stored through the journal: the interaction in the order's
  // payment history. The stored JSON parses back, encodeURIComponent accepts it, and its
  // utf8Length is what Java counts.
  engineInstance(cartridgeRequire);
  var alma = fakeAlma(cartridgeRequire, {});
  var adapter = cartridgeRequire('*/cartridge/scripts/providers/alma/almaAdapter').almaAdapter;
  var settings = {
    adapter: adapter,
    runStartedAt: new Date(),
    maxAttempts: 3,
    inFlightGraceMillis: GRACE,
    project: function () {},
  };
  var stored = {};
  for (var j = 0; j < answers.length; j++) {
    var orderNo = 'E' + (j + 1);
    alma.payments['payment_' + orderNo] = almaPayment('payment_' + orderNo, 1000);
    alma.faults['POST captures'] = [{ statusCode: 502, text: answers[j][1] }];
    var order = addOrder(cartridgeRequire, orderNo, { total: 10 });
    var run = runner.startOperation(
      order,
      {
        provider: 'alma',
        type: 'capture',
        sequence: 1,
        amountMinor: null,
        currencyCode: 'EUR',
        paymentReference: 'payment_' + orderNo,
        merchantReference: orderNo + '-capture-1',
        idempotencyKey: 'uuid-' + orderNo + '-capture-1',
      },
      settings
    );
    same('unknown outcome ' + orderNo, run.entry.state, 'InFlight');
    var text = wholeText('history of ' + orderNo, String(order.__values.payopsHistory));
    var parsed = JSON.parse(text);
    var response = wholeText('stored response ' + orderNo, parsed[0].interactions[0].response);
    same('stored as excerpted ' + orderNo, emojis(response) === 1 ? 'kept' : 'dropped', fates[answers[j][0]]);
    same('JSON round trip ' + orderNo, JSON.stringify(parsed), text);
    same('utf8Length ' + orderNo, mod.utf8Length(text), javaUtf8Bytes(text));
    stored[answers[j][0]] = { emoji: fates[answers[j][0]], historyBytes: mod.utf8Length(text) };
  }
  record('stored in the history', stored);

  // Alma's error detail quotes a body that is not JSON up to 200 characters (almaAdapter.almaError,
  // with cutText): an emoji across that boundary goes whole, never half of it (which the journal
  // would then store as U+FFFD).
  alma.payments.payment_E9 = almaPayment('payment_E9', 1000);
  alma.faults['POST captures'] = [{ statusCode: 502, text: repeat('a', 199) + EMOJI + ' upstream' }];
  var quoted = addOrder(cartridgeRequire, 'E9', { total: 10 });
  runner.startOperation(
    quoted,
    {
      provider: 'alma',
      type: 'capture',
      sequence: 1,
      amountMinor: null,
      currencyCode: 'EUR',
      paymentReference: 'payment_E9',
      merchantReference: 'E9-capture-1',
      idempotencyKey: 'uuid-E9-capture-1',
    },
    settings
  );
  var quotedHistory = safeText('history of E9', String(quoted.__values.payopsHistory));
  var quotedRecord = JSON.parse(quotedHistory)[0];
  wholeText('stored response E9', quotedRecord.interactions[0].response);
  safeText('reason E9', quotedRecord.reason);
  record('almaError detail at 200 characters', {
    emoji: emojis(quotedRecord.reason)
      ? 'kept'
      : quotedRecord.reason.indexOf('\ufffd') >= 0
        ? 'replaced by U+FFFD'
        : 'dropped',
    safe: true,
  });

  // boundedInteractions: ten such interactions stay within 9,000 UTF-8 bytes, each emoji whole.
  var interaction = {
    type: 'capture',
    at: '2025-01-01T00:00:00.000Z',
    request: 'POST /v1/payments/p/captures',
    status: 502,
    response: serviceSupport.excerpt(answers[0][1], [], LIMIT),
  };
  var ten = [];
  for (var k = 0; k < 10; k++) ten.push(interaction);
  var kept = journal.boundedInteractions(ten);
  var keptText = wholeText('bounded interactions', JSON.stringify(kept));
  same(
    'bounded in bytes',
    [
      mod.utf8Length(keptText) <= journal.MAX_INTERACTIONS_TEXT,
      mod.utf8Length(keptText) === javaUtf8Bytes(keptText),
      emojis(keptText) === kept.length,
    ],
    [true, true, true]
  );
  record('bounded', { kept: kept.length, bytes: mod.utf8Length(keptText) });

  // 3. A reason ending with emojis at the 4,000-character limit of a string attribute.
  var reasons = {};
  for (var ascii = 3997; ascii <= 3998; ascii++) {
    var reason = repeat('r', ascii) + repeat(EMOJI, 10);
    var cutReason = wholeText('cutText ' + ascii, mod.cutText(reason, mod.STRING_ATTRIBUTE_LIMIT));
    if (cutReason.length > mod.STRING_ATTRIBUTE_LIMIT) throw new Error('cutText ' + ascii + ': ' + cutReason.length);
    reasons[ascii + ' ASCII + emojis'] = { length: cutReason.length, emojis: emojis(cutReason) };
  }
  same('cutText at 4,000', reasons, {
    '3997 ASCII + emojis': { length: 4000, emojis: 1 },
    '3998 ASCII + emojis': { length: 3999, emojis: 0 },
  });
  record('cutText at 4,000', reasons);

  // The same through the engine: a beforeOperation veto of 5,000 characters ending with emojis
  // becomes the order's Payment Operations Result (a string attribute: 4,000 characters, stamped),
  // and, for an automatic refund, the Failed refund's reason in the payment history (1,000).
  engineInstance(cartridgeRequire);
  fakeAlma(cartridgeRequire, {});
  var veto = '';
  HookMgr.__register('app.payment.operations.beforeOperation', {
    beforeOperation: function () {
      return { veto: veto };
    },
  });
  var orderSettings = settingsFor(cartridgeRequire);
  var vetoed = {};
  for (var offset = 0; offset < 2; offset++) {
    veto = repeat('v', offset) + repeat(EMOJI, 2500);
    var capture = addOrder(cartridgeRequire, 'V' + offset);
    orderOperations.captureOrder('V' + offset, orderSettings, false);
    var result = wholeText('Payment Operations Result V' + offset, String(capture.__values.payopsReason));
    var refund = addOrder(cartridgeRequire, 'R' + offset, {
      status: Order.ORDER_STATUS_CANCELLED,
      custom: { ALMA_Deferred_Capture: 'Captured' },
    });
    orderOperations.refundOrder('R' + offset, orderSettings, false);
    var refundHistory = wholeText('history of R' + offset, String(refund.__values.payopsHistory));
    var failed = JSON.parse(refundHistory)[0];
    wholeText('refund reason R' + offset, failed.reason);
    vetoed['offset ' + offset] = {
      result: result.length,
      resultCut: result.charAt(result.length - 1) === '\u2026',
      refundState: failed.state,
      refundReason: failed.reason.length,
    };
  }
  same(
    'vetoed',
    [
      vetoed['offset 0'].result <= mod.STRING_ATTRIBUTE_LIMIT &&
        vetoed['offset 1'].result <= mod.STRING_ATTRIBUTE_LIMIT,
      // One of the two offsets puts a surrogate pair across the limit: it is left out whole.
      vetoed['offset 0'].result !== vetoed['offset 1'].result,
      vetoed['offset 0'].refundState,
      vetoed['offset 0'].refundReason <= journal.MAX_REASON_LENGTH,
    ],
    [true, true, 'Failed', true]
  );
  same('no call', Transaction.__depth(), 0);
  record('vetoed', vetoed);
}

scenarios[CARTRIDGE + 'core/text'] = function (mod, cartridgeRequire, record) {
  same('STRING_ATTRIBUTE_LIMIT', mod.STRING_ATTRIBUTE_LIMIT, 4000);
  record(
    'wellFormed',
    same(
      'wellFormed',
      [
        mod.wellFormed('abc'),
        mod.wellFormed('a' + EMOJI),
        mod.wellFormed('a\ud83d'),
        mod.wellFormed('\udcb4b'),
        mod.wellFormed('\ud83d\ud83d\udcb4'),
      ],
      ['abc', 'a' + EMOJI, 'a\ufffd', '\ufffdb', '\ufffd' + EMOJI]
    )
  );
  record(
    'cutText',
    same(
      'cutText',
      [
        mod.cutText('abcdef', 10),
        mod.cutText('abcdef', 4),
        mod.cutText('ab' + EMOJI + 'c', 4),
        mod.cutText('a' + EMOJI + 'cd', 4),
        mod.cutText('ab' + EMOJI, 4),
        mod.cutText('a\ud83d', 4),
      ],
      ['abcdef', 'abc\u2026', 'ab\u2026', 'a' + EMOJI + '\u2026', 'ab' + EMOJI, 'a\ufffd']
    )
  );
  var mixed = 'Alma: \u6c7a\u6e08 \u2014 100 \u20ac ' + EMOJI;
  record(
    'utf8Length',
    same(
      'utf8Length',
      [
        mod.utf8Length(''),
        mod.utf8Length('abc'),
        mod.utf8Length('\u00e9'),
        mod.utf8Length('\u6c7a\u6e08'),
        mod.utf8Length(EMOJI),
        mod.utf8Length('\ud83d'),
        mod.utf8Length(mixed) === javaUtf8Bytes(mixed),
      ],
      [0, 3, 2, 6, 4, 3, true]
    )
  );
  emojiAtTheBoundary(mod, cartridgeRequire, record);
};

scenarios[CARTRIDGE + 'core/messages'] = function (mod, cartridgeRequire, record) {
  var site = engineInstance(cartridgeRequire);
  var Resource = cartridgeRequire('dw/web/Resource');
  same('bundle', mod.MESSAGE_BUNDLE, 'payops');
  var texts = function () {
    return [
      mod.message('money.unknownCurrency', 'XYZ'),
      mod.message('notDue.captureStatus', mod.message('value.empty')),
      mod.messageWith('invalid.capture', ['no payment ID']),
      // Arguments are handed over as text: an amount is never grouped or rounded.
      mod.message('money.tooLarge', 12345678.125),
    ];
  };
  var english = texts();
  same('English', english, [
    'Unknown currency "XYZ"',
    'Capture Status is empty, not ToCapture',
    'Capture not possible: no payment ID.',
    'Amount 12345678.125 is too large',
  ]);
  // fr_FR falls back to the fr bundle (as Java's ResourceBundle), read as UTF-8.
  Resource.__setLocale('fr_FR');
  var french = texts();
  same('French', french, [
    'Devise inconnue \u00ab XYZ \u00bb',
    'le Statut de capture est vide, pas ToCapture',
    'Capture impossible : no payment ID.',
    'Le montant 12345678.125 est trop grand',
  ]);
  Resource.__setLocale('ja_JP');
  var japanese = mod.message('value.empty');
  same('Japanese', japanese, '\u7a7a');
  Resource.__reset();
  // A job step has no shopper: useSiteLocale takes the site's default locale for the request.
  site.defaultLocale = 'fr_FR';
  var used = withRequest(cartridgeRequire, function () {
    mod.useSiteLocale();
    return mod.message('value.empty');
  });
  same('useSiteLocale', used, { result: 'vide', locales: ['fr_FR'] });
  // Without a request (no job context), the locale is left alone.
  Resource.__reset();
  mod.useSiteLocale();
  same('no request', mod.message('value.empty'), 'empty');
  record('message(en)', english);
  record('message(fr_FR)', french);
  record('message(ja_JP)', japanese);
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
    provider: 'alma',
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
  same(
    'credentialProblem(missing service)',
    mod.credentialProblem(adapter),
    'service paymentoperations.alma is not defined (import the site archive)'
  );
  registry.__configure('paymentoperations.alma', { credential: null, profile: null });
  record('serviceTimeoutMillis(no profile)', same('no profile', mod.serviceTimeoutMillis(adapter), 30000));
  same(
    'credentialProblem(no credential)',
    mod.credentialProblem(adapter),
    'service paymentoperations.alma has no credential'
  );
  // A credential without a key: never sent (not "Alma-Auth null"), and no attempt is used up.
  var called = 0;
  registry.__configure('paymentoperations.alma', {
    credential: { ID: 'alma.credentials', URL: ALMA_URL, user: '', password: ' ' },
    profile: { ID: 'p', timeoutMillis: 1000 },
    respond: function () {
      called++;
      return { statusCode: 200, text: '{}' };
    },
  });
  var keyless = mod.credentialProblem(adapter);
  same(
    'credentialProblem(no key)',
    keyless,
    'credential alma.credentials has no key: set its password field to the Alma API key (sk_live_… or sk_test_…)'
  );
  var unsent = mod.callProvider(adapter, request, 'capture');
  same(
    'not sent without a key',
    [unsent.answer.kind, unsent.answer.reason, called],
    ['notSent', 'CONFIG_PROBLEM: ' + keyless, 0]
  );
  registry.__configure('paymentoperations.alma', {
    credential: { ID: 'alma.credentials', URL: ALMA_URL, user: '', password: ALMA_KEY },
    profile: { ID: 'p', timeoutMillis: 1000 },
  });
  same('credentialProblem(complete)', mod.credentialProblem(adapter), null);
  record('credentialProblem(no key)', keyless);
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
  var text = cartridgeRequire('*/cartridge/scripts/core/text');
  var order = addOrder(cartridgeRequire, '00001234');
  var other = addOrder(cartridgeRequire, '00001235');
  var plan = {
    provider: 'alma',
    type: 'capture',
    sequence: 1,
    amountMinor: 1999,
    currencyCode: 'EUR',
    paymentReference: PAYMENT,
    merchantReference: '00001234-capture-1',
    idempotencyKey: 'k1',
  };
  var id = mod.operationId('alma', 'capture', '00001234', 1);
  same('operationId', id, 'alma:capture:00001234:1');
  // Planned on the order (its payment history) and queued as unfinished work, in one transaction.
  var first = Transaction.wrap(function () {
    return mod.planOperation(order, plan);
  });
  var second = Transaction.wrap(function () {
    return mod.planOperation(order, plan, { state: 'InFlight', attempts: 1 });
  });
  same(
    'planned twice',
    [first.created, second.created, second.entry.state, second.entry.attempts, historyOf(order).length],
    [true, false, 'Planned', 0, 1]
  );
  same('work queue', workQueue(cartridgeRequire), ['alma:capture:00001234:1 Planned']);
  same('queued', [mod.isQueued(id), objects.__objects('PaymentOperation')[0].__values.orderNo], [true, '00001234']);
  var stored = historyOf(order)[0];
  same(
    'stored on the order',
    [stored.id, stored.type, stored.provider, stored.state, stored.amountMinor, stored.sent, stored.interactions],
    [id, 'capture', 'alma', 'Planned', 1999, false, []]
  );
  same('entry', [first.entry.orderNo, first.entry.createdAt instanceof Date], ['00001234', true]);
  // Twelve attempts, each with an interaction: the newest ten are kept; the queue mirrors the state.
  for (var n = 1; n <= 12; n++) {
    (function (n) {
      Transaction.wrap(function () {
        mod.updateOperation(order, id, {
          state: 'InFlight',
          attempts: n,
          sent: true,
          lastAttemptAt: new Date(Date.UTC(2025, 0, 1, 0, n)),
          interactions: [
            { type: 'capture', at: '2025-01-01T00:00:00.000Z', request: 'POST #' + n, status: 200, response: '' },
          ],
        });
      });
    })(n);
  }
  var entry = mod.findOperation(order, id);
  same(
    'interactions kept',
    [entry.interactions.length, entry.interactions[0].request, entry.attempts, entry.sent],
    [10, 'POST #3', 12, true]
  );
  same('lastAttemptAt', entry.lastAttemptAt.toISOString(), '2025-01-01T00:12:00.000Z');
  same('queue mirrors the state', workQueue(cartridgeRequire), ['alma:capture:00001234:1 InFlight']);
  throwsWith(
    'outside a transaction',
    function () {
      mod.updateOperation(order, id, { state: 'Failed' });
    },
    'inside a transaction'
  );
  throwsWith(
    'not in the history',
    function () {
      Transaction.wrap(function () {
        mod.updateOperation(other, id, { state: 'Failed' });
      });
    },
    'Payment operation alma:capture:00001234:1 is not in the payment history of order 00001235'
  );
  same('another order', [mod.findOperation(other, id), mod.operationsOfOrder(other, 'alma', 'capture')], [null, []]);
  var pending = mod.pendingOperations('alma', 'capture');
  var found = [];
  while (pending.hasNext()) {
    var queued = pending.next();
    found.push(mod.orderNoOf(queued) + ' ' + mod.queuedOperationId(queued));
  }
  pending.close();
  same('pending', found, ['00001234 alma:capture:00001234:1']);
  same('pending query', objects.__queries[0], {
    type: 'PaymentOperation',
    query: 'custom.provider = {0} AND custom.operationType = {1}',
    sortString: 'creationDate asc',
    args: ['alma', 'capture'],
  });
  // Final: the record stays on the order, the work-queue object goes in the same transaction.
  var done = Transaction.wrap(function () {
    return mod.updateOperation(order, id, {
      state: 'Succeeded',
      providerReference: 'capture_1',
      movedMinor: 1999,
      settledMinor: 5997,
      completedAt: new Date(),
      reason: 'Capture of 19.99 EUR succeeded at Alma.',
    });
  });
  same(
    'final',
    [done.state, done.movedMinor, done.settledMinor, done.remainingMinor, mod.isQueued(id), historyStates(order)],
    ['Succeeded', 1999, 5997, null, false, ['alma:capture:00001234:1 Succeeded']]
  );
  same('queue empty', workQueue(cartridgeRequire), []);
  same('isFinal', [mod.isFinal('InFlight'), mod.isFinal('Planned'), mod.isFinal('Succeeded')], [false, false, true]);
  // Refunds listed in sequence order whatever the order they were planned in; an unsent failure is never queued.
  Transaction.wrap(function () {
    var refund = function (sequence, update) {
      var p = {};
      for (var key in plan) if (Object.prototype.hasOwnProperty.call(plan, key)) p[key] = plan[key];
      p.type = 'refund';
      p.sequence = sequence;
      p.amountMinor = sequence * 100;
      return mod.planOperation(order, p, update);
    };
    refund(2);
    refund(1, { state: 'Failed', completedAt: new Date(), reason: 'never sent' });
    refund(4);
  });
  same(
    'operationsOfOrder',
    mod.operationsOfOrder(order, 'alma', 'refund').map(function (e) {
      return e.id + ' ' + e.state + ' ' + e.amountMinor;
    }),
    ['alma:refund:00001234:1 Failed 100', 'alma:refund:00001234:2 Planned 200', 'alma:refund:00001234:4 Planned 400']
  );
  same('queued refunds', workQueue(cartridgeRequire), [
    'alma:refund:00001234:2 Planned',
    'alma:refund:00001234:4 Planned',
  ]);
  Transaction.wrap(function () {
    mod.dequeue('alma:refund:00001234:4');
  });
  same('dequeue', [mod.isQueued('alma:refund:00001234:4'), historyOf(order).length], [false, 4]);
  // A reason is kept within 1,000 characters in the history.
  var long = Transaction.wrap(function () {
    return mod.updateOperation(order, 'alma:refund:00001234:2', { reason: new Array(3001).join('r') });
  });
  same('reason cut', [long.reason.length, long.reason.charAt(999)], [mod.MAX_REASON_LENGTH, '\u2026']);
  same('queued reason', objects.__objects('PaymentOperation')[0].__values.reason.length, mod.MAX_REASON_LENGTH);

  // boundedInteractions: the newest ten, within 9,000 UTF-8 bytes (Japanese takes three bytes a character).
  same('bounded', mod.boundedInteractions([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
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
  var kept = mod.boundedInteractions(japanese);
  var keptText = JSON.stringify(kept);
  same(
    'bounded in bytes',
    [
      text.utf8Length(keptText) <= mod.MAX_INTERACTIONS_TEXT,
      keptText.length < mod.MAX_INTERACTIONS_TEXT / 2,
      kept[kept.length - 1].request,
    ],
    [true, true, 'POST #10']
  );
  same('bounded keeps the newest one', mod.boundedInteractions([{ response: new Array(12001).join('x') }]).length, 1);

  // The history stays within 32,000 characters: the interactions of the oldest finished
  // operations are dropped first; no summary, and nothing of an unfinished operation, is dropped.
  var big = addOrder(cartridgeRequire, '00009999');
  var exchange = function (n) {
    return {
      type: 'refund',
      at: '2025-01-01T00:00:00.000Z',
      request: 'POST #' + n,
      status: 200,
      response: new Array(901).join('z'),
    };
  };
  for (var r = 1; r <= 6; r++) {
    (function (r) {
      Transaction.wrap(function () {
        var p = {};
        for (var key in plan) if (Object.prototype.hasOwnProperty.call(plan, key)) p[key] = plan[key];
        p.type = 'refund';
        p.sequence = r;
        var exchanges = [];
        for (var x = 0; x < 8; x++) exchanges.push(exchange(x));
        mod.planOperation(big, p, {
          state: r === 1 ? 'InFlight' : 'Succeeded',
          completedAt: r === 1 ? null : new Date(),
          interactions: exchanges,
        });
      });
    })(r);
  }
  var bigText = String(big.__values.payopsHistory);
  var bigHistory = JSON.parse(bigText);
  var shape = bigHistory.map(function (op) {
    return op.state + ' ' + op.interactions.length + ' ' + (op.interactionsDropped || 0);
  });
  same('history bounded', [bigText.length <= mod.MAX_HISTORY_LENGTH, bigHistory.length], [true, 6]);
  same('unfinished kept', shape[0], 'InFlight 8 0');
  same('newest kept', shape[5], 'Succeeded 8 0');
  same(
    'oldest finished dropped first',
    [shape[1], mod.historyText(bigHistory).length],
    ['Succeeded 0 8', bigText.length]
  );
  record('history', shape);
  record('entry', { id: entry.id, state: entry.state, attempts: entry.attempts, amountMinor: entry.amountMinor });
};

scenarios[CARTRIDGE + 'core/operationRunner'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var journal = cartridgeRequire('*/cartridge/scripts/core/operationJournal');
  var adapter = cartridgeRequire('*/cartridge/scripts/providers/alma/almaAdapter').almaAdapter;
  var alma = fakeAlma(cartridgeRequire, {
    p1: almaPayment('p1', 10000),
    p2: almaPayment('p2', 5000),
    p3: almaPayment('p3', 1000),
    p4: almaPayment('p4', 1000),
    p5: instalmentPayment('p5', 30000, 3),
    p6: almaPayment('p6', 1000),
    p7: almaPayment('p7', 1000),
  });
  var project = [];
  var settings = function (runStartedAt, extra) {
    var s = {
      adapter: adapter,
      runStartedAt: runStartedAt,
      maxAttempts: 3,
      inFlightGraceMillis: GRACE,
      project: function (entry) {
        project.push(entry.state + ' in transaction ' + (Transaction.__depth() > 0));
      },
    };
    for (var key in extra || {}) if (Object.prototype.hasOwnProperty.call(extra, key)) s[key] = extra[key];
    return s;
  };
  var planOf = function (orderNo, payment) {
    return {
      provider: 'alma',
      type: 'capture',
      sequence: 1,
      amountMinor: null,
      currencyCode: 'EUR',
      paymentReference: payment,
      merchantReference: orderNo + '-capture-1',
      idempotencyKey: 'k',
    };
  };
  var order = function (orderNo, total) {
    return addOrder(cartridgeRequire, orderNo, { total: total });
  };
  // Happy path: planning, intent and `prepare` in one commit, the call outside any transaction,
  // the outcome committed with the projection: two commits.
  var one = order('1', 100);
  var events = Transaction.__events;
  events.length = 0;
  var prepared = [];
  var happy = mod.startOperation(one, planOf('1', 'p1'), settings(new Date(), { expectedMinor: 10000 }), function () {
    prepared.push('prepare in transaction ' + (Transaction.__depth() > 0));
  });
  same('happy', [happy.result, happy.calls, happy.entry.state, happy.entry.attempts], ['succeeded', 1, 'Succeeded', 1]);
  same('happy calls', alma.calls, ['POST /v1/payments/p1/captures']);
  same('no call in a transaction', alma.depths, [0]);
  same('two commits', events.slice(), ['begin', 'commit', 'begin', 'commit']);
  same('prepare', prepared, ['prepare in transaction true']);
  same('projection', project, ['Succeeded in transaction true']);
  var stored = historyOf(one)[0];
  same(
    'history',
    [
      stored.state,
      stored.sent,
      stored.attempts,
      stored.movedMinor,
      stored.providerReference,
      stored.interactions.length,
    ],
    ['Succeeded', true, 1, 10000, 'capture_p1', 1]
  );
  same('nothing left in the work queue', workQueue(cartridgeRequire), []);
  // Planned again (another run): found in the order's history, never sent again.
  var again = mod.startOperation(one, planOf('1', 'p1'), settings(new Date(Date.now() + 1000)), function () {
    prepared.push('prepared twice');
  });
  same('final not resent', [again.result, again.calls, alma.calls.length, prepared.length], ['succeeded', 0, 1, 1]);
  same('runOperation(final)', mod.runOperation(one, happy.entry.id, settings(new Date(Date.now() + 1000))).calls, 0);
  throwsWith(
    'unknown operation',
    function () {
      mod.runOperation(one, 'alma:capture:1:9', settings(new Date()));
    },
    'is not in the payment history of order 1'
  );
  // Timeout after Alma applied it: InFlight and queued; the next run reads and finds it, without a second POST.
  alma.faults['POST captures'] = [{ unavailable: 'TIMEOUT', apply: true }];
  var two = order('2', 50);
  var lost = mod.startOperation(two, planOf('2', 'p2'), settings(new Date()));
  same(
    'timeout',
    [lost.result, lost.entry.state, workQueue(cartridgeRequire)],
    ['pending', 'InFlight', ['alma:capture:2:1 InFlight']]
  );
  // Another run right after: the call may still be awaited, so it is left alone (no read).
  var waiting = mod.runOperation(two, lost.entry.id, settings(new Date(Date.now() + 1)));
  same('within the grace', [waiting.result, waiting.calls, alma.calls.length], ['pending', 0, 2]);
  aMinuteLater(cartridgeRequire);
  var settled = mod.runOperation(two, lost.entry.id, settings(new Date(Date.now() + 1000)));
  same('read first', [settled.result, settled.calls, settled.entry.state], ['succeeded', 1, 'Succeeded']);
  same('calls', alma.calls.slice(1), ['POST /v1/payments/p2/captures', 'GET /v1/payments/p2']);
  same('one capture at Alma', alma.payments.p2.captures.length, 1);
  same('dequeued', workQueue(cartridgeRequire), []);
  same(
    'interactions',
    historyOf(two)[0].interactions.map(function (i) {
      return i.type + ' ' + i.status;
    }),
    ['capture null', 'read 200']
  );
  // Attempted since this run started: left for the next run; a later run reads first (it was sent), then sends.
  var three = order('3', 10);
  var third = Transaction.wrap(function () {
    return journal.planOperation(three, planOf('3', 'p3')).entry;
  });
  var attemptedAt = new Date();
  Transaction.wrap(function () {
    journal.updateOperation(three, third.id, { attempts: 1, sent: true, lastAttemptAt: attemptedAt });
  });
  var sameRun = mod.runOperation(three, third.id, settings(new Date(attemptedAt.getTime() - 1000)));
  same('not twice in a run', [sameRun.result, sameRun.calls], ['pending', 0]);
  var nextRun = mod.runOperation(three, third.id, settings(new Date(attemptedAt.getTime() + 1000)));
  same('next run', [nextRun.result, nextRun.calls, nextRun.entry.attempts], ['succeeded', 2, 2]);
  same('read before resend', alma.calls.slice(-2), ['GET /v1/payments/p3', 'POST /v1/payments/p3/captures']);
  // A call the platform never sent (circuit breaker) uses up no attempt and leaves the operation Planned.
  alma.faults['POST captures'] = [{ unavailable: 'CIRCUIT_BROKEN' }];
  var four = order('4', 10);
  var notSent = mod.startOperation(four, planOf('4', 'p4'), settings(new Date()));
  same(
    'not sent',
    [notSent.result, notSent.entry.state, notSent.entry.attempts, notSent.entry.sent, workQueue(cartridgeRequire)],
    ['pending', 'Planned', 0, false, ['alma:capture:4:1 Planned']]
  );
  var resent = mod.runOperation(four, notSent.entry.id, settings(new Date(Date.now() + 1000)));
  same(
    'sent on the next run, without a read',
    [resent.result, resent.calls, resent.entry.attempts],
    ['succeeded', 1, 1]
  );
  // Three instalments: Alma captures the first (100.00 EUR) and settles the whole purchase, read once.
  var five = order('5', 300);
  var instalments = mod.startOperation(five, planOf('5', 'p5'), settings(new Date(), { expectedMinor: 30000 }));
  same(
    'settlement read',
    [instalments.result, instalments.calls, instalments.entry.movedMinor, instalments.entry.settledMinor],
    ['succeeded', 2, 10000, 30000]
  );
  same('settlement calls', alma.calls.slice(-2), ['POST /v1/payments/p5/captures', 'GET /v1/payments/p5']);
  // An unknown outcome Alma cannot tell about: pending for a day, then escalated (never sent again blindly).
  alma.faults['POST captures'] = [{ statusCode: 502, text: 'Bad gateway' }];
  alma.faults['GET payment'] = [
    { statusCode: 503, text: '' },
    { statusCode: 503, text: '' },
  ];
  var six = order('6', 10);
  var unknown = mod.startOperation(six, planOf('6', 'p6'), settings(new Date()));
  same('unknown', [unknown.result, unknown.entry.state], ['pending', 'InFlight']);
  timePasses(cartridgeRequire, 3600000);
  var anHourLater = mod.runOperation(six, unknown.entry.id, settings(new Date(Date.now() + 1000)));
  same('an hour later', [anHourLater.result, anHourLater.calls, anHourLater.entry.reads], ['pending', 1, 1]);
  timePasses(cartridgeRequire, 24 * 3600000);
  var aDayLater = mod.runOperation(six, unknown.entry.id, settings(new Date(Date.now() + 1000)));
  same(
    'escalated',
    [aDayLater.result, aDayLater.entry.state, aDayLater.entry.reads, alma.payments.p6.captures.length],
    ['escalated', 'InFlight', 2, 0]
  );
  // Withdrawn: no longer wanted and never sent; final without a projection.
  var seven = order('7', 10);
  var planned = Transaction.wrap(function () {
    return journal.planOperation(seven, planOf('7', 'p7')).entry;
  });
  var projected = project.length;
  var withdrawn = mod.runOperation(
    seven,
    planned.id,
    settings(new Date(Date.now() + 1000), { withdrawReason: 'the order was cancelled' })
  );
  same(
    'withdrawn',
    [withdrawn.result, withdrawn.entry.state, withdrawn.calls, project.length - projected],
    ['withdrawn', 'Failed', 0, 0]
  );
  // A refused key: blocked, nothing counted, the operation waits for a fixed credential.
  var refused = fakeAlma(cartridgeRequire, { p8: almaPayment('p8', 1000) }, null, 'sk_test_wrong');
  var eight = order('8', 10);
  var blocked = mod.startOperation(eight, planOf('8', 'p8'), settings(new Date()));
  same(
    'blocked',
    [blocked.result, blocked.entry.state, blocked.entry.attempts, refused.calls],
    ['blocked', 'Planned', 0, ['POST /v1/payments/p8/captures']]
  );
  var amountReason = mod.reason(
    'reason.succeeded',
    { type: 'capture', amountMinor: 1999, currencyCode: 'EUR' },
    { label: 'Alma' },
    true,
    ['', '']
  );
  same('reason', amountReason, 'Capture of 19.99 EUR succeeded at Alma.');
  record('happy', { result: happy.result, reason: happy.entry.reason });
  record('settled', { result: settled.result, reason: settled.entry.reason });
  record('instalments', { result: instalments.result, reason: instalments.entry.reason });
  record('notSent', notSent.entry.reason);
  record('escalated', aDayLater.entry.reason);
  record('withdrawn', withdrawn.entry.reason);
  record('blocked', blocked.entry.reason);
  record('reason', amountReason);
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
  // No registration (this cartridge registers none): the defaults in code.
  same('hooks.json registers nothing', cartridgeRequire('*/hooks.json').hooks, []);
  same(
    'no hook',
    [mod.captureAmount(order, context), mod.beforeOperation(order, proposal), mod.afterOperation(order, {})],
    [2500, {}, null]
  );
  same('not called', HookMgr.__calls.length, 0);
  HookMgr.__register(mod.CAPTURE_AMOUNT_HOOK, {
    captureAmount: function (o, c) {
      return c.authorisedMinor / 2;
    },
  });
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
  same('merchant amount', mod.captureAmount(order, context), 5000);
  same('veto', mod.beforeOperation(order, proposal), { veto: 'fraud review' });
  same(
    'after fails as text',
    mod.afterOperation(order, {}),
    'hook app.payment.operations.afterOperation failed: ERP down'
  );
  // Two cartridges on the path: every registration runs and the LAST one's value is returned, even undefined.
  HookMgr.__reset();
  var ran = [];
  HookMgr.__register(mod.CAPTURE_AMOUNT_HOOK, {
    captureAmount: function () {
      ran.push('app_custom');
      return 1000;
    },
  });
  HookMgr.__register(mod.CAPTURE_AMOUNT_HOOK, {
    captureAmount: function () {
      ran.push('app_other');
    },
  });
  same('last registration wins', [mod.captureAmount(order, context), ran], [2500, ['app_custom', 'app_other']]);
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
  HookMgr.__reset();
  HookMgr.__register(mod.BEFORE_OPERATION_HOOK, {
    beforeOperation: function () {
      return 'no';
    },
  });
  record(
    'beforeOperation(not an object)',
    throwsWith(
      'not an object',
      function () {
        mod.beforeOperation(order, proposal);
      },
      'hook app.payment.operations.beforeOperation returned no instead of an object'
    )
  );
};

scenarios[CARTRIDGE + 'core/paymentMethodStore'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  same('never synchronised', mod.readPaymentMethods('alma'), { methods: [], syncedAt: null });
  mod.storePaymentMethods('alma', [{ key: 'p3', details: { installments_count: 3 } }]);
  var CustomObjectMgr = cartridgeRequire('dw/object/CustomObjectMgr');
  var object = CustomObjectMgr.__objects('PaymentOperationsMethods')[0];
  var first = JSON.parse(object.custom.methodsJson);
  first[0].enabled = false;
  cartridgeRequire('dw/system/Transaction').wrap(function () {
    object.custom.methodsJson = JSON.stringify(first);
  });
  var counts = mod.storePaymentMethods('alma', [{ key: 'p4', details: { installments_count: 4 } }]);
  same('counts', counts, { offered: 1, added: 1, unavailable: 1 });
  var stored = mod.readPaymentMethods('alma');
  same(
    'merged',
    stored.methods.map(function (m) {
      return [m.key, m.enabled, m.available];
    }),
    [
      ['p3', false, false],
      ['p4', true, true],
    ]
  );
  same('syncedAt', stored.syncedAt instanceof Date, true);
  same(
    'available',
    mod.availablePaymentMethods('alma').map(function (m) {
      return m.key;
    }),
    ['p4']
  );
  same(
    'komoju attribute',
    [mod.methodsAttribute('komoju'), mod.methodsAttribute('alma')],
    ['availableKomojuPaymentMethods', 'methodsJson']
  );
  same('one object', CustomObjectMgr.__objects('PaymentOperationsMethods').length, 1);
  record('readPaymentMethods', stored.methods.length);
};

scenarios[CARTRIDGE + 'core/orderOperations'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Order = cartridgeRequire('dw/order/Order');
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var alma = fakeAlma(cartridgeRequire, {
    payment_1: almaPayment('payment_1', 10000),
    payment_3: almaPayment('payment_3', 10000),
    payment_4: capturedPayment('payment_4', 10000),
    payment_5: instalmentPayment('payment_5', 30000, 3),
  });
  var captured = addOrder(cartridgeRequire, '1', { custom: { payopsCaptureAmount: 25.5 } });
  var invalid = addOrder(cartridgeRequire, '2', { custom: { almaPaymentId: null } });
  var cancelled = addOrder(cartridgeRequire, '3', { status: Order.ORDER_STATUS_CANCELLED });
  var refund = addOrder(cartridgeRequire, '4', {
    custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 },
  });
  var instalments = addOrder(cartridgeRequire, '5', { total: 300 });
  var settings = settingsFor(cartridgeRequire);
  var commits = Transaction.__counts.commits;
  mod.captureOrder('1', settings, false);
  same('two commits per capture', Transaction.__counts.commits - commits, 2);
  mod.captureOrder('2', settings, false);
  mod.cancelOrder('3', settings, false);
  mod.refundOrder('4', settings, false);
  mod.captureOrder('5', settings, false);
  same('calls', alma.calls, [
    'POST /v1/payments/payment_1/captures',
    'PUT /v1/payments/payment_3/cancel',
    'POST /v1/payments/payment_4/refund',
    'POST /v1/payments/payment_5/captures',
    'GET /v1/payments/payment_5',
  ]);
  same('no call in a transaction', alma.depths, [0, 0, 0, 0, 0]);
  same(
    'capture',
    [
      captured.__values.ALMA_Deferred_Capture,
      captured.__values.payopsCapturedAmount,
      captured.__values.payopsCaptureAmount,
    ],
    ['Captured', 25.5, 25.5]
  );
  same('partial amount', alma.payments.payment_1.captures[0].amount, 2550);
  same('capture history', historyStates(captured), ['alma:capture:1:1 Succeeded']);
  same(
    'capture record',
    [historyOf(captured)[0].amountMinor, historyOf(captured)[0].movedMinor, historyOf(captured)[0].sent],
    [2550, 2550, true]
  );
  same(
    'invalid',
    [invalid.__values.ALMA_Deferred_Capture, reasonOf(invalid), historyOf(invalid)],
    [
      'Failed',
      'Capture not possible: the order has no Alma payment ID (attribute almaPaymentId); nothing was sent.',
      [],
    ]
  );
  same(
    'cancel',
    [cancelled.__values.payopsCancelStatus, historyStates(cancelled)],
    ['Cancelled', ['alma:cancel:3:1 Succeeded']]
  );
  // Alma answers a refund with the payment: what it still holds (70.00 EUR) comes from it.
  same(
    'refund',
    [refund.__values.payopsRefundStatus, refund.__values.payopsRefundedAmount, refund.__values.payopsRefundAmount],
    ['PartiallyRefunded', 30, null]
  );
  same('refund record', [historyOf(refund)[0].movedMinor, historyOf(refund)[0].remainingMinor], [3000, 7000]);
  // Captured Amount from Alma: the first instalment is captured, the whole purchase is settled.
  same(
    'instalments',
    [instalments.__values.ALMA_Deferred_Capture, instalments.__values.payopsCapturedAmount],
    ['Captured', 300]
  );
  same('summary', [settings.summary.succeeded, settings.summary.failed, settings.summary.calls], [4, 1, 5]);
  same('work queue', workQueue(cartridgeRequire), []);
  // Set back to ToCapture after a capture that happened: the history says so, nothing is sent.
  Transaction.wrap(function () {
    captured.custom.ALMA_Deferred_Capture = 'ToCapture';
  });
  mod.captureOrder('1', settings, false);
  same('never twice', [alma.calls.length, captured.__values.ALMA_Deferred_Capture], [5, 'Captured']);
  record('reasons', [
    reasonOf(captured),
    reasonOf(invalid),
    reasonOf(cancelled),
    reasonOf(refund),
    reasonOf(instalments),
  ]);
};

scenarios[CARTRIDGE + 'core/operationStep'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var orderOperations = cartridgeRequire('*/cartridge/scripts/core/orderOperations');
  var journal = cartridgeRequire('*/cartridge/scripts/core/operationJournal');
  var summaries = cartridgeRequire('*/cartridge/scripts/core/jobSummary');
  var lifecycle = cartridgeRequire('*/cartridge/scripts/providers/alma/almaLifecycle').almaLifecycle;
  var alma = fakeAlma(cartridgeRequire, {
    payment_A: almaPayment('payment_A', 5000),
    payment_B: almaPayment('payment_B', 5000),
    payment_C: almaPayment('payment_C', 5000),
  });
  var a = addOrder(cartridgeRequire, 'A', { total: 50, creationDate: new Date(Date.UTC(2025, 0, 1)) });
  var b = addOrder(cartridgeRequire, 'B', { total: 50, creationDate: new Date(Date.UTC(2025, 0, 2)) });
  // C's capture was planned by an earlier run and is still in the work queue: the run resumes it
  // first, and the order search (which counted it before) no longer finds it once it is Captured.
  var c = addOrder(cartridgeRequire, 'C', { total: 50, creationDate: new Date(Date.UTC(2025, 0, 3)) });
  Transaction.wrap(function () {
    journal.planOperation(c, {
      provider: 'alma',
      type: 'capture',
      sequence: 1,
      amountMinor: null,
      currencyCode: 'EUR',
      paymentReference: 'payment_C',
      merchantReference: 'C-capture-1',
      idempotencyKey: 'uuid-C-capture-1',
    });
  });
  var definition = {
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
  };
  var step = mod.createOperationStep(definition);
  var execution = stepExecution();
  var run = runChunkStep(step, {}, execution);
  // getTotalCount counts C twice (in the queue and in the search): the job's progress estimate.
  same('run', run, { total: 4, processed: 3 });
  same('calls', alma.calls, [
    'POST /v1/payments/payment_C/captures',
    'POST /v1/payments/payment_A/captures',
    'POST /v1/payments/payment_B/captures',
  ]);
  same(
    'orders',
    [a.__values.ALMA_Deferred_Capture, b.__values.ALMA_Deferred_Capture, c.__values.ALMA_Deferred_Capture],
    ['Captured', 'Captured', 'Captured']
  );
  same(
    'histories',
    [historyStates(a), historyStates(c)],
    [['alma:capture:A:1 Succeeded'], ['alma:capture:C:1 Succeeded']]
  );
  same('work queue', workQueue(cartridgeRequire), []);
  var summary = summaries.readJobSummary(execution);
  same('summary', [summary.selected, summary.succeeded, summary.calls], [3, 3, 3]);
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
      return { query: 'custom.almaPaymentId != NULL AND custom.almaPaymentId != {0}', args: ['payment_C'] };
    },
    handle: function (orderNo, settings) {
      graces.push(settings.inFlightGraceMillis);
      if (orderNo === 'A') throw new Error('order locked');
    },
  });
  var failingExecution = stepExecution();
  same('failing run', runChunkStep(failing, {}, failingExecution), { total: 2, processed: 2 });
  var failed = summaries.readJobSummary(failingExecution);
  same(
    'unexpected error',
    [failed.selected, failed.failed, failed.problems],
    [2, 1, ['Order A: unexpected error: order locked']]
  );
  same('inFlightGraceMillis', graces, [GRACE, GRACE]);
  // A credential without a key blocks the provider before any call: nothing is read or sent.
  engineInstance(cartridgeRequire);
  var keyless = fakeAlma(cartridgeRequire, { payment_D: almaPayment('payment_D', 5000) }, null, '');
  var d = addOrder(cartridgeRequire, 'D', { total: 50 });
  var keylessExecution = stepExecution();
  var keylessRun = runChunkStep(mod.createOperationStep(definition), {}, keylessExecution);
  var verdict = summaries.verdict(summaries.readJobSummary(keylessExecution));
  same(
    'no key',
    [keylessRun.total, keylessRun.processed, keyless.calls.length, d.__values.ALMA_Deferred_Capture],
    [0, 0, 0, 'ToCapture']
  );
  same('no key: verdict', [verdict.status, verdict.code], ['ERROR', 'CREDENTIALS_MISSING']);
  record('run', run);
  record('no key', verdict.message);
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
  // Q5: what a captured payment settles and what is left to refund (null when the payment does not tell).
  var plan = [{ purchase_amount: 10000 }, { purchase_amount: 10000 }, { purchase_amount: 10000 }];
  record(
    'settledAmount',
    same(
      'settledAmount',
      [
        mod.settledAmount({ purchase_amount: 30000, payment_plan: plan, captures: [{ id: 'c', amount: 10000 }] }),
        mod.settledAmount({ purchase_amount: 30000, payment_plan: plan, captures: [{ id: 'c', amount: 6000 }] }),
        mod.settledAmount({ purchase_amount: 10000, captures: [{ id: 'c', amount: 2550 }] }),
        mod.settledAmount({ purchase_amount: 10000, captures: [] }),
        mod.settledAmount({ captures: [{ id: 'c', amount: 100 }] }),
      ],
      [30000, 26000, 2550, null, null]
    )
  );
  record(
    'remainingRefundable',
    same(
      'remainingRefundable',
      [
        mod.remainingRefundable({
          purchase_amount: 10000,
          captures: [{ id: 'c', amount: 10000 }],
          refunds: [{ amount: 3000 }, { amount: 2000 }],
        }),
        mod.remainingRefundable({ purchase_amount: 10000, captures: [{ id: 'c', amount: 10000 }], refunds: [] }),
        mod.remainingRefundable({
          purchase_amount: 10000,
          captures: [{ id: 'c', amount: 10000 }],
          refunds: [{ amount: 12000 }],
        }),
        mod.remainingRefundable({ purchase_amount: 10000, captures: [{ id: 'c', amount: 10000 }], refunds: [{}] }),
        mod.remainingRefundable({ purchase_amount: 10000, captures: [{ id: 'c', amount: 10000 }] }),
      ],
      [5000, 10000, 0, null, null]
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
  // The provider's figures: what a captured payment settles (read), what a refund leaves (its answer).
  var instalments = {
    id: PAYMENT,
    purchase_amount: 30000,
    payment_plan: [{ purchase_amount: 10000 }, { purchase_amount: 10000 }, { purchase_amount: 10000 }],
    captures: [{ id: 'capture_1', amount: 10000 }],
    refunds: [{ id: 'refund_1', amount: 300, merchant_reference: '1-refund-1' }],
  };
  var truth = adapter.interpretTruth(capture, answered(200, instalments));
  var refunded = adapter.classify(op('refund', 300), answered(200, instalments));
  same(
    'figures',
    [truth.applied, truth.amountMinor, truth.settledMinor, refunded.outcome, refunded.remainingMinor],
    [true, 10000, 30000, 'success', 29700]
  );
  same(
    'refund read figures',
    adapter.interpretTruth(op('refund', 300), answered(200, instalments)).remainingMinor,
    29700
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
  same(
    'plans',
    [result.methods.length, result.calls, result.methods[0].key, result.methods[0].details.id],
    [2, 2, 'general:3:0:0', undefined]
  );
  record('plans', result.methods);
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
  same('komoju', mod.lifecycleOf('komoju').adapter.provider, 'komoju');
  same('monext', mod.lifecycleOf('monext').adapter.provider, 'monext');
  same('payzen', mod.lifecycleOf('payzen').adapter.provider, 'payzen');
  record(
    'lifecycleOf(paypal)',
    throwsWith(
      'paypal',
      function () {
        mod.lifecycleOf('paypal');
      },
      'paypal: capture, cancel and refund are not available for this provider in this version; available: alma, komoju, monext, payzen'
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
  same(
    'histories after run 1',
    [historyStates(first), historyStates(second), historyStates(broken)],
    [['alma:capture:1:1 InFlight'], ['alma:capture:2:1 Succeeded'], []]
  );
  same('work queue after run 1', workQueue(cartridgeRequire), ['alma:capture:1:1 InFlight']);
  // Run 2 at once: run 1's call might still be awaited, so the InFlight capture waits (no call).
  var executionAtOnce = stepExecution();
  runChunkStep(mod, { MaxAttempts: 3 }, executionAtOnce);
  var statusAtOnce = report.execute({}, executionAtOnce);
  same('run at once', [statusAtOnce.status, statusAtOnce.code, alma.calls.length], [0, 'RETRY_PENDING', 2]);
  // Run 2 a minute later: the queued InFlight capture is read first and found applied; nothing is posted again.
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
  same('history of order 1', [historyStates(first), historyOf(first)[0].attempts], [['alma:capture:1:1 Succeeded'], 1]);
  same('work queue after run 2', workQueue(cartridgeRequire), []);
  var historyOfFirst = historyOf(first)[0];
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
  // A French site: the step reads its texts in the site's default locale (fr_FR, then fr).
  engineInstance(cartridgeRequire).defaultLocale = 'fr_FR';
  fakeAlma(cartridgeRequire, { payment_9: almaPayment('payment_9', 10000) });
  var nine = addOrder(cartridgeRequire, '9');
  var french = withRequest(cartridgeRequire, function () {
    var execution5 = stepExecution();
    runChunkStep(mod, {}, execution5);
    return report.execute({}, execution5);
  });
  same(
    'French site',
    [french.result.code, french.locales, nine.__values.ALMA_Deferred_Capture],
    ['OK', ['fr_FR'], 'Captured']
  );
  same('French reason', reasonOf(nine).indexOf('réussite chez Alma') > 0, true);
  record('refused key', status(status4));
  record('run 1', status(status1));
  record('run 2', status(status2));
  record('history', {
    id: historyOfFirst.id,
    state: historyOfFirst.state,
    attempts: historyOfFirst.attempts,
    interactions: historyOfFirst.interactions.map(function (i) {
      return i.type + ' ' + i.status;
    }),
    reason: historyOfFirst.reason,
  });
  record('work queue', workQueue(cartridgeRequire));
  record('French reason', reasonOf(nine));
};

scenarios[CARTRIDGE + 'jobs/cancelPayments'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Order = cartridgeRequire('dw/order/Order');
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var journal = cartridgeRequire('*/cartridge/scripts/core/operationJournal');
  var report = cartridgeRequire('*/cartridge/scripts/jobs/report');
  var alma = fakeAlma(cartridgeRequire, {
    payment_1: almaPayment('payment_1', 10000),
    payment_3: capturedPayment('payment_3', 10000),
  });
  var cancelled = addOrder(cartridgeRequire, '1', { status: Order.ORDER_STATUS_CANCELLED });
  addOrder(cartridgeRequire, '2');
  // Order 3 was cancelled while its capture's outcome was unknown (Alma did capture it): the
  // capture is settled first by reading Alma, and then there is nothing to cancel (a refund's job).
  var unknown = addOrder(cartridgeRequire, '3', { status: Order.ORDER_STATUS_CANCELLED });
  Transaction.wrap(function () {
    journal.planOperation(
      unknown,
      {
        provider: 'alma',
        type: 'capture',
        sequence: 1,
        amountMinor: null,
        currencyCode: 'EUR',
        paymentReference: 'payment_3',
        merchantReference: '3-capture-1',
        idempotencyKey: 'uuid-3-capture-1',
      },
      { state: 'InFlight', attempts: 1, sent: true, lastAttemptAt: new Date(Date.now() - 3600000) }
    );
  });
  var execution = stepExecution();
  var run = runChunkStep(mod, { Providers: 'alma' }, execution);
  var result = report.execute({}, execution);
  same('run', [run.processed, result.status, result.code], [2, 0, 'OK']);
  same('cancelled', [cancelled.__values.payopsCancelStatus, alma.payments.payment_1.state], ['Cancelled', 'canceled']);
  same('calls', alma.calls, ['PUT /v1/payments/payment_1/cancel', 'GET /v1/payments/payment_3']);
  same(
    'histories',
    [historyStates(cancelled), historyStates(unknown)],
    [['alma:cancel:1:1 Succeeded'], ['alma:capture:3:1 Succeeded']]
  );
  same(
    'captured, not cancelled',
    [unknown.__values.ALMA_Deferred_Capture, unknown.__values.payopsCancelStatus, alma.payments.payment_3.state],
    ['Captured', null, 'in_progress']
  );
  same('work queue', workQueue(cartridgeRequire), []);
  // Another run: the history says it is done; nothing is sent again.
  var again = stepExecution();
  runChunkStep(mod, { Providers: 'alma' }, again);
  same('again', [report.execute({}, again).code, alma.calls.length], ['OK', 2]);
  // PayZen/Lyra: a cancelled order paid on shipment is recorded Cancelled, with nothing sent.
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.payzen', {
    credential: { ID: 'p', URL: 'https://api.payzen.eu/api-payment/V4', user: '12345678', password: 'testpassword_x' },
    profile: { ID: 'p', timeoutMillis: 20000 },
  });
  var payzenOrder = addOrder(cartridgeRequire, 'PZ1', {
    status: Order.ORDER_STATUS_CANCELLED,
    custom: { almaPaymentId: null, payzenInitialTransactionUuid: 'f183418d08df49f3900bbd74ef837816' },
  });
  var payzen = stepExecution();
  runChunkStep(mod, { Providers: 'payzen' }, payzen);
  same('payzen', [report.execute({}, payzen).code, payzenOrder.custom.payopsCancelStatus.value], ['OK', 'Cancelled']);
  record('status', status(result));
  record('reason', reasonOf(unknown));
};

scenarios[CARTRIDGE + 'jobs/refundPayments'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Order = cartridgeRequire('dw/order/Order');
  var report = cartridgeRequire('*/cartridge/scripts/jobs/report');
  var alma = fakeAlma(cartridgeRequire, {
    payment_1: capturedPayment('payment_1', 10000),
    payment_2: capturedPayment('payment_2', 5000),
    payment_3: capturedPayment('payment_3', 8000),
  });
  var partial = addOrder(cartridgeRequire, '1', {
    custom: { ALMA_Deferred_Capture: 'Captured', payopsRefundAmount: 30 },
  });
  var whole = addOrder(cartridgeRequire, '2', {
    total: 50,
    status: Order.ORDER_STATUS_CANCELLED,
    custom: { ALMA_Deferred_Capture: 'Captured' },
  });
  // Our record says 50.00 EUR was captured, Alma holds 80.00 EUR: after refunding 50.00 EUR the
  // order is not Refunded while Alma still holds money.
  var holds = addOrder(cartridgeRequire, '3', {
    total: 80,
    status: Order.ORDER_STATUS_CANCELLED,
    custom: { ALMA_Deferred_Capture: 'Captured', payopsCapturedAmount: 50 },
  });
  var execution = stepExecution();
  var run = runChunkStep(mod, { Providers: 'alma' }, execution);
  var result = report.execute({}, execution);
  same('run', [run.processed, result.status, result.code], [3, 0, 'OK']);
  same(
    'partial',
    [partial.__values.payopsRefundStatus, partial.__values.payopsRefundedAmount, partial.__values.payopsRefundAmount],
    ['PartiallyRefunded', 30, null]
  );
  same('whole', [whole.__values.payopsRefundStatus, whole.__values.payopsRefundedAmount], ['Refunded', 50]);
  same(
    'Alma still holds',
    [holds.__values.payopsRefundStatus, holds.__values.payopsRefundedAmount],
    ['PartiallyRefunded', 50]
  );
  same(
    'refunds at Alma',
    [
      alma.payments.payment_1.refunds[0].amount,
      alma.payments.payment_2.refunds[0].amount,
      alma.payments.payment_3.refunds[0].amount,
    ],
    [3000, 5000, 5000]
  );
  same(
    'remaining, as Alma says',
    [historyOf(partial)[0].remainingMinor, historyOf(whole)[0].remainingMinor, historyOf(holds)[0].remainingMinor],
    [7000, 0, 3000]
  );
  same(
    'histories',
    [historyStates(partial), historyStates(whole)],
    [['alma:refund:1:1 Succeeded'], ['alma:refund:2:1 Succeeded']]
  );
  same('work queue', workQueue(cartridgeRequire), []);
  var stillHolds = reasonOf(holds);
  same(
    'reason: Alma still holds',
    / Alma still holds 30\.00 EUR captured and not refunded, so Refund Status stays PartiallyRefunded\.$/.test(
      stillHolds
    ),
    true
  );
  // The next run: order 3 is refunded in full by our record, yet not Refunded: ERROR, it waits for an
  // operator (Refund Status Failed, an unsent refund in its history); nothing is sent.
  var next = stepExecution();
  runChunkStep(mod, { Providers: 'alma' }, next);
  var nextResult = report.execute({}, next);
  same(
    'next run',
    [nextResult.code, holds.__values.payopsRefundStatus, historyStates(holds)],
    ['OPERATIONS_FAILED', 'Failed', ['alma:refund:3:1 Succeeded', 'alma:refund:3:2 Failed']]
  );
  // Later runs leave it to the operator, quietly; nothing was ever refunded twice.
  var later = stepExecution();
  runChunkStep(mod, { Providers: 'alma' }, later);
  same('later run', report.execute({}, later).code, 'OK');
  same(
    'no second refund',
    [
      alma.payments.payment_1.refunds.length,
      alma.payments.payment_2.refunds.length,
      alma.payments.payment_3.refunds.length,
    ],
    [1, 1, 1]
  );
  record('status', status(result));
  record('Alma still holds', stillHolds);
  record('next run', reasonOf(holds));
  record('work queue', workQueue(cartridgeRequire));
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

scenarios[CARTRIDGE + 'core/paymentAmounts'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var split = addOrder(cartridgeRequire, '61', {
    total: 120,
    paymentInstruments: [
      { paymentMethod: 'GIFT_CERTIFICATE', transactionID: 'gc_1', amount: 20 },
      { paymentMethod: 'ALMA', transactionID: 'payment_61', amount: 100 },
    ],
  });
  var recorded = addOrder(cartridgeRequire, '62', { custom: { payopsCapturedAmount: 12.5 } });
  same(
    'paymentAmountMinor',
    [mod.paymentAmountMinor(split, 'payment_61'), mod.paymentAmountMinor(split, 'other')],
    [10000, 12000]
  );
  same(
    'recordedCapturedMinor',
    [
      mod.recordedCapturedMinor(recorded, 10000),
      mod.recordedCapturedMinor(split, 10000),
      mod.recordedCapturedMinor(split, null),
    ],
    [1250, 10000, 0]
  );
  record('amounts', [mod.paymentAmountMinor(split, 'payment_61'), mod.recordedCapturedMinor(recorded, null)]);
};

scenarios[CARTRIDGE + 'providers/komoju/komojuErrors'] = function (mod, cartridgeRequire, record) {
  var body = function (code) {
    return JSON.stringify({ error: { code: code, message: 'm', param: null } });
  };
  var kinds = [
    mod.readKomojuError('cancel', 422, body('not_cancellable')).kind,
    mod.readKomojuError('refund', 422, body('not_refundable')).kind,
    mod.readKomojuError('refund', 422, body('not_cancellable')).kind,
    mod.readKomojuError('cancel', 404, body('not_found')).kind,
    mod.readKomojuError('cancel', 401, body('unauthorized')).kind,
    mod.readKomojuError('cancel', 409, body('conflict')).kind,
    mod.readKomojuError('cancel', 429, '').kind,
    mod.readKomojuError('cancel', 503, 'down').kind,
  ];
  same('kinds', kinds, ['rejected', 'rejected', 'failed', 'failed', 'keyRefused', 'retry', 'retry', 'retry']);
  same('text', mod.komojuErrorText(422, body('not_refundable')), 'HTTP 422 not_refundable: m');
  record('kinds', kinds);
};

scenarios[CARTRIDGE + 'providers/komoju/komojuAdapter'] = function (mod, cartridgeRequire, record) {
  var adapter = mod.komojuAdapter;
  var op = function (type, amountMinor, key) {
    return {
      id: 'komoju:' + type + ':1:1',
      provider: 'komoju',
      type: type,
      orderNo: '1',
      amountMinor: amountMinor,
      currencyCode: 'JPY',
      paymentReference: 'kp1',
      merchantReference: '1-' + type + '-1',
      idempotencyKey: key === undefined ? 'uuid-1-' + type + '-1' : key,
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
    [adapter.buildRequest(op('cancel', null)), adapter.buildRequest(op('refund', 3000))],
    [
      {
        method: 'POST',
        path: '/payments/kp1/cancel',
        body: null,
        headers: { 'X-KOMOJU-IDEMPOTENCY': 'uuid-1-cancel-1' },
      },
      {
        method: 'POST',
        path: '/payments/kp1/refund',
        body: { description: '1-refund-1', amount: 3000 },
        headers: { 'X-KOMOJU-IDEMPOTENCY': 'uuid-1-refund-1' },
      },
    ]
  );
  throwsWith(
    'key too long',
    function () {
      adapter.buildRequest(op('cancel', null, repeat('k', 101)));
    },
    'not 1 to 100 ASCII characters'
  );
  var refunded = {
    status: 'captured',
    total: 10000,
    amount_refunded: 3000,
    refunds: [{ id: 'r1', amount: 3000, description: '1-refund-1' }],
  };
  var refund = op('refund', 3000);
  var success = adapter.classify(refund, answered(200, refunded));
  same(
    'refund success',
    [success.outcome, success.providerReference, success.amountMinor, success.remainingMinor],
    ['success', 'r1', 3000, 7000]
  );
  same(
    'outcomes',
    [
      adapter.classify(op('cancel', null), answered(200, { status: 'cancelled' })).outcome,
      adapter.classify(refund, answered(200, { status: 'captured', refunds: [] })).outcome,
      adapter.classify(refund, answered(503, 'down')).outcome,
      adapter.classify(refund, { kind: 'noAnswer', reason: 'TIMEOUT' }).outcome,
      adapter.classify(refund, answered(401, '')).outcome,
      adapter.classify(refund, answered(422, { error: { code: 'not_refundable', message: 'no' } })).outcome,
      adapter.classify(refund, answered(400, { error: { code: 'bad_request', message: 'no' } })).outcome,
    ],
    ['success', 'unknown', 'transient', 'transient', 'blocked', 'rejected', 'failed']
  );
  same(
    'truth',
    [
      adapter.interpretTruth(refund, answered(200, refunded)).applied,
      adapter.interpretTruth(refund, answered(200, { status: 'captured', refunds: [] })).applied,
      adapter.interpretTruth(op('cancel', null), answered(200, { status: 'cancelled' })).applied,
      adapter.interpretTruth(op('cancel', null), answered(200, { status: 'authorized' })).applied,
      adapter.interpretTruth(refund, answered(500, '')).applied,
    ],
    [true, false, true, false, null]
  );
  var svc = {
    headers: {},
    setAuthentication: function (mode) {
      this.mode = mode;
    },
    addHeader: function (name, value) {
      this.headers[name] = value;
    },
  };
  adapter.authenticate(svc, { password: 'sk_test_x' });
  same('auth', [svc.mode, svc.headers.Authorization], ['NONE', 'Basic c2tfdGVzdF94Og==']);
  record('truth request', adapter.buildTruthRequest(refund));
};

scenarios[CARTRIDGE + 'providers/komoju/komojuLifecycle'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var Order = cartridgeRequire('dw/order/Order');
  var lifecycle = mod.komojuLifecycle;
  var unpaid = addOrder(cartridgeRequire, '71', {
    total: 5000,
    currencyCode: 'JPY',
    status: Order.ORDER_STATUS_CANCELLED,
    custom: { komojuPaymentId: 'kp71' },
  });
  var paid = addOrder(cartridgeRequire, '72', {
    total: 8000,
    currencyCode: 'JPY',
    status: Order.ORDER_STATUS_CANCELLED,
    paymentStatus: Order.PAYMENT_STATUS_PAID,
    custom: { komojuPaymentId: 'kp72' },
  });
  addOrder(cartridgeRequire, '73', { status: Order.ORDER_STATUS_CANCELLED, custom: { komojuPaymentId: null } });
  same('isCaptured', [lifecycle.isCaptured(unpaid), lifecycle.isCaptured(paid)], [false, true]);
  same('paymentReference', [lifecycle.paymentReference(unpaid), lifecycle.paymentReference(paid)], ['kp71', 'kp72']);
  same('capturedMinor', lifecycle.capturedMinor(paid), 8000);
  var OrderMgr = cartridgeRequire('dw/order/OrderMgr');
  var found = function (selection) {
    var iterator = OrderMgr.searchOrders.apply(OrderMgr, [selection.query, 'orderNo asc'].concat(selection.args));
    var numbers = [];
    while (iterator.hasNext()) numbers.push(iterator.next().orderNo);
    iterator.close();
    return numbers;
  };
  same('selections', [found(lifecycle.cancelSelection), found(lifecycle.refundSelection)], [['71'], ['72']]);
  record('outcomes', [lifecycle.cancelOutcome, lifecycle.refundOutcome]);
};

scenarios[CARTRIDGE + 'providers/komoju/komojuPaymentMethods'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var seen = [];
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.komoju', {
    credential: { ID: 'komoju.credentials', URL: 'https://komoju.com/api/v1', user: '', password: 'sk_test_rhino' },
    profile: { ID: 'komoju.profile', timeoutMillis: 20000 },
    respond: function (request) {
      seen.push(request.method + ' ' + request.url + ' ' + request.headers.Authorization);
      return {
        statusCode: 200,
        text: JSON.stringify([
          { type_slug: 'konbini', name_en: 'Konbini', name_ja: 'コンビニ', name_ko: 'k', currency: 'JPY' },
          { type_slug: 'konbini', name_en: 'Konbini', name_ja: 'コンビニ', name_ko: 'k', currency: 'JPY' },
          { type_slug: 'paypay', name_en: 'PayPay', name_ja: 'PayPay', name_ko: 'p', currency: 'JPY' },
          null,
        ]),
      };
    },
  });
  var result = mod.fetchKomojuPaymentMethods();
  same(
    'keys',
    result.methods.map(function (m) {
      return m.key;
    }),
    ['konbini:JPY', 'paypay:JPY']
  );
  same('call', seen, ['GET https://komoju.com/api/v1/payment_methods Basic c2tfdGVzdF9yaGlubzo=']);
  record('methods', result.methods.length);
};

scenarios[CARTRIDGE + 'core/failureMail'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire, {
    payopsFailureMailEnabled: true,
    payopsFailureMailTo: 'ops@shop.fr; finance@shop.fr',
    payopsFailureMailFrom: 'payments@shop.fr',
    payopsFailureMailLocale: 'fr',
  });
  var summaries = cartridgeRequire('*/cartridge/scripts/core/jobSummary');
  var summary = summaries.emptySummary();
  summaries.addAttention(summary, {
    orderNo: '1',
    total: '10.00 EUR',
    operation: 'refund',
    provider: 'Alma',
    outcome: 'Rejected',
    reason: 'r',
  });
  same('settings', mod.mailSettings(), {
    to: ['ops@shop.fr', 'finance@shop.fr'],
    from: 'payments@shop.fr',
    locale: 'fr',
  });
  same('sent', mod.sendFailureMail(summary, 'job'), 'sent for 1 order(s) to ops@shop.fr, finance@shop.fr');
  var Mail = cartridgeRequire('dw/net/Mail');
  same(
    'mail',
    [Mail.__sent.length, Mail.__sent[0].from, Mail.__sent[0].to],
    [1, 'payments@shop.fr', ['ops@shop.fr', 'finance@shop.fr']]
  );
  same(
    'templates',
    cartridgeRequire('dw/util/Template').__renders.map(function (r) {
      return r.name + ' ' + r.locale;
    }),
    ['mail/payopsFailures fr', 'mail/payopsFailuresSubject fr']
  );
  record('subject', Mail.__sent[0].subject);
};

scenarios[CARTRIDGE + 'core/truthReading'] = function (mod, cartridgeRequire, record) {
  var text = function (status, body) {
    return 'HTTP ' + status + ' ' + body;
  };
  same(
    'readable',
    [
      mod.readableAnswer({ kind: 'answered', status: 200, text: '{}' }, text, 's'),
      mod.readableAnswer({ kind: 'noAnswer', reason: 'TIMEOUT' }, text, 's'),
      mod.readableAnswer({ kind: 'answered', status: 503, text: 'down' }, text, 's'),
      mod.readableAnswer({ kind: 'answered', status: 401, text: 'no' }, text, 's').truth.blocked,
    ],
    [
      { text: '{}' },
      { truth: { applied: null, detail: 'noAnswer: TIMEOUT' } },
      { truth: { applied: null, detail: 'HTTP 503 down' } },
      true,
    ]
  );
  var operation = { merchantReference: 'r1', amountMinor: 300 };
  same('same amount', mod.refundAmountMismatch(operation, 300, 'KOMOJU'), null);
  same('other amount', mod.refundAmountMismatch(operation, 200, 'KOMOJU').applied, null);
  record('mismatch', mod.refundAmountMismatch(operation, 200, 'KOMOJU').detail);
};

scenarios[CARTRIDGE + 'jobs/capturePayments'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var report = cartridgeRequire('*/cartridge/scripts/jobs/report');
  var alma = fakeAlma(cartridgeRequire, { payment_1: almaPayment('payment_1', 10000) });
  var order = addOrder(cartridgeRequire, '1');
  var execution = stepExecution();
  var run = runChunkStep(mod, { Providers: 'alma' }, execution);
  same('run', [run.total, run.processed, report.execute({}, execution).code], [1, 1, 'OK']);
  same('captured', [order.__values.ALMA_Deferred_Capture, alma.calls.length], ['Captured', 1]);
  // KOMOJU's trigger is off by default: nothing is selected and the step says so.
  var off = stepExecution();
  runChunkStep(mod, { Providers: 'komoju' }, off);
  same('komoju off', report.execute({}, off).code, 'DEACTIVATED');
  record('calls', alma.calls);
};

module.exports = scenarios;

scenarios[CARTRIDGE + 'core/operationPlanning'] = function (mod, cartridgeRequire, record) {
  same('within', mod.amountProblem('amount.toRefund', 500, 1000, 'EUR'), null);
  record('tooMuch', mod.amountProblem('amount.toRefund', 1500, 1000, 'EUR'));
};

scenarios[CARTRIDGE + 'core/shipmentCapture'] = function (mod, cartridgeRequire, record) {
  var shares = mod.shareOut(
    [
      { shipmentID: 'a', baseMinor: 4000 },
      { shipmentID: 'b', baseMinor: 3000 },
      { shipmentID: 'c', baseMinor: 1412 },
    ],
    7412 - 1000
  );
  var amounts = [];
  for (var i = 0; i < shares.length; i++) amounts.push(shares[i].amountMinor);
  same('shares', amounts, [3048, 2286, 1078]);
  record('shares', amounts);
};

scenarios[CARTRIDGE + 'core/shipmentCaptureOrder'] = function (mod, cartridgeRequire, record) {
  var settings = { summary: { skipped: 0 } };
  mod.captureShipments(settings, {}, 'not shipped');
  same('skipped', settings.summary.skipped, 1);
  record('skipped', settings.summary.skipped);
};

scenarios[CARTRIDGE + 'providers/monext/monextResults'] = function (mod, cartridgeRequire, record) {
  var result = function (title, code) {
    return JSON.stringify({ result: { title: title, code: code, detail: 'd' }, transaction: { id: '1' } });
  };
  var kinds = [
    mod.readMonextAnswer(200, result('ACCEPTED', '00000')).kind,
    mod.readMonextAnswer(200, result('REFUSED', '01100')).kind,
    mod.readMonextAnswer(200, JSON.stringify({ title: 'Unauthorized' })).kind,
    mod.readMonextAnswer(200, result('INPROGRESS', '02306')).kind,
    mod.readMonextAnswer(200, result('ERROR', '02101')).kind,
    mod.readMonextAnswer(503, '').kind,
    mod.readMonextAnswer(500, '').kind,
    mod.readMonextAnswer(404, JSON.stringify({ title: 'Not Found' })).kind,
  ];
  same('kinds', kinds, [
    'accepted',
    'refused',
    'unauthorized',
    'pending',
    'unknown',
    'transient',
    'unknown',
    'invalid',
  ]);
  record('kinds', kinds);
};

scenarios[CARTRIDGE + 'providers/monext/monextAdapter'] = function (mod, cartridgeRequire, record) {
  same('path', mod.transactionPath('123 4'), '/checkout/transactions/123%204');
  var truth = mod.monextAdapter.interpretTruth(
    { type: 'shipmentCapture', amountMinor: 3047 },
    {
      kind: 'answered',
      status: 200,
      text: JSON.stringify({
        associatedTransactions: [
          { id: 'A', type: 'AUTHORIZATION', amount: 6412, status: 'OK' },
          { id: 'C1', type: 'CAPTURE', amount: 3047, status: 'OK' },
          { id: 'C2', type: 'CAPTURE', amount: 3047, status: 'OK' },
        ],
      }),
    },
    ['C2']
  );
  same('claimed', [truth.applied, truth.providerReference], [true, 'C1']);
  record('truth', truth.detail);
};

scenarios[CARTRIDGE + 'providers/payzen/payzenResults'] = function (mod, cartridgeRequire, record) {
  var error = function (code) {
    return JSON.stringify({ status: 'ERROR', answer: { errorCode: code, errorMessage: 'm' } });
  };
  var debit = function (status) {
    return JSON.stringify({ status: 'SUCCESS', answer: { uuid: 'u1', amount: 3500, status: status } });
  };
  var kinds = [
    mod.readPayzenAnswer(200, debit('PAID')).kind,
    mod.readPayzenAnswer(200, debit('UNPAID')).kind,
    mod.readPayzenAnswer(200, debit('RUNNING')).kind,
    mod.readPayzenAnswer(200, error('PSP_228')).kind,
    mod.readPayzenAnswer(200, error('PSP_229')).kind,
    mod.readPayzenAnswer(200, error('INT_009')).kind,
    mod.readPayzenAnswer(401, '').kind,
    mod.readPayzenAnswer(500, 'oops').kind,
  ];
  same('kinds', kinds, ['accepted', 'refused', 'pending', 'unknown', 'refused', 'invalid', 'unauthorized', 'unknown']);
  record('kinds', kinds);
};

scenarios[CARTRIDGE + 'providers/payzen/payzenAdapter'] = function (mod, cartridgeRequire, record) {
  var operation = {
    id: 'payzen:shipmentCapture:1:s1',
    type: 'shipmentCapture',
    orderNo: '1',
    amountMinor: 3500,
    currencyCode: 'EUR',
    paymentReference: 'initial',
  };
  var request = mod.payzenAdapter.buildRequest(operation);
  same(
    'request',
    [request.path, request.body.amount, request.body.metadata.payopsOperationId],
    ['/Charge/CreateShipmentTransaction', 3500, 'payzen:shipmentCapture:1:s1']
  );
  var truth = mod.payzenAdapter.interpretTruth(operation, {
    kind: 'answered',
    status: 200,
    text: JSON.stringify({
      status: 'SUCCESS',
      answer: {
        transactions: [
          {
            uuid: 'd0',
            amount: 3500,
            status: 'PAID',
            operationType: 'DEBIT',
            transactionDetails: { parentTransactionUuid: 'initial' },
            metadata: { payopsOperationId: 'payzen:shipmentCapture:1:s0' },
          },
          {
            uuid: 'd1',
            amount: 3500,
            status: 'PAID',
            operationType: 'DEBIT',
            transactionDetails: { parentTransactionUuid: 'initial' },
            metadata: { payopsOperationId: 'payzen:shipmentCapture:1:s1' },
          },
        ],
      },
    }),
  });
  same('truth', [truth.applied, truth.providerReference], [true, 'd1']);
  record('truth', truth.detail);
};

scenarios[CARTRIDGE + 'providers/payzen/payzenLifecycle'] = function (mod, cartridgeRequire, record) {
  var day = 24 * 60 * 60 * 1000;
  var now = new Date(Date.UTC(2026, 11, 6));
  var orderAged = function (days) {
    return { custom: { payzenInitialTransactionDate: new Date(now.getTime() - days * day) } };
  };
  var window = mod.payzenLifecycle.capture.captureWindow;
  same('fresh', window(orderAged(3), now), { refused: null, note: null });
  same('past 30 days', [window(orderAged(31), now).refused, window(orderAged(31), now).note !== null], [null, true]);
  same('past 180 days', window(orderAged(181), now).refused !== null, true);
  record('reference', mod.payzenLifecycle.paymentReference({ custom: { payzenInitialTransactionUuid: ' u1 ' } }));
};

scenarios[CARTRIDGE + 'core/constantTime'] = function (mod, cartridgeRequire, record) {
  same('equal', mod.equalInConstantTime('ab12', 'ab12'), true);
  same('first', mod.equalInConstantTime('ab12', 'bb12'), false);
  same('last', mod.equalInConstantTime('ab12', 'ab13'), false);
  same('length', mod.equalInConstantTime('ab12', 'ab1'), false);
  record('done', true);
};

/** A PayZen IPN form signed with the key (the REST password unless said otherwise). */
function payzenIpnForm(mod, answer, key, hashKey) {
  var text = JSON.stringify(answer);
  return {
    hash: mod.signature(text, key),
    algorithm: 'sha256_hmac',
    hashKey: hashKey || 'password',
    answer: text,
  };
}

function payzenIpnInstance(cartridgeRequire) {
  engineInstance(cartridgeRequire);
  cartridgeRequire('dw/svc/LocalServiceRegistry').__configure('paymentoperations.payzen', {
    credential: { ID: 'p', URL: 'https://api.payzen.eu/api-payment/V4', user: '12345678', password: 'testpassword_x' },
    profile: { ID: 'p', timeoutMillis: 20000 },
  });
}

scenarios[CARTRIDGE + 'providers/payzen/payzenNotification'] = function (mod, cartridgeRequire, record) {
  payzenIpnInstance(cartridgeRequire);
  // RFC 4231, test case 2.
  same(
    'signature',
    mod.signature('what do ya want for nothing?', 'Jefe'),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
  );
  var order = addOrder(cartridgeRequire, '7', { total: 74.12, custom: { almaPaymentId: null } });
  var payment = {
    orderStatus: 'PAID',
    orderDetails: { orderId: '7' },
    transactions: [
      {
        uuid: 'f183418d08df49f3900bbd74ef837816',
        status: 'PAID',
        detailedStatus: 'ACCEPTED',
        operationType: 'VERIFICATION',
        creationDate: '2026-12-01T10:00:00+00:00',
      },
    ],
  };
  var wrong = payzenIpnForm(mod, payment, 'another key');
  same('wrong signature', mod.handleNotification(wrong).status, 401);
  same('nothing written', order.custom.payzenInitialTransactionUuid || null, null);
  same('valid', mod.handleNotification(payzenIpnForm(mod, payment, 'testpassword_x')), { status: 200, body: 'OK' });
  same('stored', order.custom.payzenInitialTransactionUuid, 'f183418d08df49f3900bbd74ef837816');
  same('replay', mod.handleNotification(payzenIpnForm(mod, payment, 'testpassword_x')).body, 'OK, already recorded');
  same('missing', mod.handleNotification({ hash: null, algorithm: null, hashKey: null, answer: null }).status, 400);
  record('date', order.custom.payzenInitialTransactionDate.getTime());
};

scenarios['int_payment_operations/cartridge/controllers/PaymentOperationsPayzen'] = function (
  mod,
  cartridgeRequire,
  record
) {
  payzenIpnInstance(cartridgeRequire);
  var answered = { status: null, type: null, text: '' };
  var global = (function () {
    return this;
  })();
  global.request = {
    setLocale: function () {
      return true;
    },
    httpParameterMap: {
      get: function () {
        return { submitted: false, rawValue: null };
      },
    },
  };
  global.response = {
    setStatus: function (status) {
      answered.status = status;
    },
    setContentType: function (type) {
      answered.type = type;
    },
    getWriter: function () {
      return {
        print: function (text) {
          answered.text += text;
        },
      };
    },
  };
  same('public', mod.Notify.public, true);
  mod.Notify();
  record('log', cartridgeRequire('dw/system/Logger').__messages);
  same('answer', answered, {
    status: 400,
    type: 'text/plain;charset=UTF-8',
    text: 'kr-answer and kr-hash are required',
  });
  record('answer', answered);
};

scenarios[CARTRIDGE + 'providers/payzen/payzenOrders'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var journal = cartridgeRequire('*/cartridge/scripts/core/operationJournal');
  var Transaction = cartridgeRequire('dw/system/Transaction');
  var order = addOrder(cartridgeRequire, 'PZ2', { custom: { almaPaymentId: null } });
  Transaction.wrap(function () {
    var plan = function (type, sequence, amount, reference, state, providerReference) {
      journal.planOperation(
        order,
        {
          provider: 'payzen',
          type: type,
          sequence: sequence,
          amountMinor: amount,
          currencyCode: 'EUR',
          paymentReference: reference,
          merchantReference: 'm' + sequence,
          idempotencyKey: 'k' + sequence,
        },
        { state: state, providerReference: providerReference }
      );
    };
    plan('shipmentCapture', 'p1', 3500, 'initial', 'Succeeded', 'debit1');
    plan('shipmentCapture', 'p2', 2500, 'initial', 'Succeeded', 'debit2');
    plan('refund', 1, 1000, 'debit2', 'Succeeded', 'credit1');
  });
  var debits = mod.debitsOf(order);
  same(
    'debits',
    debits.map(function (d) {
      return [d.uuid, d.debitedMinor, d.leftMinor];
    }),
    [
      ['debit1', 3500, 3500],
      ['debit2', 2500, 1500],
    ]
  );
  record('debits', debits.length);
};

scenarios[CARTRIDGE + 'core/answerVerdict'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var read = function (status) {
    return status === 200
      ? { kind: 'accepted', reference: 'T1', amountMinor: 500, detail: 'ok' }
      : { kind: 'unauthorized', detail: 'HTTP 401' };
  };
  var answered = function (status) {
    return { kind: 'answered', status: status, text: '' };
  };
  same('success', mod.classifyByVerdict(answered(200), 'Monext', 'svc', read).providerReference, 'T1');
  same('blocked', mod.classifyByVerdict(answered(401), 'Monext', 'svc', read).outcome, 'blocked');
  same(
    'no answer',
    mod.classifyByVerdict({ kind: 'noAnswer', reason: 'TIMEOUT' }, 'Monext', 'svc', read).outcome,
    'unknown'
  );
  record('done', true);
};

scenarios[CARTRIDGE + 'core/shipmentTrigger'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  var trigger = mod.shipmentCaptureTrigger({
    attribute: 'monextSessionID',
    isActivated: function () {
      return true;
    },
    deactivatedLabel: 'off',
  });
  same('query', trigger.selection.query.indexOf('custom.monextSessionID != NULL AND shippingStatus = {0}'), 0);
  var order = addOrder(cartridgeRequire, 'ST1', { custom: { almaPaymentId: null, payopsCaptureStatus: 'Captured' } });
  same('captured', trigger.notDueReason(order, false), 'the payment is captured');
  var project = mod.projectOrderCapture(function () {
    return 10000;
  });
  cartridgeRequire('dw/system/Transaction').wrap(function () {
    project(order, { state: 'Rejected', movedMinor: null, amountMinor: null });
  });
  same('rejected', String(order.custom.payopsCaptureStatus.value || order.custom.payopsCaptureStatus), 'Rejected');
  record('status', 'Rejected');
};

scenarios[CARTRIDGE + 'providers/monext/monextLifecycle'] = function (mod, cartridgeRequire, record) {
  var order = {
    custom: { monextSessionID: 'S-ORDER' },
    getPaymentInstruments: function () {
      return {
        iterator: function () {
          return {
            hasNext: function () {
              return false;
            },
          };
        },
      };
    },
  };
  same('session', mod.sessionId(order), 'S-ORDER');
  record('session', mod.sessionId(order));
};

scenarios[CARTRIDGE + 'jobs/monextHandleOrders'] = function (mod, cartridgeRequire, record) {
  engineInstance(cartridgeRequire);
  mod.beforeStep({ Capture: false, Cancel: false, Refund: false });
  same('nothing chosen', [mod.getTotalCount(), mod.read() === undefined], [0, true]);
  mod.write();
  record('total', mod.getTotalCount());
};

scenarios[CARTRIDGE + 'providers/stepDefinitions'] = function (mod, cartridgeRequire, record) {
  var definition = mod.refundDefinition('Monext refund', ['monext']);
  same('refund', [definition.type, definition.label, definition.providers[0]], ['refund', 'Monext refund', 'monext']);
  same(
    'no capture',
    mod.captureDeactivatedLabel({ capture: null, adapter: { label: 'X' } }),
    'X has no deferred capture'
  );
  record('cancel', mod.cancelDefinition('Cancel payments').type);
};
