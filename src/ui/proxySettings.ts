import * as vscode from 'vscode';
import { proxyConfigFrom, type ProxyConfig } from '../stripe/proxyFetch';

/**
 * The proxy from the USER's `http.proxy`, `http.proxyStrictSSL`, `http.noProxy` and
 * `http.proxySupport` only (a workspace must not redirect API calls that carry a key), else from
 * HTTPS_PROXY / https_proxy and NO_PROXY, as VS Code itself reads them.
 */
export function readProxyConfig(env: NodeJS.ProcessEnv = process.env): ProxyConfig | undefined {
  const http = vscode.workspace.getConfiguration('http');
  const user = <T>(key: string): T | undefined => http.inspect<T>(key)?.globalValue;
  return proxyConfigFrom(
    {
      proxy: user<string>('proxy'),
      proxyStrictSSL: user<boolean>('proxyStrictSSL'),
      noProxy: user<string[]>('noProxy'),
      proxySupport: user<string>('proxySupport'),
    },
    env,
  );
}
