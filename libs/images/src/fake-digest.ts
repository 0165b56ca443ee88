/**
 * The lab's images have no real manifests, yet image IDs and node image lists need
 * digests that stay the same from run to run: a SHA-256 of the image's name.
 */
import { createHash } from 'node:crypto';

/** `sha256:` + the hex SHA-256 of `seed` (e.g. `docker.io/library/nginx:1.14.2`). */
export function fakeDigest(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}
