/**
 * Job step custom.PaymentOperations.CheckConfiguration: verifies, for the current site, that
 * the selected providers that are configured (their credential has a key) have their services,
 * credentials and custom attributes in place; the others are reported as "not configured,
 * skipped", so a merchant who uses only Alma gets OK. ERROR when a configured provider is broken
 * or none is configured. Run it after installing or upgrading. With TestConnection (default
 * true), it then makes one read-only, authenticated call per configured provider whose set-up
 * has no error, to prove the URL and the key work; no money moves.
 */
import Status = require('dw/system/Status');
import Logger = require('dw/system/Logger');
import Site = require('dw/system/Site');
import { parseProviderList, type ProviderDefinition, type ProviderId } from '../core/providers';
import { checkProvider, isConfigured, type Finding } from '../core/configurationCheck';
import { testConnection, type ConnectionProbe } from '../core/connectionTest';
import { mailSettings } from '../core/failureMail';
import * as almaProbe from '../providers/alma/connectionProbe';
import * as monextProbe from '../providers/monext/connectionProbe';
import * as komojuProbe from '../providers/komoju/connectionProbe';
import * as payzenProbe from '../providers/payzen/connectionProbe';

export const WARNINGS_STATUS_CODE = 'CONFIGURATION_WARNINGS';

/** Each provider's read-only request for the connection test. */
export const CONNECTION_PROBES: { readonly [id in ProviderId]: ConnectionProbe } = {
  alma: almaProbe,
  monext: monextProbe,
  komoju: komojuProbe,
  payzen: payzenProbe,
};

export interface CheckConfigurationParameters {
  Providers?: string | null;
  /** Default true (steptypes.json): one read-only call per provider. */
  TestConnection?: boolean | string | null;
}

/** True unless the parameter is explicitly false, as its default value in steptypes.json is true. */
export function isConnectionTestOn(value: boolean | string | null | undefined): boolean {
  return !(value === false || (typeof value === 'string' && value.toLowerCase() === 'false'));
}

function hasError(findings: Finding[]): boolean {
  for (let i = 0; i < findings.length; i++) if (findings[i].severity === 'error') return true;
  return false;
}

function labels(providers: ProviderDefinition[]): string {
  const names: string[] = [];
  for (let i = 0; i < providers.length; i++) names.push(providers[i].label);
  return names.join(', ');
}

function serviceIds(providers: ProviderDefinition[]): string {
  const ids: string[] = [];
  for (let i = 0; i < providers.length; i++) ids.push(providers[i].serviceId);
  return ids.join(', ');
}

function summarise(findings: Finding[]): string {
  const parts: string[] = [];
  for (let i = 0; i < findings.length; i++) {
    parts.push(findings[i].provider + ' (' + findings[i].severity + '): ' + findings[i].message);
  }
  return parts.join(' | ');
}

export function execute(parameters: CheckConfigurationParameters): dw.system.Status {
  const log = Logger.getLogger('payops', 'configuration');
  const siteId = Site.getCurrent().getID();
  let providers: ProviderDefinition[];
  try {
    providers = parseProviderList(parameters ? parameters.Providers : null);
  } catch (e) {
    const message = 'Parameter Providers: ' + (e as Error).message;
    log.error('Site {0}: {1}', siteId, message);
    return new Status(Status.ERROR, 'ERROR', message);
  }

  const testing = isConnectionTestOn(parameters ? parameters.TestConnection : null);
  const tested: ProviderDefinition[] = [];
  const configured: ProviderDefinition[] = [];
  const skipped: ProviderDefinition[] = [];
  let findings: Finding[] = [];
  for (let i = 0; i < providers.length; i++) {
    const provider = providers[i];
    if (!isConfigured(provider)) {
      skipped.push(provider);
      log.info('Site {0}: {1}: not configured (no key in its credential), skipped.', siteId, provider.label);
      continue;
    }
    configured.push(provider);
    const providerFindings = checkProvider(provider);
    findings = findings.concat(providerFindings);
    if (!testing) continue;
    if (hasError(providerFindings)) {
      log.info('Site {0}: {1}: connection test skipped until the errors are fixed.', siteId, provider.label);
      continue;
    }
    const outcome = testConnection(provider, CONNECTION_PROBES[provider.id]);
    findings = findings.concat(outcome.findings);
    if (outcome.passed) {
      tested.push(provider);
      log.info('Site {0}: {1}: connection test passed ({2}).', siteId, provider.label, outcome.detail);
    }
  }

  // The failure e-mail serves every provider: switched on, it needs recipients and a sender.
  const mail = mailSettings();
  if (typeof mail === 'string') {
    findings.push({
      provider: 'Failure e-mail',
      severity: 'error',
      message: mail + ' (Site Preferences > Payment Operations); fill it in, or switch the e-mail off',
    });
  }

  const notConfigured = skipped.length ? '; not configured, skipped: ' + labels(skipped) : '';
  if (configured.length === 0) {
    const message =
      'Site ' +
      siteId +
      ': no provider is configured: set the API key in the password field of the credential of the services you use (' +
      serviceIds(skipped) +
      ')' +
      notConfigured;
    log.error(message);
    return new Status(Status.ERROR, 'ERROR', message);
  }

  let errors = 0;
  for (let j = 0; j < findings.length; j++) {
    const finding = findings[j];
    if (finding.severity === 'error') {
      errors++;
      log.error('Site {0}: {1}: {2}', siteId, finding.provider, finding.message);
    } else {
      log.warn('Site {0}: {1}: {2}', siteId, finding.provider, finding.message);
    }
  }
  const warnings = findings.length - errors;
  if (errors > 0) {
    return new Status(
      Status.ERROR,
      'ERROR',
      'Site ' +
        siteId +
        ': ' +
        errors +
        ' error(s), ' +
        warnings +
        ' warning(s): ' +
        summarise(findings) +
        notConfigured,
    );
  }
  if (warnings > 0) {
    return new Status(
      Status.OK,
      WARNINGS_STATUS_CODE,
      'Site ' + siteId + ': ' + warnings + ' warning(s): ' + summarise(findings) + notConfigured,
    );
  }
  const message =
    'Site ' +
    siteId +
    ': configuration complete for ' +
    labels(configured) +
    (testing ? '; connection test passed for ' + labels(tested) : '') +
    notConfigured;
  log.info(message);
  return new Status(Status.OK, 'OK', message);
}
