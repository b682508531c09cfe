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

/** What a cancel or refund step says of a provider it cannot serve in this version. */
function unavailableLabel(lifecycle: ProviderLifecycle, type: 'cancel' | 'refund'): string {
  return lifecycle.adapter.label + ' ' + type + ' (not available for this provider in this version)';
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

export function cancelDefinition(label: string, providers?: ReadonlyArray<ProviderId>): StepDefinition {
  return {
    type: 'cancel',
    label: label,
    providers: providers,
    lifecycle: lifecycleOf,
    selection: function (lifecycle: ProviderLifecycle) {
      return lifecycle.cancelSelection;
    },
    deactivatedLabel: function (lifecycle: ProviderLifecycle) {
      return unavailableLabel(lifecycle, 'cancel');
    },
    handle: function (orderNo: string, settings: OrderRunSettings, fromJournal: boolean) {
      (settings.lifecycle.cancelOrder || cancelOrder)(orderNo, settings, fromJournal);
    },
  };
}

export function refundDefinition(label: string, providers?: ReadonlyArray<ProviderId>): StepDefinition {
  return {
    type: 'refund',
    label: label,
    providers: providers,
    lifecycle: lifecycleOf,
    selection: function (lifecycle: ProviderLifecycle) {
      return lifecycle.refundSelection;
    },
    deactivatedLabel: function (lifecycle: ProviderLifecycle) {
      return unavailableLabel(lifecycle, 'refund');
    },
    handle: function (orderNo: string, settings: OrderRunSettings, fromJournal: boolean) {
      (settings.lifecycle.refundOrder || refundOrder)(orderNo, settings, fromJournal);
    },
  };
}
