import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readManifest } from '../../../src/references/manifest';

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
});
