/*
 * Runs inside Mozilla Rhino (the engine family B2C Commerce runs on), not Node.
 *
 *   rhino -version 180 -opt -1 run.js <config.json>
 *
 * config: { cartridgesRoot, cartridgePath: [cartridge…], dwRoot, modules: [path…], scenarios }
 * Loads each module through a CommonJS loader that follows SFCC's require rules, runs the
 * scenario registered for it (which calls exported functions with dw stand-ins), and prints one
 * JSON report line prefixed with REPORT:.
 *
 * SFCC require rules (TopLevel.global#require):
 *   ./x ../x   relative to the current module, never above the cartridges root
 *   ~/x        relative to the current module's cartridge
 *   * /x       (no space) the first cartridge on the cartridge path that has x
 *   dw/…       platform packages (here: the dw stand-ins in dwRoot)
 *   name/…     a top-level cartridge folder, then the "modules" folder
 *   extensions tried: as given, .js, .ds, .json; a folder resolves via package.json "main", else main.js
 */
(function (global, args) {
  'use strict';
  var File = java.io.File;
  var Context = Packages.org.mozilla.javascript.Context;

  function read(path) {
    return String(readFile(path, 'UTF-8'));
  }
  function canonical(path) {
    return String(new File(path).getCanonicalPath());
  }
  function join(a, b) {
    return canonical(new File(a, b).getPath());
  }
  function isFile(path) {
    var f = new File(path);
    return f.exists() && f.isFile();
  }
  function isDirectory(path) {
    var f = new File(path);
    return f.exists() && f.isDirectory();
  }
  function dirname(path) {
    return String(new File(path).getParent());
  }
  function within(path, root) {
    return path === root || path.indexOf(root + File.separator) === 0;
  }

  var config = JSON.parse(read(args[0]));
  var cartridgesRoot = canonical(config.cartridgesRoot);
  var dwRoot = canonical(config.dwRoot);
  var cache = {};

  function resolveFile(base) {
    var candidates = [base, base + '.js', base + '.ds', base + '.json'];
    for (var i = 0; i < candidates.length; i++) {
      if (isFile(candidates[i])) return canonical(candidates[i]);
    }
    if (isDirectory(base)) {
      var pkg = join(base, 'package.json');
      if (isFile(pkg)) {
        var main = JSON.parse(read(pkg)).main;
        if (main) return resolveFile(join(base, main));
      }
      if (isFile(join(base, 'main.js'))) return join(base, 'main.js');
    }
    return null;
  }

  /** The cartridge folder (directly under the cartridges root) that holds a file. */
  function cartridgeOf(file) {
    var relative = file.substring(cartridgesRoot.length + 1);
    return join(cartridgesRoot, relative.split(File.separator)[0]);
  }

  function resolve(specifier, fromFile) {
    var notFound = function (why) {
      throw new Error(
        'Cannot find module "' + specifier + '" required from ' + fromFile + (why ? ' (' + why + ')' : '')
      );
    };
    var resolved = null;
    if (specifier === 'dw' || specifier.indexOf('dw/') === 0) {
      resolved = resolveFile(join(dwRoot, specifier));
    } else if (specifier.indexOf('./') === 0 || specifier.indexOf('../') === 0) {
      // Cartridge code may not climb above the cartridges folder; the harness's own files may.
      var bound = within(fromFile, dwRoot) ? dwRoot : within(fromFile, cartridgesRoot) ? cartridgesRoot : null;
      var target = join(dirname(fromFile), specifier);
      if (bound && !within(target, bound)) notFound('relative paths cannot leave the cartridges folder');
      resolved = resolveFile(target);
    } else if (specifier.indexOf('~/') === 0) {
      if (!within(fromFile, cartridgesRoot)) notFound('~/ is only defined inside a cartridge');
      resolved = resolveFile(join(cartridgeOf(fromFile), specifier.substring(2)));
    } else if (specifier.indexOf('*/') === 0) {
      for (var i = 0; i < config.cartridgePath.length && !resolved; i++) {
        resolved = resolveFile(join(join(cartridgesRoot, config.cartridgePath[i]), specifier.substring(2)));
      }
    } else {
      resolved =
        resolveFile(join(cartridgesRoot, specifier)) || resolveFile(join(join(cartridgesRoot, 'modules'), specifier));
    }
    return resolved || notFound();
  }

  function load(file) {
    if (cache[file]) return cache[file].exports;
    var module = { id: file, exports: {} };
    cache[file] = module;
    if (/\.json$/.test(file)) {
      module.exports = JSON.parse(read(file));
      return module.exports;
    }
    var wrapper = Context.getCurrentContext().evaluateString(
      global,
      '(function (exports, require, module) {' + read(file) + '\n})',
      file,
      1,
      null
    );
    wrapper.call(global, module.exports, makeRequire(file), module);
    return module.exports;
  }

  function makeRequire(fromFile) {
    return function require(specifier) {
      if (typeof specifier !== 'string') throw new Error('require() needs a string, got ' + specifier);
      return load(resolve(specifier, fromFile));
    };
  }

  function describe(e) {
    return String(e && e.message ? e.message : e) + (e && e.stack ? '\n' + e.stack : '');
  }

  var report = {
    engine: String(Packages.org.mozilla.javascript.Context.getCurrentContext().getImplementationVersion()),
    modules: [],
  };
  var scenarioFile = canonical(config.scenarios);
  var scenarios = load(scenarioFile);
  var requireFromCartridge = makeRequire(join(join(cartridgesRoot, config.cartridgePath[0]), 'engine-check.js'));

  for (var m = 0; m < config.modules.length; m++) {
    var path = config.modules[m];
    var entry = { module: path, loaded: false, functions: [], calls: [], error: null };
    try {
      var exported = requireFromCartridge(path);
      entry.loaded = true;
      for (var name in exported) {
        if (typeof exported[name] === 'function') entry.functions.push(name);
      }
      var scenario = scenarios[path];
      if (scenario) {
        scenario(exported, requireFromCartridge, function record(fn, result) {
          entry.calls.push({ fn: fn, result: result });
        });
      }
    } catch (e) {
      entry.error = describe(e);
    }
    report.modules.push(entry);
  }
  print('REPORT:' + JSON.stringify(report));
})(this, arguments);
