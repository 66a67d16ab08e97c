import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containsKeyLike, decodeFully, maskSecrets, scrubValue } from '../../../src/model/masking';

/** mulberry32: a small seeded generator, so a failure names a seed that reproduces it. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The mutation run (scripts/mutation.mjs) sets MUTATION_SMALL_SAMPLES: it runs this file once per mutant. */
const SEEDS = process.env.MUTATION_SMALL_SAMPLES === '1' ? 150 : 1500;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const PREFIXES = [
  'sk_test_',
  'sk_live_',
  'rk_test_',
  'rk_live_',
  'pk_test_',
  'pk_live_',
  'ek_test_',
  'ek_live_',
  'whsec_',
  'sk_org_',
  'sk_org_live_',
  'rk_org_test_',
];
const SEPARATORS = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\n', '\r\n'];

function pick<T>(r: () => number, items: ArrayLike<T>): T {
  return items[Math.floor(r() * items.length)];
}

function randomBody(r: () => number): string {
  let s = '';
  const n = 16 + Math.floor(r() * 80);
  for (let i = 0; i < n; i++) s += pick(r, ALNUM);
  return s;
}

function randomCase(r: () => number, s: string): string {
  return s
    .split('')
    .map((c) => (r() < 0.5 ? c.toUpperCase() : c))
    .join('');
}

/** One layer of one encoding, applied to each character with some probability. */
const ENCODERS: Array<(r: () => number, s: string) => string> = [
  (r, s) =>
    Array.from(s)
      .map((c) =>
        r() < 0.5 || c === '%' || c.charCodeAt(0) > 0x7f
          ? encodeURIComponent(c).replace(/[!'()*~_.-]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`)
          : c,
      )
      .join(''),
  (r, s) => s.replace(/%/g, '%25').replace(/_/g, () => (r() < 0.7 ? '%5F' : '_')),
  (r, s) =>
    s
      .split('')
      .map((c) => (r() < 0.4 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c === '\\' ? '\\\\' : c))
      .join(''),
  (r, s) => s.replace(/\\/g, '\\\\').replace(/_/g, () => (r() < 0.7 ? '\\_' : '_')),
  (r, s) => s.replace(/&/g, '&amp;').replace(/_/g, () => pick(r, ['&#95;', '&#x5f;', '&#X5F;', '&lowbar;', '&UnderBar;', '_'])),
  (r, s) =>
    s
      .replace(/&/g, '&amp;')
      .split('')
      .map((c) => (r() < 0.3 && /[a-z]/i.test(c) ? `&#${c.charCodeAt(0)};` : c))
      .join(''),
];

function splitWithSeparators(r: () => number, key: string): string {
  return key
    .split('')
    .map((c, i) => (i > 0 && r() < 0.08 ? pick(r, SEPARATORS) + c : c))
    .join('');
}

/** Every 8-character window of the body, looked for in the output with separators removed. */
function leaks(output: string, body: string): string | undefined {
  const flat = output.replace(/[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\r\n]/g, '');
  for (let i = 0; i + 8 <= body.length; i++) if (flat.includes(body.slice(i, i + 8))) return body.slice(i, i + 8);
  return undefined;
}

test('property: a key in any case, glued to any character, split, and encoded to any depth never survives masking', () => {
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = rng(seed);
    const body = randomBody(r);
    const before = pick(r, ['X', '7', '_', 'a', ' ', '=', '"', '(', '', '\u00e9', 'key:']);
    let key = randomCase(r, pick(r, PREFIXES)) + body;
    if (r() < 0.4) key = splitWithSeparators(r, key);
    let text = `error near ${before}${key} and more text.`;
    const depth = Math.floor(r() * 6);
    for (let d = 0; d < depth; d++) text = pick(r, ENCODERS)(r, text);
    const out = maskSecrets(text);
    assert.equal(leaks(out, body), undefined, `seed ${seed}: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`);
    assert.equal(
      leaks(decodeFully(out) ?? '', body),
      undefined,
      `seed ${seed}: the output decodes to a key: ${JSON.stringify(text)} -> ${JSON.stringify(out)}`,
    );
    assert.ok(containsKeyLike(text), `seed ${seed}: containsKeyLike`);
  }
});

test('property: a value echoed in any encoding, whole or any run of 8 of its characters, is scrubbed', () => {
  const printable = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/+=!@#$^*()[]{}<>"\'~ ';
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = rng(seed * 7919);
    let value = '';
    const n = 8 + Math.floor(r() * 60);
    for (let i = 0; i < n; i++) value += pick(r, printable);
    const start = Math.floor(r() * (value.length - 8));
    const end = start + 8 + Math.floor(r() * (value.length - start - 8 + 1));
    const echoed = r() < 0.5 ? value : value.slice(start, end);
    let text = `Invalid payload: ${echoed} (see docs)`;
    const depth = Math.floor(r() * 5);
    for (let d = 0; d < depth; d++) text = pick(r, ENCODERS)(r, text);
    const out = scrubValue(text, value);
    const decodedOut = decodeFully(out) ?? '';
    for (const shown of [out, decodedOut]) {
      for (let i = 0; i + 8 <= echoed.length; i++) {
        assert.ok(
          !shown.includes(echoed.slice(i, i + 8)),
          `seed ${seed}: ${JSON.stringify(text)} -> ${JSON.stringify(out)} shows ${JSON.stringify(echoed.slice(i, i + 8))}`,
        );
      }
    }
  }
});

