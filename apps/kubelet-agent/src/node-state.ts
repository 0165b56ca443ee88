/**
 * A node's own runtime state, which its pod workers share: the pod IPs, the images it holds and the pull back-offs.
 * The image decisions read it as values (NodeImages); a worker reports each pull's outcome back here.
 */
import { addImageToCache, EMPTY_NODE_IMAGE_CACHE, recordImagePullFailure, removeImageFromCache, type ImageCatalog, type ImagePullBackoff, type NodeImageCache, type ResolvedImage } from '@kubelab/images';
import type { NodeImages } from '@kubelab/pod-lifecycle';
import { PodIpAllocator } from './runtime/pod-ips.js';

export class NodeState {
  readonly ips: PodIpAllocator;
  private readonly pullBackoff = new Map<string, ImagePullBackoff>();
  private images: NodeImageCache = EMPTY_NODE_IMAGE_CACHE;

  /** The node's name and allocatable resources: a hostNetwork pod's hostname, the downward API's unset limits, /proc. */
  constructor(readonly hostIP: string, podCidr: string, readonly name = '', readonly allocatable: Readonly<Record<string, string>> = {}) {
    this.ips = new PodIpAllocator(podCidr);
  }

  /** What the image decisions read now: the registry, the node's images and the back-offs. */
  imagesFrom(catalog: ImageCatalog): NodeImages {
    return { catalog, cache: this.images, backoffs: this.pullBackoff };
  }

  /** The images the node holds. */
  get heldImages(): NodeImageCache {
    return this.images;
  }

  /** A pull brought the image onto the node. */
  imagePulled(image: ResolvedImage): void {
    this.images = addImageToCache(this.images, image);
  }

  /** containerd removed the image (`crictl rmi`): a pod that needs it pulls it again. */
  imageRemoved(digest: string): void {
    this.images = removeImageFromCache(this.images, digest);
  }

  /** A pull under `backoffKey` failed at `now` (seconds on the lab's timeline): the back-off steps. */
  imagePullFailed(backoffKey: string, now: number): void {
    this.pullBackoff.set(backoffKey, recordImagePullFailure(this.pullBackoff.get(backoffKey), now));
  }
}
