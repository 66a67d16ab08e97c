import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MANIFEST_FILE, SECRET_WRITE_PURPOSE, readManifest } from '../../../src/references/manifest';

function apply(text: string): string {
  const fix = readManifest(text)!.missingSecretWrite!;
  return text.slice(0, fix.insertAt) + fix.insertText + text.slice(fix.insertAt);
}

describe('stripe-app.json', () => {
  const base = `{\n  "id": "com.example.app",\n  "version": "0.0.1",\n  "name": "Example App",\n  "permissions": [\n    { "permission": "customer_read", "purpose": "Show customers" }\n  ]\n}\n`;

  it('reads id and name, and points at "permissions" when secret_write is missing', () => {
    const info = readManifest(base)!;
    assert.equal(info.id, 'com.example.app');
    assert.equal(info.name, 'Example App');
    const m = info.missingSecretWrite!;
    assert.equal(base.slice(m.start, m.end), '"permissions"');
  });

  it('the fix yields valid JSON that grants secret_write, indented like its neighbours', () => {
    const fixed = apply(base);
    const json = JSON.parse(fixed) as { permissions: Array<{ permission: string; purpose: string }> };
    assert.deepEqual(
      json.permissions.map((p) => p.permission),
      ['customer_read', 'secret_write'],
    );
    assert.match(fixed, /\n {4}\{ "permission": "secret_write"/);
    assert.equal(readManifest(fixed)!.missingSecretWrite, undefined);
  });

  it('handles an empty list and a missing list', () => {
    const empty = `{ "id": "a", "permissions": [] }`;
    assert.deepEqual(
      (JSON.parse(apply(empty)) as { permissions: Array<{ permission: string }> }).permissions.map((p) => p.permission),
      ['secret_write'],
    );
    const none = `{\n  "id": "a",\n  "name": "A"\n}`;
    const m = readManifest(none)!.missingSecretWrite!;
    assert.equal(none.slice(m.start, m.end), '{');
    assert.deepEqual(
      (JSON.parse(apply(none)) as { permissions: Array<{ permission: string }> }).permissions.map((p) => p.permission),
      ['secret_write'],
    );
  });

  it('says nothing for a manifest that grants it, and nothing for broken JSON', () => {
    assert.equal(readManifest(`{"id":"a","permissions":[{"permission":"secret_write","purpose":"x"}]}`)!.missingSecretWrite, undefined);
    assert.equal(readManifest(`{"id": "a", "permissions": [`), undefined);
  });

  it("is the file Stripe's CLI writes, and the entry it adds says why", () => {
    assert.equal(MANIFEST_FILE, 'stripe-app.json');
    const json = JSON.parse(apply(base)) as { permissions: Array<{ permission: string; purpose: string }> };
    assert.match(json.permissions[1].purpose, /Secret Store/);
  });

  it('reads any JSON value, with comments, and refuses what is not JSON', () => {
    const manifest = (extra: string) => `{\n  "id": "a\\"b",\n  ${extra}\n}`;
    for (const value of [
      '1',
      '-12',
      '3.25',
      '1e10',
      '1E+2',
      '-1.5e-3',
      'true',
      'false',
      'null',
      '{}',
      '[1, [2]]',
      '{"x": [], "y": {}}',
      '""',
    ])
      assert.equal(readManifest(manifest(`"v": ${value},\n  "name": "N"`))?.name, 'N', value);
    assert.equal(readManifest(manifest(`"v": 1`))?.id, 'a"b');
    assert.equal(readManifest(`// the app\n{ /* its id */ "id": "a", // trailing\n "name": "N" /* end */ }\n// last line`)?.name, 'N');
    assert.equal(readManifest(`{ "id": "a" } // no newline after`)?.id, 'a');
    // A comment ends at the first `*/` after its own `/*`, not at one that overlaps it or comes before.
    assert.equal(readManifest(`{ /*/ note */ "id": "a" }`)?.id, 'a');
    assert.equal(readManifest(`{ /* one *//* two */ "id": "a" }`)?.id, 'a');
    assert.equal(readManifest(` /* never closed`), undefined);
    for (const broken of [
      `{ "id": "a" } x`,
      `{ "id": "a" /* never closed }`,
      `{ "id": "a" "name": "b" }`,
      `{ "id": "a", "list": [1 2] }`,
      `{ "id": "a", "v": x, "n": 1 }`,
      `{ "id": "a", "v": 12x }`,
      `{ "id": "a", "v": 1.x }`,
      `{ id: "a" }`,
      `{ "id": "a`,
      `{ "id" "a" }`,
      `[]`,
      `"text"`,
    ])
      assert.equal(readManifest(broken), undefined, broken);
  });

  it('a permissions value that is no list is left alone; only a permission entry of secret_write grants it', () => {
    assert.deepEqual(readManifest(`{ "id": "a", "permissions": "secret_write" }`), { id: 'a', name: undefined });
    assert.ok(readManifest(`{ "id": "a", "permissions": ["secret_write"] }`)!.missingSecretWrite);
    assert.ok(readManifest(`{ "id": "a", "permissions": [{ "purpose": "secret_write" }] }`)!.missingSecretWrite);
    assert.ok(readManifest(`{ "id": "a", "permissions": [{ "permission": "secret_read" }] }`)!.missingSecretWrite);
  });

  it('the fix is valid JSON for an empty manifest, after a last entry of any kind, and indented like a multi-line entry', () => {
    const granted = (text: string) => (JSON.parse(apply(text)) as { permissions: unknown[] }).permissions;
    assert.equal(granted(`{}`).length, 1);
    assert.equal(apply(`{}`), `{\n  "permissions": [{ "permission": "secret_write", "purpose": "${SECRET_WRITE_PURPOSE}" }]\n}`);
    assert.deepEqual(granted(`{ "permissions": [42] }`)[0], 42);
    const multiLine = `{\n  "permissions": [\n    {\n      "permission": "customer_read",\n      "purpose": "x"\n    }\n  ]\n}`;
    assert.match(apply(multiLine), /\n {4}\},\n {4}\{ "permission": "secret_write"/);
  });
});
