/**
 * The Stripe CLI's profiles, read from its config.toml the way the CLI finds it
 * (stripe/stripe-cli pkg/config/config.go, profile.go):
 * - `$XDG_CONFIG_HOME/stripe/config.toml` when XDG_CONFIG_HOME is set and not empty, else
 *   `~/.config/stripe/config.toml` (on every OS; the CLI's `--config` flag has no environment variable);
 * - one table per profile (`[default]`, `[my-project]`), told apart from machine-wide keys
 *   (`color`, `project-name`, `plugin_configs`…) by holding a `display_name`, as `stripe config --list` does;
 * - `test_mode_api_key` (older configs: `secret_key`, `api_key`) and `test_mode_key_expires_at`, a
 *   UTC date `YYYY-MM-DD` (the key is made for 90 days at `stripe login`);
 * - live keys live in the OS keychain; the file holds at most a redacted copy, which is never read here.
 * - `stripe login` now runs a browser OAuth flow by default (pkg/login/oauth_accounts.go,
 *   populateProfileFromAccounts): the profile gets `account_id` and `display_name`, and its token
 *   goes to the OS keychain (profile.go writeProfile, `uat`), so no test-mode key is in the file;
 * - `stripe sandbox create` (pkg/cmd/sandbox.go saveSandboxToConfig) adds `sandbox_claim_url` and
 *   `sandbox_expires_at` (`YYYY-MM-DD`, older ones RFC 3339) and a claimable sandbox's `rkcs_` key;
 * - `user_id`; a profile name with a dot, which the CLI now warns about (profile.go
 *   WarnIfLegacyProfileName) and which TOML may hold as nested tables (`[a.b]`).
 * The OS keychain is never read.
 *
 * A profile's key is never a property of the profile objects this module hands out (they may be
 * logged or shown): only `profileTestKey` returns it, for the one caller that stores it in SecretStorage.
 * No message repeats the file's content (smol-toml's own message quotes the offending lines).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { validateApiKey } from './validation';

// smol-toml ships a CommonJS build (its `require` export), but its types resolve as ESM only, which
// tsc's CommonJS output refuses to import (TS1479).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse, TomlError } = require('smol-toml') as typeof SmolToml;

export interface StripeCliProfile {
  /** The table name: `default`, or a `--project-name`. */
  name: string;
  displayName: string;
  accountId?: string;
  /** Whether a well-formed test-mode key is in the file. */
  hasTestKey: boolean;
  /** `YYYY-MM-DD` as written by the CLI, when present. */
  testKeyExpiresAt?: string;
  /** The expiry as unix seconds (midnight UTC of that date, as the CLI parses it), when readable. */
  testKeyExpiresAtSeconds?: number;
  /** Why the key cannot be used (missing, malformed); undefined when it can. */
  keyProblem?: string;
  /** `user_id`, when the file has one. */
  userId?: string;
  /** Logged in with the browser (OAuth) flow: an account but no key in the file (its token is in the OS keychain). */
  oauthLogin?: true;
  /** A sandbox made by `stripe sandbox create` (it has `sandbox_claim_url` or `sandbox_expires_at`). */
  sandbox?: {
    /** As written (`YYYY-MM-DD`, or RFC 3339 in older configs). */
    expiresAt?: string;
    expiresAtSeconds?: number;
    /** It still has a claim URL (the URL itself is never kept: it claims the sandbox). */
    claimable: boolean;
  };
  /** The name has a dot, which the CLI warns about and will stop accepting. */
  dottedName?: true;
}

export interface StripeCliConfig {
  path: string;
  profiles: StripeCliProfile[];
  /** The profile the CLI uses when none is named (`project-name` or `default`). */
  activeProfile: string;
}

export class StripeCliConfigError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'unreadable' | 'malformed',
  ) {
    super(message);
    this.name = 'StripeCliConfigError';
  }
}

const keys = new WeakMap<StripeCliProfile, string>();

/** The test-mode key of a profile read by this module, or undefined when it has none. */
export function profileTestKey(profile: StripeCliProfile): string | undefined {
  return keys.get(profile);
}

export interface ConfigLocation {
  env: Record<string, string | undefined>;
  home: string;
}

