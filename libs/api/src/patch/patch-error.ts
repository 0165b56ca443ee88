/**
 * The one error every patch kind throws, so the api-server can tell a bad patch
 * (answered with 422 / 400 and this message) from a bug in its own code.
 */

/** A patch that cannot be applied: malformed, or pointing at something that is not there. */
export class PatchError extends Error {
  override readonly name = 'PatchError';
}
