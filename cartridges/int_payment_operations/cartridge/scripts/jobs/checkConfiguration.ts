/**
 * Job step custom.PaymentOperations.CheckConfiguration: verifies, for the current site, that
 * the selected providers' services, credentials and custom attributes are in place. Run it after
 * installing or upgrading; it calls no provider.
 */
import Status = require('dw/system/Status');
import Logger = require('dw/system/Logger');
import Site = require('dw/system/Site');
import { parseProviderList, type ProviderDefinition } from '../core/providers';
import { checkProvider, type Finding } from '../core/configurationCheck';

export const WARNINGS_STATUS_CODE = 'CONFIGURATION_WARNINGS';

export interface CheckConfigurationParameters {
  Providers?: string | null;
}

function labels(providers: ProviderDefinition[]): string {
  const names: string[] = [];
  for (let i = 0; i < providers.length; i++) names.push(providers[i].label);
  return names.join(', ');
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

  let findings: Finding[] = [];
  for (let i = 0; i < providers.length; i++) findings = findings.concat(checkProvider(providers[i]));

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
      'Site ' + siteId + ': ' + errors + ' error(s), ' + warnings + ' warning(s): ' + summarise(findings),
    );
  }
  if (warnings > 0) {
    return new Status(
      Status.OK,
      WARNINGS_STATUS_CODE,
      'Site ' + siteId + ': ' + warnings + ' warning(s): ' + summarise(findings),
    );
  }
  const message = 'Site ' + siteId + ': configuration complete for ' + labels(providers);
  log.info(message);
  return new Status(Status.OK, 'OK', message);
}
