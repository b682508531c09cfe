/**
 * Task step custom.PaymentOperations.SyncPaymentMethods (jobs PaymentOperations-SyncPaymentMethods
 * and KOMOJU's updatePaymentMethod): reads each selected provider's payment methods and merges
 * them into the stored list (custom object PaymentOperationsMethods, key = provider) for checkout
 * code, keeping the merchant's switches. A provider whose list cannot be read, or whose stored
 * list cannot be, keeps its stored list, and the step ends in ERROR naming it.
 */
import Status = require('dw/system/Status');
import Logger = require('dw/system/Logger');
import { parseProviderList, type ProviderId } from '../core/providers';
import { storePaymentMethods } from '../core/paymentMethodStore';
import type { FetchedMethod } from '../core/paymentMethodStore';
import { fetchFeePlans } from '../providers/alma/almaFeePlans';
import { fetchKomojuPaymentMethods } from '../providers/komoju/komojuPaymentMethods';

/** Each provider's method list reader. */
const METHOD_SOURCES: { [id: string]: () => { methods: FetchedMethod[]; calls: number } } = {
  alma: fetchFeePlans,
  komoju: fetchKomojuPaymentMethods,
};

export function execute(parameters: { Providers?: string | null }): dw.system.Status {
  const log = Logger.getLogger('payops', 'methods');
  let providers;
  try {
    providers = parseProviderList(parameters ? parameters.Providers : null);
  } catch (e) {
    return new Status(Status.ERROR, 'ERROR', (e as Error).message);
  }
  const done: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i < providers.length; i++) {
    const provider = providers[i];
    const source = METHOD_SOURCES[provider.id];
    if (!source) {
      problems.push(provider.label + ': payment-method sync is not available for this provider in this version');
      continue;
    }
    try {
      const result = source();
      const counts = storePaymentMethods(provider.id as ProviderId, result.methods);
      let summary = provider.label + ': ' + counts.offered + ' methods';
      if (counts.added && counts.added < counts.offered) summary += ', ' + counts.added + ' new';
      if (counts.unavailable) summary += ', ' + counts.unavailable + ' no longer offered (kept, marked unavailable)';
      done.push(summary);
      log.info('{0} stored', summary);
    } catch (e) {
      problems.push(provider.label + ': ' + (e as Error).message + ' (the previous list is kept)');
    }
  }
  if (problems.length) {
    const message = problems.join(' | ') + (done.length ? ' | synchronised: ' + done.join(', ') : '');
    log.error('{0}', message);
    return new Status(Status.ERROR, 'ERROR', message);
  }
  return new Status(Status.OK, 'OK', 'Synchronised: ' + done.join(', '));
}
