/**
 * Task step custom.PaymentOperations.SyncPaymentMethods (job PaymentOperations-SyncPaymentMethods):
 * reads each selected provider's payment methods and stores them (custom object
 * PaymentOperationsMethods, key = provider) for checkout code. A provider whose list cannot be
 * read keeps its previous list, and the step ends in ERROR naming it.
 */
import Status = require('dw/system/Status');
import Logger = require('dw/system/Logger');
import { parseProviderList, type ProviderId } from '../core/providers';
import { storePaymentMethods } from '../core/paymentMethodStore';
import { fetchFeePlans } from '../providers/alma/almaFeePlans';

/** Each provider's method list reader. */
const METHOD_SOURCES: { [id: string]: () => { plans: unknown[]; calls: number } } = {
  alma: fetchFeePlans,
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
      storePaymentMethods(provider.id as ProviderId, result.plans);
      done.push(provider.label + ': ' + result.plans.length + ' methods');
      log.info('{0}: {1} payment methods stored', provider.label, result.plans.length);
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
