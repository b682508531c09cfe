/**
 * Reads an instance file into runtime state. Two passes: the JSON Schema (shape), then the
 * platform's own rules (custom attribute types from metadata/, currencies and their decimals,
 * unique order numbers and custom object keys, storage scope, the custom-object quota). Every problem is reported with
 * its JSON path; nothing is half-loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readProblem } from '../../userFile';
import type { ServiceDefinition } from '../dw/context';
import { coerceAttributeValue } from '../state/customAttributes';
import { countCustomObjects, CUSTOM_OBJECT_QUOTA_NAME } from '../state/customObjectCount';
import { formatAmount, fractionDigits, isKnownCurrency, parseAmount } from '../state/currency';
import { customObjectAttributes, type AttributeModel, type RuntimeMetadata } from '../state/metadata';
import {
  CONFIRMATION_STATUS,
  EXPORT_STATUS,
  ORDER_STATUS,
  PAYMENT_STATUS,
  SHIPPING_STATUS,
  type CustomObjectRecord,
  type OrderRecord,
  type PlatformSettings,
  type PriceAdjustmentRecord,
  type SiteRecord,
} from '../state/records';
import type { InstanceCustomObject, InstanceFile, InstanceOrder, InstancePriceAdjustment, InstanceSite } from './types';

export const INSTANCE_SCHEMA_FILE = path.join(__dirname, 'instance.schema.json');

export interface InstanceProblem {
  path: string;
  message: string;
}

export class InstanceFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: InstanceProblem[],
  ) {
    super(
      `${file}: ${problems.length} problem(s)\n` + problems.map((p) => `  ${p.path || '/'}: ${p.message}`).join('\n'),
    );
  }
}

export interface RuntimeState {
  sites: Map<string, SiteRecord>;
  organizationCustomObjects: Map<string, Map<string, CustomObjectRecord>>;
  services: Map<string, ServiceDefinition>;
  platform: PlatformSettings;
  clock?: Date;
  /** The file as read, so that writing back keeps what the runtime does not model. */
  source: InstanceFile;
}

export const DEFAULT_PLATFORM: PlatformSettings = {
  orderSearch: { resultLimit: 1000, notEqualsMatchesNull: true, indexLag: true },
  jsArrayLimit: 20000,
  customObjectQuota: 400000,
};

let schemaValidator: ReturnType<Ajv['compile']> | undefined;

function validateShape(json: unknown): InstanceProblem[] {
  if (!schemaValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    schemaValidator = ajv.compile(JSON.parse(fs.readFileSync(INSTANCE_SCHEMA_FILE, 'utf8')));
  }
  if (schemaValidator(json)) return [];
  return (schemaValidator.errors ?? []).map((error) => {
    const extra =
      error.keyword === 'additionalProperties'
        ? ` ('${String((error.params as { additionalProperty: string }).additionalProperty)}')`
        : error.keyword === 'enum'
          ? ` (${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')})`
          : '';
    return { path: error.instancePath, message: `${error.message ?? 'invalid'}${extra}` };
  });
}

class Problems {
  readonly list: InstanceProblem[] = [];
  add(pathParts: Array<string | number>, message: string): void {
    this.list.push({ path: '/' + pathParts.join('/'), message });
  }
}

function customValues(
  values: Record<string, unknown> | undefined,
  attributes: ReadonlyMap<string, AttributeModel>,
  typeId: string,
  at: Array<string | number>,
  problems: Problems,
): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(values ?? {})) {
    const attribute = attributes.get(name);
    if (!attribute) {
      problems.add([...at, name], `custom attribute '${name}' is not defined for ${typeId} in metadata/`);
      continue;
    }
    const input =
      (attribute.type === 'date' || attribute.type === 'datetime') && typeof raw === 'string' ? new Date(raw) : raw;
    const coerced = coerceAttributeValue(attribute, input);
    if ('error' in coerced) problems.add([...at, name], `${typeId}.${name} ${coerced.error}`);
    else stored[name] = coerced.value;
  }
  return stored;
}

function amount(
  value: string | number | undefined,
  currency: string,
  at: Array<string | number>,
  problems: Problems,
): number {
  if (value === undefined) return 0;
  if (!isKnownCurrency(currency)) return 0;
  const parsed = parseAmount(value, currency);
  if (parsed === undefined) {
    problems.add(at, `${String(value)} has more decimals than ${currency} allows (${fractionDigits(currency)})`);
    return 0;
  }
  return parsed;
}

/**
 * Order-level price adjustments: each a discount (zero or negative, with at most the currency's
 * decimals), one per promotion ID, as LineItemCtnr.getPriceAdjustmentByPromotionID() finds one.
 */
