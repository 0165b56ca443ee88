/** Turns a caught file-system failure into the strerror text utilities print. */
import { FsError } from '../fs/fs-error.js';

/** The strerror text of an `FsError`; anything else is a bug and is rethrown. */
export function fsFailure(error: unknown): string {
  if (error instanceof FsError) return error.message;
  throw error;
}
