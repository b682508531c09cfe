'use strict';
// dw.svc.LocalServiceRegistry: services configured by tests with
// LocalServiceRegistry.__configure(id, { credential: {ID, URL, user, password}, profile: {ID, timeoutMillis},
//                                        respond: function (request) { return answer; } }).
// getConfiguration() gives the credential and the profile (with getProfile().getTimeoutMillis()).
// createService for an unknown ID throws, as on the platform.
//
// The service behaves as an HTTPService. call() runs the callback's createRequest, then passes the
// request { method, url, headers: {name: value}, body, authentication } to `respond`, which answers
//   { statusCode: 200, text: '…' }      an HTTP response (2xx: OK and parseResponse; else ERROR)
//   { unavailable: 'TIMEOUT' }           SERVICE_UNAVAILABLE with that reason (also RATE_LIMITED, …)
//   { connectionError: 'message' }       ERROR without an HTTP status (unknown host, refused, …)
// Without `respond`, call() throws. With authentication BASIC (the default) and a credential
// user and password, the request gets `Authorization: Basic base64(user:password)` as on the
// platform. Each call is recorded in LocalServiceRegistry.__calls with the communication log
// lines the service would write, passed through the callback's filterLogMessage.
var Encoding = require('../crypto/Encoding');
var Bytes = require('../util/Bytes');

var services = {};
var calls = [];

function MockResult(fields) {
  this.status = fields.status;
  this.ok = fields.status === 'OK';
  this.object = fields.object === undefined ? null : fields.object;
  this.error = fields.error || 0;
  this.errorMessage = fields.errorMessage === undefined ? null : fields.errorMessage;
  this.msg = fields.msg === undefined ? null : fields.msg;
  this.unavailableReason = fields.unavailableReason || null;
  this.mockResult = false;
}
MockResult.prototype.isOk = function () {
  return this.ok;
};
MockResult.prototype.getStatus = function () {
  return this.status;
};
MockResult.prototype.getObject = function () {
  return this.object;
};
MockResult.prototype.getError = function () {
  return this.error;
};
MockResult.prototype.getErrorMessage = function () {
  return this.errorMessage;
};
MockResult.prototype.getUnavailableReason = function () {
  return this.unavailableReason;
};

function MockService(id, config, callback) {
  this.ID = id;
  this.config = config;
  this.callback = callback;
  this.URL = config.credential ? config.credential.URL : null;
  this.requestMethod = null;
  this.authentication = 'BASIC';
  this.throwOnError = false;
  this.headers = {};
  this.params = [];
  this.client = null;
}
// dw.svc.ServiceProfile: the configured profile's fields as properties and getters.
function MockProfile(fields) {
  this.ID = fields.ID;
  this.timeoutMillis = fields.timeoutMillis;
}
MockProfile.prototype.getID = function () {
  return this.ID;
};
MockProfile.prototype.getTimeoutMillis = function () {
  return this.timeoutMillis;
};

// dw.svc.ServiceConfig: credential and profile as properties and getters.
function MockConfig(id, config) {
  this.ID = id;
  this.serviceType = 'HTTP';
  this.credential = config.credential || null;
  this.profile = config.profile ? new MockProfile(config.profile) : null;
}
MockConfig.prototype.getID = function () {
  return this.ID;
};
MockConfig.prototype.getServiceType = function () {
  return this.serviceType;
};
MockConfig.prototype.getCredential = function () {
  return this.credential;
};
MockConfig.prototype.getProfile = function () {
  return this.profile;
};

MockService.prototype.getConfiguration = function () {
  return new MockConfig(this.ID, this.config);
};
MockService.prototype.getURL = function () {
  return this.URL;
};
MockService.prototype.setURL = function (url) {
  this.URL = String(url);
  return this;
};
MockService.prototype.getRequestMethod = function () {
  return this.requestMethod;
};
MockService.prototype.setRequestMethod = function (method) {
  this.requestMethod = String(method);
  return this;
};
MockService.prototype.getAuthentication = function () {
  return this.authentication;
};
MockService.prototype.setAuthentication = function (authentication) {
  if (authentication !== 'BASIC' && authentication !== 'NONE') {
    throw new Error('Unsupported authentication ' + authentication + ': BASIC or NONE');
  }
  this.authentication = authentication;
  return this;
};
MockService.prototype.addHeader = function (name, value) {
  this.headers[String(name)] = String(value);
  return this;
};
MockService.prototype.addParam = function (name, value) {
  this.params.push(encodeURIComponent(String(name)) + '=' + encodeURIComponent(String(value)));
  return this;
};
MockService.prototype.setThrowOnError = function () {
  this.throwOnError = true;
  return this;
};
MockService.prototype.getClient = function () {
  return this.client;
};