function priceAdjustments(
  adjustments: InstancePriceAdjustment[] | undefined,
  orderNo: string,
  currency: string,
  at: Array<string | number>,
  problems: Problems,
): PriceAdjustmentRecord[] {
  const seen = new Set<string>();
  return (adjustments ?? []).map((adjustment, index) => {
    const here = [...at, 'priceAdjustments', index];
    const what = `Order ${orderNo}: price adjustment '${adjustment.promotionID}'`;
    if (seen.has(adjustment.promotionID)) {
      problems.add(
        [...here, 'promotionID'],
        `${what} is listed twice; an order has at most one price adjustment per promotion ID`,
      );
    }
    seen.add(adjustment.promotionID);
    let grossPrice = 0;
    if (isKnownCurrency(currency)) {
      const parsed = parseAmount(adjustment.grossPrice, currency);
      if (parsed === undefined) {
        problems.add(
          [...here, 'grossPrice'],
          `${what} has grossPrice ${String(adjustment.grossPrice)}, with more decimals than ${currency} allows (${fractionDigits(currency)})`,
        );
      } else if (parsed > 0) {
        problems.add(
          [...here, 'grossPrice'],
          `${what} has grossPrice ${String(adjustment.grossPrice)}: an order-level discount is zero or negative (e.g. "-${formatAmount(parsed, currency)}")`,
        );
      } else {
        grossPrice = parsed === 0 ? 0 : parsed;
      }
    }
    return {
      uuid: randomUUID().replace(/-/g, ''),
      promotionID: adjustment.promotionID,
      grossPrice,
      lineItemText: adjustment.lineItemText ?? null,
    };
  });
}

function date(value: string | undefined, fallback: Date): Date {
  return value ? new Date(value) : new Date(fallback.getTime());
}

function readOrder(
  order: InstanceOrder,
  site: SiteRecord,
  metadata: RuntimeMetadata,
  at: Array<string | number>,
  now: Date,
  problems: Problems,
): OrderRecord {
  const currency = order.currencyCode ?? site.currency;
  if (!isKnownCurrency(currency)) problems.add([...at, 'currencyCode'], `unknown currency '${currency}'`);
  const shipments = (order.shipments ?? [{ id: 'me' }]).map((shipment, index) => ({
    id: shipment.id,
    shipmentNo: String(index + 1).padStart(8, '0'),
    shippingStatus: SHIPPING_STATUS[shipment.shippingStatus ?? 'NOTSHIPPED'],
    trackingNumber: shipment.trackingNumber ?? null,
    shippingGrossPrice: amount(
      shipment.shippingGrossPrice,
      currency,
      [...at, 'shipments', index, 'shippingGrossPrice'],
      problems,
    ),
    custom: customValues(
      shipment.custom,
      metadata.attributesOf('Shipment'),
      'Shipment',
      [...at, 'shipments', index, 'custom'],
      problems,
    ),
  }));
  const shipmentIds = new Set(shipments.map((s) => s.id));
  if (shipmentIds.size !== shipments.length) problems.add([...at, 'shipments'], 'shipment IDs must be unique');
  const productLineItems = (order.productLineItems ?? []).map((item, index) => {
    const shipmentID = item.shipmentID ?? shipments[0]?.id ?? 'me';
    if (!shipmentIds.has(shipmentID)) {
      problems.add([...at, 'productLineItems', index, 'shipmentID'], `no shipment '${shipmentID}' in this order`);
    }
    return {
      uuid: randomUUID().replace(/-/g, ''),
      productID: item.productID,
      productName: item.productName ?? item.productID,
      quantity: item.quantity ?? 1,
      grossPrice: amount(item.grossPrice, currency, [...at, 'productLineItems', index, 'grossPrice'], problems),
      shipmentID,
      custom: customValues(
        item.custom,
        metadata.attributesOf('ProductLineItem'),
        'ProductLineItem',
        [...at, 'productLineItems', index, 'custom'],
        problems,
      ),
    };
  });
  const paymentInstruments = (order.paymentInstruments ?? []).map((instrument, index) => {
    const here = [...at, 'paymentInstruments', index];
    return {
      uuid: randomUUID().replace(/-/g, ''),
      paymentMethod: instrument.paymentMethod,
      amount: amount(instrument.amount, currency, [...here, 'amount'], problems),
      transactionID: instrument.transaction?.transactionID ?? null,
      paymentProcessor: instrument.transaction?.paymentProcessor ?? null,
      transactionType: instrument.transaction?.type ?? 'AUTH',
      transactionCustom: customValues(
        instrument.transaction?.custom,
        metadata.attributesOf('PaymentTransaction'),
        'PaymentTransaction',
        [...here, 'transaction', 'custom'],
        problems,
      ),
      custom: customValues(
        instrument.custom,
        metadata.attributesOf('OrderPaymentInstrument'),
        'OrderPaymentInstrument',
        [...here, 'custom'],
        problems,
      ),
    };
  });
  const creationDate = date(order.creationDate, now);
  return {
    siteId: site.id,
    orderNo: order.orderNo,
    uuid: randomUUID().replace(/-/g, ''),
    status: ORDER_STATUS[order.status ?? 'NEW'],
    paymentStatus: PAYMENT_STATUS[order.paymentStatus ?? 'NOTPAID'],
    shippingStatus: SHIPPING_STATUS[order.shippingStatus ?? 'NOTSHIPPED'],
    exportStatus: EXPORT_STATUS[order.exportStatus ?? 'NOTEXPORTED'],
    confirmationStatus: CONFIRMATION_STATUS[order.confirmationStatus ?? 'CONFIRMED'],
    currencyCode: currency,
    creationDate,
    lastModified: date(order.lastModified, creationDate),
    customerEmail: order.customerEmail ?? null,
    customerName: order.customerName ?? null,
    customerNo: order.customerNo ?? null,
    customerLocaleID: order.customerLocaleID ?? null,
    shipments,
    productLineItems,
    paymentInstruments,
    priceAdjustments: priceAdjustments(order.priceAdjustments, order.orderNo, currency, at, problems),
    custom: customValues(order.custom, metadata.attributesOf('Order'), 'Order', [...at, 'custom'], problems),
    notes: (order.notes ?? []).map((note) => ({
      subject: note.subject,
      text: note.text,
      createdBy: note.createdBy ?? 'system',
      creationDate: date(note.creationDate, now),
    })),
  };
}

