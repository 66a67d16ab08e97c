import type { ConnectionInfo, Services } from '../services';
import { modeBadge } from '../ui/labels';

export const MAKE_ACTIVE = 'Make Active';

export function keepActiveLabel(current: Pick<ConnectionInfo, 'label'>): string {
  return `Keep '${current.label}'`;
}

/** What the person is told about which connection is active after `info` was added or started. */
export function activeNote(services: Services, info: ConnectionInfo): string {
  const active = services.connections.active();
  return active?.id === info.id
    ? 'it is now the active connection.'
    : `"${active?.label ?? ''}" stays the active connection (Switch Active Connection… changes it).`;
}

/**
 * After Add Connection: the new connection becomes active when none was (nothing to switch from) or
 * when it is a test one. A live one over another active connection is a choice: the code checks,
 * the status bar and the palette would all move to live data, so a modal asks, and Keep comes
 * first (the default button). `previous` is the active connection from before the add.
 */
export async function activateAdded(services: Services, added: ConnectionInfo, previous: ConnectionInfo | undefined): Promise<void> {
  const current = previous && services.connections.get(previous.id);
  if (!current || current.id === added.id || added.mode !== 'live') {
    await services.connections.setActive(added.id);
    return;
  }
  const choice = await services.prompts.warning(
    `Make "${added.label}" (LIVE) the active connection?`,
    {
      modal: true,
      detail: `"${current.label}" (${modeBadge(current)}) is active now. The active connection is the one the status bar shows, your code is checked against and the palette offers first.`,
    },
    keepActiveLabel(current),
    MAKE_ACTIVE,
  );
  // Made again after the modal: the connection may have been removed meanwhile (another window).
  if (choice === MAKE_ACTIVE && services.connections.get(added.id)) await services.connections.setActive(added.id);
}

/**
 * Start Local Emulator over another active connection: it says so and offers Make Active instead of
 * switching (a notification, so the emulator's start is not held up by it).
 */
export async function offerMakeActive(services: Services, info: ConnectionInfo, message: string): Promise<void> {
  const choice = await services.prompts.info(message, MAKE_ACTIVE);
  if (choice === MAKE_ACTIVE && services.connections.get(info.id)) await services.connections.setActive(info.id);
}