MockService.prototype.__log = function (record, message) {
  var text = String(message);
  if (this.callback && typeof this.callback.filterLogMessage === 'function') {
    text = this.callback.filterLogMessage(text);
  }
  record.log.push(text);
};

MockService.prototype.call = function () {
  var args = [this];
  for (var a = 0; a < arguments.length; a++) args.push(arguments[a]);
  var body = this.callback.createRequest.apply(this.callback, args);
  var headers = {};
  for (var name in this.headers) {
    if (Object.prototype.hasOwnProperty.call(this.headers, name)) headers[name] = this.headers[name];
  }
  var credential = this.config.credential;
  if (this.authentication === 'BASIC' && credential && credential.user && credential.password) {
    headers.Authorization = 'Basic ' + Encoding.toBase64(new Bytes(credential.user + ':' + credential.password));
  }
  var url = this.URL;
  if (this.params.length) url += (url.indexOf('?') < 0 ? '?' : '&') + this.params.join('&');
  var request = {
    method: this.requestMethod || (body === null || body === undefined ? 'GET' : 'POST'),
    url: url,
    headers: headers,
    body: body === null || body === undefined ? null : String(body),
    authentication: this.authentication,
  };
  var record = { serviceId: this.ID, request: request, log: [] };
  calls.push(record);
  var headerLines = [];
  for (var h in headers) {
    if (Object.prototype.hasOwnProperty.call(headers, h)) headerLines.push(h + ': ' + headers[h]);
  }
  this.__log(record, request.method + ' ' + url + '\n' + headerLines.join('\n') + '\n\n' + (request.body || ''));

  if (typeof this.config.respond !== 'function') {
    throw new Error(
      'MockService.call: service ' + this.ID + ' has no respond function (LocalServiceRegistry.__configure)'
    );
  }
  var answer = this.config.respond(request) || {};
  var result;
  if (answer.unavailable) {
    result = new MockResult({
      status: 'SERVICE_UNAVAILABLE',
      unavailableReason: answer.unavailable,
      errorMessage: 'Service ' + this.ID + ' unavailable: ' + answer.unavailable,
    });
  } else if (answer.connectionError) {
    this.__log(record, answer.connectionError);
    result = new MockResult({ status: 'ERROR', errorMessage: answer.connectionError });
  } else {
    var text = answer.text === undefined ? '' : answer.text;
    var statusCode = answer.statusCode;
    this.client = {
      statusCode: statusCode,
      text: text,
      getStatusCode: function () {
        return statusCode;
      },
      getText: function () {
        return text;
      },
    };
    this.__log(record, text);
    if (statusCode >= 200 && statusCode < 300) {
      result = new MockResult({ status: 'OK', object: this.callback.parseResponse(this, this.client) });
    } else {
      result = new MockResult({ status: 'ERROR', error: statusCode, errorMessage: text });
    }
  }
  if (!result.ok && this.throwOnError) {
    throw new Error('Service ' + this.ID + ' failed: ' + result.status + ' ' + result.errorMessage);
  }
  return result;
};

module.exports = {
  createService: function (id, callback) {
    if (!services[id]) throw new Error('No service configuration found for service ID ' + id);
    return new MockService(id, services[id], callback);
  },
  __configure: function (id, config) {
    services[id] = config;
  },
  /** Sets (or replaces) how a configured service answers, keeping its credential and profile. */
  __respond: function (id, respond) {
    if (!services[id]) throw new Error('Configure service ' + id + ' before setting its answers');
    var config = {};
    for (var key in services[id]) {
      if (Object.prototype.hasOwnProperty.call(services[id], key)) config[key] = services[id][key];
    }
    config.respond = respond;
    services[id] = config;
  },
  __calls: calls,
  __reset: function () {
    services = {};
    calls.length = 0;
  },
};
