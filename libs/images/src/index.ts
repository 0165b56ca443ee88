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
  removeImageFromCache,
} from './node-image-cache.js';
export { resolveLocalImage } from './resolve-local-image.js';
export { containerArgv, flagValue } from './container-argv.js';
export { fillPlaceholders, type PlaceholderFacts, placeholderProblems, type RequestFacts } from './answer-placeholders.js';
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
export { kubeadmImages, kubeadmRelease } from './preloaded-images.js';
export { kubeadmCorefile } from './coredns/kubeadm-corefile.js';
export { klogLine } from './control-plane/klog.js';
export { acquiredLeaseLine, klogOfProcessLine, unauthorizedLeaseLine } from './control-plane/process-log.js';
export { type ComponentStart, type ComponentWorld, controlPlaneProgram, type ControlPlaneProgram, decideComponentStart } from './control-plane/component-start.js';
export { decideCoreDnsStart } from './coredns/coredns-start.js';
export { type Corefile, type CorefileWorld, readCorefile } from './coredns/corefile.js';
export { reloadCorefile } from './coredns/corefile-reload.js';
export { resolveThroughCorefile } from './coredns/corefile-answers.js';
