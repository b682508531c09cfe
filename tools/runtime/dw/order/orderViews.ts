/**
 * dw.order.Order and the objects hanging off it (Shipment, ProductLineItem, PriceAdjustment,
 * OrderPaymentInstrument, PaymentTransaction, Note) as views over OrderRecord. Getters exist both
 * as methods and as properties, statuses read back as EnumValue, amounts as Money, and every
 * write goes through the open transaction.
 */
import { orderTouchKey, type RuntimeCore } from '../../runtimeCore';
import { fractionDigits } from '../../state/currency';
import { createCustomAttributes } from '../../state/customAttributes';
import {
  CONFIRMATION_STATUS,
  EXPORT_STATUS,
  nameOf,
  ORDER_STATUS,
  PAYMENT_STATUS,
  SHIPPING_STATUS,
  type LineItemRecord,
  type NoteRecord,
  type OrderRecord,
  type PaymentInstrumentRecord,
  type PriceAdjustmentRecord,
  type ShipmentRecord,
} from '../../state/records';
import type { ValueKit } from '../valueKit';
import { writeField } from './persistentWrite';

export const ORDER_CONSTANTS = {
  ORDER_STATUS_CREATED: ORDER_STATUS.CREATED,
  ORDER_STATUS_NEW: ORDER_STATUS.NEW,
  ORDER_STATUS_OPEN: ORDER_STATUS.OPEN,
  ORDER_STATUS_COMPLETED: ORDER_STATUS.COMPLETED,
  ORDER_STATUS_CANCELLED: ORDER_STATUS.CANCELLED,
  ORDER_STATUS_REPLACED: ORDER_STATUS.REPLACED,
  ORDER_STATUS_FAILED: ORDER_STATUS.FAILED,
  PAYMENT_STATUS_NOTPAID: PAYMENT_STATUS.NOTPAID,
  PAYMENT_STATUS_PARTPAID: PAYMENT_STATUS.PARTPAID,
  PAYMENT_STATUS_PAID: PAYMENT_STATUS.PAID,
  SHIPPING_STATUS_NOTSHIPPED: SHIPPING_STATUS.NOTSHIPPED,
  SHIPPING_STATUS_PARTSHIPPED: SHIPPING_STATUS.PARTSHIPPED,
  SHIPPING_STATUS_SHIPPED: SHIPPING_STATUS.SHIPPED,
  EXPORT_STATUS_NOTEXPORTED: EXPORT_STATUS.NOTEXPORTED,
  EXPORT_STATUS_EXPORTED: EXPORT_STATUS.EXPORTED,
  EXPORT_STATUS_READY: EXPORT_STATUS.READY,
  EXPORT_STATUS_FAILED: EXPORT_STATUS.FAILED,
  CONFIRMATION_STATUS_NOTCONFIRMED: CONFIRMATION_STATUS.NOTCONFIRMED,
  CONFIRMATION_STATUS_CONFIRMED: CONFIRMATION_STATUS.CONFIRMED,
};

export const PAYMENT_TRANSACTION_CONSTANTS = {
  TYPE_AUTH: 'AUTH',
  TYPE_AUTH_REVERSAL: 'AUTH_REVERSAL',
  TYPE_CAPTURE: 'CAPTURE',
  TYPE_CREDIT: 'CREDIT',
};

const TRANSACTION_TYPES = new Set(Object.values(PAYMENT_TRANSACTION_CONSTANTS));

