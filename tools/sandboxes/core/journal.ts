/** The bounded request journal, with credentials masked. */
import type { FaultKind } from './faults';

export interface JournalEntry {
  seq: number;
  /** Arrival time, ISO 8601. */
  time: string;
  /** Route name from the provider, or null when no route matched. */
  route: string | null;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** Status sent, or null while held or when the connection was dropped (timeout / reset faults). */
  status: number | null;
  /** The answer fault that hit the request, else `'latency'` if only extra latency did, else null. */
  fault: FaultKind | null;
  /** Whether the provider handled the request and accepted it (status below 400). */
  applied: boolean;
  /** Latency added before answering (base + fault), in ms. */
  delayMs: number;
}

export const DEFAULT_JOURNAL_LIMIT = 10_000;

const SECRET_HEADER = /authorization|password|secret|token|api-?key|access-?key|cookie/i;
const SECRET_BODY_FIELD = /password|secret|token|api_?key|access_?key|private_?key/i;

/** Keeps the first 4 characters: enough to tell two keys apart, not enough to use one. */
export function maskSecret(value: string): string {
  return `${value.slice(0, 4)}***`;
}

/** `Basic dXNl…` → `Basic dXNl***`: the scheme stays readable. */
export function maskAuthorization(value: string): string {
  const match = /^(\S+)\s+(.*)$/.exec(value);
  return match ? `${match[1]} ${maskSecret(match[2])}` : maskSecret(value);
}

export function maskHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    // Idempotency keys are not secrets and are what replay tests look at.
    if (SECRET_HEADER.test(name) && !/idempotency/i.test(name)) {
      masked[name] =
        name === 'authorization' || name === 'proxy-authorization' ? maskAuthorization(value) : maskSecret(value);
    } else {
      masked[name] = value;
    }
  }
  return masked;
}

/** Masks string values of secret-looking JSON keys in a raw body, leaving the rest byte for byte. */
export function maskBody(raw: string): string {
  return raw.replace(
    /("([A-Za-z0-9_-]*)"\s*:\s*")((?:[^"\\]|\\.)*)"/g,
    (whole, prefix: string, key: string, value: string) =>
      SECRET_BODY_FIELD.test(key) ? `${prefix}${maskSecret(value)}"` : whole,
  );
}

export class Journal {
  private entries: JournalEntry[] = [];
  private nextSeq = 1;

  constructor(private readonly limit = DEFAULT_JOURNAL_LIMIT) {}

  /** Records an arrival; the returned entry is updated in place as the request progresses. */
  open(fields: Omit<JournalEntry, 'seq' | 'status' | 'fault' | 'applied' | 'delayMs'>): JournalEntry {
    const entry: JournalEntry = {
      seq: this.nextSeq++,
      ...fields,
      status: null,
      fault: null,
      applied: false,
      delayMs: 0,
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  list(): JournalEntry[] {
    return this.entries.map((entry) => ({ ...entry, query: { ...entry.query }, headers: { ...entry.headers } }));
  }

  clear(): void {
    this.entries = [];
  }
}
