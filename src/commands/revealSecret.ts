import type { Services, TreeNode } from '../services';
import { oneAtATime, resolveSecretTarget } from '../ui/pickers';
import { confirmLiveValueAccess } from '../ui/secretPrompts';
import type { ValueEditorMode } from '../model/secretValue';
import type { CommandHandler } from './types';

/** Opens a secret in the value editor: read-only for Reveal, editable for Edit. Live mode asks first. */
export async function openSecretValue(
  services: Services,
  node: TreeNode | undefined,
  mode: ValueEditorMode,
  selection?: readonly TreeNode[],
): Promise<void> {
  const single = oneAtATime(mode === 'reveal' ? 'Reveal opens' : 'Edit opens', node, selection);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  if (single) void services.prompts.info(single);
  const target = await resolveSecretTarget(services, node, {
    placeHolder: mode === 'reveal' ? 'Choose a secret to reveal' : 'Choose a secret to edit',
  });
  if (!target) return;
  // A live value the person has just confirmed in the modal opens shown: one deliberate act, not two.
  const asked = target.connection.mode === 'live' && services.settings().confirmRevealInLiveMode;
  if (!(await confirmLiveValueAccess(services, target.connection, target.scope, target.secret.name, mode === 'reveal' ? 'Reveal' : 'Edit')))
    return;
  const location = {
    connectionId: target.connection.id,
    account: target.connection.account,
    scope: target.scope,
    name: target.secret.name,
  };
  await services.valueEditors.open(target.connection, location, mode, { shown: asked });
}

export const revealSecret: CommandHandler = async (services, node, selection) => {
  await openSecretValue(services, node, 'reveal', selection);
};
