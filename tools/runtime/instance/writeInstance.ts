/**
 * Writes runtime state back in the instance-file format (so the output of one run is the input
 * of the next), with `lastRun` holding what the run did: job and step statuses, warnings, logs,
 * e-mails and the service communication log. The file's text is laid out as Prettier would
 * (formatJson.ts), so a file written into the repository passes `npm run lint`.
 */
import { formatAmount } from '../state/currency';
import {
  CONFIRMATION_STATUS,
  EXPORT_STATUS,
  nameOf,
  ORDER_STATUS,
  PAYMENT_STATUS,
  SHIPPING_STATUS,
  type CustomObjectRecord,
  type OrderRecord,
  type SiteRecord,
} from '../state/records';
import { formatJson } from './formatJson';
import type { RuntimeState } from './loadInstance';
import type {
  ConfirmationStatusName,
  ExportStatusName,
  InstanceCustomObject,
  InstanceFile,
  InstanceOrder,
  InstanceSite,
  OrderStatusName,
  PaymentStatusName,
  ShippingStatusName,
} from './types';

function customJson(values: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value]);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function withCustom<T extends object>(target: T, values: Record<string, unknown>): T {
  const custom = customJson(values);
  return custom ? { ...target, custom } : target;
}

function orderJson(order: OrderRecord): InstanceOrder {
  const currency = order.currencyCode;
  const json: InstanceOrder = {
    orderNo: order.orderNo,
    status: nameOf(ORDER_STATUS, order.status) as OrderStatusName,
    paymentStatus: nameOf(PAYMENT_STATUS, order.paymentStatus) as PaymentStatusName,
    shippingStatus: nameOf(SHIPPING_STATUS, order.shippingStatus) as ShippingStatusName,
    exportStatus: nameOf(EXPORT_STATUS, order.exportStatus) as ExportStatusName,
    confirmationStatus: nameOf(CONFIRMATION_STATUS, order.confirmationStatus) as ConfirmationStatusName,
    currencyCode: currency,
    creationDate: order.creationDate.toISOString(),
    lastModified: order.lastModified.toISOString(),
  };
  if (order.customerEmail !== null) json.customerEmail = order.customerEmail;
  if (order.customerName !== null) json.customerName = order.customerName;
  if (order.customerNo !== null) json.customerNo = order.customerNo;
  if (order.customerLocaleID !== null) json.customerLocaleID = order.customerLocaleID;
  json.shipments = order.shipments.map((shipment) =>
    withCustom(
      {
        id: shipment.id,
        shippingStatus: nameOf(SHIPPING_STATUS, shipment.shippingStatus) as ShippingStatusName,
        ...(shipment.trackingNumber !== null ? { trackingNumber: shipment.trackingNumber } : {}),
        shippingGrossPrice: formatAmount(shipment.shippingGrossPrice, currency),
      },
      shipment.custom,
    ),
  );
  json.productLineItems = order.productLineItems.map((item) =>
    withCustom(
      {
        productID: item.productID,
        productName: item.productName,
        quantity: item.quantity,
        grossPrice: formatAmount(item.grossPrice, currency),
        shipmentID: item.shipmentID,
      },
      item.custom,
    ),
  );
  json.paymentInstruments = order.paymentInstruments.map((instrument) =>
    withCustom(
      {
        paymentMethod: instrument.paymentMethod,
        amount: formatAmount(instrument.amount, currency),
        transaction: withCustom(
          {
            ...(instrument.transactionID !== null ? { transactionID: instrument.transactionID } : {}),
            ...(instrument.paymentProcessor !== null ? { paymentProcessor: instrument.paymentProcessor } : {}),
            type: instrument.transactionType as 'AUTH',
          },
          instrument.transactionCustom,
        ),
      },
      instrument.custom,
    ),
  );
  if (order.priceAdjustments.length > 0) {
    json.priceAdjustments = order.priceAdjustments.map((adjustment) => ({
      promotionID: adjustment.promotionID,
      grossPrice: formatAmount(adjustment.grossPrice, currency),
      ...(adjustment.lineItemText !== null ? { lineItemText: adjustment.lineItemText } : {}),
    }));
  }
  const custom = customJson(order.custom);
  if (custom) json.custom = custom;
  if (order.notes.length > 0) {
    json.notes = order.notes.map((note) => ({
      subject: note.subject,
      text: note.text,
      createdBy: note.createdBy,
      creationDate: note.creationDate.toISOString(),
    }));
  }
  return json;
}

function customObjectsJson(byType: Map<string, Map<string, CustomObjectRecord>>): InstanceCustomObject[] {
  const objects: InstanceCustomObject[] = [];
  for (const records of byType.values()) {
    for (const record of records.values()) {
      objects.push(
        withCustom(
          {
            type: record.type,
            key: record.key,
            creationDate: record.creationDate.toISOString(),
            lastModified: record.lastModified.toISOString(),
          },
          record.custom,
        ),
      );
    }
  }
  return objects;
}

function siteJson(site: SiteRecord, source: InstanceSite | undefined): InstanceSite {
  const json: InstanceSite = {
    id: site.id,
    name: site.name,
    currency: site.currency,
    timezone: site.timezone,
    locales: site.locales,
  };
  if (source?.cartridgePath) json.cartridgePath = source.cartridgePath;
  const preferences = customJson(site.preferences);
  if (preferences) json.preferences = preferences;
  json.orders = [...site.orders.values()].map(orderJson);
  const objects = customObjectsJson(site.customObjects);
  if (objects.length > 0) json.customObjects = objects;
  return json;
}

export function instanceJson(state: RuntimeState, lastRun?: unknown, clockNow?: Date): InstanceFile {
  const source = state.source;
  const json: InstanceFile = { ...source, sites: [] };
  delete json.lastRun;
  // A pinned clock moves on, so the next run on this output does not start before this one ended.
  if (source.clock !== undefined && clockNow !== undefined) json.clock = clockNow.toISOString();
  json.sites = [...state.sites.values()].map((site) =>
    siteJson(
      site,
      source.sites.find((s) => s.id === site.id),
    ),
  );
  const organizationObjects = customObjectsJson(state.organizationCustomObjects);
  if (organizationObjects.length > 0) json.customObjects = organizationObjects;
  else delete json.customObjects;
  if (lastRun !== undefined) json.lastRun = lastRun;
  return json;
}

/** The text of the instance file `target`: instanceJson laid out by Prettier, ending in a newline. */
export function instanceFileText(target: string, state: RuntimeState, lastRun?: unknown, clockNow?: Date): string {
  return formatJson(instanceJson(state, lastRun, clockNow), target);
}
