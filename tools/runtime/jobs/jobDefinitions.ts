/**
 * Reads BM job definitions (jobs/*.xml, the jobs.xsd format) into what the runner needs: the
 * job's flows with their site contexts, steps, step parameters (literal or job-parameter-ref)
 * and exit-status rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { children as list, text, type XmlNode } from '../../build/xmlNodes';

export type ExitAction = { kind: 'stop-job' } | { kind: 'stop-flow' } | { kind: 'continue'; nextStep?: string };

export interface StepDefinition {
  stepId: string;
  typeId: string;
  parameters: Array<{ name: string; value?: string; jobParameterRef?: string }>;
  rules: Array<{ status: string; action: ExitAction }>;
}

/** Where a flow runs: one site, every storefront site of the instance, or the organization. */
export type FlowContext =
  { kind: 'site'; siteId: string } | { kind: 'all-storefront-sites' } | { kind: 'organization' };

export interface FlowDefinition {
  context: FlowContext;
  steps: StepDefinition[];
}

export interface JobDefinition {
  jobId: string;
  description: string;
  file: string;
  parameters: Record<string, string>;
  flows: FlowDefinition[];
}

const ARRAYS = new Set(['job', 'flow', 'split', 'step', 'parameter', 'on-exit', 'context']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  preserveOrder: false,
  isArray: (name) => ARRAYS.has(name),
});

function siteContext(context: XmlNode | undefined): FlowContext {
  if (!context) return { kind: 'organization' };
  const siteId = String(context['@site-id'] ?? '');
  return siteId === 'Sites' || siteId === '' ? { kind: 'organization' } : { kind: 'site', siteId };
}

function readStep(step: XmlNode): StepDefinition {
  const parameters = list(step.parameters, 'parameter').map((parameter) => {
    const entry: { name: string; value?: string; jobParameterRef?: string } = { name: String(parameter['@name']) };
    const ref = parameter['@job-parameter-ref'];
    if (ref !== undefined) entry.jobParameterRef = String(ref);
    else entry.value = text(parameter);
    return entry;
  });
  const rules = list(step.rules, 'on-exit').map((rule) => {
    const status = String(rule['@status']);
    let action: ExitAction;
    if ('continue' in rule) {
      // <continue/> parses to '', <continue next-step="X"/> to { '@next-step': 'X' }.
      const next = typeof rule.continue === 'object' ? (rule.continue as XmlNode)['@next-step'] : undefined;
      action = next === undefined ? { kind: 'continue' } : { kind: 'continue', nextStep: String(next) };
    } else if ('stop-flow' in rule) action = { kind: 'stop-flow' };
    else action = { kind: 'stop-job' };
    return { status, action };
  });
  return { stepId: String(step['@step-id']), typeId: String(step['@type']), parameters, rules };
}

function readFlows(job: XmlNode): FlowDefinition[] {
  const flows: FlowDefinition[] = [];
  // fast-xml-parser groups elements by name; BM runs flows and splits in document order, and our
  // jobs never interleave the two, so flows first then splits keeps their order.
  for (const flow of list(job, 'flow')) {
    flows.push({ context: siteContext(list(flow, 'context')[0]), steps: list(flow, 'step').map(readStep) });
  }
  for (const split of list(job, 'split')) {
    const template = split['flow-template'] as XmlNode | undefined;
    const templateSteps = template ? list(template, 'step').map(readStep) : [];
    const contexts = split.contexts as XmlNode | undefined;
    if (contexts) {
      if ('all-storefront-sites' in contexts)
        flows.push({ context: { kind: 'all-storefront-sites' }, steps: templateSteps });
      else if ('job-parameter-ref' in contexts) {
        throw new Error(
          `${String(job['@job-id'])}: split contexts from a job parameter are not supported by the local runtime`,
        );
      } else {
        for (const context of list(contexts, 'context'))
          flows.push({ context: siteContext(context), steps: templateSteps });
      }
    }
    for (const flow of list(split, 'flow')) {
      const steps = flow['template-ref'] !== undefined ? templateSteps : list(flow, 'step').map(readStep);
      flows.push({ context: siteContext(list(flow, 'context')[0]), steps });
    }
  }
  return flows;
}

export function readJobDefinitions(xml: string, file: string): JobDefinition[] {
  const doc = parser.parse(xml) as XmlNode;
  if (!doc.jobs) throw new Error(`${file}: not a jobs document (root element <jobs> is missing)`);
  return list(doc.jobs, 'job').map((job) => ({
    jobId: String(job['@job-id']),
    description: text(job.description),
    file,
    parameters: Object.fromEntries(list(job.parameters, 'parameter').map((p) => [String(p['@name']), text(p)])),
    flows: readFlows(job),
  }));
}

export function readJobDirectory(directory: string): Map<string, JobDefinition> {
  const jobs = new Map<string, JobDefinition>();
  const files = fs.existsSync(directory)
    ? fs
        .readdirSync(directory)
        .filter((f) => f.endsWith('.xml'))
        .sort()
    : [];
  for (const file of files) {
    const full = path.join(directory, file);
    for (const job of readJobDefinitions(fs.readFileSync(full, 'utf8'), full)) {
      if (jobs.has(job.jobId))
        throw new Error(`Job ${job.jobId} is defined twice (${jobs.get(job.jobId)?.file}, ${full})`);
      jobs.set(job.jobId, job);
    }
  }
  return jobs;
}
