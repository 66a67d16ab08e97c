/** The local Secret Store emulator: plain Node, no `vscode`, so the extension can also start it in-process. */
export { startEmulator } from './server';
export { EMULATOR_TEST_KEY, maskKey } from './auth';
export { DEMO_USER_IDS, demoSecrets } from './demo';
export { SECRET_LIMIT_CODE } from './errors';
export type { EmulatorBehaviour, EmulatorFault, EmulatorHandle, EmulatorOptions, StoredSecret } from './types';
