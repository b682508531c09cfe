'use strict';
// dw.crypto.Encoding: Base64 of dw.util.Bytes (the mock in ../util/Bytes), in plain ES5 so that
// Node and Rhino compute the same strings.
var Bytes = require('../util/Bytes');

var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function bytesOf(bytes) {
  if (!bytes || typeof bytes.getLength !== 'function') throw new Error('Encoding mock: expected dw.util.Bytes');
  var result = [];
  for (var i = 0; i < bytes.getLength(); i++) result.push(bytes.byteAt(i));
  return result;
}

module.exports = {
  toHex: function (bytes) {
    var data = bytesOf(bytes);
    var out = '';
    for (var i = 0; i < data.length; i++) out += (data[i] < 16 ? '0' : '') + (data[i] & 0xff).toString(16);
    return out;
  },
  toBase64: function (bytes) {
    var data = bytesOf(bytes);
    var out = '';
    for (var i = 0; i < data.length; i += 3) {
      var b0 = data[i];
      var b1 = i + 1 < data.length ? data[i + 1] : 0;
      var b2 = i + 2 < data.length ? data[i + 2] : 0;
      out += ALPHABET.charAt(b0 >> 2) + ALPHABET.charAt(((b0 & 3) << 4) | (b1 >> 4));
      out += i + 1 < data.length ? ALPHABET.charAt(((b1 & 15) << 2) | (b2 >> 6)) : '=';
      out += i + 2 < data.length ? ALPHABET.charAt(b2 & 63) : '=';
    }
    return out;
  },
  fromBase64: function (text) {
    var clean = String(text).replace(/[\s=]/g, '');
    var data = [];
    var buffer = 0;
    var bits = 0;
    for (var i = 0; i < clean.length; i++) {
      var value = ALPHABET.indexOf(clean.charAt(i));
      if (value < 0) throw new Error('Encoding mock: invalid Base64 character ' + clean.charAt(i));
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        data.push((buffer >> bits) & 0xff);
      }
    }
    return new Bytes(data);
  },
};
