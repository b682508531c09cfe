'use strict';
/*
 * dw.web.Resource over the cartridge's own resource bundles (the source files under
 * cartridges/int_payment_operations/cartridge/templates/resources), read as UTF-8 java.util.Properties,
 * with the Java ResourceBundle fallback fr_FR → fr → base and MessageFormat's {n} and '' (a quote).
 * The locale is the emulated request locale: Resource.__setLocale('fr_FR'); default: the base bundle.
 * Plain ES5 for Node (fs) and Rhino (readFile); the mock finds the repository from its own path.
 */
var RESOURCES = 'cartridges/int_payment_operations/cartridge/templates/resources/';
var root = String(module.filename || module.id).replace(/test[/\\]mocks[/\\]dw[/\\]web[/\\]Resource(\.js)?$/, '');
var locale = 'default';
var bundles = {};

function readText(path) {
  /* global readFile, java */
  if (typeof readFile === 'function') {
    return new java.io.File(path).exists() ? String(readFile(path, 'UTF-8')) : null;
  }
  var fs = require('fs');
  return fs.existsSync(path) ? fs.readFileSync(path, 'utf8') : null;
}

function parse(text) {
  var properties = {};
  var lines = text.split(/\r\n|\r|\n/);
  for (var i = 0; i < lines.length; i++) {
    var line = lines[i].replace(/^[ \t\f]+/, '');
    if (line === '' || line.charAt(0) === '#' || line.charAt(0) === '!') continue;
    var at = line.search(/[=:]/);
    if (at < 0) continue;
    var value = line.substring(at + 1).replace(/^[ \t\f]+/, '');
    properties[line.substring(0, at).replace(/[ \t\f]+$/, '')] = value.replace(
      /\\u([0-9a-fA-F]{4})/g,
      function (_m, hex) {
        return String.fromCharCode(parseInt(hex, 16));
      }
    );
  }
  return properties;
}

function bundle(name, suffix) {
  var file = root + RESOURCES + name + suffix + '.properties';
  if (!Object.prototype.hasOwnProperty.call(bundles, file)) {
    var text = readText(file);
    bundles[file] = text === null ? null : parse(text);
  }
  return bundles[file];
}

function suffixes() {
  if (!locale || locale === 'default') return [''];
  var parts = locale.split('_');
  var out = [];
  for (var n = parts.length; n > 0; n--) out.push('_' + parts.slice(0, n).join('_'));
  out.push('');
  return out;
}

function lookup(key, bundleName, defaultMessage) {
  if (key === null || key === undefined) throw new Error('NullPointerException: Resource key must not be null');
  var list = suffixes();
  for (var i = 0; i < list.length; i++) {
    var properties = bundle(bundleName || 'message', list[i]);
    if (properties && Object.prototype.hasOwnProperty.call(properties, key)) return properties[key];
  }
  return defaultMessage !== null && defaultMessage !== undefined ? defaultMessage : String(key);
}

function format(pattern, args) {
  return pattern.replace(/''|\{(\d+)\}/g, function (match, index) {
    if (match === "''") return "'";
    var n = Number(index);
    return n < args.length ? String(args[n]) : match;
  });
}

module.exports = {
  msg: function (key, bundleName, defaultMessage) {
    if (arguments.length <= 2) return lookup(key, null, bundleName);
    return lookup(key, bundleName, defaultMessage);
  },
  msgf: function (key, bundleName, defaultMessage) {
    var args = [];
    for (var a = 3; a < arguments.length; a++) args.push(arguments[a]);
    return format(lookup(key, bundleName, defaultMessage), args);
  },
  __setLocale: function (value) {
    locale = value || 'default';
  },
  __reset: function () {
    locale = 'default';
  },
};
