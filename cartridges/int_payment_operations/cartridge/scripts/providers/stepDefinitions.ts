/**
 * The capture, cancel and refund step definitions of the operations engine, shared by the generic
 * steps (PaymentOperations-*), Alma's AlmaDeferredCapture and Monext's monextHandleOrders: each
 * job only names its label and, when it serves fixed providers, which.
 */
import type { StepDefinition } from '../core/operationStep';
import type { ProviderLifecycle } from '../core/lifecycle';
import type { OrderSelection } from '../core/orderStream';
import type { ProviderId } from '../core/providers';
import { cancelOrder, captureOrder, refundOrder, type OrderRunSettings } from '../core/orderOperations';
import { capturesPerShipment } from '../core/shipmentCapture';
import { lifecycleOf } from './lifecycles';

/** The orders a provider's capture trigger selects (per shipment when so set), or null while it is off. */
export function captureSelection(lifecycle: ProviderLifecycle): OrderSelection | null {
  const trigger = lifecycle.capture;
  if (!trigger || !trigger.isActivated()) return null;
  return (capturesPerShipment(lifecycle) && trigger.shipmentSelection) || trigger.selection;
}

/** What the step says when the trigger is off, or the provider has no deferred capture. */
export function captureDeactivatedLabel(lifecycle: ProviderLifecycle): string {
  return lifecycle.capture ? lifecycle.capture.deactivatedLabel : lifecycle.adapter.label + ' has no deferred capture';
}

export function captureDefinition(label: string, providers?: ReadonlyArray<ProviderId>): StepDefinition {
  return {
    type: 'capture',
    label: label,
    providers: providers,
    lifecycle: lifecycleOf,
    selection: captureSelection,
    deactivatedLabel: captureDeactivatedLabel,
    handle: captureOrder,
  };
}

/** Cancel or refund: the provider's own handler when it has one (PayZen), else the generic one. */
function reversalDefinition(
  type: 'cancel' | 'refund',
  label: string,
  providers: ReadonlyArray<ProviderId> | undefined,
): StepDefinition {
  return {
    type: type,
    label: label,
    providers: providers,
    lifecycle: lifecycleOf,
    selection: function (lifecycle: ProviderLifecycle) {
      return type === 'cancel' ? lifecycle.cancelSelection : lifecycle.refundSelection;
    },
    handle: function (orderNo: string, settings: OrderRunSettings, fromJournal: boolean) {
      const lifecycle = settings.lifecycle;
      const own = type === 'cancel' ? lifecycle.cancelOrder : lifecycle.refundOrder;
      (own || (type === 'cancel' ? cancelOrder : refundOrder))(orderNo, settings, fromJournal);
    },
  };
}

export function cancelDefinition(label: string, providers?: ReadonlyArray<ProviderId>): StepDefinition {
  return reversalDefinition('cancel', label, providers);
}

export function refundDefinition(label: string, providers?: ReadonlyArray<ProviderId>): StepDefinition {
  return reversalDefinition('refund', label, providers);
}
