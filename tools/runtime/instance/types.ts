/** The JSON instance file (tools/runtime/instance/instance.schema.json describes the same shape). */

export type Amount = string | number;

export interface InstanceFile {
  $schema?: string;
  description?: string;
  /** Pins the runtime clock: the run starts at this instant and time then flows normally. */
  clock?: string;
  platform?: PlatformSwitches;
  /** Default cartridge path for sites that do not set their own. */
  cartridgePath?: string[];
  services?: InstanceService[];
  /** Organization-scoped custom objects. */
  customObjects?: InstanceCustomObject[];
  sites: InstanceSite[];
  /** Payments to create in the provider sandboxes before a run (used by `npm start` and tests). */
  sandboxes?: Partial<Record<'alma' | 'monext' | 'komoju' | 'payzen', { payments: unknown[] }>>;
  /** Written by the runtime: what the last run did. Ignored on input. */
  lastRun?: unknown;
}

export interface PlatformSwitches {
  orderSearch?: {
    /** Maximum results of one order search (Order Search Service: 1000). 0 = no cap. */
    resultLimit?: number;
    /** `custom.x != 'v'` also matches orders where x is not set (Order Search Service: true). */
    notEqualsMatchesNull?: boolean;
    /** Searches see order changes only from the next job step on (the index is asynchronous). Default true. */
    indexLag?: boolean;
  };
  /** Longest JS array the platform lets a script build (api.jsArraySize quota). */
  jsArrayLimit?: number;
  /**
   * Most custom objects the instance may hold, all types, sites and the organization together
   * (enforced object quota; default 400000). 0 = no limit.
   */
  customObjectQuota?: number;
}

export interface InstanceService {
  id: string;
  type?: 'HTTP' | 'HTTPForm';
  enabled?: boolean;
  communicationLog?: boolean;
  logPrefix?: string;
  credential: { id?: string; url: string; user?: string; password?: string };
  profile?: {
    id?: string;
    timeoutMillis?: number;
    rateLimit?: { calls: number; millis: number };
    circuitBreaker?: { calls: number; millis: number };
  };
}

export interface InstanceSite {
  id: string;
  name?: string;
  currency?: string;
  timezone?: string;
  locales?: string[];
  cartridgePath?: string[];
  preferences?: Record<string, unknown>;
  orders?: InstanceOrder[];
  customObjects?: InstanceCustomObject[];
}

export type OrderStatusName = 'CREATED' | 'NEW' | 'OPEN' | 'COMPLETED' | 'CANCELLED' | 'REPLACED' | 'FAILED';
export type PaymentStatusName = 'NOTPAID' | 'PARTPAID' | 'PAID';
export type ShippingStatusName = 'NOTSHIPPED' | 'PARTSHIPPED' | 'SHIPPED';
export type ExportStatusName = 'NOTEXPORTED' | 'EXPORTED' | 'READY' | 'FAILED';
export type ConfirmationStatusName = 'NOTCONFIRMED' | 'CONFIRMED';

export interface InstanceOrder {
  orderNo: string;
  status?: OrderStatusName;
  paymentStatus?: PaymentStatusName;
  shippingStatus?: ShippingStatusName;
  exportStatus?: ExportStatusName;
  confirmationStatus?: ConfirmationStatusName;
  currencyCode?: string;
  creationDate?: string;
  lastModified?: string;
  customerEmail?: string;
  customerName?: string;
  customerNo?: string;
  customerLocaleID?: string;
  shipments?: InstanceShipment[];
  productLineItems?: InstanceLineItem[];
  paymentInstruments?: InstancePaymentInstrument[];
  /** Order-level price adjustments (discounts on the order total): zero or negative amounts. */
  priceAdjustments?: InstancePriceAdjustment[];
  custom?: Record<string, unknown>;
  notes?: InstanceNote[];
}

export interface InstanceShipment {
  id: string;
  shippingStatus?: ShippingStatusName;
  trackingNumber?: string;
  shippingGrossPrice?: Amount;
  custom?: Record<string, unknown>;
}

export interface InstanceLineItem {
  productID: string;
  productName?: string;
  quantity?: number;
  grossPrice: Amount;
  shipmentID?: string;
  custom?: Record<string, unknown>;
}

export interface InstancePriceAdjustment {
  /** Unique within the order (LineItemCtnr.getPriceAdjustmentByPromotionID). */
  promotionID: string;
  /** Zero or negative, with at most the currency's decimals, e.g. "-10.00". */
  grossPrice: Amount;
  lineItemText?: string;
}

export interface InstancePaymentInstrument {
  paymentMethod: string;
  amount: Amount;
  transaction?: {
    transactionID?: string;
    paymentProcessor?: string;
    type?: 'AUTH' | 'AUTH_REVERSAL' | 'CAPTURE' | 'CREDIT';
    custom?: Record<string, unknown>;
  };
  custom?: Record<string, unknown>;
}

export interface InstanceNote {
  subject: string;
  text: string;
  createdBy?: string;
  creationDate?: string;
}

export interface InstanceCustomObject {
  type: string;
  key: string;
  custom?: Record<string, unknown>;
  creationDate?: string;
  lastModified?: string;
}
