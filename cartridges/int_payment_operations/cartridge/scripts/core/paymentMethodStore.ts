/**
 * Where synchronised payment methods live for checkout code to read: one custom object
 * PaymentOperationsMethods per provider (site scope), key = provider ID, with the methods as
 * JSON text, their count and the time of the sync. KOMOJU's list is in the attribute shown as
 * "Available Komoju Payment Methods" (availableKomojuPaymentMethods, the ID KOMOJU's own cartridge
 * uses); the other providers' (Alma's fee plans) in methodsJson.
 *
 * Each stored method is `{ key, enabled, available, unavailableSince, details, … }`:
 *  - `details` is what the provider says of the method, replaced at each sync;
 *  - `enabled` is the merchant's ON/OFF switch, and any other field is the merchant's too: a sync
 *    never changes them;
 *  - `available` is false (with `unavailableSince`) once the provider no longer offers the method;
 *    it is never deleted, so the merchant's settings come back if the provider offers it again.
 * A method the provider newly offers is added, switched on (seed 004: the sync enables on the
 * site the methods the provider enables). Checkout code reads `availablePaymentMethods(id)`.
 */
import CustomObjectMgr = require('dw/object/CustomObjectMgr');
import Transaction = require('dw/system/Transaction');
import Logger = require('dw/system/Logger');
import { errorMessage } from './scriptValues';
import type { ProviderId } from './providers';

export const METHODS_TYPE = 'PaymentOperationsMethods';

/** A method as the provider lists it: its identity among the provider's methods, and its details. */
export interface FetchedMethod {
  readonly key: string;
  readonly details: { [field: string]: unknown };
}

export interface StoredMethod {
  key: string;
  enabled: boolean;
  available: boolean;
  unavailableSince: string | null;
  details: { [field: string]: unknown };
  [merchantField: string]: unknown;
}

export interface StoredMethods {
  readonly methods: StoredMethod[];
  readonly syncedAt: Date | null;
}

export interface SyncCounts {
  readonly offered: number;
  readonly added: number;
  readonly unavailable: number;
}

type MethodsAttribute = 'methodsJson' | 'availableKomojuPaymentMethods';

/** The attribute holding a provider's list. */
export function methodsAttribute(provider: ProviderId): MethodsAttribute {
  return provider === 'komoju' ? 'availableKomojuPaymentMethods' : 'methodsJson';
}

function attributes(object: dw.object.CustomObject): PaymentOperationsMethodsCustomAttributes {
  return object.custom as unknown as PaymentOperationsMethodsCustomAttributes;
}

/** "true"/"false" and their usual spellings, as a merchant may type them in Business Manager. */
const SWITCH_WORDS: { [word: string]: boolean } = {
  true: true,
  on: true,
  yes: true,
  '1': true,
  false: false,
  off: false,
  no: false,
  '0': false,
};

/** The merchant's switch; null when it cannot be read as on or off (never guessed). */
function switchOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const word = String(value)
    .replace(/^\s+|\s+$/g, '')
    .toLowerCase();
  return Object.prototype.hasOwnProperty.call(SWITCH_WORDS, word) ? SWITCH_WORDS[word] : null;
}

/**
 * An entry of the format before the merge (the provider's fields, no "key"): an Alma fee plan
 * (kind, instalments, deferral) or a KOMOJU method (type and currency). Null when it is neither.
 */
function legacyKey(entry: { [field: string]: unknown }): string | null {
  if (entry.installments_count !== undefined) {
    return [entry.kind, entry.installments_count, entry.deferred_days, entry.deferred_months].join(':');
  }
  if (typeof entry.type_slug === 'string') return entry.type_slug + ':' + String(entry.currency || '');
  return null;
}

function storedProblem(provider: ProviderId, what: string): Error {
  return new Error(
    'the stored list (' +
      METHODS_TYPE +
      ' ' +
      provider +
      ', ' +
      methodsAttribute(provider) +
      ') ' +
      what +
      '; correct it or empty it in Business Manager',
  );
}

/**
 * The stored list; throws when the text (edited in Business Manager) cannot be read as a list of
 * methods: not JSON, an entry without a key, a switch that is neither on nor off, a key twice.
 * Entries of the format before the merge are read as methods switched on.
 */