test('maskSecrets: the shapes the issue names, one by one', () => {
  const body = '51HxYzAbCdEfGhIjKlMnOpQrStUv9876';
  const shapes: Array<[string, string]> = [
    ['uppercase', `SK_LIVE_${body}`],
    ['JSON \\u escapes', `sk\\u005flive\\u005f${body}`],
    ['backslash escape', `sk\\_live\\_${body}`],
    ['decimal entity', `sk&#95;live&#95;${body}`],
    ['hex entity', `sk&#x5f;live&#x5F;${body}`],
    ['named entity', `sk&lowbar;live&lowbar;${body}`],
    ['entity of an entity', `sk&amp;lowbar;live&amp;#95;${body}`],
    ['glued to a letter', `Xsk_live_${body}`],
    ['glued to a digit', `7sk_live_${body}`],
    ['zero-width inside', `sk_li\u200bve_${body.slice(0, 10)}\u200d${body.slice(10)}`],
    ['line break inside', `sk_live_${body.slice(0, 16)}\n${body.slice(16)}`],
    ['organization key', `sk_org_${body}`],
    ['webhook secret, uppercase', `WHSEC_${body}`],
  ];
  let fivefold = `sk_live_${body}`;
  for (let i = 0; i < 5; i++) fivefold = encodeURIComponent(fivefold).replace(/_/g, '%5F');
  shapes.push(['percent-encoded five times', fivefold]);
  for (const [what, shape] of shapes) {
    const out = maskSecrets(`before ${shape} after`);
    assert.equal(leaks(out, body), undefined, `${what}: ${out}`);
    assert.match(out, /\*\*\*\*9876/, what);
  }
});

test('maskSecrets: an organization key, with or without a mode after sk_org_, keeps only its prefix and last four', () => {
  const orgBody = 'Zq9Xw8Vu7Ts6Rq5Po4Nm3Lk2';
  for (const prefix of ['sk_org_', 'sk_org_live_', 'sk_org_test_']) {
    const out = maskSecrets(`Authorization failed for ${prefix}${orgBody}.`);
    assert.equal(out, `Authorization failed for ${prefix}****${orgBody.slice(-4)}.`);
    assert.ok(!out.includes(orgBody.slice(0, 12)), prefix);
  }
});

test('maskSecrets: text without a key keeps its escapes and its words', () => {
  assert.equal(maskSecrets('GET /v1/apps/secrets?scope%5Btype%5D=account'), 'GET /v1/apps/secrets?scope%5Btype%5D=account');
  assert.equal(maskSecrets('C:\\Users\\me &amp; you \\u0041'), 'C:\\Users\\me &amp; you \\u0041');
  assert.equal(maskSecrets('sk_ alone, risk_ management'), 'sk_ alone, risk_ management');
});

