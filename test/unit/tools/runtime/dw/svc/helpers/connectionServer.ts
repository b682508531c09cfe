/** Starts connectionServerWorker.mjs in a worker thread: a server that counts connections. */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { nextMessage } from '../../../../../../../tools/workerMessages';

export interface ConnectionBehaviour {
  /** Destroys each connection right after answering, without saying so (no `Connection: close`). */
  closeAfterAnswer?: boolean;
  /** Destroys a connection that stayed idle this long after an answer (and sends no Keep-Alive hint). */
  idleCloseMs?: number;
  /** Keeps idle connections for ever, and sends no Keep-Alive hint. */
  neverCloseIdle?: boolean;
  /** Sends this `Keep-Alive` header (e.g. `timeout=1`) but keeps idle connections for ever. */
  keepAliveHeader?: string;
  /** Answers with `Connection: close`. */
  connectionClose?: boolean;
  /** Reads a request that came on a reused connection, then destroys the connection unanswered. */
  dropReusedRequests?: boolean;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  body: string;
  /** Number of the TCP connection it came on, from 1 in the order they were accepted. */
  connection: number;
  /** It was not the first request on its connection. */
  reused: boolean;
}

export interface ServerReport {
  connections: number;
  requests: ReceivedRequest[];
}

interface ServerMessage extends Partial<ServerReport> {
  type: string;
  port?: number;
}

export class ConnectionServer {
  readonly #worker: Worker;
  readonly #port: number;

  private constructor(worker: Worker, port: number) {
    this.#worker = worker;
    this.#port = port;
  }

  static async start(behaviour: ConnectionBehaviour = {}): Promise<ConnectionServer> {
    const worker = new Worker(path.join(__dirname, 'connectionServerWorker.mjs'), { workerData: { behaviour } });
    const listening = await nextMessage<ServerMessage>(worker, 'listening');
    return new ConnectionServer(worker, listening.port ?? 0);
  }

  url(pathname: string): string {
    return `http://127.0.0.1:${this.#port}${pathname}`;
  }

  async report(): Promise<ServerReport> {
    this.#worker.postMessage({ type: 'report' });
    const message = await nextMessage<ServerMessage>(this.#worker, 'report');
    return { connections: message.connections ?? 0, requests: message.requests ?? [] };
  }

  async stop(): Promise<void> {
    await this.#worker.terminate();
  }
}
