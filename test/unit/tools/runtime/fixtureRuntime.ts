/** A LocalRuntime over the fixture cartridges, jobs and metadata in ./fixtures. */
import path from 'node:path';
import { readInstance } from '../../../../tools/runtime/instance/loadInstance';
import type { InstanceFile, InstanceOrder } from '../../../../tools/runtime/instance/types';
import { LocalRuntime, type LocalRuntimeOptions } from '../../../../tools/runtime/localRuntime';
import { loadRuntimeMetadata } from '../../../../tools/runtime/state/metadata';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const fixtureMetadata = loadRuntimeMetadata(path.join(FIXTURES, 'metadata', 'meta'));

export function fixtureInstance(overrides: Partial<InstanceFile> = {}): InstanceFile {
  return {
    cartridgePath: ['app_fixture'],
    sites: [
      { id: 'SiteA', currency: 'EUR', orders: [order('A1'), order('A2'), order('A3', 'CANCELLED')] },
      { id: 'SiteB', currency: 'JPY', orders: [order('B1')] },
    ],
    ...overrides,
  };
}

export function order(
  orderNo: string,
  status: InstanceOrder['status'] = 'NEW',
  custom: Record<string, unknown> = {},
): InstanceOrder {
  return { orderNo, status, custom: { fixtureState: 'ToDo', ...custom } };
}

/** A folder of cartridges apart from fixtures/cartridges: app_merchant and a modules folder. */
export const MERCHANT_FOLDER = path.join(FIXTURES, 'merchant');
/** A folder that is itself one cartridge (app_single). */
export const SINGLE_CARTRIDGE_FOLDER = path.join(FIXTURES, 'single', 'app_single');

export function fixtureRuntime(
  instance: InstanceFile = fixtureInstance(),
  options: Partial<Omit<LocalRuntimeOptions, 'state'>> = {},
): LocalRuntime {
  return new LocalRuntime({
    state: readInstance(instance, fixtureMetadata, 'fixture instance'),
    metadata: fixtureMetadata,
    cartridgesRoot: path.join(FIXTURES, 'cartridges'),
    jobsDirectory: path.join(FIXTURES, 'jobs'),
    ...options,
  });
}

/** The emulated module as cartridge code gets it, typed loosely for tests. */
export function dw<T = Record<string, any>>(runtime: LocalRuntime, specifier: string): T {
  return runtime.require(specifier) as T;
}
