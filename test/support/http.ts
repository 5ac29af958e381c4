// A real HTTP server around an app, on a free port of 127.0.0.1, for tests about what goes
// over the wire: client addresses, forwarded headers, cookies and headers as sent.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

export function listen(app: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> }): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Idle keep-alive connections would hold close() for seconds.
            (server as Server).closeAllConnections?.();
          }),
      });
    });
  });
}

/** A login over the wire; `from` is the client address a trusted proxy reports. */
export async function loginOver(url: string, email: string, password: string, from?: string): Promise<Response> {
  return fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
    body: JSON.stringify({ email, password }),
  });
}