export function stripeCliConfigPath(location: ConfigLocation = { env: process.env, home: os.homedir() }): string {
  const xdg = location.env.XDG_CONFIG_HOME;
  const base = xdg !== undefined && xdg !== '' ? xdg : path.join(location.home, '.config');
  return path.join(base, 'stripe', 'config.toml');
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateSeconds(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return undefined;
  return ms / 1000;
}

/** `YYYY-MM-DD` (midnight UTC) or an RFC 3339 time, as the CLI's isExpiredSandbox reads a sandbox's expiry. */
function sandboxSeconds(text: string): number | undefined {
  const date = dateSeconds(text);
  if (date !== undefined) return date;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** What `stripe login` for this profile looks like. */
export function loginCommand(name: string, interactive = false): string {
  return `stripe login${interactive ? ' --interactive' : ''}${name === 'default' ? '' : ` --project-name=${name}`}`;
}

/** Tables of the document that are profiles: those with a `display_name`, also under a dotted name kept as nested tables (`[a.b]`). */
function profileTables(doc: Record<string, unknown>, prefix = '', depth = 0): Array<[string, Record<string, unknown>]> {
  const found: Array<[string, Record<string, unknown>]> = [];
  for (const [key, value] of Object.entries(doc)) {
    if (!isTable(value)) continue;
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if ('display_name' in value) found.push([name, value]);
    else if (depth < 3 && key !== 'plugin_configs') found.push(...profileTables(value, name, depth + 1));
  }
  return found;
}

function str(table: Record<string, unknown>, key: string): string | undefined {
  const value = table[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Profiles of a config.toml's text; throws StripeCliConfigError('malformed') with the line and column only. */
export function parseStripeCliConfig(text: string, filePath: string): StripeCliConfig {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      const what = error.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
      throw new StripeCliConfigError(
        `The Stripe CLI config ${filePath} is not valid TOML (line ${error.line}, column ${error.column}: ${what}). Run \`stripe login\` again, or fix that line.`,
        'malformed',
      );
    }
    throw new StripeCliConfigError(`The Stripe CLI config ${filePath} could not be read as TOML.`, 'malformed');
  }
  const profiles: StripeCliProfile[] = [];
  for (const [name, value] of profileTables(doc)) {
    const profile: StripeCliProfile = { name, displayName: str(value, 'display_name') ?? name, hasTestKey: false };
    const accountId = str(value, 'account_id');
    if (accountId) profile.accountId = accountId;
    const userId = str(value, 'user_id');
    if (userId) profile.userId = userId;
    if (name.includes('.')) profile.dottedName = true;
    const sandboxExpires = str(value, 'sandbox_expires_at');
    const claimable = str(value, 'sandbox_claim_url') !== undefined;
    if (sandboxExpires !== undefined || claimable) {
      profile.sandbox = { claimable };
      if (sandboxExpires !== undefined) {
        profile.sandbox.expiresAt = sandboxExpires;
        const seconds = sandboxSeconds(sandboxExpires);
        if (seconds !== undefined) profile.sandbox.expiresAtSeconds = seconds;
      }
    }
    const expires = str(value, 'test_mode_key_expires_at');
    if (expires) {
      profile.testKeyExpiresAt = expires;
      const seconds = dateSeconds(expires);
      if (seconds !== undefined) profile.testKeyExpiresAtSeconds = seconds;
    }
    const key = str(value, 'test_mode_api_key') ?? str(value, 'secret_key') ?? str(value, 'api_key');
    const liveKeyRecorded = str(value, 'live_mode_api_key') !== undefined || str(value, 'live_mode_key_expires_at') !== undefined;
    if (key === undefined && accountId !== undefined && !liveKeyRecorded && !profile.sandbox) {
      profile.oauthLogin = true;
      profile.keyProblem =
        `The profile "${name}" was logged in with the browser (OAuth) flow, which keeps its credentials in the OS keychain, and this extension never reads the keychain. ` +
        `Add Connection with a restricted key that has the Secret Store permission, or run \`${loginCommand(name, true)}\` so the CLI writes a test-mode key, then try again.`;
    } else if (key === undefined) {
      profile.keyProblem = `The profile "${name}" has no test-mode key in the CLI config: run \`${loginCommand(name)}\`.`;
    } else if (key.startsWith('rkcs_')) {
      profile.keyProblem = `The profile "${name}" holds a claimable sandbox's key (rkcs_…), which this extension does not take: claim the sandbox and log in to it with \`${loginCommand(name, true)}\`, or Add Connection with a restricted key that has the Secret Store permission.`;
    } else if (/^(sk|rk)_live_/.test(key)) {
      profile.keyProblem = `The profile "${name}" holds a live key where the test-mode key belongs; it is not used.`;
    } else if (validateApiKey(key) !== undefined) {
      profile.keyProblem = `The test-mode key of the profile "${name}" is not a well-formed Stripe key: run \`${loginCommand(name)}\` again.`;
    } else {
      profile.hasTestKey = true;
      keys.set(profile, key);
    }
    profiles.push(profile);
  }
  profiles.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.displayName.localeCompare(b.displayName)));
  const projectName = typeof doc['project-name'] === 'string' ? doc['project-name'] : undefined;
  return { path: filePath, profiles, activeProfile: projectName ?? 'default' };
}

