import * as vscode from 'vscode';
import type { ProxyConfig } from '../stripe/proxyFetch';

/**
 * The proxy from the USER's `http.proxy`, `http.proxyStrictSSL` and `http.noProxy` only (a
 * workspace must not redirect API calls that carry a key), else from HTTPS_PROXY / https_proxy
 * and NO_PROXY, as VS Code itself reads them.
 */
export function readProxyConfig(env: NodeJS.ProcessEnv = process.env): ProxyConfig | undefined {
  const http = vscode.workspace.getConfiguration('http');
  const user = <T>(key: string): T | undefined => http.inspect<T>(key)?.globalValue;
  const url = user<string>('proxy')?.trim() || env.HTTPS_PROXY || env.https_proxy;
  if (!url) return undefined;
  const envNoProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').filter((h) => h.trim() !== '');
  return { url, strictSSL: user<boolean>('proxyStrictSSL') ?? true, noProxy: [...(user<string[]>('noProxy') ?? []), ...envNoProxy] };
}
