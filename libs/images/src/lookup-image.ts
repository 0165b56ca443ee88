/**
 * Resolves an image reference against the catalog the way containerd resolves it
 * against a registry: by digest when one is pinned, by tag otherwise. A miss comes
 * back as the CRI error text the kubelet prints after `Failed to pull image "…": `.
 */
import type { CatalogImage, CatalogRepository, ImageBehaviour, ImageCatalog } from './catalog-types.js';
import { fakeDigest } from './fake-digest.js';
import { type ImageReference, parseImageReference } from './image-reference.js';
import { expandTagPattern, matchesTagPattern } from './tag-pattern.js';

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
/** Registries that serve another's images: the frozen k8s.gcr.io redirects to registry.k8s.io, so old tutorials still pull. */
const REDIRECTED_REGISTRIES: Readonly<Record<string, string>> = { 'k8s.gcr.io': 'registry.k8s.io' };
/** Registries the lab "reaches"; any other host fails as a name nothing resolves. */
const KNOWN_REGISTRIES = new Set([
  DOCKER_HUB, 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'us-docker.pkg.dev', 'quay.io', 'ghcr.io', 'mcr.microsoft.com', 'public.ecr.aws', 'docker.elastic.co', 'registry.gitlab.com',
]);

/** The lookups of references written as strings, per catalog content (a catalog that changes lists new repositories). */
const lookups = new WeakMap<readonly CatalogRepository[], Map<string, ImageLookup>>();
/** References remembered per catalog: an agent's pods name a few images; past this many, it starts again. */
const rememberedLookups = 1024;

/**
 * Finds the image a reference names. A string is parsed first (throwing
 * InvalidImageNameError when it does not parse). Docker Hub answers an unknown
 * repository with an authorization error rather than "not found", as it really does.
 * The lookup of a string is remembered while the catalog lists the same repositories: each pod of a thousand running
 * one image shares its answer (its reference, image and imageID strings) instead of holding a copy of its own.
 */
export function lookupImage(catalog: ImageCatalog, ref: string | ImageReference): ImageLookup {
  if (typeof ref !== 'string') return lookupReference(catalog, ref);
  let remembered = lookups.get(catalog.repositories);
  if (!remembered || remembered.size >= rememberedLookups) lookups.set(catalog.repositories, (remembered = new Map()));
  let lookup = remembered.get(ref);
  if (!lookup) remembered.set(ref, (lookup = lookupReference(catalog, parseImageReference(ref))));
  return lookup;
}

function lookupReference(catalog: ImageCatalog, reference: ImageReference): ImageLookup {
  const redirect = REDIRECTED_REGISTRIES[reference.registry];
  const name = redirect === undefined ? reference.name : `${redirect}/${reference.repository}`;
  const repository = catalog.repositories.find((candidate) => candidate.name === name);
  const image = repository && (reference.digest === undefined ? byTag(repository, reference.tag as string) : byDigest(repository, reference.digest));
  if (image) return { found: true, image: resolved(reference, image) };
  return { found: false, failure: missing(reference, repository !== undefined && !repository.loaded) };
}

/** The registry's answer to a reference it does not hold (`inRegistry`: the repository exists there). */
function missing(reference: ImageReference, inRegistry: boolean): PullFailure {
  if (reference.registry !== '' && !KNOWN_REGISTRIES.has(reference.registry)) {
    const host = reference.registry.replace(/:\d+$/, '');
    const port = /:(\d+)$/.exec(reference.registry)?.[1] ?? '443';
    const dial = host === 'localhost' || host === '127.0.0.1' ? `dial tcp 127.0.0.1:${port}: connect: connection refused` : `dial tcp: lookup ${host}: no such host`;
    const request = `Head "https://${reference.registry}/v2/${reference.repository}/manifests/${reference.digest ?? reference.tag}"`;
    return pullFailure(reference, 'Unknown', `failed to do request: ${request}: ${dial}`);
  }
  if (!inRegistry && reference.registry === DOCKER_HUB) return pullFailure(reference, 'Unknown', HUB_ACCESS_DENIED);
  return pullFailure(reference, 'NotFound', `${reference.canonical}: not found`);
}

/** An image listed with the tag, else the first tag pattern that matches it (each tag its own digest). */
function byTag(repository: CatalogRepository, tag: string): CatalogImage | undefined {
  const listed = repository.images.find((image) => image.tags.includes(tag));
  if (listed) return listed;
  const set = repository.tagSets.find((candidate) => matchesTagPattern(candidate.pattern, tag));
  return set && { tags: [tag], digest: fakeDigest(`${repository.name}:${tag}`), sizeBytes: set.sizeBytes, pullSeconds: set.pullSeconds, behaviour: set.behaviour };
}

const patternDigests = new WeakMap<CatalogRepository, ReadonlyMap<string, string>>();

/** A listed image with the digest, else the pattern tag whose digest it is (the patterns expanded once per repository). */
function byDigest(repository: CatalogRepository, digest: string): CatalogImage | undefined {
  const listed = repository.images.find((image) => image.digest === digest);
  if (listed) return listed;
  let digests = patternDigests.get(repository);
  if (!digests) {
    const tags = repository.tagSets.flatMap((set) => expandTagPattern(set.pattern)).filter((tag) => !repository.images.some((image) => image.tags.includes(tag)));
    digests = new Map(tags.map((tag) => [fakeDigest(`${repository.name}:${tag}`), tag]));
    patternDigests.set(repository, digests);
  }
  const tag = digests.get(digest);
  return tag === undefined ? undefined : byTag(repository, tag);
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
