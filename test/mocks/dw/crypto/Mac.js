'use strict';
// dw.crypto.Mac: HMAC-SHA-256 only (what the cartridge uses), in plain ES5 (FIPS 180-4, RFC 2104)
// so that Node and Rhino compute the same bytes. String input and key are taken as UTF-8, as the
// platform does.
var Bytes = require('../util/Bytes');

var K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

function rotate(x, n) {
  return (x >>> n) | (x << (32 - n));
}

function sha256(bytes) {
  var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var data = bytes.slice();
  var bitLength = bytes.length * 8;
  data.push(0x80);
  while (data.length % 64 !== 56) data.push(0);
  for (var s = 7; s >= 0; s--) data.push(s >= 4 ? 0 : (bitLength >>> (s * 8)) & 0xff);
  var w = [];
  for (var offset = 0; offset < data.length; offset += 64) {
    for (var i = 0; i < 64; i++) {
      if (i < 16) {
        var j = offset + i * 4;
        w[i] = (data[j] << 24) | (data[j + 1] << 16) | (data[j + 2] << 8) | data[j + 3] | 0;
      } else {
        var s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
    }
    var a = h[0],
      b = h[1],
      c = h[2],
      d = h[3],
      e = h[4],
      f = h[5],
      g = h[6],
      k = h[7];
    for (var t = 0; t < 64; t++) {
      var t1 = (k + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      var t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k].map(function (x) {
      return x | 0;
    });
  }
  var out = [];
  for (var n = 0; n < 8; n++) out.push((h[n] >>> 24) & 0xff, (h[n] >>> 16) & 0xff, (h[n] >>> 8) & 0xff, h[n] & 0xff);
  return out;
}

function bytesOf(value) {
  var bytes = typeof value === 'string' ? new Bytes(value) : value;
  var out = [];
  for (var i = 0; i < bytes.getLength(); i++) out.push(bytes.byteAt(i) & 0xff);
  return out;
}

function Mac(algorithm) {
  if (algorithm !== Mac.HMAC_SHA_256) throw new Error('Mac mock: only HMAC_SHA_256 is modelled, got ' + algorithm);
  this.algorithm = algorithm;
}
Mac.HMAC_SHA_256 = 'HmacSHA256';
Mac.prototype.digest = function (input, key) {
  var secret = bytesOf(key);
  if (secret.length > 64) secret = sha256(secret);
  while (secret.length < 64) secret.push(0);
  var inner = [];
  var outer = [];
  for (var i = 0; i < 64; i++) {
    inner.push(secret[i] ^ 0x36);
    outer.push(secret[i] ^ 0x5c);
  }
  return new Bytes(sha256(outer.concat(sha256(inner.concat(bytesOf(input))))));
};

module.exports = Mac;
