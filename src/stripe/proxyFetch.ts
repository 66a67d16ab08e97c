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

export interface ProxyConfig {
  /** `http://[user:pass@]host[:port]`. */
  url: string;
  /** Verify the API's certificate (false for a proxy that re-signs TLS with its own authority). */
  strictSSL: boolean;
  /** Hosts to reach directly: exact names, `.suffix` or `*.suffix` entries, or `*`. */
  noProxy: readonly string[];
}

type FetchInit = { method?: string; headers?: Record<string, string> | Headers; body?: string | null; signal?: AbortSignal | null };

/** Whether `hostname` goes through the proxy, following the usual NO_PROXY conventions. */
export function useProxyFor(hostname: string, noProxy: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return !noProxy.some((raw) => {
    const entry = raw.trim().toLowerCase().replace(/:\d+$/, '');
    if (entry === '') return false;
    if (entry === '*') return true;
    const suffix = entry.replace(/^\*/, '');
    return host === suffix.replace(/^\./, '') || (suffix.startsWith('.') && host.endsWith(suffix));
  });
}

/** Only `http://` proxies are tunnelled here; anything else stays with VS Code's own support. */
export function parseProxyUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && parsed.hostname !== '' ? parsed : undefined;
  } catch {
    return undefined;
  }
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
      const auth = proxy.username !== '' ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n` : '';
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
      if (status !== '200') return fail(Object.assign(new Error(`The proxy refused the tunnel to ${host}:${port} (HTTP ${status ?? '?'}).`), { code: 'ECONNREFUSED' }));
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
  if (!config || !parseProxyUrl(config.url)) return undefined;
  const base = new URL(apiBase);
  if (base.protocol !== 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(base.hostname)) return undefined;
  return useProxyFor(base.hostname, config.noProxy) ? proxiedFetch(config) : undefined;
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
          openTunnel(proxy, target.hostname, port, config.strictSSL, init.signal).then((s) => done(null, s), (e: Error) => done(e));
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
