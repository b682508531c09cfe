/** Plain records the runtime keeps its state in; dw.* objects are views over them. */

export interface NoteRecord {
  subject: string;
  text: string;
  createdBy: string;
  creationDate: Date;
}

export interface ShipmentRecord {
  id: string;
  shipmentNo: string;
  shippingStatus: number;
  trackingNumber: string | null;
  shippingGrossPrice: number;
  custom: Record<string, unknown>;
}

export interface LineItemRecord {
  uuid: string;
  productID: string;
  productName: string;
  quantity: number;
  grossPrice: number;
  shipmentID: string;
  custom: Record<string, unknown>;
}

export interface PaymentInstrumentRecord {
  uuid: string;
  paymentMethod: string;
  amount: number;
  transactionID: string | null;
  paymentProcessor: string | null;
  transactionType: string;
  transactionCustom: Record<string, unknown>;
  custom: Record<string, unknown>;
}

/**
 * An order-level price adjustment (LineItemCtnr.getPriceAdjustments()): a discount on the order
 * total, zero or negative, in the order currency. Product- and shipping-level adjustments are not
 * modelled.
 */
export interface PriceAdjustmentRecord {
  uuid: string;
  promotionID: string;
  grossPrice: number;
  lineItemText: string | null;
}

export interface OrderRecord {
  siteId: string;
  orderNo: string;
  uuid: string;
  status: number;
  paymentStatus: number;
  shippingStatus: number;
  exportStatus: number;
  confirmationStatus: number;
  currencyCode: string;
  creationDate: Date;
  lastModified: Date;
  customerEmail: string | null;
  customerName: string | null;
  customerNo: string | null;
  customerLocaleID: string | null;
  shipments: ShipmentRecord[];
  productLineItems: LineItemRecord[];
  paymentInstruments: PaymentInstrumentRecord[];
  /** Order-level price adjustments, in the order the promotions engine applied them. */
  priceAdjustments: PriceAdjustmentRecord[];
  custom: Record<string, unknown>;
  notes: NoteRecord[];
}

export interface CustomObjectRecord {
  /** Site ID, or null for organization scope. */
  siteId: string | null;
  type: string;
  key: string;
  uuid: string;
  creationDate: Date;
  lastModified: Date;
  custom: Record<string, unknown>;
}

export interface SiteRecord {
  id: string;
  name: string;
  currency: string;
  timezone: string;
  locales: string[];
  cartridgePath: string[];
  preferences: Record<string, unknown>;
  orders: Map<string, OrderRecord>;
  /** type → key → object */
  customObjects: Map<string, Map<string, CustomObjectRecord>>;
}

export interface PlatformSettings {
  orderSearch: { resultLimit: number; notEqualsMatchesNull: boolean; indexLag: boolean };
  jsArrayLimit: number;
  /** Most custom objects the instance may hold, all types and scopes together; 0 = no limit. */
  customObjectQuota: number;
}

export const ORDER_STATUS = {
  CREATED: 0,
  NEW: 3,
  OPEN: 4,
  COMPLETED: 5,
  CANCELLED: 6,
  REPLACED: 7,
  FAILED: 8,
} as const;
export const PAYMENT_STATUS = { NOTPAID: 0, PARTPAID: 1, PAID: 2 } as const;
export const SHIPPING_STATUS = { NOTSHIPPED: 0, PARTSHIPPED: 1, SHIPPED: 2 } as const;
export const EXPORT_STATUS = { NOTEXPORTED: 0, EXPORTED: 1, READY: 2, FAILED: 3 } as const;
export const CONFIRMATION_STATUS = { NOTCONFIRMED: 0, CONFIRMED: 2 } as const;

export function nameOf(table: Record<string, number>, value: number): string {
  const entry = Object.entries(table).find(([, v]) => v === value);
  return entry ? entry[0] : String(value);
}
