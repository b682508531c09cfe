'use strict';
// dw.system.HookMgr: registrations set by tests with HookMgr.__register(extensionPoint, script),
// where script is an object of functions (a hook script's exports). Every registration runs, in
// the order they were added (the cartridge path), and the LAST one's return value is returned,
// even undefined, as on the platform (platform.md §11.1, SFRA guide "SFRA Hooks"). A script that
// does not export the function is skipped. Each call is recorded in HookMgr.__calls.
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
    var result;
    for (var i = 0; i < scripts.length; i++) {
      var fn = scripts[i][String(functionName)];
      if (typeof fn !== 'function') continue;
      result = fn.apply(scripts[i], args);
    }
    return result;
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
