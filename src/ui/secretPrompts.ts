/** The questions of the secret actions: name, value, expiry, and the confirmations before a change. */
import * as vscode from 'vscode';
import { EXPIRY_PRESETS, formatDateTime, parseDateTime, presetExpiresAt } from '../model/expiry';
import { generateSecretValue } from '../model/randomValue';
import { validatePayload, validateSecretName } from '../model/validation';
import type { SecretScope } from '../model/types';
import type { ConnectionInfo, Services } from '../services';
import { afterwardsSentence, scopeDescription } from '../model/scope';
import { checkValue } from '../model/valueChecks';
import { fullDateTime, timeZoneName } from './labels';
import { confirmDestructive } from './prompts';

export const ENTER_VALUE_LABEL = 'Enter a value…';
export const GENERATE_VALUE_LABEL = 'Generate a random value';
export const CUSTOM_EXPIRY_LABEL = 'Date and time…';
export const REPLACE_BUTTON = 'Replace';
export const KEEP_VALUE_BUTTON = 'Keep Current Value';

/** Title and Back button of one step of a flow (Set: scope → name → value → expiry). */
export interface StepPrompt {
  title?: string;
  canGoBack?: boolean;
}

export interface NamePromptOptions extends StepPrompt {
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
    title: options.title ?? `Set Secret in ${scopeDescription(options.scope)}`,
    canGoBack: options.canGoBack,
    prompt: `The secret name, in ${scopeDescription(options.scope)}`,
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
export async function promptSecretValue(services: Services, name: string, step: StepPrompt = {}): Promise<ValueAnswer | undefined> {
  const choice = await services.prompts.quickPick(
    [
      { label: ENTER_VALUE_LABEL, description: 'typed or pasted, hidden as you type' },
      { label: GENERATE_VALUE_LABEL, description: '32 random bytes, base64url; never shown' },
    ],
    { title: step.title, canGoBack: step.canGoBack, placeHolder: `The value of '${name}'` },
  );
  if (!choice) return undefined;
  if (choice.label === GENERATE_VALUE_LABEL) return { payload: generateSecretValue(32), generated: true };
  const payload = await services.prompts.inputBox({
    title: step.title ?? `Value of '${name}'`,
    canGoBack: step.canGoBack,
    prompt: 'The secret value (hidden)',
    password: true,
    ignoreFocusOut: true,
    validateInput: valueValidation,
  });
  return payload === undefined ? undefined : { payload, generated: false };
}

/**
 * What the value box says as the person types: the length against Stripe's limit, and a warning
 * (never a refusal) for text that starts like JSON but does not parse. Nothing repeats the value.
 */
export function valueValidation(value: string): vscode.InputBoxValidationMessage | undefined {
  const invalid = validatePayload(value);
  if (invalid) return { message: invalid, severity: vscode.InputBoxValidationSeverity.Error };
  const check = checkValue(value);
  if (check.jsonWarning)
    return { message: `${check.lengthText}. ${check.jsonWarning}`, severity: vscode.InputBoxValidationSeverity.Warning };
  return { message: check.lengthText, severity: vscode.InputBoxValidationSeverity.Info };
}

/** `expires_at` in unix seconds, null for never, or undefined when cancelled. */
export async function promptExpiry(
  services: Services,
  now: () => number = Date.now,
  step: StepPrompt = {},
): Promise<{ expiresAt: number | null } | undefined> {
  type Item = vscode.QuickPickItem & { seconds?: number | null };
  const items: Item[] = [
    ...EXPIRY_PRESETS.map((p): Item => ({ label: p.label, seconds: p.seconds })),
    { label: CUSTOM_EXPIRY_LABEL, description: 'a date, or a date and time (local)' },
  ];
  const picked = await services.prompts.quickPick(items, {
    title: step.title,
    canGoBack: step.canGoBack,
    placeHolder: 'When does the secret expire?',
  });
  if (!picked) return undefined;
  if (picked.seconds !== undefined) return { expiresAt: presetExpiresAt({ label: picked.label, seconds: picked.seconds }, now()) };
  const text = await services.prompts.inputBox({
    title: step.title ?? 'Expiry',
    canGoBack: step.canGoBack,
    prompt: `YYYY-MM-DD or YYYY-MM-DD HH:MM, in ${zoneWords()}`,
    value: formatDateTime(Math.floor(now() / 1000) + 30 * 24 * 3600),
    ignoreFocusOut: true,
    validateInput: (value) => dateValidation(value, now()),
  });
  if (text === undefined) return undefined;
  const parsed = parseDateTime(text, now());
  // The time may pass between validation and Enter; refusing here beats a request Stripe refuses.
  if (!parsed.ok) throw new Error(parsed.error);
  return { expiresAt: parsed.seconds };
}

/** The zone a typed date is read in: the extension host's, which in a remote window is the server's. */
function zoneWords(): string {
  return vscode.env.remoteName ? `the remote server's time zone, ${timeZoneName()}` : `your time zone, ${timeZoneName()}`;
}

/** A typed date is echoed in full, with its zone, before it is used; an impossible one is refused. */
export function dateValidation(value: string, nowMs: number): vscode.InputBoxValidationMessage {
  const parsed = parseDateTime(value, nowMs);
  if (!parsed.ok) return { message: parsed.error, severity: vscode.InputBoxValidationSeverity.Error };
  const where = vscode.env.remoteName ? " (the remote server's time zone)" : '';
  return { message: `Expires ${fullDateTime(parsed.seconds)}${where}`, severity: vscode.InputBoxValidationSeverity.Info };
}

/** Modal "Replace" confirmation before overwriting an existing secret (Keep is the default button); true when confirmed. */
export async function confirmReplace(services: Services, connection: ConnectionInfo, scope: SecretScope, name: string): Promise<boolean> {
  return confirmDestructive(
    services.prompts,
    `Replace the value of '${name}' in ${scopeDescription(scope)} of ${connection.label}${connection.mode === 'live' ? ' (LIVE)' : ''}? ${afterwardsSentence(services.settings().historyRetentionDays, true)}`,
    REPLACE_BUTTON,
    KEEP_VALUE_BUTTON,
  );
}

export type ValueAccess = 'Reveal' | 'Edit' | 'Copy';

/**
 * In live mode (unless confirmRevealInLiveMode is off) a modal confirmation before a value is
 * shown, edited or copied. True when the action may go ahead.
 */
export async function confirmLiveValueAccess(
  services: Services,
  connection: ConnectionInfo,
  scope: SecretScope,
  name: string,
  action: ValueAccess,
): Promise<boolean> {
  if (connection.mode !== 'live' || !services.settings().confirmRevealInLiveMode) return true;
  const verb =
    action === 'Copy' ? 'Copy the live value of' : action === 'Edit' ? 'Open for editing the live value of' : 'Show the live value of';
  const answer = await services.prompts.warning(
    `${verb} '${name}' from ${scopeDescription(scope)} of ${connection.label}?`,
    { modal: true },
    action,
  );
  return answer === action;
}
