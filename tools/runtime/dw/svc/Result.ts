/** `dw.svc.Result`: the outcome of `Service.call()`. Read-only, like on the platform. */

export type ResultStatus = 'OK' | 'ERROR' | 'SERVICE_UNAVAILABLE';

export type UnavailableReason = 'TIMEOUT' | 'RATE_LIMITED' | 'CIRCUIT_BROKEN' | 'DISABLED' | 'CONFIG_PROBLEM';

export interface ResultFields {
  status: ResultStatus;
  object?: unknown;
  error?: number;
  errorMessage?: string | null;
  msg?: string | null;
  mockResult?: boolean;
  unavailableReason?: UnavailableReason | null;
}

export class Result {
  static readonly OK = 'OK';
  static readonly ERROR = 'ERROR';
  static readonly SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
  static readonly UNAVAILABLE_TIMEOUT = 'TIMEOUT';
  static readonly UNAVAILABLE_RATE_LIMITED = 'RATE_LIMITED';
  static readonly UNAVAILABLE_CIRCUIT_BROKEN = 'CIRCUIT_BROKEN';
  static readonly UNAVAILABLE_DISABLED = 'DISABLED';
  static readonly UNAVAILABLE_CONFIG_PROBLEM = 'CONFIG_PROBLEM';

  readonly #status: ResultStatus | null;
  readonly #object: unknown;
  readonly #error: number;
  readonly #errorMessage: string | null;
  readonly #msg: string | null;
  readonly #mockResult: boolean;
  readonly #unavailableReason: UnavailableReason | null;

  /** Scripts may call `new Result()` (documented constructor); the framework passes the fields. */
  constructor(fields?: ResultFields) {
    this.#status = fields?.status ?? null;
    this.#object = fields?.object ?? null;
    this.#error = fields?.error ?? 0;
    this.#errorMessage = fields?.errorMessage ?? null;
    this.#msg = fields?.msg ?? null;
    this.#mockResult = fields?.mockResult ?? false;
    this.#unavailableReason = fields?.unavailableReason ?? null;
  }

  get ok(): boolean {
    return this.#status === Result.OK;
  }
  get status(): ResultStatus | null {
    return this.#status;
  }
  get object(): unknown {
    return this.#object;
  }
  get error(): number {
    return this.#error;
  }
  get errorMessage(): string | null {
    return this.#errorMessage;
  }
  get msg(): string | null {
    return this.#msg;
  }
  get mockResult(): boolean {
    return this.#mockResult;
  }
  get unavailableReason(): UnavailableReason | null {
    return this.#unavailableReason;
  }

  isOk(): boolean {
    return this.ok;
  }
  getStatus(): ResultStatus | null {
    return this.status;
  }
  getObject(): unknown {
    return this.object;
  }
  getError(): number {
    return this.error;
  }
  getErrorMessage(): string | null {
    return this.errorMessage;
  }
  getMsg(): string | null {
    return this.msg;
  }
  isMockResult(): boolean {
    return this.mockResult;
  }
  getUnavailableReason(): UnavailableReason | null {
    return this.unavailableReason;
  }

  toString(): string {
    const parts = [`status=${this.#status}`];
    if (this.#unavailableReason !== null) parts.push(`unavailableReason=${this.#unavailableReason}`);
    if (this.#status !== Result.OK) parts.push(`error=${this.#error}`, `errorMessage=${this.#errorMessage}`);
    if (this.#mockResult) parts.push('mockResult=true');
    return `Result[${parts.join(', ')}]`;
  }
}
