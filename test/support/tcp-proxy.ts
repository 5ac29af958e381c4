// A TCP proxy to put between Passerelle and a service it depends on (PostgreSQL, Temporal,
// SMTP) so a test can make that service unreachable without stopping it: `cut()` closes
// the listening socket and destroys every open connection (clients see resets, then
// refused connections), `restore()` listens again on the same port.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /** `host:port` of the proxy. */
  address: string;
  /** Connections accepted since it started (to show traffic went through it). */
  connections: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const proxy = { connections: 0 } as TcpProxy;
  const listen = async (port: number) => {
    server = createServer((client) => {
      proxy.connections += 1;
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  };
  const stop = async () => {
    const closing = server ? new Promise((r) => server!.close(r)) : Promise.resolve();
    for (const s of sockets) s.destroy();
    sockets.clear();
    server = undefined;
    await closing;
  };
  const port = await listen(0);
  return Object.assign(proxy, {
    port,
    address: `127.0.0.1:${port}`,
    cut: stop,
    restore: async () => {
      if (!server) await listen(port);
    },
    close: stop,
  });
}

/** host and port of a postgres:// or smtp:// URL, or of `host:port`. */
export function endpointOf(urlOrAddress: string): { host: string; port: number } {
  const url = new URL(urlOrAddress.includes('://') ? urlOrAddress : `tcp://${urlOrAddress}`);
  return { host: url.hostname, port: Number(url.port) };
}

/** The same URL pointed at the proxy. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}