/** Defines `x` and `getX()` for each name, reading through `read`. */
function defineGetters<T extends object>(prototype: T, names: Record<string, (self: never) => unknown>): void {
  for (const [name, read] of Object.entries(names)) {
    Object.defineProperty(prototype, name, {
      get(this: never) {
        return read(this);
      },
      configurable: true,
    });
    const method = `get${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    Object.defineProperty(prototype, method, {
      value(this: never) {
        return read(this);
      },
      configurable: true,
      writable: true,
    });
  }
}

/** Orders whose views are kept for reuse; the views of older ones are left to the garbage collector. */
export const RECENT_ORDER_VIEWS = 2_000;

export interface OrderViews {
  orderView(record: OrderRecord): object;
  /** Orders whose views are currently kept (at most RECENT_ORDER_VIEWS). */
  cachedOrderViews(): number;
  OrderClass: unknown;
  ShipmentClass: unknown;
  PaymentTransactionClass: unknown;
  PaymentInstrumentClass: unknown;
  PriceAdjustmentClass: unknown;
}

export function createOrderViews(core: RuntimeCore, kit: ValueKit): OrderViews {
  // Views of the orders used most recently, per order: asking twice for the same order or part
  // gives the same object, as on the platform, while the views of orders a run has moved past are
  // dropped and can be collected (a job over 100,000 orders must not keep 100,000 sets of views).
  const families = new Map<OrderRecord, WeakMap<object, object>>();
  const cached = <R extends object, V extends object>(order: OrderRecord, record: R, make: (r: R) => V): V => {
    let family = families.get(order);
    if (family) {
      families.delete(order);
    } else {
      family = new WeakMap();
      if (families.size >= RECENT_ORDER_VIEWS) families.delete(families.keys().next().value as OrderRecord);
    }
    families.set(order, family);
    let view = family.get(record) as V | undefined;
    if (!view) {
      view = make(record);
      family.set(record, view);
    }
    return view;
  };
  const now = () => core.now();
  function statusValue(table: Record<string, number>, value: unknown, what: string): number {
    const numeric =
      typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
    if (typeof numeric !== 'number' || !Object.values(table).includes(numeric)) {
      return core.transactions.fail('IllegalArgumentException', `${what}: ${String(value)} is not a valid value`);
    }
    return numeric;
  }

  const enumOf = (table: Record<string, number>, value: number) => kit.enumValue(value, nameOf(table, value));
  const money = (order: OrderRecord, value: number) => kit.money(value, order.currencyCode);
  const attributes = (
    typeId: string,
    describe: string,
    values: Record<string, unknown>,
    order: OrderRecord,
  ): Record<string, unknown> =>
    createCustomAttributes(
      {
        describe,
        typeId,
        attributes: core.metadata.attributesOf(typeId),
        values,
        touchedKey: orderTouchKey(order.siteId, order.orderNo),
        modified: { owner: order, now },
      },
      core.transactions,
      kit,
    );

  /** Writes a field of a part of the order (shipment, payment transaction): the order is what changed. */
  const writeOrderPart = <R extends object, K extends keyof R>(
    order: OrderRecord,
    describe: string,
    record: R,
    field: K,
    value: R[K],
  ): void => writeField(core, describe, record, field, value, orderTouchKey(order.siteId, order.orderNo), order);

  class Note {
    constructor(readonly record: NoteRecord) {}
  }
  defineGetters(Note.prototype, {
    subject: (self: Note) => self.record.subject,
    text: (self: Note) => self.record.text,
    createdBy: (self: Note) => self.record.createdBy,
    creationDate: (self: Note) => new Date(self.record.creationDate.getTime()),
  });

  class PaymentTransaction {
    readonly custom: Record<string, unknown>;
    constructor(
      readonly record: PaymentInstrumentRecord,
      readonly order: OrderRecord,
    ) {
      this.custom = attributes(
        'PaymentTransaction',
        `PaymentTransaction of order ${order.orderNo}`,
        record.transactionCustom,
        order,
      );
    }
    setTransactionID(id: string): void {
      writeOrderPart(
        this.order,
        `PaymentTransaction of order ${this.order.orderNo}`,
        this.record,
        'transactionID',
        String(id),
      );
    }
    setType(type: string): void {
      if (!TRANSACTION_TYPES.has(String(type))) {
        core.transactions.fail('IllegalArgumentException', `PaymentTransaction.setType: unknown type ${String(type)}`);
      }
      writeOrderPart(
        this.order,
        `PaymentTransaction of order ${this.order.orderNo}`,
        this.record,
        'transactionType',
        String(type),
      );
    }
    setAmount(amount: { value: number; currencyCode: string }): void {
      if (amount.currencyCode !== this.order.currencyCode) {
        core.transactions.fail(
          'IllegalArgumentException',
          `PaymentTransaction.setAmount: ${amount.currencyCode} is not the order currency ${this.order.currencyCode}`,
        );
      }
      writeOrderPart(
        this.order,
        `PaymentTransaction of order ${this.order.orderNo}`,
        this.record,
        'amount',
        amount.value,
      );
    }
    setPaymentProcessor(processor: { ID: string } | null): void {
      writeOrderPart(
        this.order,
        `PaymentTransaction of order ${this.order.orderNo}`,
        this.record,
        'paymentProcessor',
        processor ? processor.ID : null,
      );
    }
  }
  Object.assign(PaymentTransaction, PAYMENT_TRANSACTION_CONSTANTS);
  defineGetters(PaymentTransaction.prototype, {
    transactionID: (self: PaymentTransaction) => self.record.transactionID,
    amount: (self: PaymentTransaction) => money(self.order, self.record.amount),
    type: (self: PaymentTransaction) => kit.enumValue(self.record.transactionType, self.record.transactionType),
    paymentProcessor: (self: PaymentTransaction) =>
      self.record.paymentProcessor === null
        ? null
        : { ID: self.record.paymentProcessor, getID: () => self.record.paymentProcessor },
    paymentInstrument: (self: PaymentTransaction) => paymentInstrumentView(self.record, self.order),
    UUID: (self: PaymentTransaction) => `${self.record.uuid}-tx`,
  });

  class OrderPaymentInstrument {
    readonly custom: Record<string, unknown>;
    constructor(
      readonly record: PaymentInstrumentRecord,
      readonly order: OrderRecord,
    ) {
      this.custom = attributes(
        'OrderPaymentInstrument',
        `Payment instrument of order ${order.orderNo}`,
        record.custom,
        order,
      );
    }
  }
  Object.assign(OrderPaymentInstrument, {
    METHOD_CREDIT_CARD: 'CREDIT_CARD',
    METHOD_GIFT_CERTIFICATE: 'GIFT_CERTIFICATE',
    METHOD_BANK_TRANSFER: 'BANK_TRANSFER',
    METHOD_DW_APPLE_PAY: 'DW_APPLE_PAY',
  });
  defineGetters(OrderPaymentInstrument.prototype, {
    paymentMethod: (self: OrderPaymentInstrument) => self.record.paymentMethod,
    UUID: (self: OrderPaymentInstrument) => self.record.uuid,
  });
  const paymentInstrumentView = (record: PaymentInstrumentRecord, order: OrderRecord) =>
    cached(order, record, () => new OrderPaymentInstrument(record, order));
  defineGetters(OrderPaymentInstrument.prototype, {
    // Cached under the record's own transaction attributes, a distinct object, so that the
    // instrument's view and its transaction's view are kept apart.
    paymentTransaction: (self: OrderPaymentInstrument) =>
      cached(self.order, self.record.transactionCustom, () => new PaymentTransaction(self.record, self.order)),
  });

  class ProductLineItem {
    readonly custom: Record<string, unknown>;
    constructor(
      readonly record: LineItemRecord,
      readonly order: OrderRecord,
    ) {
      this.custom = attributes(
        'ProductLineItem',
        `Product line item ${record.productID} of order ${order.orderNo}`,
        record.custom,
        order,
      );
    }
  }
  defineGetters(ProductLineItem.prototype, {
    productID: (self: ProductLineItem) => self.record.productID,
    productName: (self: ProductLineItem) => self.record.productName,
    quantityValue: (self: ProductLineItem) => self.record.quantity,
    quantity: (self: ProductLineItem) => ({
      value: self.record.quantity,
      unit: '',
      getValue: () => self.record.quantity,
    }),
    grossPrice: (self: ProductLineItem) => money(self.order, self.record.grossPrice),
    adjustedGrossPrice: (self: ProductLineItem) => money(self.order, self.record.grossPrice),
    price: (self: ProductLineItem) => money(self.order, self.record.grossPrice),
    UUID: (self: ProductLineItem) => self.record.uuid,
    shipment: (self: ProductLineItem) => {
      const shipment = self.order.shipments.find((s) => s.id === self.record.shipmentID);
      return shipment ? shipmentView(shipment, self.order) : null;
    },
  });
  const lineItemView = (record: LineItemRecord, order: OrderRecord) =>
    cached(order, record, () => new ProductLineItem(record, order));

  /**
   * An order-level dw.order.PriceAdjustment (LineItemCtnr.getPriceAdjustments()), read-only. The
   * runtime prices gross only, so `price` (LineItem: "If the line item is based on gross pricing
   * then the gross price is returned") is the gross price.
   */
  class PriceAdjustment {
    constructor(
      readonly record: PriceAdjustmentRecord,
      readonly order: OrderRecord,
    ) {}
  }
  defineGetters(PriceAdjustment.prototype, {
    promotionID: (self: PriceAdjustment) => self.record.promotionID,
    grossPrice: (self: PriceAdjustment) => money(self.order, self.record.grossPrice),
    price: (self: PriceAdjustment) => money(self.order, self.record.grossPrice),
    priceValue: (self: PriceAdjustment) => self.record.grossPrice,
    lineItemText: (self: PriceAdjustment) => self.record.lineItemText,
    UUID: (self: PriceAdjustment) => self.record.uuid,
  });
  const priceAdjustmentView = (record: PriceAdjustmentRecord, order: OrderRecord) =>
    cached(order, record, () => new PriceAdjustment(record, order));

  class Shipment {
    readonly custom: Record<string, unknown>;
    constructor(
      readonly record: ShipmentRecord,
      readonly order: OrderRecord,
    ) {
      this.custom = attributes('Shipment', `Shipment ${record.id} of order ${order.orderNo}`, record.custom, order);
    }
    setShippingStatus(status: unknown): void {
      const value = statusValue(SHIPPING_STATUS, status, 'Shipment.setShippingStatus');
      writeOrderPart(
        this.order,
        `Shipment ${this.record.id} of order ${this.order.orderNo}`,
        this.record,
        'shippingStatus',
        value,
      );
    }
    setTrackingNumber(trackingNumber: string | null): void {
      writeOrderPart(
        this.order,
        `Shipment ${this.record.id} of order ${this.order.orderNo}`,
        this.record,
        'trackingNumber',
        trackingNumber === null ? null : String(trackingNumber),
      );
    }
  }
  Object.assign(Shipment, {
    SHIPPING_STATUS_NOTSHIPPED: SHIPPING_STATUS.NOTSHIPPED,
    SHIPPING_STATUS_SHIPPED: SHIPPING_STATUS.SHIPPED,
  });
  defineGetters(Shipment.prototype, {
    ID: (self: Shipment) => self.record.id,
    shipmentNo: (self: Shipment) => self.record.shipmentNo,
    shippingStatus: (self: Shipment) => enumOf(SHIPPING_STATUS, self.record.shippingStatus),
    trackingNumber: (self: Shipment) => self.record.trackingNumber,
    shippingTotalGrossPrice: (self: Shipment) => money(self.order, self.record.shippingGrossPrice),
    merchandizeTotalGrossPrice: (self: Shipment) => money(self.order, shipmentMerchandize(self.record, self.order)),
    // Shipment.adjustedMerchandizeTotalGrossPrice: "the sum of product prices and adjustments
    // including tax, excluding services"; adjustedShippingTotalGrossPrice: "including shipping
    // adjustuments and tax". The runtime has no product- or shipping-level adjustments, so both
    // equal the unadjusted totals. Order-level adjustments belong to the order, not to a shipment
    // (Shipment.merchandizeTotalPriceAdjustments: "Shipments cannot have product price
    // adjustments"); a shipment only sees them prorated (proratedMerchandizeTotalPrice).
    adjustedMerchandizeTotalGrossPrice: (self: Shipment) =>
      money(self.order, shipmentMerchandize(self.record, self.order)),
    adjustedShippingTotalGrossPrice: (self: Shipment) => money(self.order, self.record.shippingGrossPrice),
    // Products plus shipping of this shipment; order-level adjustments are not in it.
    totalGrossPrice: (self: Shipment) =>
      money(
        self.order,
        sum([shipmentMerchandize(self.record, self.order), self.record.shippingGrossPrice], self.order),
      ),
    productLineItems: (self: Shipment) =>
      kit.list(
        self.order.productLineItems
          .filter((item) => item.shipmentID === self.record.id)
          .map((item) => lineItemView(item, self.order)),
      ),
  });
  const shipmentView = (record: ShipmentRecord, order: OrderRecord) =>
    cached(order, record, () => new Shipment(record, order));

  function shipmentMerchandize(shipment: ShipmentRecord, order: OrderRecord): number {
    return sum(
      order.productLineItems.filter((item) => item.shipmentID === shipment.id).map((item) => item.grossPrice),
      order,
    );
  }

  function sum(values: number[], order: OrderRecord): number {
    const digits = fractionDigits(order.currencyCode);
    const factor = 10 ** digits;
    return values.reduce((total, value) => total + Math.round(value * factor), 0) / factor;
  }

  class Order {
    readonly custom: Record<string, unknown>;
    constructor(readonly record: OrderRecord) {
      this.custom = attributes('Order', `Order ${record.orderNo}`, record.custom, record);
    }
    private write<K extends keyof OrderRecord>(field: K, value: OrderRecord[K]): void {
      writeField(
        core,
        `Order ${this.record.orderNo}`,
        this.record,
        field,
        value,
        orderTouchKey(this.record.siteId, this.record.orderNo),
      );
    }
    setStatus(status: unknown): void {
      const value = statusValue(ORDER_STATUS, status, 'Order.setStatus');
      if (value === ORDER_STATUS.CREATED || value === ORDER_STATUS.FAILED) {
        core.transactions.fail(
          'IllegalArgumentException',
          'Order.setStatus: CREATED and FAILED cannot be set (use OrderMgr.placeOrder / failOrder)',
        );
      }
      this.write('status', value);
    }
    setPaymentStatus(status: unknown): void {
      this.write('paymentStatus', statusValue(PAYMENT_STATUS, status, 'Order.setPaymentStatus'));
    }
    setShippingStatus(status: unknown): void {
      this.write('shippingStatus', statusValue(SHIPPING_STATUS, status, 'Order.setShippingStatus'));
    }
    setExportStatus(status: unknown): void {
      this.write('exportStatus', statusValue(EXPORT_STATUS, status, 'Order.setExportStatus'));
    }
    setConfirmationStatus(status: unknown): void {
      this.write('confirmationStatus', statusValue(CONFIRMATION_STATUS, status, 'Order.setConfirmationStatus'));
    }
    setCustomerEmail(email: string): void {
      this.write('customerEmail', String(email));
    }
    addNote(subject: string, text: string): object {
      const note: NoteRecord = {
        subject: String(subject),
        text: String(text),
        createdBy: 'job',
        creationDate: core.now(),
      };
      const notes = this.record.notes;
      core.transactions.recordWrite(`Order ${this.record.orderNo}`, () => {
        const index = notes.indexOf(note);
        if (index >= 0) notes.splice(index, 1);
      });
      notes.push(note);
      return new Note(note);
    }
    getPaymentInstruments(paymentMethodID?: string): unknown {
      const instruments = this.record.paymentInstruments.filter(
        (instrument) => paymentMethodID === undefined || instrument.paymentMethod === paymentMethodID,
      );
      return kit.list(instruments.map((instrument) => paymentInstrumentView(instrument, this.record)));
    }
    get paymentInstruments(): unknown {
      return this.getPaymentInstruments();
    }
    getPriceAdjustments(): unknown {
      return kit.list(this.record.priceAdjustments.map((adjustment) => priceAdjustmentView(adjustment, this.record)));
    }
    get priceAdjustments(): unknown {
      return this.getPriceAdjustments();
    }
    getPriceAdjustmentByPromotionID(promotionID: string): object | null {
      const adjustment = this.record.priceAdjustments.find((a) => a.promotionID === String(promotionID));
      return adjustment ? priceAdjustmentView(adjustment, this.record) : null;
    }
    getShipment(id: string): object | null {
      const shipment = this.record.shipments.find((s) => s.id === id);
      return shipment ? shipmentView(shipment, this.record) : null;
    }
    toString(): string {
      return `[Order ${this.record.orderNo}]`;
    }
  }
  Object.assign(Order, ORDER_CONSTANTS);
  defineGetters(Order.prototype, {
    orderNo: (self: Order) => self.record.orderNo,
    UUID: (self: Order) => self.record.uuid,
    status: (self: Order) => enumOf(ORDER_STATUS, self.record.status),
    paymentStatus: (self: Order) => enumOf(PAYMENT_STATUS, self.record.paymentStatus),
    shippingStatus: (self: Order) => enumOf(SHIPPING_STATUS, self.record.shippingStatus),
    exportStatus: (self: Order) => enumOf(EXPORT_STATUS, self.record.exportStatus),
    confirmationStatus: (self: Order) => enumOf(CONFIRMATION_STATUS, self.record.confirmationStatus),
    currencyCode: (self: Order) => self.record.currencyCode,
    creationDate: (self: Order) => new Date(self.record.creationDate.getTime()),
    lastModified: (self: Order) => new Date(self.record.lastModified.getTime()),
    customerEmail: (self: Order) => self.record.customerEmail,
    customerName: (self: Order) => self.record.customerName,
    customerNo: (self: Order) => self.record.customerNo,
    customerLocaleID: (self: Order) => self.record.customerLocaleID,
    shipments: (self: Order) => kit.list(self.record.shipments.map((s) => shipmentView(s, self.record))),
    defaultShipment: (self: Order) =>
      self.record.shipments[0] ? shipmentView(self.record.shipments[0], self.record) : null,
    productLineItems: (self: Order) => kit.list(self.record.productLineItems.map((i) => lineItemView(i, self.record))),
    allProductLineItems: (self: Order) =>
      kit.list(self.record.productLineItems.map((i) => lineItemView(i, self.record))),
    notes: (self: Order) => kit.list(self.record.notes.map((n) => new Note(n))),
    merchandizeTotalGrossPrice: (self: Order) => money(self.record, merchandize(self.record)),
    // LineItemCtnr.adjustedMerchandizeTotalGrossPrice: "the sum of product prices before services
    // such as shipping, but after product-level and order-level adjustments".
    adjustedMerchandizeTotalGrossPrice: (self: Order) =>
      money(self.record, sum([merchandize(self.record), orderAdjustments(self.record)], self.record)),
    shippingTotalGrossPrice: (self: Order) => money(self.record, shipping(self.record)),
    // No shipping-level adjustments in the runtime: equal to shippingTotalGrossPrice.
    adjustedShippingTotalGrossPrice: (self: Order) => money(self.record, shipping(self.record)),
    // LineItemCtnr: the total-based methods "return the totals of all items in the container and
    // include any order-level promotions".
    totalGrossPrice: (self: Order) =>
      money(
        self.record,
        sum([merchandize(self.record), shipping(self.record), orderAdjustments(self.record)], self.record),
      ),
  });

  function merchandize(order: OrderRecord): number {
    return sum(
      order.productLineItems.map((item) => item.grossPrice),
      order,
    );
  }
  function orderAdjustments(order: OrderRecord): number {
    return sum(
      order.priceAdjustments.map((adjustment) => adjustment.grossPrice),
      order,
    );
  }
  function shipping(order: OrderRecord): number {
    return sum(
      order.shipments.map((s) => s.shippingGrossPrice),
      order,
    );
  }

  return {
    orderView: (record) => cached(record, record, () => new Order(record)),
    cachedOrderViews: () => families.size,
    OrderClass: Order,
    ShipmentClass: Shipment,
    PaymentTransactionClass: PaymentTransaction,
    PaymentInstrumentClass: OrderPaymentInstrument,
    PriceAdjustmentClass: PriceAdjustment,
  };
}
