/**
 * The Java recogniser at its edges: comments, names that only resemble the SDK's, builder chains that
 * are not plain setter calls (broken code being typed included), and the exact lookup it writes.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { java } from '../../../src/references/languages/java';
import { findReferences } from '../../../src/references/registry';
import { tokenize } from '../../../src/references/scanner';
import { TokenStream } from '../../../src/references/structure';

const refs = (text: string) => findReferences(text, 'java').map((r) => [r.name, r.scope, r.call]);
const names = (text: string) => findReferences(text, 'java').map((r) => r.name);
const ACCOUNT = { type: 'account' };
const UNKNOWN = { type: 'unknown' };
const mapCall = (name: string) => `Secret.find(Map.of("name", "${name}", "scope", Map.of("type", "account")));`;
/** A find builder whose scope is set by `scope` (the setScope argument). */
const withScope = (scope: string) => `SecretFindParams.builder().setName("x").setScope(${scope}).build();`;

describe('java recogniser: comments and names', () => {
  it('a call in a line comment is not read', () => {
    assert.deepEqual(names(`// ${mapCall('commented')}\n${mapCall('live')}`), ['live']);
  });

  it('a call in a block comment is not read, and one after it on the same line is', () => {
    assert.deepEqual(names(`/* ${mapCall('commented')} */ ${mapCall('after_block')}`), ['after_block']);
    assert.deepEqual(names(`/**\n * ${mapCall('in_javadoc')}\n */\n${mapCall('live')}`), ['live']);
  });

  it('a call after a division on the same line is read', () => {
    assert.deepEqual(names(`int half = a / 2; ${mapCall('after_division')}`), ['after_division']);
  });

  it('only the three SDK params classes start a builder: a longer class name does not', () => {
    assert.deepEqual(names(`SecretFindParamsFactory.builder().setName("x").build();`), []);
    assert.deepEqual(names(`SecretFindParams.builder().setName("x").build();`), ['x']);
  });

  it('Secret.<method>(Map.of(…)) is read for find, create and deleteWhere only, not longer or shorter method names', () => {
    assert.deepEqual(names(`Secret.findAll(Map.of("name", "a")); Secret.refind(Map.of("name", "b"));`), []);
    assert.deepEqual(refs(`Secret.deleteWhere(Map.of("name", "c"));`), [['c', UNKNOWN, 'deleteWhere']]);
  });

  it('a Map.of call whose name is not a literal yields nothing, and the others around it are kept', () => {
    assert.deepEqual(names(`Secret.find(Map.of("name", dynamicName)); ${mapCall('kept')}`), ['kept']);
  });

  it('find returns the references of both forms in text order', () => {
    const text = `${mapCall('first')}\nSecretFindParams.builder().setName("second").build();\n${mapCall('third')}`;
    const found = java.find(new TokenStream(tokenize(text, java.syntax)));
    assert.deepEqual(
      found.map((r) => r.name),
      ['first', 'second', 'third'],
    );
  });
});

