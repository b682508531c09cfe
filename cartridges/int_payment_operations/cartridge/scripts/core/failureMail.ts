/**
 * The failure e-mail, for every provider: after an operations step, when the run left orders a
 * person must look at (Rejected, or Failed and not retried automatically), one e-mail lists each
 * (order number, total, operation, outcome, reason). Each failure is reported once, by the run
 * that ended it: Failed orders wait for the operator and are not processed (nor reported) again,
 * and a retry that is still going (transient error, unknown outcome) is no failure.
 *
 * Site preferences (group Payment Operations): payopsFailureMailEnabled, payopsFailureMailTo (one
 * or several addresses, separated by commas), payopsFailureMailFrom, payopsFailureMailLocale (en,
 * fr, ja). Subject and body are ISML templates (mail/payopsFailuresSubject, mail/payopsFailures)
 * rendered with dw.util.Template in the chosen language, and sent with dw.net.Mail.
 */
import Site = require('dw/system/Site');
import Logger = require('dw/system/Logger');
import Mail = require('dw/net/Mail');
import Template = require('dw/util/Template');
import HashMap = require('dw/util/HashMap');
import type { RunSummary } from './jobSummary';
import { enumText, errorMessage } from './scriptValues';

export const BODY_TEMPLATE = 'mail/payopsFailures';
export const SUBJECT_TEMPLATE = 'mail/payopsFailuresSubject';
export const MAIL_LOCALES = ['en', 'fr', 'ja'];

export interface MailSettings {
  readonly to: string[];
  readonly from: string;
  readonly locale: string;
}

function preference(id: keyof SitePreferencesCustomAttributes): unknown {
  return Site.getCurrent().getCustomPreferenceValue(id);
}

/** The e-mail settings when the switch is on; a string saying what is missing otherwise; null when off. */
export function mailSettings(): MailSettings | string | null {
  if (preference('payopsFailureMailEnabled') !== true) return null;
  const toText = preference('payopsFailureMailTo');
  const to = String(toText === null || toText === undefined ? '' : toText)
    .split(/[\s,;]+/)
    .filter(function (address) {
      return address !== '';
    });
  const fromValue = preference('payopsFailureMailFrom');
  const from = fromValue === null || fromValue === undefined ? '' : String(fromValue).replace(/^\s+|\s+$/g, '');
  const missing: string[] = [];
  if (!to.length) missing.push('payopsFailureMailTo (the recipients)');
  if (!from) missing.push('payopsFailureMailFrom (the sender)');
  if (missing.length) return 'the failure e-mail is switched on but ' + missing.join(' and ') + ' is empty';
  const locale = enumText(preference('payopsFailureMailLocale') as dw.value.EnumValue | string | null);
  return { to: to, from: from, locale: locale && MAIL_LOCALES.indexOf(locale) >= 0 ? locale : 'en' };
}

/**
 * Sends the e-mail for the run's orders needing attention, if any and if switched on. Never
 * throws: a failure to send is logged as an error (the orders keep their status and reason, and
 * the job's status already says they need attention). Returns what happened, for the log.
 */
export function sendFailureMail(summary: RunSummary, jobLabel: string): string {
  const log = Logger.getLogger('payops', 'mail');
  const count = summary.attention.length + summary.attentionOmitted;
  if (count === 0) return 'no order needs attention';
  let settings: MailSettings | string | null;
  try {
    settings = mailSettings();
  } catch (e) {
    settings = errorMessage(e);
  }
  if (settings === null) return 'failure e-mail switched off';
  if (typeof settings === 'string') {
    log.error('Failure e-mail not sent for {0} order(s): {1}', count, settings);
    return 'not sent: ' + settings;
  }
  try {
    const site = Site.getCurrent();
    const parameters = new HashMap<string, unknown>();
    parameters.put('siteId', site.getID());
    parameters.put('siteName', site.getName());
    parameters.put('job', jobLabel);
    parameters.put('count', count);
    parameters.put('orders', summary.attention);
    parameters.put('omitted', summary.attentionOmitted);
    const body = new Template(BODY_TEMPLATE, settings.locale).render(parameters);
    const subject = new Template(SUBJECT_TEMPLATE, settings.locale).render(parameters).getText();
    const mail = new Mail();
    for (let i = 0; i < settings.to.length; i++) mail.addTo(settings.to[i]);
    mail.setFrom(settings.from);
    mail.setSubject(subject.replace(/\s+/g, ' ').replace(/^ | $/g, ''));
    mail.setContent(body);
    const status = mail.send();
    if (status.error) {
      log.error('Failure e-mail for {0} order(s) not sent: {1}', count, status.message);
      return 'not sent: ' + status.message;
    }
    log.info('Failure e-mail for {0} order(s) sent to {1}', count, settings.to.join(', '));
    return 'sent for ' + count + ' order(s) to ' + settings.to.join(', ');
  } catch (e) {
    log.error('Failure e-mail for {0} order(s) not sent: {1}', count, errorMessage(e));
    return 'not sent: ' + errorMessage(e);
  }
}
