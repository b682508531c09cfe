/**
 * The part of an instance-file order that the capture-on-shipment tests share (Monext, PayZen/Lyra):
 * an EUR order of the given shipments, each with one product line and no shipping cost, created
 * on 2026-11-20 (one second apart by index).
 */
import type { InstanceOrder } from '../../tools/runtime/instance/types';

export interface ShipmentSpec {
  id: string;
  /** The price of the shipment's one product line. */
  price: string;
  shippingStatus?: 'SHIPPED' | 'NOTSHIPPED';
}

export interface ShippedOrderSpec {
  orderNo: string;
  total: string;
  status?: 'NEW' | 'CANCELLED';
  paymentStatus?: 'NOTPAID' | 'PAID';
  shippingStatus?: 'SHIPPED' | 'NOTSHIPPED' | 'PARTSHIPPED';
  /** Default: one shipment "me" of the whole total. */
  shipments?: ShipmentSpec[];
}

export function shippedOrder(
  spec: ShippedOrderSpec,
  index: number,
): Pick<
  InstanceOrder,
  | 'orderNo'
  | 'status'
  | 'paymentStatus'
  | 'shippingStatus'
  | 'currencyCode'
  | 'creationDate'
  | 'customerEmail'
  | 'shipments'
  | 'productLineItems'
> {
  const shipments = spec.shipments ?? [{ id: 'me', price: spec.total }];
  return {
    orderNo: spec.orderNo,
    status: spec.status ?? 'NEW',
    paymentStatus: spec.paymentStatus ?? 'NOTPAID',
    shippingStatus: spec.shippingStatus ?? 'SHIPPED',
    currencyCode: 'EUR',
    creationDate: new Date(Date.UTC(2026, 10, 20, 9, 0, index)).toISOString(),
    customerEmail: `c-${spec.orderNo}@example.com`,
    shipments: shipments.map((s) => ({
      id: s.id,
      shippingGrossPrice: '0.00',
      ...(s.shippingStatus ? { shippingStatus: s.shippingStatus } : {}),
    })),
    productLineItems: shipments.map((s) => ({
      productID: 'P-' + s.id,
      productName: 'Item ' + s.id,
      grossPrice: s.price,
      shipmentID: s.id,
    })),
  } as InstanceOrder;
}