test('any depth of one encoding is decoded; past the bound the text is withheld, not shown, and the work stays small', () => {
  const layered = (n: number) => {
    let t = 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv9876';
    for (let i = 0; i < n; i++) t = t.replace(/%/g, '%25').replace(/_/g, '%5F');
    return t;
  };
  assert.equal(maskSecrets(`a ${layered(100)} b`), 'a sk_live_****9876 b');
  const started = Date.now();
  const out = maskSecrets(layered(700));
  assert.ok(!out.includes('HxYzAbCd'));
  assert.match(out, /withheld/);
  assert.ok(Date.now() - started < 3000, `${Date.now() - started} ms`);
});

test('scrubValue: short values are only removed whole; values under 4 characters are left alone', () => {
  assert.equal(scrubValue('bad value abc12 here', 'abc12'), 'bad value **** here');
  assert.equal(scrubValue('bad value abc here', 'abc'), 'bad value abc here');
  assert.equal(scrubValue('bad value abc%312 here', 'abc12'), 'bad value **** here');
});

test('decodeFully undoes each named entity, numeric entity and escape to its exact character', () => {
  const cases: Array<[string, string]> = [
    // Decoding repeats until nothing changes, so the backslash goes last, where it escapes nothing.
    ['&amp;&lowbar;&underbar;&percnt;&num;&semi;&quot;&apos;&lt;&gt;&nbsp;&bsol;', '&__%#;"\'<>\u00a0\\'],
    ['&equals;&colon;&sol;&plus;&zwsp;&zwnj;&zwj;&AMP;', '=:/+\u200b\u200c\u200d&'],
    ['&unknown; &#x5f; &#95; &#x10FFFF; &#x110000; &#1114112;', '&unknown; _ _ \u{10ffff} &#x110000; &#1114112;'],
    ['\\u{5f}\\u{10ffff}\\u{110000}', '_\u{10ffff}u{110000}'],
    ['\\u005f\\x5f\\x5F', '___'],
    ['\\n\\r\\t\\q\\\\', '\n\r\tq\\'],
    ['%5f%E2%80%8B', '_\u200b'],
    ['%5f%E2%80', '_\u00e2\u0080'],
  ];
  for (const [encoded, decoded] of cases) assert.equal(decodeFully(encoded), decoded, encoded);
});

test('a key behind each single encoding is masked, and plain text around it is kept', () => {
  const key = 'sk_live_' + 'A1b2C3d4E5f6G7h8';
  const masked = 'sk_live_****G7h8';
  const forms = [
    key.replace(/_/g, '&lowbar;'),
    key.replace(/_/g, '&#x5f;'),
    key.replace(/_/g, '\\u{5f}'),
    key.replace(/_/g, '\\u005f'),
    key.replace(/_/g, '\\x5f'),
    key.replace(/_/g, '%5F'),
    key.split('').join('\u00ad'),
    key.split('').join('\u180e'),
    key.split('').join('\u2028'),
    key.split('').join('\u2063'),
  ];
  for (const form of forms) assert.equal(maskSecrets(`before ${form} after`), `before ${masked} after`, JSON.stringify(form));
});

test('credentials after Bearer and Basic are masked whole, one space or several', () => {
  assert.equal(maskSecrets('Authorization: Bearer abc.def-ghi~jkl+m/n=o'), 'Authorization: Bearer ****');
  assert.equal(maskSecrets('Authorization: basic   dXNlcjpwYXNz and more'), 'Authorization: basic **** and more');
  assert.equal(maskSecrets('Bearer: none'), 'Bearer: none');
});

test('scrubValue word for word: runs of 8 at the start, the end, joined and apart; 4 characters is enough', () => {
  const value = 'ABCDEFGHIJKLMNOP';
  assert.equal(scrubValue('ABCDEFGHxyz', value), '****xyz');
  assert.equal(scrubValue('xyzIJKLMNOP', value), 'xyz****');
  assert.equal(scrubValue('[ABCDEFGHIJKLMNOP]', value), '[****]');
  assert.equal(scrubValue('a ABCDEFGH b IJKLMNOP c', value), 'a **** b **** c');
  assert.equal(scrubValue('a ABCDEFG b', value), 'a ABCDEFG b', 'a run of 7 is left');
  assert.equal(scrubValue('no echo here at all', value), 'no echo here at all');
  assert.equal(scrubValue('x abcd y', 'abcd'), 'x **** y');
  assert.equal(scrubValue('x sk_test_abcdefgh1234 y', undefined), 'x sk_test_****1234 y');
});

