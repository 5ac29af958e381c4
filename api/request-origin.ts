// Where a request came from: the client's address and whether it reached us over HTTPS.
// Behind a reverse proxy the socket's peer is the proxy, so its X-Forwarded-For and
// X-Forwarded-Proto are read, but only when the peer is one of the trusted proxies
// (TRUSTED_PROXIES: addresses and CIDR ranges): anyone else could write those headers.
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';

export interface RequestOrigin {
  /** The client's IP address; "unknown" in-process (tests calling `app.request`). */
  address: string;
  /** The client reached us over HTTPS: TLS on our socket, or said by a trusted proxy. */
  https: boolean;
}

export interface TrustedProxies {
  has(address: string): boolean;
}

/** Parses "127.0.0.1, 10.0.0.0/8, ::1" (addresses and CIDR ranges); throws naming a bad entry. */
export function parseTrustedProxies(entries: readonly string[] = []): TrustedProxies {
  const list = new BlockList();
  let empty = true;
  for (const raw of entries.map((e) => e.trim()).filter((e) => e !== '')) {
    const [address, prefix, ...rest] = raw.split('/');
    const family = isIP(address);
    const validPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
    if (family === 0 || !validPrefix || rest.length > 0) {
      throw new Error(`TRUSTED_PROXIES: "${raw}" is neither an IP address nor a CIDR range (such as 10.0.0.0/8)`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
    empty = false;
  }
  return {
    has(address) {
      const family = isIP(address);
      return !empty && family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is 192.0.2.1. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
}

/** The origin of a request as seen through the trusted proxies. */
export function requestOrigin(c: Context, trusted: TrustedProxies): RequestOrigin {
  const socket = (c.env as NodeBindings | undefined)?.incoming?.socket;
  // In-process requests (tests) have no socket: the URL given to app.request says the scheme.
  if (!socket?.remoteAddress) return { address: 'unknown', https: c.req.url.startsWith('https:') };
  const peer = normalizeAddress(socket.remoteAddress);
  const overTls = socket.encrypted === true;
  if (!trusted.has(peer)) return { address: peer, https: overTls };

  // Each proxy appends the address it received the request from: walking from the right,
  // the first address that is not a trusted proxy is the client (anything to its left was
  // written by the client itself and proves nothing).
  const forwarded = (c.req.header('X-Forwarded-For') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  let address = peer;
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(forwarded[i]);
    if (isIP(hop) === 0) break;
    address = hop;
    if (!trusted.has(hop)) break;
  }
  // The proxy nearest the client sets the scheme it was reached with, first in the list.
  const proto = (c.req.header('X-Forwarded-Proto') ?? '').split(',')[0].trim().toLowerCase();
  return { address, https: proto === '' ? overTls : proto === 'https' };
}

/**
 * Whether the browser talks to us over HTTPS: this request came over it, or APP_URL says so
 * (a proxy that ends TLS without being listed in TRUSTED_PROXIES).
 */
export function overHttps(origin: RequestOrigin, publicUrl: string | undefined): boolean {
  return origin.https || (publicUrl ?? '').startsWith('https://');
}
