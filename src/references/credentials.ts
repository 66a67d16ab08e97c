/**
 * String literals that look like live credentials. A literal counts only when its whole value has
 * a credential's shape (a prefix and enough key characters), so prose that mentions `sk_live_` in a
 * string or a comment is not flagged; test-mode Stripe keys are not either.
 */
import { recogniserFor } from './registry';
import { tokenize, type Token } from './scanner';

export interface CredentialShape {
  kind: string;
  pattern: RegExp;
}

export const CREDENTIAL_SHAPES: readonly CredentialShape[] = [
  { kind: 'Stripe live secret key', pattern: /^sk_live_[0-9A-Za-z]{16,}$/ },
  { kind: 'Stripe live restricted key', pattern: /^rk_live_[0-9A-Za-z]{16,}$/ },
  { kind: 'Stripe webhook signing secret', pattern: /^whsec_[0-9A-Za-z+/=]{16,}$/ },
  { kind: 'Slack token', pattern: /^xox[abposr]-[0-9A-Za-z-]{10,}$/ },
  { kind: 'GitHub token', pattern: /^ghp_[0-9A-Za-z]{36}$/ },
  { kind: 'GitHub token', pattern: /^github_pat_[0-9A-Za-z_]{22,}$/ },
  { kind: 'AWS access key id', pattern: /^(AKIA|ASIA)[0-9A-Z]{16}$/ },
  { kind: 'SendGrid API key', pattern: /^SG\.[0-9A-Za-z_-]{16,32}\.[0-9A-Za-z_-]{16,64}$/ },
  { kind: 'OpenAI API key', pattern: /^sk-(?:proj-|svcacct-|admin-)?[0-9A-Za-z_-]{32,}$/ },
];

/** Any prefix at all: text without one is not tokenized. */
const ANY_PREFIX = /sk_live_|rk_live_|whsec_|xox[abposr]-|ghp_|github_pat_|AKIA|ASIA|SG\.|sk-/;

export interface StringLiteral {
  value: string;
  /** The literal, quotes included. */
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  /** The variable, key or argument it is assigned to (`SLACK_TOKEN = "…"`, `apiKey: '…'`), if any. */
  assignedTo?: string;
}

export interface HardcodedCredential extends StringLiteral {
  kind: string;
  /** Safe to show: the prefix and the last four characters. */
  masked: string;
}

export function maskCredential(value: string): string {
  const prefix =
    /^(sk_live_|rk_live_|whsec_|xox[abposr]-|ghp_|github_pat_|AKIA|ASIA|SG\.|sk-(?:proj-|svcacct-|admin-)?)/.exec(value)?.[0] ?? '';
  return `${prefix}…${value.length - prefix.length > 12 ? value.slice(-4) : ''}`;
}

export function credentialKind(value: string): string | undefined {
  return CREDENTIAL_SHAPES.find((c) => c.pattern.test(value))?.kind;
}

function literals(text: string, languageId: string): StringLiteral[] {
  const recogniser = recogniserFor(languageId);
  if (!recogniser) return [];
  const tokens = tokenize(text, recogniser.syntax);
  const out: StringLiteral[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'string' || !t.literal || t.value === undefined) continue;
    out.push({
      value: t.value,
      start: t.start,
      end: t.end,
      contentStart: t.contentStart!,
      contentEnd: t.contentEnd!,
      assignedTo: assignedTo(tokens, i),
    });
  }
  return out;
}

/** `NAME = "…"`, `NAME := "…"`, `name: '…'`, `'name' => '…'`, `const name = '…'`, `api_key="…"`. */
function assignedTo(tokens: readonly Token[], i: number): string | undefined {
  const op = tokens[i - 1];
  const target = tokens[i - 2];
  if (!op || !target || op.kind !== 'punct' || !['=', ':', ':=', '=>'].includes(op.text)) return undefined;
  if (target.kind === 'ident') return target.text.replace(/^\$/, '');
  if (target.kind === 'string' && target.literal) return target.value;
  return undefined;
}

export function findCredentials(text: string, languageId: string): HardcodedCredential[] {
  if (!ANY_PREFIX.test(text)) return [];
  const out: HardcodedCredential[] = [];
  for (const literal of literals(text, languageId)) {
    const kind = credentialKind(literal.value);
    if (kind) out.push({ ...literal, kind, masked: maskCredential(literal.value) });
  }
  return out;
}

/** The string literal that contains `offset` (or the range [offset, endOffset]), if any. */
export function stringLiteralAt(text: string, languageId: string, offset: number, endOffset = offset): StringLiteral | undefined {
  return literals(text, languageId).find((l) => l.start <= offset && endOffset <= l.end && l.start < endOffset + 1);
}

export type NamingStyle = 'snake' | 'screaming' | 'kebab' | 'camel';

/** The style most of `names` follow (the app's own secret names); snake_case, as Stripe's docs write them, when none say. */
export function namingStyle(names: readonly string[]): NamingStyle {
  const counts: Record<NamingStyle, number> = { snake: 0, screaming: 0, kebab: 0, camel: 0 };
  for (const n of names) {
    if (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(n)) counts.snake++;
    else if (/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(n)) counts.screaming++;
    else if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(n)) counts.kebab++;
    else if (/^[a-z]+[a-z0-9]*([A-Z][a-z0-9]*)+$/.test(n)) counts.camel++;
  }
  const best = (Object.keys(counts) as NamingStyle[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), 'snake');
  return counts[best] > 0 ? best : 'snake';
}

/**
 * A secret name suggested from a variable, in the app's style: `slackBotToken` and `SLACK_BOT_TOKEN`
 * become `slack_bot_token` (snake), `SLACK_BOT_TOKEN` (screaming), `slack-bot-token`, `slackBotToken`.
 */
export function suggestSecretName(variable: string | undefined, style: NamingStyle = 'snake'): string {
  if (!variable) return '';
  const words = variable
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  switch (style) {
    case 'screaming':
      return words.join('_').toUpperCase();
    case 'kebab':
      return words.join('-');
    case 'camel':
      return words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
    case 'snake':
    default:
      return words.join('_');
  }
}
