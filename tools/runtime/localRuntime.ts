/**
 * The local B2C runtime: an instance (state from an instance file), the compiled cartridges of
 * dist/, our job definitions and metadata, and the dw.* emulation that binds them. `runJob` runs
 * one BM job and returns its result; everything the run captured stays on `core`.
 */
import path from 'node:path';
import { PATHS } from '../build/paths';
import { createDwResolver } from './dw/registry';
import { openSeekableIterators, warnAboutOpenSeekableIterators } from './dw/util/collectionClasses';
import type { ValueKit } from './dw/valueKit';
import { readInstanceFile, type RuntimeState } from './instance/loadInstance';
import { readJobDirectory, type JobDefinition } from './jobs/jobDefinitions';
import { runJob, type JobResult, type RunJobOptions } from './jobs/jobRunner';
import { readStepTypes, type StepType } from './jobs/stepTypes';
import { CartridgeLoader } from './loader/cartridgeLoader';
import { RuntimeCore } from './runtimeCore';
import type { CrashPlan } from './simulatedCrash';
import { loadRuntimeMetadata, type RuntimeMetadata } from './state/metadata';

export interface LocalRuntimeOptions {
  state: RuntimeState;
  metadata?: RuntimeMetadata;
  cartridgesRoot?: string;
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
  readonly results: JobResult[] = [];

  constructor(options: LocalRuntimeOptions) {
    const metadata = options.metadata ?? loadRuntimeMetadata();
    this.core = new RuntimeCore({
      state: options.state,
      metadata,
      cartridgesRoot: path.resolve(options.cartridgesRoot ?? PATHS.distCartridges),
      locale: options.locale,
    });
    this.jobs = readJobDirectory(options.jobsDirectory ?? PATHS.jobs);
    this.stepTypes = readStepTypes(this.core.cartridgesRoot);
    const resolver = createDwResolver(this.core, {
      cartridgesRoot: this.core.cartridgesRoot,
      cartridgePath: () => this.core.cartridgePath(),
      loadModule: (file) => this.loader().load(this.loader().resolvePath(file)),
    });
    this.kit = resolver.kit;
    this.dwModule = resolver.module;
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
        cartridgesRoot: this.core.cartridgesRoot,
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
          request: this.requestGlobal(),
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
    return this.loader().require(specifier, path.join(this.core.cartridgesRoot, first, 'local-runtime.js'));
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
    core.startRun(crash);
    try {
      const result = this.runWithHost(job, runOptions);
      this.results.push(result);
      return result;
    } finally {
      core.endRun();
    }
  }

  private runWithHost(job: JobDefinition, options: RunJobOptions): JobResult {
    const core = this.core;
    return runJob(
      job,
      {
        stepTypes: this.stepTypes,
        siteIds: () => [...core.state.sites.keys()],
        enterSite: (siteId) => core.enterSite(siteId),
        loadStepModule: (modulePath) =>
          this.loader().load(
            this.loader().resolve(`./${modulePath}`, path.join(core.cartridgesRoot, 'job.js')),
          ) as Record<string, unknown>,
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

  private requestGlobal(): object {
    const core = this.core;
    return {
      get locale() {
        return core.locale;
      },
      getLocale: () => core.locale,
      setLocale: (locale: string) => {
        core.locale = String(locale);
        return true;
      },
    };
  }
}
