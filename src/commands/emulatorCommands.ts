import type { CommandHandler } from './types';
import { offerMakeActive } from './makeActive';

/** Starts the in-process emulator with demo data; offers to make its connection active when another one is. */
export const startEmulator: CommandHandler = async (services) => {
  const wasRunning = services.emulator.running !== undefined;
  const { handle, connection } = await services.emulator.start();
  services.tree.refresh(connection.id);
  services.log.info(`Local emulator ${wasRunning ? 'already running' : 'started'} at ${handle.url}.`);
  const active = services.connections.active();
  if (!active || active.id === connection.id) {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(
      `The local emulator is running at ${handle.url} with demo data; "${connection.label}" is the active connection.`,
    );
  } else {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void offerMakeActive(
      services,
      connection,
      `The local emulator is running at ${handle.url} with demo data in "${connection.label}". "${active.label}" stays the active connection: the status bar and code checks still use it.`,
    );
  }
};

/** Stops it; the connection stays (its loads then say the emulator is not running). */
export const stopEmulator: CommandHandler = async (services) => {
  const stopped = await services.emulator.stop();
  services.log.info(stopped ? 'Local emulator stopped.' : 'The local emulator was not running.');
  const connection = services.connections.list().find((c) => c.emulator);
  if (connection) services.tree.refresh(connection.id);
};
