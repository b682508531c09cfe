'use strict';
// dw.system.Logger: captures every message (with {n} placeholders filled) in Logger.__messages.
var messages = [];

function format(text, args) {
  return String(text).replace(/\{(\d+)\}/g, function (match, index) {
    var value = args[Number(index) + 1];
    return value === undefined ? match : String(value);
  });
}

function Log(prefix, category) {
  this.prefix = prefix;
  this.category = category;
}
['debug', 'info', 'warn', 'error', 'fatal'].forEach(function (level) {
  Log.prototype[level] = function (text) {
    messages.push({ level: level, prefix: this.prefix, category: this.category, message: format(text, arguments) });
  };
});

module.exports = {
  getLogger: function (prefixOrCategory, category) {
    if (category === undefined) return new Log('custom', prefixOrCategory);
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{1,23}[A-Za-z0-9]$/.test(prefixOrCategory)) {
      throw new Error('Invalid log file prefix "' + prefixOrCategory + '": 3-25 characters of [a-zA-Z0-9_-]');
    }
    return new Log(prefixOrCategory, category);
  },
  info: function (text) {
    messages.push({ level: 'info', prefix: 'custom', category: '', message: format(text, arguments) });
  },
  __messages: messages,
  __reset: function () {
    messages.length = 0;
  },
};
