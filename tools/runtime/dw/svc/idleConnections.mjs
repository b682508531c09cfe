// When the HTTP worker (httpWorker.mjs, which explains why) may send a call on the connection an
// earlier call left open. Plain JavaScript: it runs in the worker thread, without the tsx loader.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';

/** Longest time a connection may stay idle and still be reused (usual server timeouts: 5 s and more). */
export const CLIENT_IDLE_LIMIT_MS = 2000;
/** Taken off a server's `Keep-Alive: timeout=N`, as Node's own agent does. */
export const HINT_MARGIN_MS = 1000;
/**
 * How long an idle connection must have stayed open before the first reuse towards its origin:
 * a server that closes connections right after answering (without `Connection: close`) has done
 * so by then.
 */
export const PROOF_MS = 20;

const AGENT_OPTIONS = { keepAlive: true, maxFreeSockets: 1, scheduling: 'lifo', noDelay: true };

/**
 * One idle connection per origin at most (calls are sequential), kept by a keep-alive agent, and
 * what is known of each origin's servers.
 */
export class IdleConnections {
  /** Origin → { socket, since, limitMs, onServerClose } of its idle connection. */
  #idle = new Map();
  /** Origin → idle limit learnt from its server closing an idle connection sooner than ours. */
  #learntLimits = new Map();
  /** Origins whose server was seen to leave an idle connection open for PROOF_MS. */
  #proven = new Set();
  /** Connection → origin it was opened to; hint-based idle limit its last answer allows. */
  #origins = new WeakMap();
  #answerLimits = new WeakMap();

  constructor() {
    this.agents = {
      'http:': this.#track(new http.Agent(AGENT_OPTIONS)),
      'https:': this.#track(new https.Agent(AGENT_OPTIONS)),
    };
  }

  /**
   * The agent a call to `url` goes through, or false for a one-shot connection. Call it after one
   * event-loop turn, so that a close the server sent while the connection was idle has been read.
   * Destroys the origin's idle connection if it cannot be reused.
   */
  agentFor(url) {
    const agent = this.agents[url.protocol];
    const idle = this.#idle.get(url.origin);
    if (idle === undefined) return agent;
    const { socket } = idle;
    const idleMs = performance.now() - idle.since;
    if (socket.destroyed || !socket.writable || socket.readableEnded || idleMs >= idle.limitMs) {
      this.#take(socket);
      socket.destroy();
      return agent;
    }
    if (this.#proven.has(url.origin)) return agent;
    if (idleMs >= PROOF_MS) {
      this.#proven.add(url.origin);
      return agent;
    }
    // Too early to know whether this server closes connections after answering: leave the idle
    // one alone (it proves it by staying open) and send this call on a connection of its own.
    return false;
  }

  /** A call's request got its connection (an idle one or a new one). */
  assigned(socket, url) {
    this.#take(socket);
    this.#origins.set(socket, url.origin);
  }

  /** A call's answer ended, with this `Keep-Alive` header: how long the connection may stay idle. */
  answered(socket, keepAlive) {
    this.#answerLimits.set(socket, hintedIdleLimit(keepAlive));
  }

  #track(agent) {
    // Runs after the agent's own 'free' listener, which either pooled the connection or destroyed it.
    agent.on('free', (socket, options) => {
      const origin = this.#origins.get(socket);
      if (origin === undefined || socket.destroyed || !agent.freeSockets[agent.getName(options)]?.includes(socket)) {
        return;
      }
      const since = performance.now();
      const limitMs = Math.min(
        this.#answerLimits.get(socket) ?? CLIENT_IDLE_LIMIT_MS,
        this.#learntLimits.get(origin) ?? CLIENT_IDLE_LIMIT_MS,
      );
      // The server closed or reset the idle connection: drop it at once (no call may take it
      // before it is gone) and never let one of this origin stay idle that long again.
      const onServerClose = () => {
        this.#take(socket);
        socket.destroy();
        const allowedMs = performance.now() - since;
        if (allowedMs < limitMs) this.#learntLimits.set(origin, allowedMs / 2);
      };
      socket.once('end', onServerClose);
      socket.once('error', onServerClose);
      this.#idle.set(origin, { socket, since, limitMs, onServerClose });
    });
    return agent;
  }

  /** The connection is no longer idle (a call took it, or it is gone). */
  #take(socket) {
    const origin = this.#origins.get(socket);
    const idle = origin === undefined ? undefined : this.#idle.get(origin);
    if (idle === undefined || idle.socket !== socket) return;
    this.#idle.delete(origin);
    socket.off('end', idle.onServerClose);
    socket.off('error', idle.onServerClose);
  }
}

/** How long a connection may stay idle after an answer with this `Keep-Alive` header. */
export function hintedIdleLimit(keepAlive) {
  const seconds = typeof keepAlive === 'string' ? /(?:^|[\s,])timeout=(\d+)/i.exec(keepAlive)?.[1] : undefined;
  if (seconds === undefined) return CLIENT_IDLE_LIMIT_MS;
  return Math.max(0, Math.min(CLIENT_IDLE_LIMIT_MS, Number(seconds) * 1000 - HINT_MARGIN_MS));
}
