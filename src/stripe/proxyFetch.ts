/**
 * A fetch that reaches an HTTPS API through an HTTP proxy's CONNECT tunnel, with plain Node
 * (net, tls, http). Why not leave it to VS Code: its proxy support reroutes `https.request` for
 * extensions, but in VS Code 1.99 it applies neither `http.proxyStrictSSL: false` nor an agent
 * the extension passes, so a proxy that re-signs TLS (common in companies) fails every request.
 * `http.ClientRequest` with our own connection is not rerouted. One tunnel per request (no
 * keep-alive): simple, and the limiter keeps the number of tunnels bounded.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { SecretStoreError } from './errors';

export interface ProxyConfig {
  /** `http://[user:pass@]host[:port]`. */
  url: string;
  /** Verify the API's certificate (false for a proxy that re-signs TLS with its own authority). */
  strictSSL: boolean;
  /** Hosts to reach directly: exact names, `.suffix` or `*.suffix` entries, or `*`. */
  noProxy: readonly string[];
}

type FetchInit = { method?: string; headers?: Record<string, string> | Headers; body?: string | null; signal?: AbortSignal | null };

function blockListFor(entry: string): net.BlockList | undefined {
  const [address, bits] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0) return undefined;
  const list = new net.BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (bits === undefined) list.addAddress(address, type);
  else if (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)) list.addSubnet(address, Number(bits), type);
  else return undefined;
  return list;
}

/**
 * Whether `hostname` (on `port`) goes through the proxy, matching NO_PROXY as curl does: `*` is
 * every host; a domain, with or without a leading `.` or `*.`, covers itself and its subdomains
 * (`stripe.com` covers `api.stripe.com`, not `notstripe.com`); `host:port` only that port; an IP
 * address or CIDR range (`10.0.0.0/8`, `fd00::/8`) the addresses in it.
 */
export function useProxyFor(hostname: string, noProxy: readonly string[], port = 443): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  const hostFamily = net.isIP(host);
  return !noProxy.some((raw) => {
    let entry = raw.trim().toLowerCase();
    if (entry === '') return false;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1];
      entryPort = bracketed[2] !== undefined ? Number(bracketed[2]) : undefined;
    } else if (/^[^:]+:\d+$/.test(entry)) {
      entryPort = Number(entry.slice(entry.lastIndexOf(':') + 1));
      entry = entry.slice(0, entry.lastIndexOf(':'));
    }
    if (entryPort !== undefined && entryPort !== port) return false;
    if (hostFamily !== 0) {
      const list = blockListFor(entry);
      return list !== undefined && list.check(host, hostFamily === 4 ? 'ipv4' : 'ipv6');
    }
    const domain = entry.replace(/^\*?\.+/, '').replace(/\.$/, '');
    return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
  });
}

/**
 * Why the proxy URL cannot be used, in one sentence that never repeats its credentials, or
 * undefined when it can (or is no http:// proxy, which stays with VS Code's own support).
 */
export function proxyUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The proxy address in http.proxy (or HTTPS_PROXY) is not a valid URL; write it as http://host:port or http://user:password@host:port.';
  }
  if (parsed.protocol !== 'http:') return undefined;
  if (parsed.hostname === '') return 'The proxy address in http.proxy (or HTTPS_PROXY) has no host name; write it as http://host:port.';
  try {
    decodeURIComponent(parsed.username);
    decodeURIComponent(parsed.password);
  } catch {
    return 'The user name or password in the proxy address (http.proxy or HTTPS_PROXY) holds a broken %-escape; write a literal % as %25.';
  }
  return undefined;
}

/** Only `http://` proxies are tunnelled here; anything else stays with VS Code's own support. */
export function parseProxyUrl(url: string): URL | undefined {
  if (proxyUrlProblem(url) !== undefined) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' ? parsed : undefined;
}

