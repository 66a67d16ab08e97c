/** The leak check itself: it must find a marker however it was written, and only where it looks. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { findLeaks, needles, snapshotDir } from './leakCheck';

const KEY = 'sk_test_LEAKMARKERKEYabc123XYZ';
const VALUE = 'LEAKMARKERVALUE-q9W2e';

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sas-leak-unit-'));
}

test('finds a marker raw, as UTF-16 and base64-encoded at every byte alignment inside a larger blob', () => {
  const dir = scratch();
  try {
    const files: Record<string, Buffer> = {
      'raw.log': Buffer.from(`line 1\nkey=${KEY}\n`),
      'utf16.db': Buffer.from(`{"v":"${VALUE}"}`, 'utf16le'),
      'b64-0.json': Buffer.from(JSON.stringify({ blob: Buffer.from(`${VALUE}!!`).toString('base64') })),
      'b64-1.json': Buffer.from(JSON.stringify({ blob: Buffer.from(`x${VALUE}!!`).toString('base64') })),
      'b64-2.json': Buffer.from(JSON.stringify({ blob: Buffer.from(`xy${KEY}`).toString('base64') })),
      'clean.txt': Buffer.from('sk_test_****XYZ3 and LEAKMARKER without the rest'),
    };
    fs.mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'nested', 'deeper', name), content);
    const leaks = findLeaks({ roots: [dir], exclude: [], markers: { apiKey: KEY, value: VALUE } });
    assert.deepEqual(
      leaks.map((l) => [path.basename(l.file), l.found]),
      [
        ['b64-0.json', ['value']],
        ['b64-1.json', ['value']],
        ['b64-2.json', ['apiKey']],
        ['raw.log', ['apiKey']],
        ['utf16.db', ['value']],
      ],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('every base64 needle is a substring of the encoding of the marker at its alignment', () => {
  for (const prefix of ['', 'a', 'ab', 'abc']) {
    const encoded = Buffer.from(`${prefix}${VALUE}zz`).toString('base64');
    assert.ok(
      needles(VALUE)
        .slice(2)
        .some((n) => encoded.includes(n.toString('ascii'))),
      `prefix of ${prefix.length} bytes`,
    );
  }
});

test('skips excluded folders, and in the temp folder reads only what appeared or changed since the snapshot', () => {
  const tmp = scratch();
  try {
    fs.writeFileSync(path.join(tmp, 'old-untouched.log'), KEY);
    fs.writeFileSync(path.join(tmp, 'old-modified.log'), 'nothing yet');
    fs.mkdirSync(path.join(tmp, 'old-dir'));
    fs.writeFileSync(path.join(tmp, 'old-dir', 'inside.log'), KEY);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(tmp, 'old-untouched.log'), old, old);
    const before = snapshotDir(tmp);
    const since = Date.now() - 1000;
    fs.writeFileSync(path.join(tmp, 'old-untouched.log'), KEY);
    fs.utimesSync(path.join(tmp, 'old-untouched.log'), old, old);
    fs.appendFileSync(path.join(tmp, 'old-modified.log'), VALUE);
    fs.mkdirSync(path.join(tmp, 'profile'));
    fs.writeFileSync(path.join(tmp, 'profile', 'Local Storage.ldb'), VALUE);
    fs.mkdirSync(path.join(tmp, 'new-dir'));
    fs.writeFileSync(path.join(tmp, 'new-dir', 'leaked.txt'), VALUE);

    const leaks = findLeaks({
      roots: [],
      tmpDir: tmp,
      tmpBefore: before,
      since,
      exclude: [path.join(tmp, 'profile')],
      markers: { apiKey: KEY, value: VALUE },
    });
    assert.deepEqual(
      leaks.map((l) => path.relative(tmp, l.file)),
      [path.join('new-dir', 'leaked.txt'), 'old-modified.log'],
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
