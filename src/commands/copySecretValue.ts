import { REVEAL_NOTICE_MS, withCancellableProgress } from '../ui/progress';
import { oneAtATime, resolveSecretTarget } from '../ui/pickers';
import { confirmLiveValueAccess } from '../ui/secretPrompts';
import type { CommandHandler } from './types';

export const copySecretValue: CommandHandler = async (services, node, selection) => {
  // One value at a time: several secret values on one clipboard could not be cleared apart.
  const single = oneAtATime('Copy Secret Value copies', node, selection);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  if (single) void services.prompts.info(single);
  const target = await resolveSecretTarget(services, node, { placeHolder: 'Choose a secret whose value to copy' });
  if (!target) return;
  const { connection, scope, secret } = target;
  if (!(await confirmLiveValueAccess(services, connection, scope, secret.name, 'Copy'))) return;
  const client = await services.connections.client(connection.id, connection.account);
  const revealed = await withCancellableProgress(
    `Fetching the value of '${secret.name}'…`,
    (signal) => client.reveal(secret.name, scope, { signal }),
    { showAfterMs: REVEAL_NOTICE_MS },
  );
  await services.clipboard.copySecret(secret.name, revealed.payload);
};
