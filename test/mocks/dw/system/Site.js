'use strict';
// dw.system.Site: one current site, set by tests with Site.__setCurrent(id, preferences).
var current = null;

function MockSite(id, preferences) {
  this.ID = id;
  this.preferences = preferences || {};
}
MockSite.prototype.getID = function () {
  return this.ID;
};
MockSite.prototype.getName = function () {
  return this.ID;
};
MockSite.prototype.getDefaultLocale = function () {
  return this.defaultLocale || 'default';
};
MockSite.prototype.getCustomPreferenceValue = function (name) {
  return Object.prototype.hasOwnProperty.call(this.preferences, name) ? this.preferences[name] : null;
};

module.exports = {
  getCurrent: function () {
    if (!current) throw new Error('No current site: the step runs outside a site context');
    return current;
  },
  __setCurrent: function (id, preferences) {
    current = new MockSite(id, preferences);
    return current;
  },
  __reset: function () {
    current = null;
  },
};
