import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, type Pod } from '@kubelab/api';
import { JOB_TRACKING_FINALIZER } from './job-pods.js';
import { trackingFinalizerRemovalPatch, withoutTrackingFinalizer } from './job-tracking.js';

const pod = (finalizers: string[]): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j-1', namespace: 'default', uid: 'u', finalizers } });

describe('trackingFinalizerRemovalPatch', () => {
  it.each([
    { given: 'only the tracking finalizer', finalizers: [JOB_TRACKING_FINALIZER] },
    { given: 'another writer’s finalizer too', finalizers: ['example.com/keep', JOB_TRACKING_FINALIZER] },
    { given: 'no tracking finalizer', finalizers: ['example.com/keep'] },
  ])('leaves a pod with $given as the release the decision holds', ({ finalizers }) => {
    expect(applyStrategicMergePatch(pod(finalizers), trackingFinalizerRemovalPatch())).toEqual(withoutTrackingFinalizer(pod(finalizers)));
  });
});
