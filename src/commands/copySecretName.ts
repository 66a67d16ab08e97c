import { copyTextToClipboard } from '../ui/clipboard';
import { resolveSecretTarget } from '../ui/pickers';
import type { CommandHandler } from './types';

export const copySecretName: CommandHandler = async (services, node) => {
  const target = await resolveSecretTarget(services, node, { placeHolder: 'Choose a secret whose name to copy' });
  if (!target) return;
  await copyTextToClipboard(services, target.secret.name, `Copied the name '${target.secret.name}'`);
};
