'use strict';
/*
 * dw.util.Template for unit tests: records each render in Template.__renders ({ name, locale,
 * params }) and returns a MimeEncodedText-like object whose text names the template, its locale
 * and the parameters as JSON. The real ISML rendering is the local runtime's (its own tests, and
 * the integration tests that read the e-mail).
 */
var renders = [];

function Template(name, locale) {
  this.name = name;
  this.locale = locale === undefined ? null : locale;
}
Template.prototype.setLocale = function (locale) {
  this.locale = locale;
  return this;
};
Template.prototype.render = function (params) {
  var values = {};
  if (params && typeof params.keySet === 'function') {
    var keys = params.keySet().toArray();
    for (var i = 0; i < keys.length; i++) values[keys[i]] = params.get(keys[i]);
  }
  renders.push({ name: this.name, locale: this.locale, params: values });
  var text = this.name + ' [' + this.locale + '] ' + JSON.stringify(values);
  return {
    text: text,
    getText: function () {
      return text;
    },
    getMimeType: function () {
      return 'text/html;charset=UTF-8';
    },
  };
};
Template.__renders = renders;
Template.__reset = function () {
  renders.length = 0;
};

module.exports = Template;