/** A sandbox profile's mark for its connection (the view and status bar say "sandbox" and its day); nothing for an account's test mode. */
export function sandboxOf(profile: StripeCliProfile): { sandbox?: { expiresAt?: string } } {
  if (!profile.sandbox) return {};
  return { sandbox: profile.sandbox.expiresAt ? { expiresAt: profile.sandbox.expiresAt.slice(0, 10) } : {} };
}

/** True when the profile is a sandbox whose expiry has come. */
export function isSandboxExpired(profile: StripeCliProfile, nowMs: number): boolean {
  const seconds = profile.sandbox?.expiresAtSeconds;
  return seconds !== undefined && seconds * 1000 <= nowMs;
}

/** `sandbox · expires 2026-12-09 · claimable`: how the profile picker marks a sandbox. */
export function sandboxMark(profile: StripeCliProfile): string | undefined {
  const sandbox = profile.sandbox;
  if (!sandbox) return undefined;
  return [
    'sandbox',
    sandbox.expiresAt ? `expires ${sandbox.expiresAt.slice(0, 10)}` : undefined,
    sandbox.claimable ? 'claimable' : undefined,
  ]
    .filter((p) => p)
    .join(' · ');
}

/** The picker's short line for a browser (OAuth) login; the full sentence is its keyProblem. */
export function oauthLoginDetail(profile: StripeCliProfile): string | undefined {
  if (!profile.oauthLogin) return undefined;
  return `browser login: the CLI's credentials are in the OS keychain, not read · paste a restricted key, or run \`${loginCommand(profile.name, true)}\``;
}

export function sandboxExpiredDetail(profile: StripeCliProfile, nowMs: number): string | undefined {
  return isSandboxExpired(profile, nowMs)
    ? `sandbox expired ${profile.sandbox?.expiresAt}: run \`stripe sandbox create\` for a new one`
    : undefined;
}

export function sandboxRefusal(profile: StripeCliProfile, nowMs: number): string | undefined {
  if (!isSandboxExpired(profile, nowMs)) return undefined;
  return `The sandbox of the Stripe CLI profile "${profile.name}" expired on ${profile.sandbox?.expiresAt}, and its keys with it. Run \`stripe sandbox create\` for a new one, then try again.`;
}

/** For a name with a dot: the CLI's own advice (profile.go WarnIfLegacyProfileName), as a suffix of the picker's line. */
export function dottedNameNote(profile: StripeCliProfile): string {
  return profile.dottedName
    ? ` · the CLI will stop accepting names with a dot: \`stripe login --project-name=${profile.name.replace(/\./g, '-')}\``
    : '';
}

/** True when the key's expiry date has come (the CLI's date is midnight UTC). */
export function isProfileKeyExpired(profile: StripeCliProfile, nowMs: number): boolean {
  return profile.testKeyExpiresAtSeconds !== undefined && profile.testKeyExpiresAtSeconds * 1000 <= nowMs;
}

/** Whether a config file exists where the CLI would look (a cheap check for offering the CLI path). */
export function stripeCliConfigExists(location?: ConfigLocation): boolean {
  try {
    return fs.statSync(stripeCliConfigPath(location)).isFile();
  } catch {
    return false;
  }
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads and parses the config; a missing or unreadable file throws StripeCliConfigError saying what to do. */
export function readStripeCliConfig(location?: ConfigLocation): StripeCliConfig {
  const file = stripeCliConfigPath(location);
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile())
      throw new StripeCliConfigError(`${file} is not a file: the Stripe CLI keeps its profiles in a config.toml file there.`, 'unreadable');
    if (stat.size > MAX_CONFIG_BYTES)
      throw new StripeCliConfigError(`${file} is larger than 1 MB, too large to be the Stripe CLI's config.`, 'unreadable');
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof StripeCliConfigError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new StripeCliConfigError(
        `No Stripe CLI config at ${file}. Install the Stripe CLI and run \`stripe login\` first, or add a connection with an API key.`,
        'missing',
      );
    }
    throw new StripeCliConfigError(
      `The Stripe CLI config ${file} could not be read (${typeof code === 'string' ? code : 'unknown error'}); check its permissions.`,
      'unreadable',
    );
  }
  return parseStripeCliConfig(text, file);
}
