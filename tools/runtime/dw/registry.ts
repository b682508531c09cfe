/**
 * Every emulated dw.* module, by the path cartridge code requires. Modules are built once per
 * runtime, on first require. The utility packages (util, value, crypto, net, web, svc) only need
 * the RuntimeContext; the platform packages (system, order, object) read the runtime's state.
 */
import type { RuntimeCore } from '../runtimeCore';
import type { RuntimeContext } from './context';
import { dwModules as cryptoModules } from './crypto';
import { dwModules as netModules } from './net';
import { createCustomObjectMgrModule } from './object/CustomObjectMgr';
import { createObjectAttributeDefinitionClass, createSystemObjectMgrModule } from './object/SystemObjectMgr';
import { createOrderMgrModule } from './order/OrderMgr';
import { createOrderViews } from './order/orderViews';
import { dwModules as svcModules } from './svc';
import { createHookMgrModule, type HookHost } from './system/HookMgr';
import { createLoggerModule } from './system/Logger';
import { Request } from './system/Request';
import { Response } from './system/Response';
import { createSiteModule } from './system/Site';
import { Status } from './system/Status';
import { createSystemModule } from './system/System';
import { createTransactionModule } from './system/Transaction';
import { dwModules as utilModules } from './util';
import { collectionClassesFor, createSeekableIterator, setJsArrayLimit } from './util/collectionClasses';
import { dwModules as valueModules, createEnumValue, moneyClassFor } from './value';
import type { ValueKit } from './valueKit';
import { dwModules as webModules } from './web';

type Factory = () => unknown;

export interface DwResolver {
  kit: ValueKit;
  module(specifier: string): unknown;
  /** Every module path the runtime emulates. */
  paths(): string[];
}

export function createDwResolver(core: RuntimeCore, hookHost: HookHost): DwResolver {
  const ctx: RuntimeContext = core;
  setJsArrayLimit(ctx, core.state.platform.jsArrayLimit);
  const collections = collectionClassesFor(ctx);
  const Money = moneyClassFor(ctx);
  const contextModules = {
    ...utilModules,
    ...valueModules,
    ...cryptoModules,
    ...netModules,
    ...webModules,
    ...svcModules,
  };
  const module = (specifier: string): unknown => resolve(specifier);

  const kit: ValueKit = {
    enumValue: (value, displayValue) => createEnumValue(value, displayValue),
    money: (value, currencyCode) => new Money(value, currencyCode),
    list: (items) => new collections.ArrayList(items),
    map: (entries = []) => {
      const map = new collections.HashMap<string, unknown>();
      for (const [key, value] of entries) map.put(key, value);
      return map;
    },
    seekableIterator: (items, count) => createSeekableIterator(ctx, items, count),
    calendar: (date, timeZone) => {
      const Calendar = module('dw/util/Calendar') as new (date: Date) => { setTimeZone(zone: string): void };
      const calendar = new Calendar(date);
      calendar.setTimeZone(timeZone);
      return calendar;
    },
  };

  const views = createOrderViews(core, kit);
  const platformModules: Record<string, Factory> = {
    'dw/system/Status': () => Status,
    'dw/system/Logger': () => createLoggerModule(ctx),
    'dw/system/Request': () => Request,
    'dw/system/Response': () => Response,
    'dw/system/Site': () => createSiteModule(core, kit),
    'dw/system/Transaction': () => createTransactionModule(core.transactions),
    'dw/system/HookMgr': () => createHookMgrModule(hookHost),
    'dw/system/System': () => createSystemModule(core, kit),
    'dw/order/OrderMgr': () => createOrderMgrModule(core, kit, views),
    'dw/order/Order': () => views.OrderClass,
    'dw/order/Shipment': () => views.ShipmentClass,
    'dw/order/PaymentTransaction': () => views.PaymentTransactionClass,
    'dw/order/PaymentInstrument': () => views.PaymentInstrumentClass,
    'dw/order/OrderPaymentInstrument': () => views.PaymentInstrumentClass,
    'dw/order/PriceAdjustment': () => views.PriceAdjustmentClass,
    'dw/object/CustomObjectMgr': () => createCustomObjectMgrModule(core, kit),
    'dw/object/SystemObjectMgr': () => createSystemObjectMgrModule(core, kit),
    'dw/object/ObjectAttributeDefinition': () => createObjectAttributeDefinitionClass(kit),
  };

  const built = new Map<string, unknown>();
  function resolve(specifier: string): unknown {
    if (built.has(specifier)) return built.get(specifier);
    const platform = platformModules[specifier];
    const contextual = contextModules[specifier];
    if (!platform && !contextual) return undefined;
    const value = platform ? platform() : contextual(ctx);
    built.set(specifier, value);
    return value;
  }

  return {
    kit,
    module,
    paths: () => [...new Set([...Object.keys(platformModules), ...Object.keys(contextModules)])].sort(),
  };
}
