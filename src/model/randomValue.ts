import { randomBytes } from 'node:crypto';
import { MAX_PAYLOAD_LENGTH } from './types';

/** Most bytes whose base64url form (4 characters per 3 bytes) still fits a payload. */
export const MAX_RANDOM_BYTES = Math.floor((MAX_PAYLOAD_LENGTH * 3) / 4);

/** A random secret value: `bytes` bytes from the CSPRNG as URL-safe base64 without padding. */
export function generateSecretValue(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > MAX_RANDOM_BYTES) {
    throw new RangeError(`bytes must be a whole number from 1 to ${MAX_RANDOM_BYTES}`);
  }
  return randomBytes(bytes).toString('base64url');
}
