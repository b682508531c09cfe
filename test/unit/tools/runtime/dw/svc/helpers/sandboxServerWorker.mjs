// HTTP server for the dw/svc tests, run in a worker thread: the synchronous service call blocks
// the test's main thread, so a server there could never answer.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const routes = new Map(Object.entries(workerData.routes));
const requests = [];

const server = http.createServer((incoming, outgoing) => {
  const chunks = [];
  incoming.on('data', (chunk) => chunks.push(chunk));
  incoming.on('end', () => {
    const recorded = {
      method: incoming.method,
      url: incoming.url,
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const route = routes.get(new URL(incoming.url, 'http://127.0.0.1').pathname) ?? { status: 404, body: 'no route' };
    if (route.hold) return;
    const respond = () => {
      const headers = { 'Content-Type': 'application/json', ...route.headers };
      if (route.statusMessage) outgoing.writeHead(route.status ?? 200, route.statusMessage, headers);
      else outgoing.writeHead(route.status ?? 200, headers);
      outgoing.end(route.echo ? JSON.stringify(recorded) : (route.body ?? ''));
    };
    if (route.delayMillis) setTimeout(respond, route.delayMillis);
    else respond();
  });
});

server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));

parentPort.on('message', (message) => {
  if (message.type === 'requests') parentPort.postMessage({ type: 'requests', requests });
  if (message.type === 'clear') {
    requests.length = 0;
    parentPort.postMessage({ type: 'cleared' });
  }
});
