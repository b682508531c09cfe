'use strict';
/*
 * dw.net.Mail for unit tests: addTo, setFrom, setSubject, setContent (a string or a
 * MimeEncodedText-like object) and send(), which checks what the platform requires (from,
 * subject, content, a recipient) and records the mail in Mail.__sent. Mail.__failNext(message)
 * makes the next send() answer an ERROR status.
 */
var Status = require('../system/Status');

var sent = [];
var failure = null;

function Mail() {
  this.to = [];
  this.from = null;
  this.subject = null;
  this.content = null;
  this.mimeType = 'text/plain;charset=UTF-8';
}
Mail.prototype.addTo = function (address) {
  this.to.push(String(address));
  return this;
};
Mail.prototype.setFrom = function (from) {
  this.from = from;
  return this;
};
Mail.prototype.setSubject = function (subject) {
  this.subject = subject;
  return this;
};
Mail.prototype.setContent = function (content) {
  if (content && typeof content.getText === 'function') {
    this.content = content.getText();
    this.mimeType = content.getMimeType();
  } else {
    this.content = content;
  }
  return this;
};
Mail.prototype.send = function () {
  if (!this.from || !this.subject || this.content === null || !this.to.length) {
    throw new Error('Mail: from, subject, content and a recipient are mandatory');
  }
  if (failure !== null) {
    var message = failure;
    failure = null;
    return new Status(Status.ERROR, 'ERROR', message);
  }
  sent.push({
    to: this.to.slice(),
    from: this.from,
    subject: this.subject,
    content: this.content,
    mimeType: this.mimeType,
  });
  return new Status(Status.OK);
};
Mail.__sent = sent;
Mail.__failNext = function (message) {
  failure = message;
};
Mail.__reset = function () {
  sent.length = 0;
  failure = null;
};

module.exports = Mail;
