/**
 * What a corporate network looks like to the extension, on loopback: a CONNECT proxy (plain node
 * http) that tunnels every `CONNECT host:443` to a local TLS stand-in for api.stripe.com, which
 * forwards each request to an emulator. The stand-in's certificate is self-signed, made at test
 * time with openssl (installed by scripts/setup-test-env.sh).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProxiedStripe {
  /** `http://127.0.0.1:PORT`, for the `http.proxy` setting. */
  proxyUrl: string;
  /** Targets of the CONNECT requests the proxy received, e.g. `api.stripe.com:443`. */
  connects: string[];
  /** `METHOD path?query` of every request the TLS stand-in received. */
  requests: string[];
  /** The host name asked inside the tunnel: TLS server name (SNI) and Host header, per request. */
  tunnelled: Array<{ servername: string | false | null | undefined; host: string | undefined }>;
  /** Where the stand-in forwards to (the emulator's port), set once the emulator runs. */
  setUpstreamPort(port: number): void;
  close(): Promise<void>;
}

function selfSignedCert(host: string): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        `/CN=${host}`,
        '-addext',
        `subjectAltName=DNS:${host}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

export async function startProxiedStripe(host = 'api.stripe.com'): Promise<ProxiedStripe> {
  const connects: string[] = [];
  const requests: string[] = [];
  const tunnelled: ProxiedStripe['tunnelled'] = [];
  let upstreamPort = 0;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };

  const standIn = https.createServer(selfSignedCert(host), (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    tunnelled.push({ servername: (req.socket as import('node:tls').TLSSocket).servername, host: req.headers.host });
    // The emulator checks that it is addressed by a loopback name.
    const forward = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${upstreamPort}` },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  standIn.on('connection', track);
  const standInPort = await listen(standIn);

  const proxy = http.createServer((_req, res) => {
    res.writeHead(405).end('CONNECT only');
  });
  proxy.on('connection', track);
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    const tunnel = net.connect(standInPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) tunnel.write(head);
      tunnel.pipe(client);
      client.pipe(tunnel);
    });
    track(tunnel);
    tunnel.on('error', () => client.destroy());
    client.on('error', () => tunnel.destroy());
  });
  const proxyPort = await listen(proxy);

  return {
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    connects,
    requests,
    tunnelled,
    setUpstreamPort: (port) => void (upstreamPort = port),
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => standIn.close(r))]);
    },
  };
}
