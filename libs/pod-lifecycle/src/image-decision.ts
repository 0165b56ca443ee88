/**
 * The image manager's decision for a container about to start (kubelet EnsureImageExists), as data: refuse while the
 * pod's pull of that image backs off, refuse a name that does not parse, refuse a missing image under policy Never,
 * use the node's copy when the policy allows it and the registry still has the image, else pull. It reads the
 * registry (the catalog), the node's image cache and the pull back-offs as values, so computePodActions stays pure.
 */
import {
  cacheHasImage, decidePull, imagePullBackoffKey, InvalidImageNameError, isImagePullBackingOff, lookupImage, parseImageReference,
  type ImageCatalog, type ImageLookup, type ImagePullBackoff, type ImagePullPolicy, type ImageReference, type NodeImageCache, type ResolvedImage,
} from '@kubelab/images';

/** What the node knows about images when it decides: the registry it pulls from, what it holds, and the pull back-offs. */
export interface NodeImages {
  readonly catalog: ImageCatalog;
  readonly cache: NodeImageCache;
  /** Keyed by imagePullBackoffKey (the pod's UID and the image as written). */
  readonly backoffs: ReadonlyMap<string, ImagePullBackoff>;
}

/** The failures the image manager reports without pulling. */
export type ImageRefusal = 'ImagePullBackOff' | 'InvalidImageName' | 'ErrImageNeverPull';

/**
 * What to do about a container's image: pull it (the lookup says what the registry answers, a miss steps the back-off
 * under `backoffKey`), use the node's copy, or report a refusal.
 */
export type ImageDecision =
  | { readonly action: 'pull'; readonly lookup: ImageLookup; readonly backoffKey: string }
  | { readonly action: 'use-cached'; readonly image: ResolvedImage }
  | { readonly action: 'refuse'; readonly reason: ImageRefusal };

/** The spec's imagePullPolicy (the api-server defaults it and accepts nothing else). */
function pullPolicyOf(policy: string | undefined): ImagePullPolicy {
  return policy === 'Always' || policy === 'Never' ? policy : 'IfNotPresent';
}

/** What the kubelet does about `image` for a container of the pod with UID `podUid` at `now`. */
export function decideImage(podUid: string, image: string, policy: string | undefined, images: NodeImages, now: Date): ImageDecision {
  const backoffKey = imagePullBackoffKey(podUid, image);
  if (isImagePullBackingOff(images.backoffs.get(backoffKey), now.getTime() / 1000)) return { action: 'refuse', reason: 'ImagePullBackOff' };
  const reference = parsed(image);
  if (reference instanceof InvalidImageNameError) return { action: 'refuse', reason: 'InvalidImageName' };
  // Looked up by its text, whose answer is remembered: every pod of an image shares one ResolvedImage, not a copy each.
  const lookup = lookupImage(images.catalog, image);
  const decision = decidePull(pullPolicyOf(policy), cacheHasImage(images.cache, reference));
  if (decision === 'never-pull') return { action: 'refuse', reason: 'ErrImageNeverPull' };
  if (decision === 'use-cached' && lookup.found) return { action: 'use-cached', image: lookup.image };
  return { action: 'pull', lookup, backoffKey };
}

/** A debug container's image as the registry answers it, or why it cannot run. */
export type DebugImage =
  | { readonly found: true; readonly image: ResolvedImage }
  | { readonly found: false; readonly reason: 'ErrImagePull' | 'InvalidImageName'; readonly message: string };

/** The image of a debug container (kubectl debug runs it as the registry has it, whatever the policy or the node's cache). */
export function debugImage(image: string, catalog: ImageCatalog): DebugImage {
  const reference = parsed(image);
  if (reference instanceof InvalidImageNameError) return { found: false, reason: 'InvalidImageName', message: reference.message };
  const lookup = lookupImage(catalog, image);
  return lookup.found ? lookup : { found: false, reason: 'ErrImagePull', message: lookup.failure.message };
}

function parsed(image: string): ImageReference | InvalidImageNameError {
  try {
    return parseImageReference(image);
  } catch (error) {
    if (error instanceof InvalidImageNameError) return error;
    throw error;
  }
}
