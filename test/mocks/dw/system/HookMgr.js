'use strict';
// dw.system.HookMgr: registrations set by tests with HookMgr.__register(extensionPoint, script),
// where script is an object of functions (a hook script's exports). Registrations run in the order
// they were added (the cartridge path), and the first one that returns a value other than
// undefined ends the chain, as on the platform. Each call is recorded in HookMgr.__calls.
var registrations = {};
var calls = [];

module.exports = {
  hasHook: function (extensionPoint) {
    return Object.prototype.hasOwnProperty.call(registrations, String(extensionPoint));
  },
  callHook: function (extensionPoint, functionName) {
    var args = [];
    for (var a = 2; a < arguments.length; a++) args.push(arguments[a]);
    calls.push({ extensionPoint: String(extensionPoint), functionName: String(functionName), args: args });
    var scripts = registrations[String(extensionPoint)] || [];
    for (var i = 0; i < scripts.length; i++) {
      var fn = scripts[i][String(functionName)];
      if (typeof fn !== 'function') continue;
      var result = fn.apply(scripts[i], args);
      if (result !== undefined) return result;
    }
    return undefined;
  },
  __register: function (extensionPoint, script) {
    if (!registrations[extensionPoint]) registrations[extensionPoint] = [];
    registrations[extensionPoint].push(script);
  },
  __calls: calls,
  __reset: function () {
    registrations = {};
    calls.length = 0;
  },
};
