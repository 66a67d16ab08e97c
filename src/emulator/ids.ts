import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `prefix` + `length` random base62 characters, like Stripe's ids. */
export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

// Declarations, not typed arrow constants: the mutation run's instrumented build widens a constant's type.
export function newSecretId(): string {
  return randomId('appsecret_', 28);
}

export function newRequestId(): string {
  return randomId('req_', 14);
}
