/**
 * Carries out a PullImage as the image manager decided it: a refusal or the node's copy is reported at once; a pull
 * takes the image's pull time on the lab clock, then brings the image onto the node, or, for an image the registry
 * lacks, steps the pod's pull back-off and reports ErrImagePull.
 */
import type { ImageLookup } from '@kubelab/images';
import { imageChosen, imagePulled, imagePullFailed, imagePulling, type PullImage } from '@kubelab/pod-lifecycle';
import type { PodExecution } from './pod-execution.js';

/** The pull time of an image the registry lacks: the time to hear so. */
const missingImagePullSeconds = 1;

/** True when the runtime changed at once. */
export function carryOutPull(exec: PodExecution, { container, image, decision }: PullImage): boolean {
  const now = exec.deps.time.now();
  exec.apply(imageChosen(exec.runtime, container, image));
  switch (decision.action) {
    case 'refuse':
      exec.apply(imagePullFailed(exec.runtime, container, { reason: decision.reason, now }));
      return true;
    case 'use-cached':
      exec.images.set(container, decision.image);
      exec.apply(imagePulled(exec.runtime, container, { imageID: decision.image.imageID, image: decision.image.image }));
      return true;
    case 'pull':
      exec.apply(imagePulling(exec.runtime, container));
      void pull(exec, container, decision.lookup, decision.backoffKey);
      return true;
  }
}

async function pull(exec: PodExecution, container: string, lookup: ImageLookup, backoffKey: string): Promise<void> {
  const { deps, node } = exec;
  const started = Date.now();
  await deps.clock.sleep(lookup.found ? lookup.image.pullSeconds : missingImagePullSeconds);
  if (exec.stopped) return;
  const at = deps.time.now();
  if (!lookup.found) {
    node.imagePullFailed(backoffKey, at.getTime() / 1000);
    exec.apply(imagePullFailed(exec.runtime, container, { reason: 'ErrImagePull', message: lookup.failure.message, now: at }));
  } else {
    const { image } = lookup;
    node.imagePulled(image);
    exec.images.set(container, image);
    const pullMs = (Date.now() - started) * deps.clock.scale;
    exec.apply(imagePulled(exec.runtime, container, { imageID: image.imageID, image: image.image, pulled: { pullMs, totalMs: pullMs, sizeBytes: image.sizeBytes } }));
  }
  exec.sync();
}
