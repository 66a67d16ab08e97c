/**
 * More edges of where a lookup lands: generic headers (type parameters with defaults, constraints
 * and long lists), the return type of an arrow, and Java catch clauses the reader must not misread.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupContext } from '../../../src/references/lookupContext';

/** The context at the `'xoxb…'` (or `"xoxb…"`) literal. */
function at(text: string, languageId: string, esm?: boolean) {
  const offset = Math.max(text.indexOf("'xoxb"), text.indexOf('"xoxb'));
  assert.ok(offset >= 0);
  return lookupContext({ text, languageId, offset, esm });
}

/** Java: whether a checked StripeException may leave the point of the literal. */
const java = (text: string) => at(text, 'java').throwsChecked;

describe('lookupContext edges: generic headers', () => {
  it("C#: an async method's `async` is found past a nested generic return type and its own type parameters", () => {
    // `async` is eleven tokens before the name `F`: the header is read back from the name, not from `<T>`.
    assert.equal(at(`public async Task<List<List<int>>> F<T>(T x) {\n  var t = "xoxb-1";\n}`, 'csharp').canAwait, true);
    assert.equal(at(`public Task<List<List<int>>> F<T>(T x) {\n  var t = "xoxb-1";\n}`, 'csharp').canAwait, false);
  });

  it('a generic header still being typed (its `<` missing) at the start of the file is read without error', () => {
    // The walk back for the `<` reaches the file's first token and stops there.
    assert.equal(at(`T>(x: T) {\n  const t = 'xoxb-1';\n}`, 'typescript', true).canAwait, true);
    assert.equal(at(`f T>(x: T) {\n  const t = 'xoxb-1';\n}`, 'csharp').canAwait, false);
  });

  it('type parameters that open the file (a fragment) leave no name before them to read as a function', () => {
    assert.equal(at(`<function>(x) {\n  const t = 'xoxb-1';\n}`, 'javascript', true).canAwait, true);
  });
});

describe('lookupContext edges: arrow return types', () => {
  it('a `):` at the very start of the file (a fragment) has no parameters: the arrow after it is not read as async', () => {
    assert.equal(at(`): async (x) => {\n  const t = 'xoxb-1';\n}`, 'typescript', true).canAwait, false);
    assert.equal(at(`): async x => {\n  const t = 'xoxb-1';\n}`, 'typescript', true).canAwait, false);
  });
});

describe('lookupContext edges: Java catch clauses', () => {
  it('a `catch` still being typed, with a block but no parameter list, handles nothing', () => {
    assert.equal(java(`class A {\n  void f() {\n    try { String t = "xoxb-1"; } catch { Exception e = null; }\n  }\n}`), false);
  });

  it('the parameter after a type-annotated qualified type is no caught type, even when named like one', () => {
    // `java.io.@Ann IOException` is not read as a type; the name `Exception` after it is not one either.
    assert.equal(
      java(`class A {\n  void f() {\n    try { String t = "xoxb-1"; } catch (java.io.@Ann IOException Exception) { }\n  }\n}`),
      false,
    );
  });
});

describe('lookupContext edges: generic type parameters with defaults, constraints and long lists', () => {
  // Each header's `<…>` holds brackets, a default's `=`, or more than thirty tokens: the function is
  // still found, so a plain one in an ES module gets no `await` (which would not compile there).
  const headers = [
    'function pick<T, K extends keyof T = keyof T>(o: T, k: K)',
    'function byId<T extends { id: string; name?: string }>(items: T[])',
    'function run<F extends (input: string) => void>(f: F)',
    'function keep<T extends [string, number]>(pair: T)',
    'function wide<A extends Record<string, Array<Map<string, Set<number>>>>, B extends Record<string, Array<Map<string, Set<number>>>>>(a: A, b: B)',
  ];

  it('a plain generic function gets no await, even at the top level of an ES module', () => {
    for (const header of headers) assert.equal(at(`${header} {\n  const t = 'xoxb-1';\n}`, 'typescript', true).canAwait, false, header);
  });

  it('an async generic function allows await', () => {
    for (const header of headers)
      assert.equal(at(`async ${header} {\n  const t = 'xoxb-1';\n}`, 'typescript', false).canAwait, true, header);
  });

  it('a plain generic function expression inside an async function gets no await', () => {
    assert.equal(
      at(`export async function f() {\n  const g = function <T = string>(x: T) {\n    const t = 'xoxb-1';\n  };\n}`, 'typescript', true)
        .canAwait,
      false,
    );
  });

  it('a generic method with a return type, in a class, is a method: async allows await, plain does not', () => {
    const cls = (mod: string) =>
      `class A {\n  ${mod}get<T extends { id: string } = { id: string }>(id: string): Promise<T> {\n    const t = 'xoxb-1';\n  }\n}`;
    assert.equal(at(cls('async '), 'typescript', true).canAwait, true);
    assert.equal(at(cls(''), 'typescript', true).canAwait, false);
  });
});

describe('lookupContext edges: a `>` before a parenthesised group that closes no type parameters', () => {
  it('a `case x > (y): {` block inside an async function is no generic method: await stays allowed', () => {
    // An earlier `a < b` must not be taken for the `<` of type parameters: the switch's `{`, or the
    // `;` ending the case before, stops the walk back.
    assert.equal(
      at(
        `async function f(v) {\n  const lt = a < b\n  switch (v) {\n    case x > (y): {\n      const t = 'xoxb-1'\n    }\n  }\n}`,
        'javascript',
      ).canAwait,
      true,
    );
    assert.equal(
      at(
        `async function f(v) {\n  switch (v) {\n    case 1: lt = a < b;\n    case x > (y): {\n      const t = 'xoxb-1';\n    }\n  }\n}`,
        'javascript',
      ).canAwait,
      true,
    );
  });

  it('a callback being typed inside a call or an index (`run(x > (y) {`) is not read as a generic method', () => {
    for (const [open, close] of [
      ['run(', ')'],
      ['list[', ']'],
    ])
      assert.equal(
        at(`async function f() {\n  const lt = a < b\n  ${open}x > (y) {\n    const t = 'xoxb-1'\n  }${close}\n}`, 'javascript').canAwait,
        true,
        open,
      );
  });
});
