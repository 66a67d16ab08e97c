import { resolveSecretTargets } from '../ui/pickers';
import type { CommandHandler } from './types';

/** The name of the clicked row, or of every selected row (one a line, in the tree's order). */
export const copySecretName: CommandHandler = async (services, node, selection) => {
  const targets = await resolveSecretTargets(services, node, selection, { placeHolder: 'Choose the secrets whose names to copy' });
  if (!targets || targets.length === 0) return;
  const names = targets.map((t) => t.secret.name);
  await services.clipboard.copyText(
    names.join('\n'),
    names.length === 1 ? `Copied the name '${names[0]}'` : `Copied ${names.length} names, one a line`,
  );
};
