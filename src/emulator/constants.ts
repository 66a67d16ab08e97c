/**
 * What the extension needs of the emulator without starting it. Kept apart from the server so that
 * importing these does not bundle the server into dist/extension.js (it loads dist/emulatorServer.js
 * only when the emulator is started).
 */

/** A well-formed test key that this emulator always accepts on loopback, even when `apiKeys` restricts the others. */
export const EMULATOR_TEST_KEY = 'sk_test_emulatorLocalSecretStore00000000000000000';

/** The user scopes of the demo data set (Stripe user ids look like `usr_...`). */
export const DEMO_USER_IDS: readonly string[] = ['usr_DemoAdaLovelace', 'usr_DemoGraceHopper', 'usr_DemoAlanTuring'];
