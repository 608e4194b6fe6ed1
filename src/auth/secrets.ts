// Passwords (argon2id), one-time passwords, and the random secrets of sessions, CSRF and API tokens.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id at the OWASP (2024) recommended minimum: 19 MiB of memory, 2 passes, 1 lane. About 50 ms
 * on one core of the 2-core reference machine, so a stolen user table costs an attacker that much per
 * guess and per user.
 */
const ARGON2 = { algorithm: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

/** A hash of no password: checked when the user does not exist, so that both cases take as long. */
let decoy: Promise<string> | undefined;

export async function checkPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** A password to read aloud or type on a phone: 4 groups of 4, no look-alike characters (about 90 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679';
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join(''),
  );
  return groups.join('-');
}

/** A random secret for a cookie, a CSRF token or an API token (`prefix` tells them apart in logs). */
export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

/** Secrets are stored as their SHA-256 only: a copy of the database does not let anyone sign in. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');
