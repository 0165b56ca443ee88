/**
 * Which images a node holds, as containerd records them: one entry per digest with
 * every name it was pulled under. Presence is what the pull decision asks, and the
 * list feeds the Node's `status.images`.
 */
import type { ContainerImage } from 'kubernetes-types/core/v1';
import type { ImageReference } from './image-reference.js';
import type { ResolvedImage } from './lookup-image.js';

/** One image on the node. */
export interface NodeImage {
  readonly digest: string;
  /** Tagged names it was pulled under, e.g. `docker.io/library/nginx:1.14.2`. */
  readonly repoTags: readonly string[];
  /** Digest names, e.g. `docker.io/library/nginx@sha256:…`. */
  readonly repoDigests: readonly string[];
  readonly sizeBytes: number;
}

/** The images on one node; a value, changed only by returning a new one. */
export interface NodeImageCache {
  readonly images: readonly NodeImage[];
}

/** A node with no images yet. */
export const EMPTY_NODE_IMAGE_CACHE: NodeImageCache = { images: [] };

/** How many images and names per image the kubelet reports in Node status. */
const MAX_IMAGES_IN_NODE_STATUS = 50;
const MAX_NAMES_PER_IMAGE = 5;

/** The cache after pulling `image`; a tag that pointed at another digest moves to this one. */
export function addImageToCache(cache: NodeImageCache, image: ResolvedImage): NodeImageCache {
  const { reference } = image;
  const repoTag = reference.tag === undefined ? undefined : `${reference.name}:${reference.tag}`;
  const others = cache.images
    .filter((held) => held.digest !== image.digest)
    .map((held) => (repoTag !== undefined && held.repoTags.includes(repoTag) ? { ...held, repoTags: held.repoTags.filter((name) => name !== repoTag) } : held));
  const previous = cache.images.find((held) => held.digest === image.digest);
  const updated: NodeImage = {
    digest: image.digest,
    repoTags: withName(previous?.repoTags ?? [], repoTag),
    repoDigests: withName(previous?.repoDigests ?? [], image.imageID),
    sizeBytes: image.sizeBytes,
  };
  return { images: [...others, updated] };
}

/** The cache after containerd's RemoveImage of the image with this digest: its names go, and with them the image. */
export function removeImageFromCache(cache: NodeImageCache, digest: string): NodeImageCache {
  return { images: cache.images.filter((held) => held.digest !== digest) };
}

/** The held image a reference names (by tag, or by digest when it pins one). */
export function findCachedImage(cache: NodeImageCache, reference: ImageReference): NodeImage | undefined {
  if (reference.digest !== undefined) return cache.images.find((held) => held.repoDigests.includes(`${reference.name}@${reference.digest}`));
  return cache.images.find((held) => held.repoTags.includes(`${reference.name}:${reference.tag}`));
}

/** Whether the node holds the image a reference names. */
export function cacheHasImage(cache: NodeImageCache, reference: ImageReference): boolean {
  return findCachedImage(cache, reference) !== undefined;
}

/** Node `status.images` as the kubelet reports it: largest first, at most 50, up to 5 names each. */
export function nodeStatusImages(cache: NodeImageCache): ContainerImage[] {
  return [...cache.images]
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, MAX_IMAGES_IN_NODE_STATUS)
    .map((held) => ({ names: [...held.repoDigests, ...held.repoTags].slice(0, MAX_NAMES_PER_IMAGE), sizeBytes: held.sizeBytes }));
}

function withName(names: readonly string[], name: string | undefined): readonly string[] {
  return name === undefined || names.includes(name) ? names : [...names, name];
}
