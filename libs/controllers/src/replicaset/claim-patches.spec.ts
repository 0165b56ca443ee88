import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, type KubeObject } from '@kubelab/api';
import { adoptionPatch, releasePatch } from './claim-patches.js';
import { controllerRefTo, withControllerRef, type OwnerReference } from './owner-refs.js';

const owner: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'rs-uid' } };
const other = { apiVersion: 'v1', kind: 'ConfigMap', name: 'keep', uid: 'cm-uid' };
const pod = (ownerReferences?: OwnerReference[]): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'pod-uid', labels: { app: 'web' }, ...(ownerReferences ? { ownerReferences } : {}) },
});
const refsAfter = (before: KubeObject, patch: object): unknown => (applyStrategicMergePatch(before, patch) as KubeObject).metadata.ownerReferences;

describe('claim patches', () => {
  it.each([
    { given: 'an orphan', before: pod(), after: [controllerRefTo(owner)] },
    { given: 'a pod with another, non-controller owner', before: pod([other]), after: [controllerRefTo(owner), other] },
  ])('adopting $given adds the controller reference and keeps the others', ({ before, after }) => {
    expect(refsAfter(before, adoptionPatch(before, owner))).toEqual(after);
  });

  it.each([
    { given: 'its only owner', before: withControllerRef(pod(), owner), after: [] },
    { given: 'one of two owners', before: withControllerRef(pod([other]), owner), after: [other] },
  ])('releasing $given drops that reference alone', ({ before, after }) => {
    expect(refsAfter(before, releasePatch(before, owner))).toEqual(after);
  });

  it('names the dependent by uid, so a pod recreated under the same name is not claimed', () => {
    expect(adoptionPatch(pod(), owner).metadata).toMatchObject({ uid: 'pod-uid' });
    expect(releasePatch(pod(), owner).metadata).toMatchObject({ uid: 'pod-uid' });
  });
});
