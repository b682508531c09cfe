'use strict';
// dw.util.Bytes: an immutable byte sequence. new Bytes(string) encodes the string as UTF-8 (the
// platform default; other encodings are not modelled). byteAt returns 0-255 here.
function utf8(text) {
  var bytes = [];
  for (var i = 0; i < text.length; i++) {
    var code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      var low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code < 0x80) {
      bytes.push(code);
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    }
  }
  return bytes;
}

function Bytes(value, encoding) {
  if (encoding !== undefined && !/^utf-?8$/i.test(String(encoding))) {
    throw new Error('Bytes mock: only UTF-8 is modelled, got ' + encoding);
  }
  if (typeof value === 'string') {
    this.__bytes = utf8(value);
  } else if (value && typeof value.length === 'number') {
    this.__bytes = [];
    for (var i = 0; i < value.length; i++) this.__bytes.push(value[i] & 0xff);
  } else {
    throw new Error('Bytes mock: expected a string or an array of bytes');
  }
  this.length = this.__bytes.length;
}
Bytes.MAX_BYTES = 10240;
Bytes.prototype.getLength = function () {
  return this.__bytes.length;
};
Bytes.prototype.byteAt = function (index) {
  return this.__bytes[index];
};
Bytes.prototype.toString = function () {
  var text = '';
  var bytes = this.__bytes;
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes[i];
    var code;
    if (b < 0x80) {
      code = b;
    } else if (b < 0xe0) {
      code = ((b & 0x1f) << 6) | (bytes[++i] & 0x3f);
    } else if (b < 0xf0) {
      code = ((b & 0x0f) << 12) | ((bytes[++i] & 0x3f) << 6) | (bytes[++i] & 0x3f);
    } else {
      code = ((b & 0x07) << 18) | ((bytes[++i] & 0x3f) << 12) | ((bytes[++i] & 0x3f) << 6) | (bytes[++i] & 0x3f);
    }
    if (code >= 0x10000) {
      code -= 0x10000;
      text += String.fromCharCode(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else {
      text += String.fromCharCode(code);
    }
  }
  return text;
};
module.exports = Bytes;
