/**
 * The registry and node images of the specs: nginx 1.27 and 1.28 and busybox 1.36 in the catalog, and a node that
 * already holds every one of them unless a spec says otherwise, so a pull is "already present" as on a warm node.
 */
import { addImageToCache, EMPTY_NODE_IMAGE_CACHE, lookupImage, parseCatalog, type ImagePullBackoff, type ResolvedImage } from '@kubelab/images';
import type { NodeImages } from '../image-decision.js';

/** nginx:1.27's digest: `docker.io/library/nginx@<this>` is its imageID. */
export const NGINX_DIGEST = `sha256:${'ab'.repeat(32)}`;

/** The specs' registry. */
export const CATALOG = parseCatalog({
  repositories: [
    { name: 'nginx', sizeBytes: 72099410, pullSeconds: 4, tags: [{ tag: '1.27', digest: NGINX_DIGEST }, '1.28'] },
    { name: 'busybox', sizeBytes: 4276224, pullSeconds: 1, tags: ['1.36'] },
  ],
});

/** An image of the specs' registry, resolved. */
export function resolved(image: string): ResolvedImage {
  const lookup = lookupImage(CATALOG, image);
  if (!lookup.found) throw new Error(lookup.failure.message);
  return lookup.image;
}

/** A node holding `held` (every image of the registry by default) with these pull back-offs. */
export function nodeImages(held: readonly string[] = ['nginx:1.27', 'nginx:1.28', 'busybox:1.36'], backoffs: ReadonlyMap<string, ImagePullBackoff> = new Map()): NodeImages {
  return { catalog: CATALOG, cache: held.reduce((cache, image) => addImageToCache(cache, resolved(image)), EMPTY_NODE_IMAGE_CACHE), backoffs };
}
