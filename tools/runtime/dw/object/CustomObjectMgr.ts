/**
 * dw.object.CustomObjectMgr over the custom objects of the instance, typed by the custom object
 * definitions in metadata/: unique keys per scope (site or organization), queries in the same
 * language as order search (immediate, not index-based), removal inside a transaction, and the
 * enforced custom-object quota.
 */
import { randomUUID } from 'node:crypto';
import { compileQuery, sortItems, type AttributeLookup, type QueryValue } from '../../query';
import type { RuntimeCore } from '../../runtimeCore';
import { createCustomAttributes } from '../../state/customAttributes';
import { CUSTOM_OBJECT_QUOTA_NAME } from '../../state/customObjectCount';
import { customObjectAttributes, type AttributeModel, type CustomObjectTypeModel } from '../../state/metadata';
import type { CustomObjectRecord } from '../../state/records';
import { customObjectTouchKey } from '../../state/transactions';
import type { ValueKit } from '../valueKit';

const SYSTEM_ATTRIBUTES = new Set(['UUID', 'creationDate', 'lastModified']);

export function createCustomObjectMgrModule(core: RuntimeCore, kit: ValueKit): unknown {
  const views = new WeakMap<CustomObjectRecord, CustomObject>();
  // One attribute map per type, shared by every view and query (read-only): a map per view held a
  // few KB per custom object for the whole run.
  const attributeMaps = new WeakMap<CustomObjectTypeModel, ReadonlyMap<string, AttributeModel>>();
  const attributesOfType = (type: CustomObjectTypeModel): ReadonlyMap<string, AttributeModel> => {
    let attributes = attributeMaps.get(type);
    if (!attributes) {
      attributes = customObjectAttributes(type);
      attributeMaps.set(type, attributes);
    }
    return attributes;
  };

  class CustomObject {
    readonly custom: Record<string, unknown>;
    constructor(readonly record: CustomObjectRecord) {
      const type = typeOf(record.type);
      const attributes = attributesOfType(type);
      this.custom = createCustomAttributes(
        {
          describe: `Custom object ${record.type} '${record.key}'`,
          typeId: record.type,
          attributes,
          values: record.custom,
          modified: { owner: record, now: () => core.now() },
          readOnly: new Set([type.keyAttribute.id]),
          touchedKey: customObjectTouchKey(record.siteId, record.type, record.key),
        },
        core.transactions,
        kit,
      );
    }
    get type(): string {
      return this.record.type;
    }
    getType(): string {
      return this.record.type;
    }
    get UUID(): string {
      return this.record.uuid;
    }
    getUUID(): string {
      return this.record.uuid;
    }
    get creationDate(): Date {
      return new Date(this.record.creationDate.getTime());
    }
    getCreationDate(): Date {
      return this.creationDate;
    }
    get lastModified(): Date {
      return new Date(this.record.lastModified.getTime());
    }
    getLastModified(): Date {
      return this.lastModified;
    }
    getCustom(): Record<string, unknown> {
      return this.custom;
    }
  }

  const view = (record: CustomObjectRecord): CustomObject => {
    let existing = views.get(record);
    if (!existing) {
      existing = new CustomObject(record);
      views.set(record, existing);
    }
    return existing;
  };

  function typeOf(typeId: string): CustomObjectTypeModel {
    const type = core.metadata.customObjectType(String(typeId));
    if (!type)
      return core.transactions.fail(
        'IllegalArgumentException',
        `Custom object type '${String(typeId)}' is not defined (see metadata/)`,
      );
    return type;
  }

  /** The key → object map of a type in its storage scope (the current site, or the organization). */
  function store(type: CustomObjectTypeModel, create: boolean): Map<string, CustomObjectRecord> | undefined {
    const byType =
      type.storageScope === 'site'
        ? core.requireSite(`CustomObjectMgr (${type.typeId} is site-scoped)`).customObjects
        : core.state.organizationCustomObjects;
    let objects = byType.get(type.typeId);
    if (!objects && create) {
      objects = new Map();
      byType.set(type.typeId, objects);
    }
    return objects;
  }

  /**
   * The custom-object quota is enforced (platform.md §8, §11.2): creating one object more than the
   * instance may hold throws, and the open transaction can then only roll back. The platform
   * refreshes its object counts with up to 20 minutes of delay; the runtime counts at once.
   */
  function assertQuotaLeft(typeId: string, key: string): void {
    const quota = core.state.platform.customObjectQuota;
    if (quota <= 0) return;
    const existing = core.customObjectCount();
    if (existing < quota) return;
    core.transactions.fail(
      'QuotaExceededException',
      `Quota ${CUSTOM_OBJECT_QUOTA_NAME} (enforced, limit ${quota}): limit exceeded, actual would be ${existing + 1} (all custom object types, sites and the organization); createCustomObject(${typeId}, '${key}') refused`,
    );
  }

  function lookupOf(record: CustomObjectRecord): AttributeLookup {
    return (name) => {
      if (name === 'UUID') return record.uuid;
      if (name === 'creationDate') return record.creationDate;
      if (name === 'lastModified') return record.lastModified;
      const value = record.custom[name.slice('custom.'.length)];
      if (value === undefined || Array.isArray(value)) return null;
      return value as QueryValue;
    };
  }

  function query(
    typeId: string,
    queryString: string,
    sort: string | null | undefined,
    args: unknown[],
  ): CustomObjectRecord[] {
    const type = typeOf(typeId);
    const attributes = attributesOfType(type);
    const isKnownAttribute = (name: string) =>
      SYSTEM_ATTRIBUTES.has(name) || (name.startsWith('custom.') && attributes.has(name.slice('custom.'.length)));
    const predicate = compileQuery(String(queryString), args, { notEqualsMatchesNull: true, isKnownAttribute });
    const matches = [...(store(type, false)?.values() ?? [])].filter((record) => predicate(lookupOf(record)));
    return sortItems(matches, lookupOf, sort, { isKnownAttribute });
  }

  return {
    createCustomObject(typeId: string, key: string | number): CustomObject {
      const type = typeOf(typeId);
      if (key === null || key === undefined || String(key) === '') {
        core.transactions.fail(
          'IllegalArgumentException',
          `createCustomObject(${type.typeId}): the key must not be empty`,
        );
      }
      const keyText = String(key);
      const objects = store(type, true) as Map<string, CustomObjectRecord>;
      if (objects.has(keyText)) {
        core.transactions.fail(
          'ScriptingException',
          `createCustomObject: a ${type.typeId} with key '${keyText}' already exists (keys are unique)`,
        );
      }
      assertQuotaLeft(type.typeId, keyText);
      const now = core.now();
      const siteId = type.storageScope === 'site' ? (core.currentSite?.id ?? null) : null;
      const record: CustomObjectRecord = {
        siteId,
        type: type.typeId,
        key: keyText,
        uuid: randomUUID().replace(/-/g, ''),
        creationDate: now,
        lastModified: now,
        custom: { [type.keyAttribute.id]: type.keyAttribute.type === 'int' ? Number(key) : keyText },
      };
      core.transactions.recordWrite(
        `Custom object ${type.typeId} '${keyText}'`,
        () => objects.delete(keyText),
        customObjectTouchKey(siteId, type.typeId, keyText),
      );
      objects.set(keyText, record);
      return view(record);
    },
    getCustomObject(typeId: string, key: string | number): CustomObject | null {
      const record = store(typeOf(typeId), false)?.get(String(key));
      return record ? view(record) : null;
    },
    queryCustomObjects(typeId: string, queryString: string, sort: string | null, ...args: unknown[]): unknown {
      const records = query(typeId, queryString, sort, args);
      return kit.seekableIterator(records.map(view), records.length);
    },
    queryCustomObject(typeId: string, queryString: string, ...args: unknown[]): CustomObject | null {
      const records = query(typeId, queryString, null, args);
      return records[0] ? view(records[0]) : null;
    },
    getAllCustomObjects(typeId: string): unknown {
      const records = [...(store(typeOf(typeId), false)?.values() ?? [])];
      return kit.seekableIterator(records.map(view), records.length);
    },
    remove(object: unknown): void {
      const record = (object as { record?: CustomObjectRecord } | null)?.record;
      if (!record || typeof record.key !== 'string') throw new TypeError('CustomObjectMgr.remove: not a custom object');
      const objects = store(typeOf(record.type), false);
      if (!objects?.has(record.key)) return;
      core.transactions.recordWrite(
        `Custom object ${record.type} '${record.key}'`,
        () => objects.set(record.key, record),
        customObjectTouchKey(record.siteId, record.type, record.key),
      );
      objects.delete(record.key);
    },
    describe(typeId: string): unknown {
      const type = core.metadata.customObjectType(String(typeId));
      return type ? { ID: type.typeId, getID: () => type.typeId, displayName: type.typeId } : null;
    },
  };
}
