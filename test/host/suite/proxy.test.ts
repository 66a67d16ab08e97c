/**
 * The proxy the client tunnels through comes from the user's settings (VS Code 1.99 refuses a
 * workspace `http.proxy` anyway: it is application-scoped), then from the environment.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readProxyConfig } from '../../../src/ui/proxySettings';

describe('Proxy settings', function () {
  this.timeout(20_000);
  const http = () => vscode.workspace.getConfiguration('http');
  const clear = async () => {
    for (const key of ['proxy', 'proxyStrictSSL', 'noProxy']) {
      await http().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  };
  beforeEach(clear);
  afterEach(clear);

  it('reads the user values, then HTTPS_PROXY and NO_PROXY when the user set none', async () => {
    await http().update('proxy', 'http://user-proxy.example:3128', vscode.ConfigurationTarget.Global);
    await http().update('proxyStrictSSL', false, vscode.ConfigurationTarget.Global);
    await http().update('noProxy', ['internal.example'], vscode.ConfigurationTarget.Global);
    assert.deepEqual(readProxyConfig({ NO_PROXY: 'a.example,b.example' }), {
      url: 'http://user-proxy.example:3128',
      strictSSL: false,
      noProxy: ['internal.example', 'a.example', 'b.example'],
    });
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    assert.equal(readProxyConfig({ https_proxy: 'http://env-proxy.example:8080' })?.url, 'http://env-proxy.example:8080');
    assert.equal(readProxyConfig({}), undefined);
  });
});
