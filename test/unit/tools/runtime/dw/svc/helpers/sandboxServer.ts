/** Starts sandboxServerWorker.mjs in a worker thread and talks to it. */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { nextMessage } from '../../../../../../../tools/workerMessages';

export interface RouteSpec {
  status?: number;
  statusMessage?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Answer with the recorded request as JSON. */
  echo?: boolean;
  /** Never answer (for timeouts). */
  hold?: boolean;
  delayMillis?: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface ServerMessage {
  type: string;
  port?: number;
  requests?: RecordedRequest[];
}

export class SandboxServer {
  readonly #worker: Worker;
  readonly #port: number;

  private constructor(worker: Worker, port: number) {
    this.#worker = worker;
    this.#port = port;
  }

  static async start(routes: Record<string, RouteSpec>): Promise<SandboxServer> {
    const worker = new Worker(path.join(__dirname, 'sandboxServerWorker.mjs'), { workerData: { routes } });
    const listening = await nextMessage<ServerMessage>(worker, 'listening');
    return new SandboxServer(worker, listening.port ?? 0);
  }

  url(pathname: string): string {
    return `http://127.0.0.1:${this.#port}${pathname}`;
  }

  async requests(): Promise<RecordedRequest[]> {
    this.#worker.postMessage({ type: 'requests' });
    return (await nextMessage<ServerMessage>(this.#worker, 'requests')).requests ?? [];
  }

  async clear(): Promise<void> {
    this.#worker.postMessage({ type: 'clear' });
    await nextMessage<ServerMessage>(this.#worker, 'cleared');
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}
