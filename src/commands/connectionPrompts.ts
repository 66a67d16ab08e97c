/**
 * The step Add Connection and Add Connection from Stripe CLI share, in a file of its own so neither
 * command imports the other.
 */
import { validateApiBase } from '../model/validation';
import type { Services } from '../services';

export const SAVE_LABEL = 'Save';
export const ADVANCED_LABEL = 'Advanced: custom API base…';

/**
 * Save, or Advanced: a custom API base (the emulator, stripe-mock, a proxy). Undefined when
 * cancelled; `apiBase` undefined means api.stripe.com.
 */
export async function askSaveOrApiBase(services: Services, title: string, canGoBack = false): Promise<{ apiBase?: string } | undefined> {
  const next = await services.prompts.quickPick(
    [
      { label: SAVE_LABEL, description: 'check the key with one request and save' },
      { label: ADVANCED_LABEL, description: 'the local emulator, stripe-mock or a proxy' },
    ],
    { title, canGoBack, placeHolder: 'Save the connection' },
  );
  if (!next) return undefined;
  if (next.label !== ADVANCED_LABEL) return {};
  const apiBase = (
    await services.prompts.inputBox({
      title,
      canGoBack,
      prompt: 'The API base: https://…, or http:// on this computer (127.0.0.1, localhost)',
      placeHolder: 'http://127.0.0.1:12111',
      ignoreFocusOut: true,
      validateInput: (value) => validateApiBase(value.trim()),
    })
  )
    ?.trim()
    .replace(/\/$/, '');
  return apiBase === undefined ? undefined : { apiBase };
}
