/**
 * Which held image an image name or ID given to crictl (`crictl rmi`, `crictl inspecti`) means, as containerd's CRI
 * image service resolves it (LocalResolve): a full digest is an image ID; otherwise the name, normalised as Docker
 * does (`nginx` is `docker.io/library/nginx:latest`), names an image by one of its tags or digest references; failing
 * that, the text is taken for an image ID or a unique prefix of one (`a8758716bb6a`, `sha256:a875`).
 */
import { parseImageReference } from './image-reference.js';
import type { NodeImage, NodeImageCache } from './node-image-cache.js';

const FULL_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The held image `refOrId` names; 'ambiguous' when it is a prefix of more than one image ID (go-digest's digestset); undefined: none. */
export function resolveLocalImage(cache: NodeImageCache, refOrId: string): NodeImage | 'ambiguous' | undefined {
  const named = FULL_DIGEST.test(refOrId) ? undefined : byReference(cache, refOrId);
  return named ?? byId(cache, refOrId);
}

/** The image a tag or digest reference names, after Docker's normalisation; undefined for text that is no reference. */
function byReference(cache: NodeImageCache, ref: string): NodeImage | undefined {
  let normalized: string;
  try {
    const reference = parseImageReference(ref);
    normalized = reference.digest === undefined ? `${reference.name}:${reference.tag}` : `${reference.name}@${reference.digest}`;
  } catch {
    return undefined;
  }
  return cache.images.find((held) => held.repoTags.includes(normalized) || held.repoDigests.includes(normalized));
}

/** digestset.Lookup: `alg:hex` or bare hex, matched as a prefix of the IDs; an exact ID wins over longer ones. */
function byId(cache: NodeImageCache, id: string): NodeImage | 'ambiguous' | undefined {
  const colon = id.indexOf(':');
  const algorithm = colon === -1 ? undefined : id.slice(0, colon);
  const hex = colon === -1 ? id : id.slice(colon + 1);
  if (algorithm !== undefined && algorithm !== 'sha256') return undefined;
  const matches = cache.images.filter((held) => held.digest.startsWith(`sha256:${hex}`));
  if (matches.length > 1) return matches.find((held) => held.digest === `sha256:${hex}`) ?? 'ambiguous';
  return matches[0];
}