function readCustomObjects(
  objects: InstanceCustomObject[] | undefined,
  siteId: string | null,
  metadata: RuntimeMetadata,
  at: Array<string | number>,
  now: Date,
  problems: Problems,
): Map<string, Map<string, CustomObjectRecord>> {
  const byType = new Map<string, Map<string, CustomObjectRecord>>();
  (objects ?? []).forEach((object, index) => {
    const here = [...at, index];
    const type = metadata.customObjectType(object.type);
    if (!type) {
      problems.add([...here, 'type'], `custom object type '${object.type}' is not defined in metadata/`);
      return;
    }
    const expectedScope = siteId === null ? 'organization' : 'site';
    if (type.storageScope !== expectedScope) {
      problems.add(
        [...here, 'type'],
        `${object.type} is ${type.storageScope}-scoped: list it under ${type.storageScope === 'site' ? 'sites[].customObjects' : 'the top-level customObjects'}`,
      );
      return;
    }
    const keys = byType.get(object.type) ?? new Map<string, CustomObjectRecord>();
    if (keys.has(object.key)) problems.add([...here, 'key'], `duplicate key '${object.key}' for ${object.type}`);
    const attributes = customObjectAttributes(type);
    attributes.delete(type.keyAttribute.id);
    const { [type.keyAttribute.id]: keyInCustom, ...values } = object.custom ?? {};
    // Written state repeats the key among the attributes; it must then be the same key.
    if (keyInCustom !== undefined && String(keyInCustom) !== object.key) {
      problems.add(
        [...here, 'custom', type.keyAttribute.id],
        `is the key attribute; it must equal key '${object.key}'`,
      );
    }
    const custom = customValues(values, attributes, object.type, [...here, 'custom'], problems);
    custom[type.keyAttribute.id] = object.key;
    const creationDate = date(object.creationDate, now);
    keys.set(object.key, {
      siteId,
      type: object.type,
      key: object.key,
      uuid: randomUUID().replace(/-/g, ''),
      creationDate,
      lastModified: date(object.lastModified, creationDate),
      custom,
    });
    byType.set(object.type, keys);
  });
  return byType;
}

function readSite(
  site: InstanceSite,
  file: InstanceFile,
  metadata: RuntimeMetadata,
  at: Array<string | number>,
  now: Date,
  problems: Problems,
): SiteRecord {
  const currency = site.currency ?? 'EUR';
  if (!isKnownCurrency(currency)) problems.add([...at, 'currency'], `unknown currency '${currency}'`);
  const preferenceAttributes = metadata.attributesOf('SitePreferences');
  const preferences: Record<string, unknown> = {};
  for (const attribute of preferenceAttributes.values()) {
    if (attribute.defaultValue === undefined) continue;
    const defaultValue = attribute.type === 'boolean' ? attribute.defaultValue === 'true' : attribute.defaultValue;
    const coerced = coerceAttributeValue(attribute, defaultValue);
    if (!('error' in coerced)) preferences[attribute.id] = coerced.value;
  }
  Object.assign(
    preferences,
    customValues(site.preferences, preferenceAttributes, 'SitePreferences', [...at, 'preferences'], problems),
  );
  const record: SiteRecord = {
    id: site.id,
    name: site.name ?? site.id,
    currency,
    timezone: site.timezone ?? 'Etc/UTC',
    locales: site.locales ?? ['default'],
    cartridgePath: site.cartridgePath ?? file.cartridgePath ?? ['int_payment_operations'],
    preferences,
    orders: new Map(),
    customObjects: new Map(),
  };
  (site.orders ?? []).forEach((order, index) => {
    if (record.orders.has(order.orderNo)) {
      problems.add([...at, 'orders', index, 'orderNo'], `duplicate order number '${order.orderNo}' in site ${site.id}`);
    }
    record.orders.set(order.orderNo, readOrder(order, record, metadata, [...at, 'orders', index], now, problems));
  });
  record.customObjects = readCustomObjects(
    site.customObjects,
    site.id,
    metadata,
    [...at, 'customObjects'],
    now,
    problems,
  );
  return record;
}