function parseStored(provider: ProviderId, text: string | null | undefined): StoredMethod[] {
  if (text === null || text === undefined || String(text).replace(/\s+/g, '') === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(text));
  } catch {
    throw storedProblem(provider, 'is not JSON');
  }
  if (!(parsed instanceof Array)) throw storedProblem(provider, 'is not a JSON list');
  const methods: StoredMethod[] = [];
  const seen: { [key: string]: boolean } = {};
  for (let i = 0; i < parsed.length; i++) {
    const entry = parsed[i] as { [field: string]: unknown } | null;
    if (!entry || typeof entry !== 'object') throw storedProblem(provider, 'has an entry that is not an object');
    let method: StoredMethod;
    if (typeof entry.key === 'string') {
      method = entry as StoredMethod;
      const enabled = entry.enabled === undefined ? true : switchOf(entry.enabled);
      if (enabled === null) {
        throw storedProblem(
          provider,
          'has "enabled": ' + JSON.stringify(entry.enabled) + ' for ' + entry.key + ' (true or false)',
        );
      }
      method.enabled = enabled;
    } else {
      const key = legacyKey(entry);
      if (key === null) throw storedProblem(provider, 'has an entry without a "key"');
      method = { key: key, enabled: true, available: true, unavailableSince: null, details: entry };
    }
    if (seen[method.key]) throw storedProblem(provider, 'has the key ' + method.key + ' twice');
    seen[method.key] = true;
    methods.push(method);
  }
  return methods;
}

/**
 * The stored list after a sync: stored methods keep their place and the merchant's fields, and
 * take the provider's new details; new methods are added at the end, switched on; methods the
 * provider no longer lists are marked unavailable.
 */
export function mergePaymentMethods(
  stored: StoredMethod[],
  fetched: ReadonlyArray<FetchedMethod>,
  now: Date,
): { methods: StoredMethod[]; counts: SyncCounts } {
  const offered: { [key: string]: FetchedMethod } = {};
  for (let i = 0; i < fetched.length; i++) offered[fetched[i].key] = fetched[i];
  const seen: { [key: string]: boolean } = {};
  const methods: StoredMethod[] = [];
  let unavailable = 0;
  for (let i = 0; i < stored.length; i++) {
    const method = stored[i];
    seen[method.key] = true;
    const fresh = Object.prototype.hasOwnProperty.call(offered, method.key) ? offered[method.key] : null;
    if (fresh) {
      method.details = fresh.details;
      method.available = true;
      method.unavailableSince = null;
    } else {
      if (method.available !== false || !method.unavailableSince) method.unavailableSince = now.toISOString();
      method.available = false;
      unavailable++;
    }
    methods.push(method);
  }
  let added = 0;
  for (let i = 0; i < fetched.length; i++) {
    if (seen[fetched[i].key]) continue;
    seen[fetched[i].key] = true;
    methods.push({
      key: fetched[i].key,
      enabled: true,
      available: true,
      unavailableSince: null,
      details: fetched[i].details,
    });
    added++;
  }
  return { methods: methods, counts: { offered: fetched.length, added: added, unavailable: unavailable } };
}

/**
 * Merges the provider's current list into the stored one, in one transaction. Throws, changing
 * nothing, when the stored list cannot be read (a merchant's edit must never be overwritten).
 */
export function storePaymentMethods(provider: ProviderId, fetched: ReadonlyArray<FetchedMethod>): SyncCounts {
  const attribute = methodsAttribute(provider);
  return Transaction.wrap(function () {
    const existing = CustomObjectMgr.getCustomObject(METHODS_TYPE, provider);
    const stored = existing ? parseStored(provider, attributes(existing)[attribute]) : [];
    const merged = mergePaymentMethods(stored, fetched, new Date());
    const object = existing || CustomObjectMgr.createCustomObject(METHODS_TYPE, provider);
    const custom = attributes(object);
    custom[attribute] = JSON.stringify(merged.methods, null, 1);
    custom.methodCount = merged.methods.length;
    custom.syncedAt = new Date();
    return merged.counts;
  });
}

/** The provider's methods as last synchronised, all of them; an empty list when never synchronised. */
export function readPaymentMethods(provider: ProviderId): StoredMethods {
  const object = CustomObjectMgr.getCustomObject(METHODS_TYPE, provider);
  if (!object) return { methods: [], syncedAt: null };
  const custom = attributes(object);
  let methods: StoredMethod[];
  try {
    methods = parseStored(provider, custom[methodsAttribute(provider)]);
  } catch (e) {
    // Checkout gets nothing rather than a guess; the sync job reports the same problem in ERROR.
    Logger.getLogger('payops', 'methods').error('{0}: {1}', provider, errorMessage(e));
    methods = [];
  }
  return { methods: methods, syncedAt: custom.syncedAt ? new Date(custom.syncedAt.getTime()) : null };
}

/** What checkout may offer: the methods the provider offers (at the last sync) and the merchant switched on. */
export function availablePaymentMethods(provider: ProviderId): StoredMethod[] {
  const methods = readPaymentMethods(provider).methods;
  const usable: StoredMethod[] = [];
  for (let i = 0; i < methods.length; i++) {
    if (methods[i].available !== false && methods[i].enabled === true) usable.push(methods[i]);
  }
  return usable;
}
