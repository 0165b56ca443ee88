/**
 * The lab's secret: one random value per lab, kept in the data dir (DIR/lab-secret, mode 0600),
 * that the supervisor's control API asks of every caller (`Authorization: Bearer …`) and that
 * signs a learner in to the dashboard (its login link carries it). The supervisor makes it
 * before anything starts; a dashboard without a supervisor (docker compose) makes its own on its
 * volume. Made once and kept, so a login link and a session outlive a restart of the lab.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a lab's data dir keeps its secret: one file for the control API and the dashboard. */
export const labSecretFile = (dataDir: string) => join(dataDir, 'lab-secret');

/** The secret in `file`, made (32 random bytes, hex) and written readable by its owner only when the file does not exist yet. */
export function readOrCreateSecret(file: string): string {
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // A file made by an older lab, or copied with other permissions, is narrowed to its owner.
  chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret === '') throw new Error(`${file} is empty: remove it, and the lab makes a new secret on its next start`);
  return secret;
}

/** The secret in `file`, or undefined when there is none (no lab ever started from that data dir). */
export function readSecret(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Compares in constant time, so an answer's timing tells nothing of how much of a guess was right. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The header a caller of the control API proves itself with. */
export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
