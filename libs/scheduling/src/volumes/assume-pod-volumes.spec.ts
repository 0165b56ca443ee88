import type { PersistentVolume, PersistentVolumeClaim, Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { schedulePod } from '../schedule/schedule-pod.js';
import { ClusterSnapshot } from '../snapshot/cluster-snapshot.js';
import { makeClaim, makeNode, makeStorageClass, makeVolume, podWithClaims, seededRandom } from '../test-fixtures.js';
import { assumePodVolumes, revertAssumedPodVolumes } from './assume-pod-volumes.js';
import { bindVolumeToClaim } from './pv-helpers.js';

function snapshotWith(claims: PersistentVolumeClaim[], volumes: PersistentVolume[]): ClusterSnapshot {
  const snapshot = new ClusterSnapshot();
  snapshot.upsertNode(makeNode('node-a'));
  snapshot.upsertNode(makeNode('node-b'));
  snapshot.volumes.upsertClass(makeStorageClass('local', 'WaitForFirstConsumer', 'kubernetes.io/no-provisioner'));
  snapshot.volumes.upsertClass(makeStorageClass('standard', 'WaitForFirstConsumer'));
  claims.forEach((c) => snapshot.volumes.upsertClaim(c));
  volumes.forEach((v) => snapshot.volumes.upsertVolume(v));
  return snapshot;
}

/** Decides, then reserves as the scheduler does. */
function scheduleAndReserve(snapshot: ClusterSnapshot, pod: Pod) {
  const decision = schedulePod(snapshot, pod, { random: seededRandom(3) });
  if (decision.type !== 'Bind') return { decision, reserved: undefined };
  snapshot.assume(pod, decision.nodeName);
  return { decision, reserved: assumePodVolumes(snapshot.volumes, pod, decision.nodeName, decision.volumes!) };
}

describe('GetBindVolumeToClaim', () => {
  const claim = makeClaim('data', { resourceVersion: '7' });
  it.each<[string, PersistentVolume, boolean, Record<string, unknown> | undefined, string | undefined]>([
    ['an Available volume gets the claim reference and the bound-by-controller mark', makeVolume('pv'), true,
      { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'uid-data', apiVersion: 'v1', resourceVersion: '7' }, 'yes'],
    ['a volume the user promised to the claim by name gets its uid, unmarked', makeVolume('pv', { claimRef: { name: 'data' } }), true,
      { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'uid-data', apiVersion: 'v1', resourceVersion: '7' }, undefined],
    ['a volume already bound to the claim is left alone', makeVolume('pv', { claimRef: { name: 'data', uid: 'uid-data' } }), false,
      { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'uid-data', apiVersion: 'v1' }, undefined],
  ])('%s', (_name, volume, dirty, claimRef, mark) => {
    const bound = bindVolumeToClaim(volume, claim);
    expect(bound.dirty).toBe(dirty);
    expect(bound.volume.spec?.claimRef).toEqual(claimRef);
    expect(bound.volume.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe(mark);
  });
});

describe('AssumePodVolumes and RevertAssumedPodVolumes', () => {
  it('keeps a volume chosen for one pod from the next pod until the binding is reverted', () => {
    const snapshot = snapshotWith(
      [makeClaim('first', { className: 'local' }), makeClaim('second', { className: 'local' })],
      [makeVolume('only', { className: 'local' })],
    );
    const first = scheduleAndReserve(snapshot, podWithClaims('p1', ['first']));
    expect(first.reserved?.staticBindings.map((b) => b.volume.spec?.claimRef?.name)).toEqual(['first']);
    expect(snapshot.volumes.volume('only')?.spec?.claimRef?.name).toBe('first');
    expect(snapshot.volumes.apiVolume('only')?.spec?.claimRef).toBeUndefined();
    expect(scheduleAndReserve(snapshot, podWithClaims('p2', ['second'])).decision).toMatchObject({
      type: 'Unschedulable', message: "0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind.",
    });
    revertAssumedPodVolumes(snapshot.volumes, first.reserved!);
    expect(snapshot.volumes.volume('only')?.spec?.claimRef).toBeUndefined();
  });

  it('assumes a claim to provision annotated with the chosen node, so a retry keeps to that node', () => {
    const snapshot = snapshotWith([makeClaim('data', { className: 'standard' })], []);
    const { decision, reserved } = scheduleAndReserve(snapshot, podWithClaims('p', ['data']));
    const node = decision.type === 'Bind' ? decision.nodeName : '';
    expect(reserved?.dynamicProvisions.map((c) => c.metadata.annotations?.['volume.kubernetes.io/selected-node'])).toEqual([node]);
    expect(snapshot.volumes.claim('default', 'data')?.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    expect(snapshot.volumes.apiClaim('default', 'data')?.metadata.annotations).toBeUndefined();
    const retry = schedulePod(snapshot, podWithClaims('p', ['data']), { random: seededRandom(9) });
    expect(retry).toMatchObject({ type: 'Bind', nodeName: node });
  });

  it('reserves nothing when every claim is bound', () => {
    const snapshot = snapshotWith([makeClaim('data', { className: 'standard', volumeName: 'pv', bindCompleted: true })], [makeVolume('pv', { className: 'standard' })]);
    expect(scheduleAndReserve(snapshot, podWithClaims('p', ['data'])).reserved).toBeUndefined();
  });

  it('lets a newer informer update replace an assumption, and ignores one that is not newer', () => {
    const snapshot = snapshotWith([makeClaim('data', { className: 'standard', resourceVersion: '5' })], []);
    scheduleAndReserve(snapshot, podWithClaims('p', ['data']));
    snapshot.volumes.upsertClaim(makeClaim('data', { className: 'standard', resourceVersion: '5' }));
    expect(snapshot.volumes.claim('default', 'data')?.metadata.annotations).toBeDefined();
    snapshot.volumes.upsertClaim(makeClaim('data', { className: 'standard', resourceVersion: '6', selectedNode: 'node-b' }));
    expect(snapshot.volumes.claim('default', 'data')?.metadata).toMatchObject({ resourceVersion: '6', annotations: { 'volume.kubernetes.io/selected-node': 'node-b' } });
  });
});
