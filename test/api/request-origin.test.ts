// Where a request comes from, over a real socket: the client address is the socket's peer,
// or what X-Forwarded-For says when (and only when) the peer is a trusted proxy. Observed
// through the keys login throttling counts failures under.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createTestApi, type TestApi } from '../support/api';
import { listen, loginOver, type Listening } from '../support/http';

const addressKeys = async (api: TestApi) =>
  (await api.db.selectFrom('login_attempts').select('key').where('key', 'like', 'ip:%').orderBy('key').execute()).map((r) => r.key);

describe('the client address', () => {
  let direct: TestApi;
  let proxied: TestApi;
  let directServer: Listening;
  let proxiedServer: Listening;
  beforeAll(async () => {
    direct = await createTestApi();
    proxied = await createTestApi({ trustedProxies: ['127.0.0.1', '10.0.0.0/8'] });
    directServer = await listen(direct.app);
    proxiedServer = await listen(proxied.app);
  });
  afterAll(async () => {
    await directServer?.close();
    await proxiedServer?.close();
    await direct?.drop();
    await proxied?.drop();
  });

  it('is the socket’s peer when no proxy is trusted: X-Forwarded-For from anyone else is ignored', async () => {
    expect((await loginOver(directServer.url, 'x@passerelle.test', 'faux', '203.0.113.50')).status).toBe(401);
    expect(await addressKeys(direct)).toEqual(['ip:127.0.0.1']);
  });

  it('is the last address before the trusted proxies, whatever the client wrote to the left of it', async () => {
    // A client that forges "198.51.100.66", reaching a 10.x proxy that reaches us on 127.0.0.1.
    expect((await loginOver(proxiedServer.url, 'x@passerelle.test', 'faux', '198.51.100.66, 203.0.113.7, 10.1.2.3')).status).toBe(401);
    // An IPv4 client written as IPv6-mapped is the same address.
    expect((await loginOver(proxiedServer.url, 'x@passerelle.test', 'faux', '::ffff:203.0.113.7')).status).toBe(401);
    // Nothing forwarded: the proxy itself.
    expect((await loginOver(proxiedServer.url, 'x@passerelle.test', 'faux')).status).toBe(401);
    expect(await addressKeys(proxied)).toEqual(['ip:127.0.0.1', 'ip:203.0.113.7']);
    const rows = await proxied.db.selectFrom('login_attempts').select(['key', 'failures']).where('key', '=', 'ip:203.0.113.7').execute();
    expect(rows).toEqual([{ key: 'ip:203.0.113.7', failures: 2 }]);
  });

  it('refuses to start with a TRUSTED_PROXIES entry that is neither an address nor a range', () => {
    for (const entry of ['proxy.local', '10.0.0.0/33', '10.0.0.1/8/2', '::1/129']) {
      expect(() => createApp({ db: direct.db, trustedProxies: [entry] }), entry).toThrow(/TRUSTED_PROXIES/);
    }
    expect(() => createApp({ db: direct.db, trustedProxies: [' 127.0.0.1 ', '', 'fd00::/8'] })).not.toThrow();
  });
});
