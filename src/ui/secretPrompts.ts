/** The questions of the secret actions: name, value, expiry, and the confirmations before a change. */
import * as vscode from 'vscode';
import { EXPIRY_PRESETS, formatDateTime, parseDateTime, presetExpiresAt } from '../model/expiry';
import { generateSecretValue } from '../model/randomValue';
import { validatePayload, validateSecretName } from '../model/validation';
import type { SecretScope } from '../model/types';
import type { ConnectionInfo, Services } from '../services';
import { scopeDescription } from '../model/scope';

export const ENTER_VALUE_LABEL = 'Enter a value…';
export const GENERATE_VALUE_LABEL = 'Generate a random value';
export const CUSTOM_EXPIRY_LABEL = 'Date and time…';
export const REPLACE_BUTTON = 'Replace';

export interface NamePromptOptions {
  scope: SecretScope;
  /** Names already in the scope: typing one warns that it will be replaced. */
  existing: readonly string[];
  /** A name to offer, already typed in. */
  value?: string;
}

/** A secret name, validated as typed; undefined when cancelled. */
export async function promptSecretName(services: Services, options: NamePromptOptions): Promise<string | undefined> {
  const existing = new Set(options.existing);
  return services.prompts.inputBox({
    title: `Set Secret in ${scopeDescription(options.scope)}`,
    prompt: 'The secret name',
    placeHolder: 'e.g. api_token',
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (value): vscode.InputBoxValidationMessage | undefined => {
      const invalid = validateSecretName(value);
      if (invalid) return { message: invalid, severity: vscode.InputBoxValidationSeverity.Error };
      if (existing.has(value)) return { message: 'exists: will be replaced', severity: vscode.InputBoxValidationSeverity.Warning };
      return undefined;
    },
  });
}

export interface ValueAnswer {
  payload: string;
  /** True when the value was generated (and so never shown). */
  generated: boolean;
}

/** Typed in a password box, or generated (32 random bytes); undefined when cancelled. */
export async function promptSecretValue(services: Services, name: string): Promise<ValueAnswer | undefined> {
  const choice = await services.prompts.quickPick(
    [
      { label: ENTER_VALUE_LABEL, description: 'typed or pasted, hidden as you type' },
      { label: GENERATE_VALUE_LABEL, description: '32 random bytes, base64url; never shown' },
    ],
    { placeHolder: `The value of '${name}'` },
  );
  if (!choice) return undefined;
  if (choice.label === GENERATE_VALUE_LABEL) return { payload: generateSecretValue(32), generated: true };
  const payload = await services.prompts.inputBox({
    title: `Value of '${name}'`,
    prompt: 'The secret value (hidden)',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => validatePayload(value),
  });
  return payload === undefined ? undefined : { payload, generated: false };
}

/** `expires_at` in unix seconds, null for never, or undefined when cancelled. */
export async function promptExpiry(services: Services, now: () => number = Date.now): Promise<{ expiresAt: number | null } | undefined> {
  type Item = vscode.QuickPickItem & { seconds?: number | null };
  const items: Item[] = [
    ...EXPIRY_PRESETS.map((p): Item => ({ label: p.label, seconds: p.seconds })),
    { label: CUSTOM_EXPIRY_LABEL, description: 'a date, or a date and time (local)' },
  ];
  const picked = await services.prompts.quickPick(items, { placeHolder: 'When does the secret expire?' });
  if (!picked) return undefined;
  if (picked.seconds !== undefined) return { expiresAt: presetExpiresAt({ label: picked.label, seconds: picked.seconds }, now()) };
  const text = await services.prompts.inputBox({
    title: 'Expiry',
    prompt: 'YYYY-MM-DD or YYYY-MM-DD HH:MM, local time',
    value: formatDateTime(Math.floor(now() / 1000) + 30 * 24 * 3600),
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseDateTime(value, now());
      return parsed.ok ? undefined : parsed.error;
    },
  });
  if (text === undefined) return undefined;
  const parsed = parseDateTime(text, now());
  // The time may pass between validation and Enter; refusing here beats a request Stripe refuses.
  if (!parsed.ok) throw new Error(parsed.error);
  return { expiresAt: parsed.seconds };
}

/** Modal "Replace" confirmation before overwriting an existing secret; true when confirmed. */
export async function confirmReplace(services: Services, connection: ConnectionInfo, scope: SecretScope, name: string): Promise<boolean> {
  const answer = await services.prompts.warning(
    `Replace the value of '${name}' in ${scopeDescription(scope)} of ${connection.label}? The old value cannot be recovered.`,
    { modal: true },
    REPLACE_BUTTON,
  );
  return answer === REPLACE_BUTTON;
}

export type ValueAccess = 'Reveal' | 'Edit' | 'Copy';

/**
 * In live mode (unless confirmRevealInLiveMode is off) a modal confirmation before a value is
 * shown, edited or copied. True when the action may go ahead.
 */
export async function confirmLiveValueAccess(services: Services, connection: ConnectionInfo, scope: SecretScope, name: string, action: ValueAccess): Promise<boolean> {
  if (connection.mode !== 'live' || !services.settings().confirmRevealInLiveMode) return true;
  const verb = action === 'Copy' ? 'Copy the live value of' : action === 'Edit' ? 'Open for editing the live value of' : 'Show the live value of';
  const answer = await services.prompts.warning(`${verb} '${name}' from ${scopeDescription(scope)} of ${connection.label}?`, { modal: true }, action);
  return answer === action;
}
