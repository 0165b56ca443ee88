/** The lab's image registry and the kubelet's image handling: references, catalog, pulls, back-off, node cache. */
export { type ImageReference, parseImageReference } from './image-reference.js';
export { InvalidImageNameError } from './invalid-image-name-error.js';
export type {
  CatalogImage,
  CatalogRepository,
  CatalogTagSet,
  HttpAnswer,
  ImageBehaviour,
  ImageCatalog,
  ImageProcess,
  ProcessBehaviour,
  RequiredEnv,
} from './catalog-types.js';
export { CatalogError } from './catalog-error.js';
export { type CatalogContext, parseCatalog } from './parse-catalog.js';
export { completeBehaviour } from './parse-behaviour.js';
export { type TagPattern, expandTagPattern, matchesTagPattern, parseTagPattern } from './tag-pattern.js';
export { executableNotFoundMessage, execNotFound, imageHasProgram, programName, programsOf, startErrorMessage } from './image-programs.js';
export { type ContainerProcess, decideContainerProcess, decideExec, type ExecProcess, missingRequiredEnv } from './container-process.js';
export { type ImageLookup, lookupImage, type PullFailure, type ResolvedImage } from './lookup-image.js';
export { decidePull, type ImagePullPolicy, type PullDecision } from './decide-pull.js';
export {
  backOffPullingImageEvent,
  backOffPullingMessage,
  containerErrorEvent,
  failedToPullImageEvent,
  type ImageEvent,
  imageAlreadyPresentEvent,
  imageNeverPullEvent,
  imageNeverPullMessage,
  invalidImageNameEvent,
  pulledImageEvent,
  pullingImageEvent,
  type PullTimings,
} from './image-pull-events.js';
export { errImageNeverPullState, errImagePullState, imagePullBackOffState, invalidImageNameState, type WaitingState } from './image-waiting-states.js';
export { formatGoDuration } from './go-duration.js';
export {
  IMAGE_PULL_BACKOFF_INITIAL_SECONDS,
  IMAGE_PULL_BACKOFF_MAX_SECONDS,
  type ImagePullBackoff,
  imagePullBackoffKey,
  isImagePullBackingOff,
  isImagePullBackoffExpired,
  nextImagePullAllowedAt,
  recordImagePullFailure,
} from './image-pull-backoff.js';
export {
  addImageToCache,
  cacheHasImage,
  EMPTY_NODE_IMAGE_CACHE,
  findCachedImage,
  type NodeImage,
  type NodeImageCache,
  nodeStatusImages,
} from './node-image-cache.js';
export { containerArgv } from './container-argv.js';
export { mergeCatalogs } from './merge-catalogs.js';
export {
  parseUserCatalog,
  type UserImageEntry,
  UserImageError,
  type UserImageRequest,
  userImageEntry,
  userImageReference,
  withUserImage,
} from './user-images.js';
export { kubeadmImages } from './preloaded-images.js';
export { klogLine } from './control-plane/klog.js';
export { type ComponentStart, type ComponentWorld, controlPlaneProgram, type ControlPlaneProgram, decideComponentStart } from './control-plane/component-start.js';
