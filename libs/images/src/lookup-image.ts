/**
 * Resolves an image reference against the catalog the way containerd resolves it
 * against a registry: by digest when one is pinned, by tag otherwise. A miss comes
 * back as the CRI error text the kubelet prints after `Failed to pull image "…": `.
 */
import type { CatalogImage, ImageBehaviour, ImageCatalog } from './catalog-types.js';
import { type ImageReference, parseImageReference } from './image-reference.js';

/** A catalog image as one reference resolved it. */
export interface ResolvedImage {
  readonly reference: ImageReference;
  /** What `containerStatuses[].image` shows, e.g. `docker.io/library/nginx:1.14.2`. */
  readonly image: string;
  /** What `containerStatuses[].imageID` shows, e.g. `docker.io/library/nginx@sha256:…`. */
  readonly imageID: string;
  /** Every tag the registry holds for this digest. */
  readonly tags: readonly string[];
  readonly digest: string;
  readonly sizeBytes: number;
  readonly pullSeconds: number;
  readonly behaviour: ImageBehaviour;
}

/** Why a pull fails: the gRPC code and the error text as the kubelet prints it. */
export interface PullFailure {
  readonly code: 'NotFound' | 'Unknown';
  /** `rpc error: code = NotFound desc = failed to pull and unpack image "…": …` */
  readonly message: string;
}

/** The outcome of resolving a reference against the catalog. */
export type ImageLookup = { readonly found: true; readonly image: ResolvedImage } | { readonly found: false; readonly failure: PullFailure };

const DOCKER_HUB = 'docker.io';
const HUB_ACCESS_DENIED = 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';

/**
 * Finds the image a reference names. A string is parsed first (throwing
 * InvalidImageNameError when it does not parse). Docker Hub answers an unknown
 * repository with an authorization error rather than "not found", as it really does.
 */
export function lookupImage(catalog: ImageCatalog, ref: string | ImageReference): ImageLookup {
  const reference = typeof ref === 'string' ? parseImageReference(ref) : ref;
  const repository = catalog.repositories.find((candidate) => candidate.name === reference.name);
  const image = repository?.images.find((candidate) => matches(candidate, reference));
  if (image) return { found: true, image: resolved(reference, image) };
  const unknownHubRepository = !repository && reference.registry === DOCKER_HUB;
  return {
    found: false,
    failure: unknownHubRepository ? pullFailure(reference, 'Unknown', HUB_ACCESS_DENIED) : pullFailure(reference, 'NotFound', `${reference.canonical}: not found`),
  };
}

function matches(image: CatalogImage, reference: ImageReference): boolean {
  return reference.digest === undefined ? image.tags.includes(reference.tag as string) : image.digest === reference.digest;
}

function resolved(reference: ImageReference, image: CatalogImage): ResolvedImage {
  return {
    reference,
    image: reference.canonical,
    imageID: `${reference.name}@${image.digest}`,
    tags: image.tags,
    digest: image.digest,
    sizeBytes: image.sizeBytes,
    pullSeconds: image.pullSeconds,
    behaviour: image.behaviour,
  };
}

function pullFailure(reference: ImageReference, code: PullFailure['code'], cause: string): PullFailure {
  const quoted = JSON.stringify(reference.canonical);
  return { code, message: `rpc error: code = ${code} desc = failed to pull and unpack image ${quoted}: failed to resolve reference ${quoted}: ${cause}` };
}
