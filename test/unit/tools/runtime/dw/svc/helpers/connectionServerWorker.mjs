// HTTP server for the kept-alive connection tests, run in a worker thread (the synchronous service
// call blocks the test's main thread). It numbers the TCP connections it accepts, records every
// request it read with the connection it came on, and can misbehave the ways servers do with
// idle connections. It answers each request with its body, echoed.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {import('./connectionServer').ConnectionBehaviour} */
const behaviour = workerData.behaviour;
const requests = [];
let connections = 0;

const server = http.createServer((incoming, outgoing) => {
  const socket = incoming.socket;
  clearTimeout(socket.idleTimer);
  socket.requestCount += 1;
  const chunks = [];
  incoming.on('data', (chunk) => chunks.push(chunk));
  incoming.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const reused = socket.requestCount > 1;
    requests.push({ method: incoming.method, path: incoming.url, body, connection: socket.connection, reused });
    const path = new URL(incoming.url, 'http://127.0.0.1').pathname;
    if (path === '/hold') return;
    if (behaviour.dropReusedRequests && reused) {
      socket.destroy();
      return;
    }
    const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
    if (behaviour.keepAliveHeader) headers['Keep-Alive'] = behaviour.keepAliveHeader;
    if (behaviour.connectionClose) headers.Connection = 'close';
    outgoing.on('finish', () => {
      // Without `Connection: close`: the client has no way to know, but the connection is gone.
      if (behaviour.closeAfterAnswer) socket.destroy();
      else if (behaviour.idleCloseMs) socket.idleTimer = setTimeout(() => socket.destroy(), behaviour.idleCloseMs);
    });
    outgoing.writeHead(200, headers);
    outgoing.end(body);
  });
});
// Our own idle handling (or none) instead of Node's: no Keep-Alive hint is sent unless asked for.
if (behaviour.idleCloseMs || behaviour.keepAliveHeader || behaviour.neverCloseIdle) server.keepAliveTimeout = 0;
server.on('connection', (socket) => {
  connections += 1;
  socket.connection = connections;
  socket.requestCount = 0;
  socket.on('close', () => clearTimeout(socket.idleTimer));
});

server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));

parentPort.on('message', (message) => {
  if (message.type === 'report') parentPort.postMessage({ type: 'report', connections, requests });
});
