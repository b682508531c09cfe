/**
 * Starts sandboxes in a child process (see processHost.ts for why) and gives the parent a small
 * client over their admin endpoints: seed, journal, faults, state, reset, and PayZen's IPN.
 */
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Fault } from './core/faults';
import type { JournalEntry } from './core/journal';
import type { ProviderId } from './core/types';
import type { IpnDelivery, IpnTarget } from './payzen/ipn';
import type { PayzenPaymentOutcome } from './payzen/types';

export interface RemoteSandbox {
  provider: ProviderId;
  origin: string;
  baseUrl: string;
  seed(payments: unknown[]): Promise<unknown[]>;
  journal(): Promise<JournalEntry[]>;
  clearJournal(): Promise<void>;
  addFault(fault: Fault | Fault[]): Promise<void>;
  clearFaults(): Promise<void>;
  state(): Promise<unknown>;
  reset(): Promise<void>;
  /**
   * PayZen only (other providers answer 404): the IPN URL set in the back office (an
   * `http://127.0.0.1` URL, or null for no IPN) and the IPN POST deadline (default 30 s).
   */
  setNotificationUrl(url: string | null, options?: { timeoutMs?: number }): Promise<void>;
  /** PayZen only: how the next Charge/CreatePayment ends (`refused`; IPN `send`, `tamper` or `skip`). */
  queuePaymentOutcome(outcome: PayzenPaymentOutcome): Promise<void>;
  /** PayZen only: sends (again) the IPN of a transaction or of an order's initial one; resolves once the target answered. */
  sendIpn(target: IpnTarget, options?: { tamper?: boolean }): Promise<IpnDelivery>;
  /** PayZen only: the IPN deliveries kept (all, or those of one order or transaction). */
  ipnDeliveries(target?: IpnTarget): Promise<IpnDelivery[]>;
  /**
   * PayZen only: the target's latest finished IPN delivery, or the next one to finish if one is
   * pending or none was sent yet; rejects after `timeoutMs` (default: the IPN deadline + 5 s).
   */
  awaitIpn(target: IpnTarget, timeoutMs?: number): Promise<IpnDelivery>;
}

export interface SandboxProcess {
  sandboxes: Map<ProviderId, RemoteSandbox>;
  close(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
/** Admin calls that wait for an IPN POST: its deadline is at most 60 s (MAX_IPN_TIMEOUT_MS). */
const IPN_ADMIN_TIMEOUT_MS = 65_000;

/**
 * One admin request on a fresh connection (`agent: false`). A runtime run blocks this process's
 * event loop while its synchronous service calls run; a kept-alive connection can be closed by
 * the sandbox meanwhile, and reusing it fails with "other side closed".
 */
export function admin(
  origin: string,
  method: string,
  endpoint: string,
  body?: unknown,
  timeoutMs = 10_000,
): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${origin}/__sandbox/${endpoint}`,
      {
        method,
        agent: false,
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(new Error(`Sandbox admin ${method} ${endpoint}: HTTP ${status} ${text}`));
            return;
          }
          try {
            resolve(text ? JSON.parse(text) : undefined);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`Sandbox admin ${method} ${endpoint}: no answer in ${timeoutMs} ms`)),
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function remote(provider: ProviderId, origin: string, baseUrl: string): RemoteSandbox {
  return {
    provider,
    origin,
    baseUrl,
    seed: async (payments) => ((await admin(origin, 'POST', 'seed', { payments })) as { payments: unknown[] }).payments,
    journal: async () => ((await admin(origin, 'GET', 'journal')) as { entries: JournalEntry[] }).entries,
    clearJournal: async () => void (await admin(origin, 'DELETE', 'journal')),
    addFault: async (fault) => void (await admin(origin, 'POST', 'faults', fault)),
    clearFaults: async () => void (await admin(origin, 'DELETE', 'faults')),
    state: async () => admin(origin, 'GET', 'state'),
    reset: async () => void (await admin(origin, 'POST', 'reset')),
    setNotificationUrl: async (url, options) =>
      void (await admin(origin, 'POST', 'notification-url', { url, timeoutMs: options?.timeoutMs })),
    queuePaymentOutcome: async (outcome) => void (await admin(origin, 'POST', 'payment-outcomes', outcome)),
    sendIpn: async (target, options) => {
      const body = { ...target, tamper: options?.tamper };
      return ((await admin(origin, 'POST', 'ipn', body, IPN_ADMIN_TIMEOUT_MS)) as { delivery: IpnDelivery }).delivery;
    },
    ipnDeliveries: async (target) => {
      const filter = new URLSearchParams();
      if (target?.uuid !== undefined) filter.set('uuid', target.uuid);
      else if (target?.orderId !== undefined) filter.set('orderId', target.orderId);
      const query = filter.size === 0 ? '' : `?${filter.toString()}`;
      return ((await admin(origin, 'GET', `ipn${query}`)) as { deliveries: IpnDelivery[] }).deliveries;
    },
    awaitIpn: async (target, timeoutMs) => {
      const adminTimeout = (timeoutMs ?? IPN_ADMIN_TIMEOUT_MS) + 5_000;
      const answer = await admin(origin, 'POST', 'ipn/await', { ...target, timeoutMs }, adminTimeout);
      return (answer as { delivery: IpnDelivery }).delivery;
    },
  };
}

/**
 * Starts a host script (`tools/sandboxes/processHost.ts`, or a benchmark's) in a child process
 * with its JSON argument, and waits for the `READY <json>` line it prints once listening.
 */
export async function spawnHostProcess<T>(
  script: string,
  argument: unknown,
): Promise<{ ready: T; close(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(argument)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    cwd: path.resolve(__dirname, '..', '..'),
  });
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.stdin?.end();
    });
  };
  const ready = await new Promise<T>((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(
      () => reject(new Error(`Sandboxes did not start within ${STARTUP_TIMEOUT_MS} ms: ${errors}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('READY '.length)) as T);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Sandbox process exited with code ${String(code)}: ${errors}`));
    });
  }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { ready, close };
}

export async function startSandboxProcess(
  providers: ProviderId[],
  options: { latencyMs?: number; sandboxOptions?: Partial<Record<ProviderId, Record<string, unknown>>> } = {},
): Promise<SandboxProcess> {
  const { ready, close } = await spawnHostProcess<Record<string, { origin: string; baseUrl: string }>>(
    path.join(__dirname, 'processHost.ts'),
    { providers, latencyMs: options.latencyMs ?? 0, options: options.sandboxOptions ?? {} },
  );
  const sandboxes = new Map<ProviderId, RemoteSandbox>();
  for (const provider of providers)
    sandboxes.set(provider, remote(provider, ready[provider].origin, ready[provider].baseUrl));
  return { sandboxes, close };
}
