/** dw.system.Status: what job steps return (OK = 0, ERROR = 1; custom codes only count with OK). */
import { formatMessage } from './messageFormat';

export class Status {
  static readonly OK = 0;
  static readonly ERROR = 1;

  readonly status: number;
  readonly code: string;
  readonly message: string | null;
  private readonly detailEntries = new Map<string, unknown>();
  private readonly statusItems: unknown[] = [];

  constructor(status: number = Status.OK, code?: string, message?: string, ...params: unknown[]) {
    if (status !== Status.OK && status !== Status.ERROR) throw new Error(`Status: unknown status ${String(status)}`);
    this.status = status;
    this.code = code ?? (status === Status.OK ? 'OK' : 'ERROR');
    this.message = message === undefined ? null : formatMessage(message, params);
  }

  get error(): boolean {
    return this.status === Status.ERROR;
  }

  isError(): boolean {
    return this.error;
  }

  getStatus(): number {
    return this.status;
  }

  getCode(): string {
    return this.code;
  }

  getMessage(): string | null {
    return this.message;
  }

  addDetail(key: string, value: unknown): void {
    this.detailEntries.set(key, value);
  }

  getDetail(key: string): unknown {
    return this.detailEntries.get(key);
  }

  get details(): Record<string, unknown> {
    return Object.fromEntries(this.detailEntries);
  }

  getDetails(): Record<string, unknown> {
    return this.details;
  }

  addItem(item: unknown): void {
    this.statusItems.push(item);
  }

  get items(): unknown[] {
    return this.statusItems.slice();
  }

  getItems(): unknown[] {
    return this.items;
  }

  toString(): string {
    return `${this.error ? 'ERROR' : 'OK'} ${this.code}${this.message ? `: ${this.message}` : ''}`;
  }
}

/** Reads a step's return value whether it came from our Status or any object with the same shape. */
export function readStatus(value: unknown): { status: number; code: string; message: string | null } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as { status?: unknown; code?: unknown; message?: unknown };
  if (typeof candidate.status !== 'number') return undefined;
  return {
    status: candidate.status,
    code: typeof candidate.code === 'string' ? candidate.code : candidate.status === Status.OK ? 'OK' : 'ERROR',
    message: typeof candidate.message === 'string' ? candidate.message : null,
  };
}