test('scrubValue: invisible characters in the text are ignored unless the value has them; line breaks stay', () => {
  const value = 'ABCDEFGHIJKLMNOP';
  assert.equal(scrubValue('a ABCD\u200bEFGH b', value), 'a **** b');
  assert.equal(scrubValue('line one\nABCDEFGH', value), 'line one\n****');
  const invisible = 'ABCD\u200bEFGHIJ';
  assert.equal(scrubValue('a ABCD\u200bEFGHIJ b', invisible), 'a **** b');
  assert.equal(scrubValue('a ABCDEFGHIJ b', invisible), 'a ABCDEFGHIJ b', 'without its invisible character it is another text');
});

test('scrubValue withholds text encoded past the bound', () => {
  let text = 'payload ABCDEFGHIJKLMNOP';
  for (let i = 0; i < 700; i++) text = text.replace(/%/g, '%25').replace(/ /g, '%20');
  assert.match(scrubValue(text, 'ABCDEFGHIJKLMNOP'), /withheld/);
});

test('a key body of 12 or more shows its last four; shorter shows none', () => {
  assert.equal(maskSecrets('sk_test_abcdefgh1234'), 'sk_test_****1234');
  assert.equal(maskSecrets('sk_test_abcdefg1234'), 'sk_test_****');
  assert.equal(containsKeyLike('sk_test_abc', 3), true);
  assert.equal(containsKeyLike('sk_test_ab', 3), false);
});

test('words with _test_, _live_ or a bare underscore are not keys: only the named prefixes start one', () => {
  for (const text of ['field_test_value', 'a_live_stream', 'user_name here', 'org_test_x']) assert.equal(maskSecrets(text), text, text);
});

test('escapes at their edges: an entity without its semicolon, a backslash before a line break, a lone \\u or \\x', () => {
  assert.equal(maskSecrets(`sk&#95live&#95${'A1b2C3d4E5f6'}`), 'sk_live_****E5f6');
  // A backslash-newline continuation joins the key's two halves, so the second half is masked too.
  assert.equal(maskSecrets('sk_live_aaaaaaaaaa\\\nbcdefghijk'), 'sk_live_****hijk');
  assert.equal(maskSecrets('sk_live_abc\\uzzzzzzzzzzzz'), 'sk_live_****zzzz');
  assert.equal(maskSecrets('sk_live_abc\\xzzzzzzzzzzzz'), 'sk_live_****zzzz');
  assert.equal(decodeFully('\\u \\x'), 'u x');
});

test('the decoding bound is exact: 600 texts are checked, the 601st withholds', () => {
  // Each pass undoes one "%25": n layers give n + 2 distinct texts down to "A".
  const chain = (n: number) => `%${'25'.repeat(n)}41`;
  assert.equal(maskSecrets(chain(598)), chain(598));
  assert.match(maskSecrets(chain(599)), /withheld/);
  // decodeFully takes n + 2 passes (the last sees no change) and gives up after 600.
  assert.equal(decodeFully(chain(598)), 'A');
  assert.equal(decodeFully(chain(599)), undefined);
});

test('a credential revealed only by decoding is masked in its decoded form', () => {
  assert.equal(maskSecrets('Authorization: Bearer%20tok_abcdefgh12345'), 'Authorization: Bearer ****');
});

test('containsKeyLike counts a body without the invisible characters that split it', () => {
  assert.equal(containsKeyLike('sk_test_a\u200bb', 3), false);
  assert.equal(containsKeyLike('sk_test_a\u200bbc', 3), true);
});

test('scrubValue: a value of exactly 8 echoed twice in a row is one run; a NUL entity decodes to the value; line breaks stay', () => {
  assert.equal(scrubValue('x ABCDEFGHABCDEFGH y', 'ABCDEFGH'), 'x **** y');
  assert.equal(scrubValue('x abc&#0;defghij y', 'abc\u0000defghij'), 'x **** y');
  assert.equal(scrubValue('first\r\nsecond\rthird', 'zzzzzzzz'), 'first\r\nsecond\rthird');
});

test('scrubValue withholds a value that is itself encoded past the bound, rather than scrub what it cannot check', () => {
  const deep = `%${'25'.repeat(700)}41`;
  assert.match(scrubValue(deep, deep), /withheld/);
});
