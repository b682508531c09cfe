/**
 * The local B2C runtime: an instance (state from an instance file), the compiled cartridges of
 * dist/ plus any cartridge folders a developer adds, our job definitions and metadata, and the
 * dw.* emulation that binds them. `runJob` runs one BM job and returns its result; everything the
 * run captured stays on `core`.
 */
import path from 'node:path';
import { PATHS } from '../build/paths';
import { createDwResolver } from './dw/registry';
import { startHttpWorker } from './dw/svc/httpExchange';
import { openSeekableIterators, warnAboutOpenSeekableIterators } from './dw/util/collectionClasses';
import type { ValueKit } from './dw/valueKit';
import { readInstanceFile, type RuntimeState } from './instance/loadInstance';
import { readJobDirectory, type JobDefinition } from './jobs/jobDefinitions';
import { runJob, type JobResult, type RunJobOptions } from './jobs/jobRunner';
import { readStepTypes, type StepType } from './jobs/stepTypes';
import { CartridgeSet } from './loader/cartridgeFolders';
import { CartridgeLoader } from './loader/cartridgeLoader';
import { RuntimeCore } from './runtimeCore';
import type { CrashPlan } from './simulatedCrash';
import { loadRuntimeMetadata, type RuntimeMetadata } from './state/metadata';
import { StorefrontHost, type StorefrontServer } from './storefront/storefrontHost';

export interface LocalRuntimeOptions {
  state: RuntimeState;
  metadata?: RuntimeMetadata;
  /** The folder of compiled cartridges (default dist/cartridges). */
  cartridgesRoot?: string;
  /**
   * More cartridge folders, next to cartridgesRoot: each is one cartridge (it has a cartridge/
   * subfolder) or a folder of cartridges (plus an optional modules folder). The instance's
   * cartridge path orders them all.
   */
  cartridges?: string[];
  jobsDirectory?: string;
  locale?: string;
}

export interface LocalRunJobOptions extends RunJobOptions {
  /** Kill the run at a chosen point, as a process crash would (see simulatedCrash.ts). */
  crash?: CrashPlan;
}

export class LocalRuntime {
  readonly core: RuntimeCore;
  readonly jobs: Map<string, JobDefinition>;
  readonly stepTypes: Map<string, StepType>;
  private readonly kit: ValueKit;
  private readonly dwModule: (specifier: string) => unknown;
  private readonly loaders = new Map<string, CartridgeLoader>();
  private readonly storefront: StorefrontHost;
  readonly results: JobResult[] = [];

  /**
   * Throws a CartridgeSetupError when a cartridge folder is missing, a cartridge name is found
   * twice, a step type is declared twice, or a cartridge path names a cartridge no folder holds.
   */
  constructor(options: LocalRuntimeOptions) {
    const metadata = options.metadata ?? loadRuntimeMetadata();
    const cartridgesRoot = path.resolve(options.cartridgesRoot ?? PATHS.distCartridges);
    const cartridges = CartridgeSet.discover(cartridgesRoot, options.cartridges ?? []);
    assertCartridgePathsKnown(options.state, cartridges);
    this.core = new RuntimeCore({ state: options.state, metadata, cartridgesRoot, cartridges, locale: options.locale });
    this.jobs = readJobDirectory(options.jobsDirectory ?? PATHS.jobs);
    this.stepTypes = readStepTypes(cartridges.cartridges());
    const resolver = createDwResolver(this.core, {
      cartridgeDirectory: (cartridge) => cartridges.directory(cartridge),
      cartridgePath: () => this.core.cartridgePath(),
      loadModule: (file) => this.loader().load(this.loader().resolvePath(file)),
    });
    this.kit = resolver.kit;
    this.dwModule = resolver.module;
    this.storefront = new StorefrontHost({ core: this.core, kit: this.kit, loader: () => this.loader() });
  }

  static fromFiles(instanceFile: string, options: Omit<LocalRuntimeOptions, 'state'> = {}): LocalRuntime {
    const metadata = options.metadata ?? loadRuntimeMetadata();
    return new LocalRuntime({ ...options, metadata, state: readInstanceFile(instanceFile, metadata) });
  }

