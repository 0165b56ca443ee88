import { lookupImage, recordImagePullFailure, type ImagePullBackoff } from '@kubelab/images';
import { describe, expect, it } from 'vitest';
import { computePodActions } from './compute-pod-actions.js';
import type { ImageDecision } from './image-decision.js';
import { newPodRuntime } from './new-pod-runtime.js';
import { sandboxReady } from './sandbox-ready.js';
import { CATALOG, nodeImages, resolved } from './testing/images.js';
import { at, container, pod } from './testing/pods.js';

/** A pod with one container of this image and policy, its sandbox ready. */
function readyPod(image: string, imagePullPolicy: string) {
  const p = pod({ containers: [container('app', { image, imagePullPolicy })] });
  return { p, runtime: sandboxReady(newPodRuntime(p, { hostIP: '172.18.0.2', now: at(0) }), { podIP: '10.244.0.5' }).runtime };
}

/** Back-offs after pulls of `image` by pod uid-1 that failed at these seconds. */
function failedAt(image: string, ...seconds: number[]): Map<string, ImagePullBackoff> {
  const state = seconds.reduce<ImagePullBackoff | undefined>((previous, s) => recordImagePullFailure(previous, at(s).getTime() / 1000), undefined);
  return new Map(state ? [[`uid-1_${image}`, state]] : []);
}

const pull = (image: string): ImageDecision => ({ action: 'pull', lookup: lookupImage(CATALOG, image), backoffKey: `uid-1_${image}` });
const cached = (image: string): ImageDecision => ({ action: 'use-cached', image: resolved(image) });
const refuse = (reason: 'ImagePullBackOff' | 'InvalidImageName' | 'ErrImageNeverPull'): ImageDecision => ({ action: 'refuse', reason });

describe('computePodActions: the image manager decides', () => {
  const cases: [string, string, string, ReturnType<typeof nodeImages>, number, ImageDecision][] = [
    ['IfNotPresent uses the copy the node holds', 'nginx:1.27', 'IfNotPresent', nodeImages(), 0, cached('nginx:1.27')],
    ['IfNotPresent pulls what the node lacks', 'nginx:1.27', 'IfNotPresent', nodeImages([]), 0, pull('nginx:1.27')],
    ['Always pulls even what the node holds', 'nginx:1.27', 'Always', nodeImages(), 0, pull('nginx:1.27')],
    ['Never uses the copy the node holds', 'busybox:1.36', 'Never', nodeImages(), 0, cached('busybox:1.36')],
    ['Never refuses what the node lacks', 'busybox:1.36', 'Never', nodeImages(['nginx:1.27']), 0, refuse('ErrImageNeverPull')],
    ['a pull the registry will miss is still a pull', 'nginx:nope', 'IfNotPresent', nodeImages(), 0, pull('nginx:nope')],
    ['an unparsable name is refused before the registry is asked', 'NGINX', 'IfNotPresent', nodeImages(), 0, refuse('InvalidImageName')],
    ['a held image is still refused while the pod backs off pulling it', 'nginx:1.27', 'IfNotPresent', nodeImages(undefined, failedAt('nginx:1.27', 0)), 9, refuse('ImagePullBackOff')],
    ['10 s after one failure the pull is tried again', 'nginx:nope', 'IfNotPresent', nodeImages(undefined, failedAt('nginx:nope', 0)), 10, pull('nginx:nope')],
    ['after two failures the back-off is 20 s', 'nginx:nope', 'IfNotPresent', nodeImages(undefined, failedAt('nginx:nope', 0, 10)), 29, refuse('ImagePullBackOff')],
    ['another pod’s back-off does not hold this one', 'nginx:1.27', 'IfNotPresent', nodeImages(undefined, new Map([['uid-2_nginx:1.27', { delaySeconds: 300, lastFailureAt: at(0).getTime() / 1000 }]])), 1, cached('nginx:1.27')],
  ];
  it.each(cases)('%s', (_, image, policy, images, seconds, decision) => {
    const { p, runtime } = readyPod(image, policy);
    expect(computePodActions(p, runtime, at(seconds), images)).toEqual([{ type: 'PullImage', container: 'app', kind: 'app', image, decision }]);
  });
});
