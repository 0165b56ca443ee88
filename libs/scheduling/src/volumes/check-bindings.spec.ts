import type { KubeObject, Node, PersistentVolume, PersistentVolumeClaim } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { makeClaim, makeNode, makeVolume, podWithClaims } from '../test-fixtures.js';
import { checkBindings, type BindingProgress } from './check-bindings.js';
import { VolumeSnapshot } from './volume-snapshot.js';

const pod = podWithClaims('web-0', ['data']);
const nodeA = makeNode('node-a');
const onA = { 'kubernetes.io/hostname': 'node-a' };
const onB = { 'kubernetes.io/hostname': 'node-b' };

/** The volume as the scheduler wrote it (resourceVersion 5). */
const writtenVolume = makeVolume('pv-a', { className: 'local', nodeLabels: onA, claimRef: { name: 'data', uid: 'uid-data' }, resourceVersion: '5' });
/** The claim as the scheduler wrote it, selected node annotated (resourceVersion 5). */
const writtenClaim = makeClaim('data', { className: 'standard', selectedNode: 'node-a', resourceVersion: '5' });

interface Case {
  claims: PersistentVolumeClaim[];
  volumes: PersistentVolume[];
  node?: Node;
  podGone?: boolean;
  provision?: boolean;
}

function check(c: Case): BindingProgress {
  const volumes = new VolumeSnapshot();
  c.claims.forEach((claim) => volumes.upsertClaim(claim));
  c.volumes.forEach((volume) => volumes.upsertVolume(volume));
  const reserved = c.provision
    ? { staticBindings: [], dynamicProvisions: [writtenClaim] }
    : { staticBindings: [{ volume: writtenVolume, claim: makeClaim('data', { className: 'local' }) }], dynamicProvisions: [] };
  return checkBindings({ pod: c.podGone ? undefined : pod, node: 'node' in c ? c.node : nodeA, volumes }, pod, 'node-a', reserved);
}

const withAnnotations = <T extends KubeObject>(o: T, annotations: Record<string, string>): T => ({ ...o, metadata: { ...o.metadata, annotations } });
const boundClaim = (rv: string, spec = {}) => makeClaim('data', { className: 'local', volumeName: 'pv-a', bindCompleted: true, resourceVersion: rv, ...spec });

describe('checkBindings (BindPodVolumes\' wait)', () => {
  it.each<[string, Case, BindingProgress]>([
    ['the node is gone', { node: undefined, claims: [], volumes: [] }, { type: 'Failed', error: 'failed to get node "node-a": node "node-a" not found' }],
    ['the pod is gone', { podGone: true, claims: [], volumes: [] }, { type: 'Failed', error: 'pod does not exist any more: pod "web-0" not found' }],
    ['the informer has not seen the volume write yet', {
      claims: [makeClaim('data', { className: 'local' })], volumes: [makeVolume('pv-a', { className: 'local', nodeLabels: onA, resourceVersion: '4' })],
    }, { type: 'Waiting' }],
    ['the binder has not bound the claim yet', {
      claims: [makeClaim('data', { className: 'local', resourceVersion: '6' })], volumes: [{ ...writtenVolume, metadata: { ...writtenVolume.metadata, resourceVersion: '6' } }],
    }, { type: 'Waiting' }],
    ['the binder bound the claim', { claims: [boundClaim('7')], volumes: [writtenVolume] }, { type: 'Bound' }],
    ['the binder dropped the claimRef', {
      claims: [makeClaim('data', { className: 'local' })], volumes: [makeVolume('pv-a', { className: 'local', nodeLabels: onA, resourceVersion: '8' })],
    }, { type: 'Failed', error: 'ClaimRef got reset for pv "pv-a"' }],
    ['the volume no longer suits the node', {
      claims: [boundClaim('7')], volumes: [makeVolume('pv-a', { className: 'local', nodeLabels: onB, claimRef: { name: 'data', uid: 'uid-data' }, resourceVersion: '8' })],
    }, { type: 'Failed', error: 'pv "pv-a" node affinity doesn\'t match node "node-a": no matching NodeSelectorTerms' }],
    ['the volume is gone', { claims: [boundClaim('7')], volumes: [] }, { type: 'Failed', error: 'failed to check binding: could not find v1.PersistentVolume "pv-a"' }],
    ['provisioning: the informer has not seen the annotation yet', { provision: true, claims: [makeClaim('data', { className: 'standard', resourceVersion: '4' })], volumes: [] },
      { type: 'Waiting' }],
    ['provisioning: not provisioned yet', { provision: true, claims: [writtenClaim], volumes: [] }, { type: 'Waiting' }],
    ['provisioning: the provisioner gave up and removed the selected node', {
      provision: true, claims: [withAnnotations(makeClaim('data', { className: 'standard', resourceVersion: '6' }), { other: 'x' })], volumes: [],
    }, { type: 'Failed', error: 'provisioning failed for PVC "data"' }],
    ['provisioning: every annotation gone', { provision: true, claims: [makeClaim('data', { className: 'standard', resourceVersion: '6' })], volumes: [] },
      { type: 'Failed', error: 'selectedNode annotation reset for PVC "data"' }],
    ['provisioning: bound to a volume not seen yet', {
      provision: true, claims: [makeClaim('data', { className: 'standard', selectedNode: 'node-a', volumeName: 'pvc-1', bindCompleted: true, resourceVersion: '9' })], volumes: [],
    }, { type: 'Waiting' }],
    ['provisioning: bound to a volume on the node', {
      provision: true,
      claims: [makeClaim('data', { className: 'standard', selectedNode: 'node-a', volumeName: 'pvc-1', bindCompleted: true, resourceVersion: '9' })],
      volumes: [makeVolume('pvc-1', { className: 'standard', nodeLabels: onA, claimRef: { name: 'data', uid: 'uid-data' } })],
    }, { type: 'Bound' }],
  ])('%s', (_name, c, expected) => {
    expect(check(c)).toEqual(expected);
  });
});
