/** For specs: the Status a call refuses with, as `code reason: message`; throws when it does not refuse. */
import { ApiError } from './status.js';

export function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return `${e.code} ${e.status.reason}: ${e.message}`;
    throw e;
  }
  throw new Error('expected a refusal');
}
