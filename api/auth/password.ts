// Password hashing with argon2id (@node-rs/argon2, OWASP's default cost: 19 MiB, 2 passes).
import { hash, verify, type Algorithm } from '@node-rs/argon2';

// The package exports Algorithm as a const enum, which isolated modules cannot inline.
const ARGON2ID = 2 as Algorithm;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Checked against when the e-mail is unknown, so both failures take the same time and
// response timing does not reveal which addresses have accounts.
let decoy: Promise<string> | undefined;

/** True when `password` matches `passwordHash`; a null hash (no password login) never matches. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hashPassword('passerelle-decoy-password');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
