/**
 * The C# recogniser at its edges: comments and division around a call, type and method names that
 * only look like the SDK's, a target-typed `new()` outside a SecretService file, and the lookup.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csharp } from '../../../src/references/languages/csharp';
import { findReferences } from '../../../src/references/registry';

/** Name, scope and call of each reference found. */
const found = (text: string) => findReferences(text, 'csharp').map((r) => [r.name, r.scope, r.call]);

/** The snippet as the code it inserts: placeholders replaced by their default text, escapes removed. */
function resolve(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_m, body: string) => body).replace(/\\([$}\\])/g, '$1');
}

const ACCOUNT = { type: 'account' };
const options = (type: string, name: string) =>
  `var options = new ${type} { Name = "${name}", Scope = new SecretScopeOptions { Type = "account" } };`;

describe('csharp recogniser: comments and division', () => {
  it('does not read a call inside a block comment', () => {
    assert.deepEqual(found(`/* Before:\n${options('SecretFindOptions', 'old')}\n*/\n${options('SecretFindOptions', 'new')}`), [
      ['new', ACCOUNT, 'find'],
    ]);
  });

  it('reads a call after a block comment on the same line, and after a division', () => {
    assert.deepEqual(found(`/* kept */ ${options('SecretFindOptions', 'after_comment')}`), [['after_comment', ACCOUNT, 'find']]);
    assert.deepEqual(found(`var half = total / 2; ${options('SecretCreateOptions', 'after_division')}`), [
      ['after_division', ACCOUNT, 'create'],
    ]);
  });

  it('still skips a line comment', () => {
    assert.deepEqual(found(`// ${options('SecretFindOptions', 'commented')}\n${options('SecretFindOptions', 'live')}`), [
      ['live', ACCOUNT, 'find'],
    ]);
  });
});

describe('csharp recogniser: names', () => {
  it('reads only the SDK options types, not types whose names merely start or end like them', () => {
    assert.deepEqual(found([options('SecretFindOptionsBuilder', 'a'), options('SecretCacheSecretFindOptions', 'b')].join('\n')), []);
    assert.deepEqual(found(options('SecretDeleteWhereOptions', 'c')), [['c', ACCOUNT, 'deleteWhere']]);
  });

  it('reads only the SDK methods with a target-typed new(), not methods whose names merely contain them', () => {
    const call = (method: string) =>
      `var secret = await client.V1.Apps.Secrets.${method}(new() { Name = "${method}", Scope = new() { Type = "account" } });`;
    assert.deepEqual(found([call('FindAll'), call('TryFind'), call('TryCreateAsync')].join('\n')), []);
    assert.deepEqual(found(call('DeleteWhereAsync')), [['DeleteWhereAsync', ACCOUNT, 'deleteWhere']]);
  });

  it('reads a target-typed new() passed to any receiver only in a file that names SecretService', () => {
    const call = `var secret = await service.FindAsync(new() { Name = "x", Scope = new() { Type = "account" } });`;
    assert.deepEqual(found(`var service = GetSecrets();\n${call}`), []);
    assert.deepEqual(found(`SecretService service = client.V1.Apps.Secrets;\n${call}`), [['x', ACCOUNT, 'find']]);
  });
});

describe('csharp recogniser: lookup', () => {
  const opts = (name: string, scope: string) =>
    `new Stripe.Apps.SecretFindOptions { Name = ${name}, Scope = new Stripe.Apps.SecretScopeOptions { ${scope} }, Expand = new List<string> { "payload" } }`;

  it('awaits FindAsync without a context or where await is allowed', () => {
    const expected = `(await client.V1.Apps.Secrets.FindAsync(${opts('"api_key"', 'Type = "account"')})).Payload`;
    assert.equal(resolve(csharp.lookup('api_key', { type: 'account' })), expected);
    assert.equal(resolve(csharp.lookup('api_key', { type: 'account' }, { canAwait: true })), expected);
  });

  it('calls the blocking Find where await is not allowed, with the account the app passes', () => {
    assert.equal(
      resolve(csharp.lookup('api_key', { type: 'account' }, { canAwait: false })),
      `client.V1.Apps.Secrets.Find(${opts('"api_key"', 'Type = "account"')}).Payload`,
    );
    const snippet = csharp.lookup('api_key', { type: 'account' }, { canAwait: false, stripeAccount: 'accountId' });
    assert.equal(
      resolve(snippet),
      `client.V1.Apps.Secrets.Find(${opts('"api_key"', 'Type = "account"')}, new Stripe.RequestOptions { StripeAccount = accountId }).Payload`,
    );
    assert.match(snippet, /StripeAccount = \$\{2:accountId\}/);
  });

  it('writes the user scope, with an empty user when none is known', () => {
    assert.equal(
      resolve(csharp.lookup('tok', { type: 'user', user: 'usr_9' })),
      `(await client.V1.Apps.Secrets.FindAsync(${opts('"tok"', 'Type = "user", User = "usr_9"')})).Payload`,
    );
    assert.equal(
      resolve(csharp.lookup('tok', { type: 'user' })),
      `(await client.V1.Apps.Secrets.FindAsync(${opts('"tok"', 'Type = "user", User = ""')})).Payload`,
    );
  });
});
