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
}

export interface StripeCliConfig {
  path: string;
  profiles: StripeCliProfile[];
  /** The profile the CLI uses when none is named (`project-name` or `default`). */
  activeProfile: string;
}

export class StripeCliConfigError extends Error {
  constructor(message: string, readonly reason: 'missing' | 'unreadable' | 'malformed') {
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
      throw new StripeCliConfigError(`The Stripe CLI config ${filePath} is not valid TOML (line ${error.line}, column ${error.column}: ${what}). Run \`stripe login\` again, or fix that line.`, 'malformed');
    }
    throw new StripeCliConfigError(`The Stripe CLI config ${filePath} could not be read as TOML.`, 'malformed');
  }
  const profiles: StripeCliProfile[] = [];
  for (const [name, value] of Object.entries(doc)) {
    if (!isTable(value) || !('display_name' in value)) continue;
    const profile: StripeCliProfile = { name, displayName: str(value, 'display_name') ?? name, hasTestKey: false };
    const accountId = str(value, 'account_id');
    if (accountId) profile.accountId = accountId;
    const expires = str(value, 'test_mode_key_expires_at');
    if (expires) {
      profile.testKeyExpiresAt = expires;
      const seconds = dateSeconds(expires);
      if (seconds !== undefined) profile.testKeyExpiresAtSeconds = seconds;
    }
    const key = str(value, 'test_mode_api_key') ?? str(value, 'secret_key') ?? str(value, 'api_key');
    if (key === undefined) {
      profile.keyProblem = `The profile "${name}" has no test-mode key in the CLI config: run \`stripe login${name === 'default' ? '' : ` --project-name=${name}`}\`.`;
    } else if (/^(sk|rk)_live_/.test(key)) {
      profile.keyProblem = `The profile "${name}" holds a live key where the test-mode key belongs; it is not used.`;
    } else if (validateApiKey(key) !== undefined) {
      profile.keyProblem = `The test-mode key of the profile "${name}" is not a well-formed Stripe key: run \`stripe login${name === 'default' ? '' : ` --project-name=${name}`}\` again.`;
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
    if (!stat.isFile()) throw new StripeCliConfigError(`${file} is not a file: the Stripe CLI keeps its profiles in a config.toml file there.`, 'unreadable');
    if (stat.size > MAX_CONFIG_BYTES) throw new StripeCliConfigError(`${file} is larger than 1 MB, too large to be the Stripe CLI's config.`, 'unreadable');
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof StripeCliConfigError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new StripeCliConfigError(`No Stripe CLI config at ${file}. Install the Stripe CLI and run \`stripe login\` first, or add a connection with an API key.`, 'missing');
    }
    throw new StripeCliConfigError(`The Stripe CLI config ${file} could not be read (${typeof code === 'string' ? code : 'unknown error'}); check its permissions.`, 'unreadable');
  }
  return parseStripeCliConfig(text, file);
}
