/**
 * Where synchronised payment methods live for checkout code to read: one custom object
 * PaymentOperationsMethods per provider (site scope), key = provider ID, with the methods as
 * JSON, their count and the time of the sync. Checkout code reads them with
 * `readPaymentMethods('alma')`.
 */
import CustomObjectMgr = require('dw/object/CustomObjectMgr');
import Transaction = require('dw/system/Transaction');
import type { ProviderId } from './providers';

export const METHODS_TYPE = 'PaymentOperationsMethods';

export interface StoredMethods {
  readonly methods: unknown[];
  readonly syncedAt: Date | null;
}

function attributes(object: dw.object.CustomObject): PaymentOperationsMethodsCustomAttributes {
  return object.custom as unknown as PaymentOperationsMethodsCustomAttributes;
}

/** Replaces the provider's stored methods, in one transaction. */
export function storePaymentMethods(provider: ProviderId, methods: unknown[]): void {
  Transaction.wrap(function () {
    const object =
      CustomObjectMgr.getCustomObject(METHODS_TYPE, provider) ||
      CustomObjectMgr.createCustomObject(METHODS_TYPE, provider);
    const custom = attributes(object);
    custom.methodsJson = JSON.stringify(methods);
    custom.methodCount = methods.length;
    custom.syncedAt = new Date();
  });
}

/** The provider's methods as last synchronised; an empty list when never synchronised. */
export function readPaymentMethods(provider: ProviderId): StoredMethods {
  const object = CustomObjectMgr.getCustomObject(METHODS_TYPE, provider);
  if (!object) return { methods: [], syncedAt: null };
  const custom = attributes(object);
  let methods: unknown[] = [];
  try {
    const parsed = JSON.parse(String(custom.methodsJson || '[]')) as unknown;
    if (parsed instanceof Array) methods = parsed;
  } catch {
    methods = [];
  }
  return { methods: methods, syncedAt: custom.syncedAt ? new Date(custom.syncedAt.getTime()) : null };
}