describe('java recogniser: builder chains', () => {
  it('a setName call that is not chained on the builder is not the name', () => {
    assert.deepEqual(names(`SecretFindParams.Builder b = SecretFindParams.builder(); setName("x");`), []);
  });

  it('a chain cut off after a dot (code being typed) is read up to there without failing', () => {
    assert.deepEqual(names(`SecretFindParams.builder().setName("typed").`), ['typed']);
    assert.deepEqual(names(`${mapCall('a')}\nSecretFindParams.builder().`), ['a']);
  });

  it("a chain stops at a field access: a setter after an array element is not the builder's", () => {
    assert.deepEqual(names(`SecretFindParams.builder().items[0].setName("x").build();`), []);
  });

  it('a chain stops at a method name that is not an identifier (broken code)', () => {
    assert.deepEqual(names(`SecretFindParams.builder().1(x).setName("x").build();`), []);
  });

  it('only setX calls set a parameter: another method with the same tail does not', () => {
    assert.deepEqual(names(`SecretFindParams.builder().putName("x").build();`), []);
    assert.deepEqual(
      refs(
        `SecretFindParams.builder().setName("x").setScope(SecretFindParams.Scope.builder().usetYpe(Type.USER).setType(Type.ACCOUNT).build()).build();`,
      ),
      [['x', ACCOUNT, 'find']],
    );
  });

  it('a setter called with no argument (being typed) leaves the parameter to a later call', () => {
    assert.deepEqual(names(`SecretFindParams.builder().setName().setName("later").build();`), ['later']);
  });

  it('the name is a lone string literal, not an expression that starts with one', () => {
    assert.deepEqual(names(`SecretFindParams.builder().setName("prefix_" + suffix).build();`), []);
  });

  it('a statically imported scope type (a lone identifier) is read', () => {
    assert.deepEqual(refs(withScope(`SecretFindParams.Scope.builder().setType(ACCOUNT).build()`)), [['x', ACCOUNT, 'find']]);
  });

  it('a scope passed as a variable is unknown', () => {
    assert.deepEqual(refs(withScope('scope')), [['x', UNKNOWN, 'find']]);
    assert.deepEqual(refs(`a.setType(SecretFindParams.Scope.Type.ACCOUNT);\n${withScope('scope')}`), [['x', UNKNOWN, 'find']]);
  });

  it('only a call to builder() with no arguments starts a nested scope chain', () => {
    assert.deepEqual(refs(withScope(`defaults().setType(SecretFindParams.Scope.Type.ACCOUNT)`)), [['x', UNKNOWN, 'find']]);
    assert.deepEqual(refs(withScope(`of((builder)).setType(SecretFindParams.Scope.Type.ACCOUNT)`)), [['x', UNKNOWN, 'find']]);
    assert.deepEqual(refs(withScope(`Scope.builder(x.setType(SecretFindParams.Scope.Type.ACCOUNT))`)), [['x', UNKNOWN, 'find']]);
    assert.deepEqual(refs(withScope(`Scope.builder().setType(SecretFindParams.Scope.Type.ACCOUNT).build()`)), [['x', ACCOUNT, 'find']]);
  });
});

describe('java recogniser: lookup', () => {
  const params = (type: string, user = '') =>
    `SecretFindParams.builder().setName("api_key").setScope(SecretFindParams.Scope.builder().setType(SecretFindParams.Scope.Type.${type})${user}.build()).addExpand("payload").build()`;

  it('an account-scoped lookup sets no user and passes no request options', () => {
    const expected = `\${1:client}.v1().apps().secrets().find(${params('ACCOUNT')}).getPayload()`;
    assert.equal(java.lookup('api_key', { type: 'account' }), expected);
    assert.equal(java.lookup('api_key', { type: 'account' }, { canAwait: false, throwsChecked: true }), expected);
  });

  it('a user-scoped lookup sets the type USER and the user, empty when none is known', () => {
    assert.equal(
      java.lookup('api_key', { type: 'user', user: 'usr_9' }),
      `\${1:client}.v1().apps().secrets().find(${params('USER', '.setUser("usr_9")')}).getPayload()`,
    );
    assert.equal(
      java.lookup('api_key', { type: 'user' }),
      `\${1:client}.v1().apps().secrets().find(${params('USER', '.setUser("")')}).getPayload()`,
    );
  });

  it("the app's Stripe account goes into request options, as a second placeholder", () => {
    assert.equal(
      java.lookup('api_key', { type: 'account' }, { canAwait: false, stripeAccount: 'acct$}' }),
      `\${1:client}.v1().apps().secrets().find(${params('ACCOUNT')}, RequestOptions.builder().setStripeAccount(\${2:acct\\$\\}}).build()).getPayload()`,
    );
  });

  it('where a checked exception cannot leave, the lookup catches it and rethrows it unchecked', () => {
    const find = `\${1:client}.v1().apps().secrets().find(${params('ACCOUNT')}).getPayload()`;
    assert.equal(
      java.lookup('api_key', { type: 'account' }, { canAwait: false, throwsChecked: false }),
      `((java.util.function.Supplier<String>) () -> {\n  try {\n    return ${find};\n  } catch (com.stripe.exception.StripeException e) {\n    throw new IllegalStateException("Could not read the secret 'api_key' from the Stripe Secret Store", e);\n  }\n}).get()`,
    );
  });
});

describe('java recogniser: a setter called twice', () => {
  it('the last call wins, as in the builder', () => {
    assert.deepEqual(names(`SecretFindParams.builder().setName("first").setName("second").build();`), ['second']);
  });
});
