/**
 * Learners' own images, added the way `kind load` adds them: `kubelab image add
 * my-app:1.0.0 --like nginx --port 3000` becomes one user-catalog entry, the same
 * entry a person could write in <data dir>/images.yaml.
 */
import type { ImageCatalog } from './catalog-types.js';
import { type ImageReference, parseImageReference } from './image-reference.js';
import { InvalidImageNameError } from './invalid-image-name-error.js';
import { lookupImage } from './lookup-image.js';
import { parseCatalog } from './parse-catalog.js';

/** One added image as a user catalog's repository entry (a single tag). */
export interface UserImageEntry {
  readonly name: string;
  readonly tags: readonly [{ readonly tag: string; readonly like: string; readonly behaviour?: { readonly listens: readonly number[] } }];
}

/** Why an image cannot be added; the message says what to fix. */
export class UserImageError extends Error {}

/** What `image add` asks for. */
export interface UserImageRequest {
  readonly reference: string;
  readonly like: string;
  readonly port?: number;
}

/**
 * The entry for an added image, checked against the lab's catalog: the reference
 * must parse and name a tag (a registry serves digests of what was pushed, so
 * none can be chosen), `like` must be an image the catalog has.
 */
export function userImageEntry(request: UserImageRequest, lab: ImageCatalog): UserImageEntry {
  const reference = parse(request.reference, 'the image');
  if (reference.digest !== undefined) throw new UserImageError(`give the image a tag, not a digest (${request.reference}): an added image gets its digest from its name`);
  const like = parse(request.like, '--like');
  const found = lookupImage(lab, like);
  if (!found.found) throw new UserImageError(`--like ${request.like}: the lab's catalog has no ${like.canonical}; kubelab image list shows what it has`);
  if (request.port !== undefined && !(Number.isInteger(request.port) && request.port >= 1 && request.port <= 65535)) {
    throw new UserImageError(`--port must be a whole number between 1 and 65535, got ${request.port}`);
  }
  const tag = { tag: reference.tag as string, like: like.canonical, ...(request.port === undefined ? {} : { behaviour: { listens: [request.port] } }) };
  return { name: reference.name, tags: [tag] };
}

/** A user catalog document, parsed over the lab's catalog (its `like:` entries copy the lab's images). */
export function parseUserCatalog(doc: unknown, lab: ImageCatalog): ImageCatalog {
  return parseCatalog(doc, { like: lab });
}

/** The canonical reference an entry adds, e.g. `docker.io/library/my-app:1.0.0`. */
export const userImageReference = (entry: UserImageEntry): string => `${entry.name}:${entry.tags[0].tag}`;

/**
 * The user catalog document with `entry` in it: its tag replaces the same tag of the
 * same repository, or joins that repository's tags; other entries stay as written.
 */
export function withUserImage(doc: unknown, entry: UserImageEntry): { repositories: unknown[] } {
  const repositories = isObject(doc) && Array.isArray(doc.repositories) ? doc.repositories : [];
  const [added] = entry.tags;
  let placed = false;
  const updated = repositories.flatMap((repository): unknown[] => {
    if (!isObject(repository) || typeof repository.name !== 'string' || !Array.isArray(repository.tags) || !sameRepository(repository.name, entry.name)) return [repository];
    const tags = repository.tags.filter((tag) => (isObject(tag) ? tag.tag : tag) !== added.tag);
    if (!placed) {
      placed = true;
      return [{ ...repository, tags: [...tags, added] }];
    }
    return tags.length === 0 ? [] : [{ ...repository, tags }];
  });
  return { ...(isObject(doc) ? doc : {}), repositories: placed ? updated : [...updated, entry] };
}

function parse(reference: string, what: string): ImageReference {
  try {
    return parseImageReference(reference);
  } catch (error) {
    if (error instanceof InvalidImageNameError) throw new UserImageError(`${what} "${reference}" is no image reference: ${error.detail}`);
    throw error;
  }
}

function sameRepository(written: string, name: string): boolean {
  try {
    return parseImageReference(written).name === name;
  } catch {
    return false;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