  /** The module loader of the current site's cartridge path (modules are cached per path). */
  loader(): CartridgeLoader {
    const key = this.core.cartridgePath().join(':');
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new CartridgeLoader({
        cartridges: this.core.cartridges,
        cartridgePath: () => this.core.cartridgePath(),
        dwModule: this.dwModule,
        globals: {
          empty: (value: unknown) =>
            value === null ||
            value === undefined ||
            value === '' ||
            (Array.isArray(value) && value.length === 0) ||
            (typeof value === 'object' && typeof (value as { isEmpty?: unknown }).isEmpty === 'function'
              ? (value as { isEmpty(): boolean }).isEmpty()
              : false),
          request: this.storefront.request,
          response: this.storefront.response,
          dw: this.dwGlobal(),
        },
        now: () => this.core.now(),
      });
      this.loaders.set(key, loader);
    }
    return loader;
  }

  /** require() as cartridge code in the first cartridge of the path would call it. */
  require(specifier: string): unknown {
    const first = this.core.cartridgePath()[0];
    const directory = this.core.cartridges.directory(first);
    if (directory === undefined) throw new Error(`Cartridge '${first}' (first on the cartridge path) is unknown`);
    return this.loader().require(specifier, path.join(directory, 'local-runtime.js'));
  }

  /**
   * Runs a job of jobs/. With `crash`, the run is killed where the plan says: what was committed
   * before stays, nothing after persists, and the result says `crash`. The next run starts alive.
   */
  runJob(jobId: string, options: LocalRunJobOptions = {}): JobResult {
    const job = this.jobs.get(jobId);
    if (!job) throw new Error(`Unknown job '${jobId}'. Jobs in jobs/: ${[...this.jobs.keys()].join(', ') || 'none'}`);
    const core = this.core;
    const { crash, ...runOptions } = options;
    if (core.state.services.size > 0) startHttpWorker();
    core.startRun(crash);
    try {
      const result = this.runWithHost(job, runOptions);
      this.results.push(result);
      return result;
    } finally {
      core.endRun();
    }
  }

  /**
   * Starts the storefront: an HTTP server on 127.0.0.1 (ephemeral port) that runs the cartridges'
   * controllers for `<baseUrl>/on/demandware.store/Sites-<siteID>-Site/<locale>/<Controller>-<Action>`
   * (see storefront/storefrontHost.ts). Close it when done.
   */
  startStorefront(options: { port?: number } = {}): Promise<StorefrontServer> {
    if (this.core.state.services.size > 0) startHttpWorker();
    return this.storefront.start(options.port);
  }

  private runWithHost(job: JobDefinition, options: RunJobOptions): JobResult {
    const core = this.core;
    return runJob(
      job,
      {
        stepTypes: this.stepTypes,
        siteIds: () => [...core.state.sites.keys()],
        enterSite: (siteId) => core.enterSite(siteId),
        loadStepModule: (modulePath) => this.loadStepModule(modulePath),
        newContextMap: () => this.kit.map(),
        newListFor: (items) => this.kit.list(items),
        beforeStep: () => {
          if (core.state.platform.orderSearch.indexLag) core.refreshSearchIndexes();
        },
        finishStepTransaction: (failed) => {
          const crash = core.crashed;
          const outcome = core.transactions.finishStep(failed);
          // The platform releases a step's cursors when the step ends; say which ones code left open
          // (not after a simulated crash: a dead process leaks no cursor, its iterators just go away).
          if (!crash) warnAboutOpenSeekableIterators(core);
          for (const iterator of openSeekableIterators(core)) iterator.close();
          return crash?.openTransactionRolledBack ? 'rolledBack' : outcome;
        },
        wrapInTransaction: (fn) => core.transactions.wrap(fn),
        now: () => core.now(),
        crashed: () => core.crashed,
      },
      options,
    );
  }

  /** A step module by its steptypes.json `module` path (`<cartridge>/cartridge/scripts/…`). */
  private loadStepModule(modulePath: string): Record<string, unknown> {
    const loader = this.loader();
    const file = loader.resolveInCodeVersion(path.posix.normalize(modulePath));
    if (file === undefined) {
      throw new Error(
        `Cannot find step module '${modulePath}' (steptypes.json module paths start with a known cartridge: ${this.core.cartridges.names().join(', ')})`,
      );
    }
    return loader.load(file) as Record<string, unknown>;
  }

  /** The global `dw` package tree scripts may use instead of require: `dw.order.Order` = `require('dw/order/Order')`. */
  private dwGlobal(): object {
    const packageOf = (name: string) =>
      new Proxy(
        {},
        {
          get: (_target, member) => (typeof member === 'string' ? this.dwModule(`dw/${name}/${member}`) : undefined),
        },
      );
    return new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? packageOf(name) : undefined) });
  }
}

/** Every cartridge path of the instance (each site's, and the top-level one if the file sets it) must name known cartridges. */
function assertCartridgePathsKnown(state: RuntimeState, cartridges: CartridgeSet): void {
  if (state.source.cartridgePath) cartridges.assertKnown(state.source.cartridgePath, 'the instance file');
  for (const site of state.sites.values()) cartridges.assertKnown(site.cartridgePath, `site ${site.id}`);
}
