'use strict';
// dw.svc.LocalServiceRegistry: services configured by tests with
// LocalServiceRegistry.__configure(id, { credential: {ID, URL, user, password}, profile: {ID, timeoutMillis} }).
// createService for an unknown ID throws, as on the platform.
var services = {};

function MockService(id, config, callback) {
  this.ID = id;
  this.config = config;
  this.callback = callback;
}
MockService.prototype.getConfiguration = function () {
  return {
    ID: this.ID,
    serviceType: 'HTTP',
    credential: this.config.credential || null,
    profile: this.config.profile || null,
  };
};
MockService.prototype.call = function () {
  throw new Error('MockService.call is not implemented: service calls are out of scope here');
};

module.exports = {
  createService: function (id, callback) {
    if (!services[id]) throw new Error('No service configuration found for service ID ' + id);
    return new MockService(id, services[id], callback);
  },
  __configure: function (id, config) {
    services[id] = config;
  },
  __reset: function () {
    services = {};
  },
};
