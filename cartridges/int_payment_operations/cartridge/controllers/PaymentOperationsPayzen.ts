/**
 * PaymentOperationsPayzen-Notify: the PayZen/Lyra notification URL (IPN) of payment on shipment.
 * Enter in PayZen's back office, Settings > Shop > REST API keys, "Notification URL at the end of
 * the payment" (TEST and PRODUCTION):
 *   https://<host>/on/demandware.store/Sites-<SiteID>-Site/default/PaymentOperationsPayzen-Notify
 * PayZen waits up to 30 s for the answer; a 2xx tells it the notification was processed.
 */
import Logger = require('dw/system/Logger');
import { errorMessage } from '../scripts/core/scriptValues';
import { handleNotification, type NotificationAnswer } from '../scripts/providers/payzen/payzenNotification';

/** A form field exactly as sent (not trimmed: kr-answer is what was signed), or null when absent. */
function field(name: string): string | null {
  const parameter = request.httpParameterMap.get(name);
  return parameter && parameter.submitted ? parameter.rawValue : null;
}

function notify(): void {
  let result: NotificationAnswer;
  try {
    result = handleNotification({
      hash: field('kr-hash'),
      algorithm: field('kr-hash-algorithm'),
      hashKey: field('kr-hash-key'),
      answer: field('kr-answer'),
    });
  } catch (e) {
    // Nothing of the payload in the log: only what went wrong. PayZen sends it again on a 5xx.
    Logger.getLogger('payops', 'payzen-ipn').error('PayZen/Lyra IPN failed: {0}', errorMessage(e));
    result = { status: 500, body: 'not processed' };
  }
  response.setStatus(result.status);
  response.setContentType('text/plain;charset=UTF-8');
  response.getWriter().print(result.body);
}
(notify as unknown as { public: boolean }).public = true;

export = { Notify: notify };