/**
 * The proxy from the user's `http.*` settings and then the environment, as VS Code reads them; none
 * when `http.proxySupport` is `off`, which turns VS Code's own proxying off too.
 */
export function proxyConfigFrom(
  user: { proxy?: string; proxyStrictSSL?: boolean; noProxy?: readonly string[]; proxySupport?: string },
  env: NodeJS.ProcessEnv,
): ProxyConfig | undefined {
  if (user.proxySupport === 'off') return undefined;
  const url = user.proxy?.trim() || env.HTTPS_PROXY || env.https_proxy;
  if (!url) return undefined;
  const envNoProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').filter((h) => h.trim() !== '');
  return { url, strictSSL: user.proxyStrictSSL ?? true, noProxy: [...(user.noProxy ?? []), ...envNoProxy] };
}

/** Opens `host:port` through the proxy and starts TLS on the tunnel. */
function openTunnel(proxy: URL, host: string, port: number, strictSSL: boolean, signal?: AbortSignal | null): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(proxy.port || 80), proxy.hostname);
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', fail);
    socket.once('connect', () => {
      const auth =
        proxy.username !== ''
          ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
          : '';
      socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n${auth}\r\n`);
    });
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) fail(new Error('The proxy sent an oversized answer to CONNECT.'));
        return;
      }
      socket.off('data', onData);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1];
      if (status !== '200')
        return fail(
          Object.assign(new Error(`The proxy refused the tunnel to ${host}:${port} (HTTP ${status ?? '?'}).`), { code: 'ECONNREFUSED' }),
        );
      socket.off('error', fail);
      const secure = tls.connect({ socket, servername: host, rejectUnauthorized: strictSSL, ALPNProtocols: ['http/1.1'] });
      secure.once('secureConnect', () => {
        signal?.removeEventListener('abort', onAbort);
        secure.off('error', reject);
        resolve(secure);
      });
      secure.once('error', reject);
    };
    socket.on('data', onData);
  });
}

/** The proxied fetch for an API base, or undefined when it is reached directly (loopback, noProxy, no usable proxy). */
export function fetchThroughProxy(apiBase: string, config: ProxyConfig | undefined): ReturnType<typeof proxiedFetch> | undefined {
  if (!config) return undefined;
  const base = new URL(apiBase);
  if (base.protocol !== 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(base.hostname)) return undefined;
  if (!useProxyFor(base.hostname, config.noProxy, Number(base.port || 443))) return undefined;
  // A broken proxy address fails every request at once with what to fix, never silently going direct.
  const problem = proxyUrlProblem(config.url);
  if (problem) throw new SecretStoreError('validation', problem);
  return parseProxyUrl(config.url) ? proxiedFetch(config) : undefined;
}

/** A fetch for the SDK's fetch HTTP client that sends every https request through `config`'s proxy. */
export function proxiedFetch(config: ProxyConfig): (url: string, init?: FetchInit) => Promise<Response> {
  const proxy = parseProxyUrl(config.url);
  if (!proxy) throw new RangeError('Only http:// proxies can be tunnelled.');
  return (url, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const port = Number(target.port || 443);
      const headers: Record<string, string> = {};
      new Headers(init.headers ?? {}).forEach((value, name) => (headers[name] = value));
      const req = new http.ClientRequest({
        host: target.hostname,
        port,
        defaultPort: 443,
        path: target.pathname + target.search,
        method: init.method ?? 'GET',
        headers,
        signal: init.signal ?? undefined,
        createConnection: ((_options: unknown, done: (error: Error | null, socket?: net.Socket) => void) => {
          openTunnel(proxy, target.hostname, port, config.strictSSL, init.signal).then(
            (s) => done(null, s),
            (e: Error) => done(e),
          );
          return undefined;
        }) as unknown as http.ClientRequestArgs['createConnection'],
      });
      req.once('error', reject);
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', reject);
        res.once('end', () => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
          }
          resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 502, headers: out }));
        });
      });
      req.end(init.body ?? undefined);
    });
}