function readServices(file: InstanceFile): Map<string, ServiceDefinition> {
  const services = new Map<string, ServiceDefinition>();
  for (const service of file.services ?? []) {
    const definition: ServiceDefinition = {
      id: service.id,
      type: service.type ?? 'HTTP',
      enabled: service.enabled ?? true,
      communicationLog: service.communicationLog ?? false,
      credential: { id: service.credential.id ?? `${service.id}.credentials`, url: service.credential.url },
      profile: {
        id: service.profile?.id ?? `${service.id}.profile`,
        timeoutMillis: service.profile?.timeoutMillis ?? 20000,
      },
    };
    if (service.logPrefix !== undefined) definition.logPrefix = service.logPrefix;
    if (service.credential.user !== undefined) definition.credential.user = service.credential.user;
    if (service.credential.password !== undefined) definition.credential.password = service.credential.password;
    if (service.profile?.rateLimit) definition.profile.rateLimit = service.profile.rateLimit;
    if (service.profile?.circuitBreaker) definition.profile.circuitBreaker = service.profile.circuitBreaker;
    services.set(service.id, definition);
  }
  return services;
}

/** Validates and reads an instance; throws InstanceFileError listing every problem. */
export function readInstance(json: unknown, metadata: RuntimeMetadata, file = 'instance'): RuntimeState {
  const shapeProblems = validateShape(json);
  if (shapeProblems.length > 0) throw new InstanceFileError(file, shapeProblems);
  const source = json as InstanceFile;
  const problems = new Problems();
  const now = source.clock ? new Date(source.clock) : new Date();
  const sites = new Map<string, SiteRecord>();
  source.sites.forEach((site, index) => {
    if (sites.has(site.id)) problems.add(['sites', index, 'id'], `duplicate site ID '${site.id}'`);
    sites.set(site.id, readSite(site, source, metadata, ['sites', index], now, problems));
  });
  const serviceIds = new Set<string>();
  (source.services ?? []).forEach((service, index) => {
    if (serviceIds.has(service.id)) problems.add(['services', index, 'id'], `duplicate service ID '${service.id}'`);
    serviceIds.add(service.id);
  });
  const organizationCustomObjects = readCustomObjects(
    source.customObjects,
    null,
    metadata,
    ['customObjects'],
    now,
    problems,
  );
  const customObjectQuota = source.platform?.customObjectQuota ?? DEFAULT_PLATFORM.customObjectQuota;
  const customObjects = countCustomObjects(sites.values(), organizationCustomObjects);
  if (customObjectQuota > 0 && customObjects > customObjectQuota) {
    problems.add(
      ['platform', 'customObjectQuota'],
      `the file holds ${customObjects} custom objects (all types, sites and the organization), more than the quota ${CUSTOM_OBJECT_QUOTA_NAME} allows (${customObjectQuota}): remove objects or raise platform.customObjectQuota`,
    );
  }
  if (problems.list.length > 0) throw new InstanceFileError(file, problems.list);
  const orderSearch = source.platform?.orderSearch ?? {};
  const state: RuntimeState = {
    sites,
    organizationCustomObjects,
    services: readServices(source),
    platform: {
      orderSearch: {
        resultLimit: orderSearch.resultLimit ?? DEFAULT_PLATFORM.orderSearch.resultLimit,
        notEqualsMatchesNull: orderSearch.notEqualsMatchesNull ?? DEFAULT_PLATFORM.orderSearch.notEqualsMatchesNull,
        indexLag: orderSearch.indexLag ?? DEFAULT_PLATFORM.orderSearch.indexLag,
      },
      jsArrayLimit: source.platform?.jsArrayLimit ?? DEFAULT_PLATFORM.jsArrayLimit,
      customObjectQuota,
    },
    source,
  };
  if (source.clock) state.clock = new Date(source.clock);
  return state;
}

export function readInstanceFile(file: string, metadata: RuntimeMetadata): RuntimeState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new InstanceFileError(file, [{ path: '', message: readProblem(error) }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InstanceFileError(file, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return readInstance(json, metadata, file);
}
