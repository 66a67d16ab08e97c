import { connectionPickItems } from '../ui/pickers';
import type { CommandHandler } from './types';

/** Makes another connection active: the clicked one, or one picked (the status bar's click). */
export const switchConnection: CommandHandler = async (services, node) => {
  if (node) {
    await services.connections.setActive(node.connectionId);
    return;
  }
  const activeId = services.connections.active()?.id;
  const all = services.connections.list();
  if (all.length === 0) {
    await services.prompts.info('There is no Stripe connection yet: add one with an API key, or start the local emulator.');
    return;
  }
  const picked = await services.prompts.quickPick(connectionPickItems(all, activeId), {
    placeHolder: 'Switch the active Stripe connection',
    matchOnDescription: true,
  });
  if (!picked) return;
  await services.connections.setActive(picked.connection.id);
};
