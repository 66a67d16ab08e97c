/**
 * The Stripe App manifest (`stripe-app.json`): its id and name, and whether `permissions` grants
 * `secret_write`, with the exact offsets a diagnostic and an insertion need. A small JSON reader
 * that keeps offsets; no dependency.
 */
import type { ManifestInfo } from './types';

export type { ManifestInfo };

export const MANIFEST_FILE = 'stripe-app.json';
export const SECRET_WRITE = 'secret_write';
export const SECRET_WRITE_PURPOSE = "Store the app's API keys and OAuth tokens in the Stripe Secret Store";

type JsonNode =
  | { type: 'object'; start: number; end: number; props: Array<{ key: string; keyStart: number; keyEnd: number; value: JsonNode }> }
  | { type: 'array'; start: number; end: number; items: JsonNode[] }
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'other'; start: number; end: number };

class JsonReader {
  private i = 0;
  constructor(private readonly text: string) {}

  read(): JsonNode {
    const node = this.value();
    this.space();
    if (this.i < this.text.length) throw new Error('trailing text');
    return node;
  }

  private space(): void {
    for (;;) {
      while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
      // Comments, as VS Code's JSON with Comments allows: a manifest being edited may have them.
      if (this.text.startsWith('//', this.i)) {
        const nl = this.text.indexOf('\n', this.i);
        this.i = nl < 0 ? this.text.length : nl;
      } else if (this.text.startsWith('/*', this.i)) {
        const close = this.text.indexOf('*/', this.i + 2);
        if (close < 0) throw new Error('unterminated comment');
        this.i = close + 2;
      } else return;
    }
  }

  private value(): JsonNode {
    this.space();
    const c = this.text[this.i];
    const start = this.i;
    if (c === '{') {
      this.i++;
      const props: Array<{ key: string; keyStart: number; keyEnd: number; value: JsonNode }> = [];
      this.space();
      while (this.text[this.i] !== '}') {
        this.space();
        const key = this.string();
        this.space();
        if (this.text[this.i++] !== ':') throw new Error('expected :');
        props.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value: this.value() });
        this.space();
        if (this.text[this.i] === ',') this.i++;
        else if (this.text[this.i] !== '}') throw new Error('expected , or }');
        this.space();
      }
      this.i++;
      return { type: 'object', start, end: this.i, props };
    }
    if (c === '[') {
      this.i++;
      const items: JsonNode[] = [];
      this.space();
      while (this.text[this.i] !== ']') {
        items.push(this.value());
        this.space();
        if (this.text[this.i] === ',') this.i++;
        else if (this.text[this.i] !== ']') throw new Error('expected , or ]');
        this.space();
      }
      this.i++;
      return { type: 'array', start, end: this.i, items };
    }
    if (c === '"') return this.string();
    const m = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)/.exec(this.text.slice(this.i, this.i + 40));
    if (!m) throw new Error('unexpected character');
    this.i += m[0].length;
    return { type: 'other', start, end: this.i };
  }

  private string(): { type: 'string'; start: number; end: number; value: string } {
    const start = this.i;
    if (this.text[this.i] !== '"') throw new Error('expected a string');
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') {
      if (this.text[this.i] === '\n') throw new Error('unterminated string');
      this.i += this.text[this.i] === '\\' ? 2 : 1;
    }
    if (this.i >= this.text.length) throw new Error('unterminated string');
    this.i++;
    return { type: 'string', start, end: this.i, value: JSON.parse(this.text.slice(start, this.i)) as string };
  }
}

function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** The manifest's app and permission facts, or undefined when the text is not a JSON object. */
export function readManifest(text: string): ManifestInfo | undefined {
  let root: JsonNode;
  try {
    root = new JsonReader(text).read();
  } catch {
    return undefined;
  }
  if (root.type !== 'object') return undefined;
  const prop = (key: string) => (root.type === 'object' ? root.props.find((p) => p.key === key) : undefined);
  const str = (key: string) => {
    const v = prop(key)?.value;
    return v?.type === 'string' ? v.value : undefined;
  };
  const info: ManifestInfo = { id: str('id'), name: str('name') };
  const entry = `{ "permission": "${SECRET_WRITE}", "purpose": "${SECRET_WRITE_PURPOSE}" }`;
  const permissions = prop('permissions');
  if (!permissions) {
    const first = root.props[0];
    const indent = first ? indentAt(text, first.keyStart) : '  ';
    info.missingSecretWrite = {
      start: root.start,
      end: root.start + 1,
      insertAt: root.start + 1,
      insertText: `\n${indent}"permissions": [${entry}]${first ? ',' : '\n'}`,
    };
    return info;
  }
  const list = permissions.value;
  if (list.type !== 'array') return info;
  const grants = list.items.some(
    (item) =>
      item.type === 'object' &&
      item.props.some((p) => p.key === 'permission' && p.value.type === 'string' && p.value.value === SECRET_WRITE),
  );
  if (grants) return info;
  const last = list.items[list.items.length - 1];
  info.missingSecretWrite = last
    ? { start: permissions.keyStart, end: permissions.keyEnd, insertAt: last.end, insertText: `,\n${indentAt(text, last.start)}${entry}` }
    : { start: permissions.keyStart, end: permissions.keyEnd, insertAt: list.start + 1, insertText: entry };
  return info;
}
