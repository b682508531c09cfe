/** Writes a SandboxResponse to a Node response. */
import type { ServerResponse } from 'node:http';
import type { SandboxResponse } from './types';

export function hasHeader(response: SandboxResponse, name: string): boolean {
  return Object.keys(response.headers ?? {}).some((key) => key.toLowerCase() === name);
}

/** Returns false when the client is already gone (nothing was sent). */
export function sendResponse(res: ServerResponse, response: SandboxResponse): boolean {
  if (res.destroyed || res.headersSent) return false;
  const headers: Record<string, string> = { ...response.headers };
  let body: string | undefined;
  if (response.json !== undefined) {
    body = JSON.stringify(response.json);
    if (!hasHeader(response, 'content-type')) headers['Content-Type'] = 'application/json; charset=utf-8';
  } else if (response.text !== undefined) {
    body = response.text;
    if (!hasHeader(response, 'content-type')) headers['Content-Type'] = 'text/plain; charset=utf-8';
  }
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
  return true;
}
