'use strict';
// dw.system.Status: OK = 0, ERROR = 1 (platform values).
function Status(status, code, message) {
  this.status = status === undefined ? Status.OK : status;
  this.code = code === undefined ? (this.status === Status.ERROR ? 'ERROR' : 'OK') : code;
  this.message = message === undefined ? null : message;
  this.error = this.status === Status.ERROR;
  this.details = {};
}
Status.OK = 0;
Status.ERROR = 1;
Status.prototype.isError = function () {
  return this.error;
};
Status.prototype.getStatus = function () {
  return this.status;
};
Status.prototype.getCode = function () {
  return this.code;
};
Status.prototype.getMessage = function () {
  return this.message;
};
Status.prototype.addDetail = function (key, value) {
  this.details[key] = value;
};
module.exports = Status;
