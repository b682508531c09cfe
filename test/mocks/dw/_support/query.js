'use strict';
/*
 * The system query language of CustomObjectMgr.queryCustomObjects and OrderMgr.searchOrders, as
 * far as the mocks need it: conditions `attribute op value` (op = != <> < <= > >=; value a
 * {n} placeholder, NULL, a 'string', or a number) combined with AND, OR, NOT and parentheses, and
 * sort strings "attribute asc|desc, …". Unset attributes match `!= value` (Order Search Service
 * semantics); `= NULL` / `!= NULL` test for unset. Plain ES5 for Node and Rhino.
 *
 * compile(query, args) → function (lookup) → boolean, where lookup(path) gives the attribute's
 *   value (EnumValue and Date are compared by value and time).
 * sorter(sortString, lookupOf) → comparator for Array.prototype.sort.
 */

function tokenize(text) {
  var tokens = [];
  var pattern =
    /\s*(?:(\{\d+\})|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(!=|<>|<=|>=|=|<|>)|(\(|\))|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w.]*))/g;
  var index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.substring(index))) break;
    pattern.lastIndex = index;
    var match = pattern.exec(text);
    if (!match || match.index !== index)
      throw new Error('Query: cannot read "' + text.substring(index) + '" in ' + text);
    index = pattern.lastIndex;
    if (match[1]) tokens.push({ kind: 'arg', index: parseInt(match[1].substring(1), 10) });
    else if (match[2]) tokens.push({ kind: 'value', value: match[2].substring(1, match[2].length - 1) });
    else if (match[3]) tokens.push({ kind: 'op', op: match[3] === '<>' ? '!=' : match[3] });
    else if (match[4]) tokens.push({ kind: match[4] });
    else if (match[5]) tokens.push({ kind: 'value', value: Number(match[5]) });
    else {
      var word = match[6].toUpperCase();
      if (word === 'AND' || word === 'OR' || word === 'NOT') tokens.push({ kind: word });
      else if (word === 'NULL') tokens.push({ kind: 'null' });
      else tokens.push({ kind: 'name', name: match[6] });
    }
  }
  return tokens;
}

function comparable(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'object' && 'value' in value) return comparable(value.value);
  return value;
}

function parse(text, args) {
  var tokens = tokenize(text);
  var at = 0;
  var peek = function () {
    return tokens[at];
  };
  var expect = function (kind) {
    var token = tokens[at++];
    if (!token || token.kind !== kind) throw new Error('Query: expected ' + kind + ' in ' + text);
    return token;
  };
  function condition() {
    var name = expect('name').name;
    var op = expect('op').op;
    var token = tokens[at++];
    if (!token) throw new Error('Query: missing value after ' + name + ' ' + op + ' in ' + text);
    if (token.kind === 'null') {
      if (op !== '=' && op !== '!=') throw new Error('Query: NULL only with = and != in ' + text);
      return function (lookup) {
        var isNull = comparable(lookup(name)) === null;
        return op === '=' ? isNull : !isNull;
      };
    }
    var expected;
    if (token.kind === 'arg') {
      if (token.index >= args.length) throw new Error('Query: no argument for {' + token.index + '} in ' + text);
      expected = comparable(args[token.index]);
    } else if (token.kind === 'value') {
      expected = token.value;
    } else {
      throw new Error('Query: unexpected ' + token.kind + ' after ' + name + ' ' + op + ' in ' + text);
    }
    return function (lookup) {
      var actual = comparable(lookup(name));
      if (actual === null) return op === '!=';
      if (typeof expected === 'number' && typeof actual === 'string') actual = Number(actual);
      if (typeof expected === 'string' && typeof actual === 'number') actual = String(actual);
      switch (op) {
        case '=':
          return actual === expected;
        case '!=':
          return actual !== expected;
        case '<':
          return actual < expected;
        case '<=':
          return actual <= expected;
        case '>':
          return actual > expected;
        default:
          return actual >= expected;
      }
    };
  }
  function factor() {
    var token = peek();
    if (!token) throw new Error('Query: unexpected end of ' + text);
    if (token.kind === 'NOT') {
      at++;
      var negated = factor();
      return function (lookup) {
        return !negated(lookup);
      };
    }
    if (token.kind === '(') {
      at++;
      var inner = disjunction();
      expect(')');
      return inner;
    }
    return condition();
  }
  function conjunction() {
    var parts = [factor()];
    while (peek() && peek().kind === 'AND') {
      at++;
      parts.push(factor());
    }
    return function (lookup) {
      for (var i = 0; i < parts.length; i++) if (!parts[i](lookup)) return false;
      return true;
    };
  }
  function disjunction() {
    var parts = [conjunction()];
    while (peek() && peek().kind === 'OR') {
      at++;
      parts.push(conjunction());
    }
    return function (lookup) {
      for (var i = 0; i < parts.length; i++) if (parts[i](lookup)) return true;
      return false;
    };
  }
  var predicate = disjunction();
  if (at !== tokens.length) throw new Error('Query: unexpected text after position ' + at + ' in ' + text);
  return predicate;
}

function sorter(sortString, lookupOf) {
  var keys = [];
  var parts = sortString ? String(sortString).split(',') : [];
  for (var i = 0; i < parts.length; i++) {
    var words = parts[i].replace(/^\s+|\s+$/g, '').split(/\s+/);
    if (!words[0]) continue;
    var direction = (words[1] || 'asc').toLowerCase();
    if (direction !== 'asc' && direction !== 'desc') throw new Error('Sort: bad direction in ' + sortString);
    keys.push({ name: words[0], sign: direction === 'asc' ? 1 : -1 });
  }
  return function (a, b) {
    for (var k = 0; k < keys.length; k++) {
      var x = comparable(lookupOf(a)(keys[k].name));
      var y = comparable(lookupOf(b)(keys[k].name));
      if (x === y) continue;
      if (x === null) return -keys[k].sign;
      if (y === null) return keys[k].sign;
      return (x < y ? -1 : 1) * keys[k].sign;
    }
    return 0;
  };
}

/** Array.prototype.sort is not stable everywhere: sort by the comparator, then by position. */
function stableSort(items, compare) {
  var indexed = items.map(function (item, index) {
    return { item: item, index: index };
  });
  indexed.sort(function (a, b) {
    return compare(a.item, b.item) || a.index - b.index;
  });
  return indexed.map(function (entry) {
    return entry.item;
  });
}

module.exports = { compile: parse, sorter: sorter, stableSort: stableSort };
