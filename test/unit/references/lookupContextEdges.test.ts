/**
 * Edges of where a lookup lands: functions the brace reader must recognise (or must not), Java's
 * try/catch and throws clauses, and code still being typed, which must get an answer, never an error.
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

describe('lookupContext edges: functions', () => {
  it('languages without await never get it, even in a function named async', () => {
    assert.equal(at(`class A {\n  void async() {\n    String t = "xoxb-1";\n  }\n}`, 'java').canAwait, false);
    assert.equal(at(`func async() {\n\tt := "xoxb-1"\n}`, 'go').canAwait, false);
    assert.equal(at(`<?php function async() { $t = 'xoxb-1'; }`, 'php').canAwait, false);
  });

  it('the ES-module flag speaks for JavaScript only: C# outside any method gets no await', () => {
    assert.equal(at(`var t = "xoxb-1";\nConsole.WriteLine(t);`, 'csharp', true).canAwait, false);
  });

  it('a function after the literal does not enclose it', () => {
    assert.equal(at(`const t = 'xoxb-1';\nasync function later() { }`, 'javascript').canAwait, false);
  });

  it('an async function whose parameters are destructured allows await', () => {
    assert.equal(at(`async function handler({ body }) {\n  const t = 'xoxb-1';\n}`, 'javascript').canAwait, true);
    assert.equal(at(`function handler({ body }) {\n  const t = 'xoxb-1';\n}`, 'javascript').canAwait, false);
  });

  it('an anonymous async generator allows await; a plain one does not', () => {
    assert.equal(at(`const g = async function* ({ items }) {\n  yield 'xoxb-1';\n};`, 'javascript').canAwait, true);
    assert.equal(at(`const g = async function* () {\n  yield 'xoxb-1';\n};`, 'javascript').canAwait, true);
    assert.equal(at(`const g = function* () {\n  yield 'xoxb-1';\n};`, 'javascript', true).canAwait, false);
  });

  it('a file that opens with an if block is module level', () => {
    assert.equal(at(`if (process.env.X) {\n  const t = 'xoxb-1';\n}`, 'javascript', true).canAwait, true);
    assert.equal(at(`if (process.env.X) {\n  const t = 'xoxb-1';\n}`, 'javascript').canAwait, false);
  });

  it('fragments that do not parse get an answer, never an error', () => {
    assert.equal(at(`(a) {\n  const t = 'xoxb-1';\n}`, 'javascript').canAwait, false);
    assert.equal(at(`: x {\n  const t = 'xoxb-1';\n}`, 'javascript').canAwait, false);
  });

  it('without semicolons, an else after a call is still inside the async function', () => {
    assert.equal(at(`async function f() {\n  if (x) a()\n  else {\n    const t = 'xoxb-1'\n  }\n}`, 'javascript').canAwait, true);
  });

  it('a ternary far before a block is not taken for a return type', () => {
    const text = `async function f() {\n  log(a ? b() : c, 1, 2, 3, 4, 5, 6)\n  try {\n    const t = 'xoxb-1'\n  } catch {}\n}`;
    assert.equal(at(text, 'javascript').canAwait, true);
  });

  it("a class expression as an object's value: its body gets no await", () => {
    assert.equal(at(`async function f() {\n  const handlers = { Foo: class {\n    t = 'xoxb-1';\n  } };\n}`, 'javascript').canAwait, false);
  });
});

describe('lookupContext edges: Java exceptions', () => {
  it('a catch of a type that merely starts with Exception does not let StripeException through', () => {
    assert.equal(
      java(`class A {\n  String f() {\n    try { return "xoxb-1"; } catch (ExceptionInInitializerError e) { return null; }\n  }\n}`),
      false,
    );
  });

  it('a block after any control keyword and its parentheses stays in the method, even mid-edit', () => {
    for (const keyword of ['if', 'for', 'while', 'switch', 'catch', 'synchronized', 'do', 'else', 'finally'])
      assert.equal(java(`class A {\n  String f() throws StripeException {\n    ${keyword} (x) { g("xoxb-1"); }\n  }\n}`), true, keyword);
    assert.equal(
      java(`class A {\n  String f() throws StripeException {\n    try { a(); } catch (IOException e) { g("xoxb-1"); }\n  }\n}`),
      true,
    );
  });

  it('a method after the literal does not enclose it', () => {
    assert.equal(java(`class A {\n  String f() { return "xoxb-1"; }\n  String g() throws StripeException { return null; }\n}`), false);
  });

  it('a try that closed before the literal does not cover it', () => {
    assert.equal(java(`class A {\n  String f() {\n    try { a(); } catch (StripeException e) { }\n    return "xoxb-1";\n  }\n}`), false);
  });

  it('a method still being typed (no closing braces yet) is read', () => {
    assert.equal(java(`class A {\n  String f() throws StripeException {\n    return "xoxb-1";\n`), true);
    assert.equal(java(`class A {\n  String f() {\n    return "xoxb-1";\n`), false);
  });

  it('a top-level method (an implicitly declared class) that declares StripeException lets it through', () => {
    assert.equal(java(`String read() throws StripeException {\n  return "xoxb-1";\n}`), true);
    assert.equal(java(`String read() {\n  return "xoxb-1";\n}`), false);
  });

  it('a snippet: a try at the very start is read; a bare block or no block passes nothing on', () => {
    assert.equal(java(`try {\n  send("xoxb-1");\n} catch (StripeException e) {\n}`), true);
    assert.equal(java(`try {\n  send("xoxb-1");\n} catch (IOException e) {\n}`), false);
    assert.equal(java(`{\n  String t = "xoxb-1";\n}`), false);
    assert.equal(java(`String t = "xoxb-1";`), false);
  });

  it('a local class inside a method that declares StripeException does not pass it on', () => {
    assert.equal(
      java(`class A {\n  String f() throws StripeException {\n    class Local { String t = "xoxb-1"; }\n    return null;\n  }\n}`),
      false,
    );
  });

  it('a statement after the catches is not read as another catch', () => {
    assert.equal(
      java(
        `class A {\n  String f(Object x) {\n    try { return "xoxb-1"; } catch (IOException e) { }\n    ((Exception) x).printStackTrace();\n    return null;\n  }\n}`,
      ),
      false,
    );
  });

  it('a catch whose block is not typed yet does not hide the catches after it', () => {
    assert.equal(
      java(
        `class A {\n  String f() {\n    try { return "xoxb-1"; } catch (IOException e) catch (StripeException e) { return null; }\n  }\n}`,
      ),
      true,
    );
  });

  it('a try or catch still being typed at the end of the file gets an answer, never an error', () => {
    const head = `class A {\n  String f() {\n    try { return "xoxb-1"; }`;
    for (const tail of [
      '',
      ' catch',
      ' catch (',
      ' catch (@',
      ' catch (IOExc',
      ' catch (java.',
      ' catch (IOException e)',
      ' catch (IOException |',
    ])
      assert.equal(java(head + tail), false, tail);
    assert.equal(java(`${head} catch (Stripe`), false);
    assert.equal(java(`${head} catch (IOException | StripeException`), true);
  });

  it('a catch whose variable is not typed yet is still read', () => {
    assert.equal(java(`class A {\n  String f() {\n    try { return "xoxb-1"; } catch (IOException) { return null; }\n  }\n}`), false);
    assert.equal(java(`class A {\n  String f() {\n    try { return "xoxb-1"; } catch (StripeException) { return null; }\n  }\n}`), true);
  });

  it('a stray closing parenthesis before a block (mid-edit) passes nothing on', () => {
    assert.equal(java(`class A {\n  void f) {\n    g("xoxb-1");\n  }\n}`), false);
  });
});
