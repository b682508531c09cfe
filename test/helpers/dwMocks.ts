/** Typed access to the dw.* mocks' test controls, and a reset for beforeEach. */
import {
  CustomObjectTypes,
  OrderAttributes,
} from '../../cartridges/int_payment_operations/cartridge/scripts/generated/metadataContract';

export interface ServiceMockConfig {
  credential?: { ID: string; URL: string; user: string; password: string } | null;
  profile?: { ID: string; timeoutMillis: number } | null;
  respond?: (request: RecordedServiceRequest) => ServiceMockAnswer;
}
export interface RecordedServiceRequest {
  method: string;
  url: string;
  headers: { [name: string]: string };
  body: string | null;
  authentication: string;
}
/** What a mocked service answers (see test/mocks/dw/svc/LocalServiceRegistry.js). */
export interface ServiceMockAnswer {
  statusCode?: number;
  text?: string;
  unavailable?: string;
  connectionError?: string;
}
export interface AttributeMock {
  type: number;
  values?: string[];
}
export interface LoggedMessage {
  level: string;
  prefix: string;
  category: string;
  message: string;
}
export interface AttributeContractMock {
  type: string;
  values: string[];
}
export interface CustomObjectTypeMock {
  keyAttribute: string;
  attributes: { [id: string]: AttributeContractMock };
}
/** A custom object of the CustomObjectMgr mock; __values holds the stored values (enums as text). */
export interface CustomObjectMock {
  type: string;
  custom: { [name: string]: unknown };
  creationDate: Date;
  __key: string;
  __values: { [name: string]: unknown };
}
export interface OrderFields {
  orderNo: string;
  creationDate?: Date;
  status?: number;
  currencyCode?: string;
  /** The order total (totalGrossPrice) as a decimal; null: not available. Default 100. */
  total?: number | null;
  UUID?: string;
  /** Stored custom attribute values (enums as text), set without a transaction. */
  custom?: { [name: string]: unknown };
  /** Payment instruments (default none): method (default ALMA), transaction ID, amount (decimal; null: N/A). */
  paymentInstruments?: PaymentInstrumentFields[];
}
export interface PaymentInstrumentFields {
  paymentMethod?: string;
  transactionID?: string | null;
  amount?: number | null;
}
/** An order of the OrderMgr mock, usable where cartridge code expects a dw.order.Order. */
export type OrderMock = dw.order.Order & {
  __values: { [name: string]: unknown };
  __setStatus(status: number): void;
};
export interface IteratorMock {
  closed: boolean;
  count: number;
}
export interface RecordedQuery {
  type?: string;
  query: string;
  sortString: string;
  args: unknown[];
}

export const LocalServiceRegistry = require('dw/svc/LocalServiceRegistry') as {
  __configure(id: string, config: ServiceMockConfig): void;
  __respond(id: string, respond: (request: RecordedServiceRequest) => ServiceMockAnswer): void;
  __calls: Array<{ serviceId: string; request: RecordedServiceRequest; log: string[] }>;
  __reset(): void;
};
export const SystemObjectMgr = require('dw/object/SystemObjectMgr') as {
  __define(type: string, attributes: { [id: string]: AttributeMock }): void;
  __reset(): void;
};
export const ObjectAttributeDefinition = require('dw/object/ObjectAttributeDefinition') as { [name: string]: number };
export const Logger = require('dw/system/Logger') as { __messages: LoggedMessage[]; __reset(): void };
export const Site = require('dw/system/Site') as {
  __setCurrent(id: string, preferences?: object): void;
  __reset(): void;
};
export const Transaction = require('dw/system/Transaction') as {
  begin(): void;
  commit(): void;
  rollback(): void;
  wrap<T>(fn: () => T): T;
  __depth(): number;
  __events: string[];
  __counts: { commits: number; rollbacks: number };
  __reset(): void;
};
export const HookMgr = require('dw/system/HookMgr') as {
  __register(extensionPoint: string, script: { [fn: string]: (...args: never[]) => unknown }): void;
  __calls: Array<{ extensionPoint: string; functionName: string; args: unknown[] }>;
  __reset(): void;
};
export const CustomObjectMgr = require('dw/object/CustomObjectMgr') as {
  getCustomObject(type: string, key: string): CustomObjectMock | null;
  __define(type: string, definition: CustomObjectTypeMock): void;
  __insert(type: string, key: string, values: { [name: string]: unknown }, creationDate?: Date): CustomObjectMock;
  __objects(type: string): CustomObjectMock[];
  __setClock(clock: (() => Date) | null): void;
  __queries: RecordedQuery[];
  __reset(): void;
};
export const OrderMgr = require('dw/order/OrderMgr') as {
  getOrder(orderNo: string): OrderMock | null;
  __defineAttributes(contract: { [id: string]: AttributeContractMock }): void;
  __add(fields: OrderFields): OrderMock;
  __orders(): OrderMock[];
  __setCap(cap: number): void;
  __searches: RecordedQuery[];
  __reset(): void;
};
export const Order = require('dw/order/Order') as { [status: string]: number };
export const Resource = require('dw/web/Resource') as {
  msg(key: string, bundle: string, defaultMessage: string | null): string;
  __setLocale(locale: string): void;
  __reset(): void;
};
export interface SentMailMock {
  to: string[];
  from: string;
  subject: string;
  content: string;
  mimeType: string;
}
export const Mail = require('dw/net/Mail') as {
  __sent: SentMailMock[];
  __failNext(message: string): void;
  __reset(): void;
};
export const Template = require('dw/util/Template') as {
  __renders: Array<{ name: string; locale: string | null; params: Record<string, unknown> }>;
  __reset(): void;
};
export const SeekableIterator = require('dw/util/SeekableIterator') as {
  __opened: IteratorMock[];
  __unclosed(): IteratorMock[];
  __reset(): void;
};

/** The custom object types (PaymentOperation, PaymentOperationsMethods) and Order attributes of the metadata. */
export function defineMetadata(): void {
  for (const [type, definition] of Object.entries(CustomObjectTypes)) {
    CustomObjectMgr.__define(type, definition as unknown as CustomObjectTypeMock);
  }
  OrderMgr.__defineAttributes(OrderAttributes as unknown as { [id: string]: AttributeContractMock });
}

export function resetDwMocks(): void {
  LocalServiceRegistry.__reset();
  SystemObjectMgr.__reset();
  Logger.__reset();
  Site.__reset();
  Transaction.__reset();
  HookMgr.__reset();
  CustomObjectMgr.__reset();
  OrderMgr.__reset();
  SeekableIterator.__reset();
  Resource.__reset();
  Mail.__reset();
  Template.__reset();
}
