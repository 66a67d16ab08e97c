import type { CommandHandler } from './types';

export const showLog: CommandHandler = async (services) => {
  services.log.show();
};
