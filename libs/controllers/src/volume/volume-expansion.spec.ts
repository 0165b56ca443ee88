import type { PersistentVolume, PersistentVolumeClaim } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { expansionEvent, resizeSharedVolume } from './volume-expansion.js';

const claim = (request: string, capacity: string, phase = 'Bound', status: Record<string, unknown> = {}): PersistentVolumeClaim => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', uid: 'c1' },
  spec: { resources: { requests: { storage: request } }, volumeName: 'pvc-c1' },
  status: { phase, capacity: { storage: capacity }, ...status },
});
const volume = (source: Record<string, unknown>, claimUid = 'c1', provisioner = 'rancher.io/local-path'): PersistentVolume => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-c1', annotations: { 'pv.kubernetes.io/provisioned-by': provisioner } },
  spec: { capacity: { storage: '1Gi' }, claimRef: { namespace: 'default', name: 'data', uid: claimUid }, ...source },
});
const shared = volume({ nfs: { server: 'shared.kubelab.dev', path: '/shared/default-data-pvc-c1' } }, 'c1', 'kubelab.dev/shared');
const local = volume({ hostPath: { path: '/var/local-path-provisioner/x' } });
const now = '2025-01-01T00:00:00Z';

describe('expansionEvent (the expand controller)', () => {
  it.each([
    { given: 'a bound claim asking for more', claim: claim('2Gi', '1Gi'), volume: local, expected: 'Warning ExternalExpanding: waiting for an external controller to expand this PVC' },
    { given: 'a shared volume too (no in-tree plugin)', claim: claim('2Gi', '1Gi'), volume: shared, expected: 'Warning ExternalExpanding: waiting for an external controller to expand this PVC' },
    { given: 'the same size spelled otherwise', claim: claim('1024Mi', '1Gi'), volume: local, expected: undefined },
    { given: 'a pending claim', claim: claim('2Gi', '1Gi', 'Pending'), volume: local, expected: undefined },
    { given: 'a volume bound to another claim', claim: claim('2Gi', '1Gi'), volume: volume({}, 'other'), expected: undefined },
    { given: 'no volume', claim: claim('2Gi', '1Gi'), volume: undefined, expected: undefined },
  ])('$given', ({ claim: c, volume: v, expected }) => {
    const event = expansionEvent(c, v);
    expect(event ? `${event.eventType} ${event.reason}: ${event.message}` : undefined).toBe(expected);
  });
});

describe('resizeSharedVolume (the lab\'s external resizer)', () => {
  it('marks the claim Resizing with the size allocated, grows the volume, then marks it resized', () => {
    const withOther = claim('2Gi', '1Gi', 'Bound', { conditions: [{ type: 'ModifyingVolume', status: 'True' }] });
    expect(resizeSharedVolume(withOther, shared, now)).toEqual([
      {
        type: 'PatchClaimStatus',
        patch: {
          status: {
            conditions: [{ type: 'ModifyingVolume', status: 'True' }, { type: 'Resizing', status: 'True', lastProbeTime: null, lastTransitionTime: now }],
            allocatedResources: { storage: '2Gi' }, allocatedResourceStatuses: { storage: 'ControllerResizeInProgress' },
          },
        },
        event: { eventType: 'Normal', reason: 'Resizing', message: 'External resizer is resizing volume pvc-c1' },
      },
      { type: 'PatchVolume', patch: { spec: { capacity: { storage: '2Gi' } } } },
      {
        type: 'PatchClaimStatus',
        patch: { status: { capacity: { storage: '2Gi' }, conditions: [{ type: 'ModifyingVolume', status: 'True' }], allocatedResourceStatuses: null } },
        event: { eventType: 'Normal', reason: 'VolumeResizeSuccessful', message: 'Resize volume succeeded' },
      },
    ]);
  });

  it('clears the resize conditions entirely when no other is left', () => {
    const steps = resizeSharedVolume(claim('2Gi', '1Gi', 'Bound', { conditions: [{ type: 'Resizing', status: 'True' }] }), shared, now);
    expect(steps[2]).toMatchObject({ patch: { status: { conditions: null } } });
  });

  it.each([
    { given: 'a local-path volume (no resizer)', claim: claim('2Gi', '1Gi'), volume: local },
    { given: 'a claim already at its size', claim: claim('2Gi', '2Gi'), volume: shared },
    { given: 'a pending claim', claim: claim('2Gi', '1Gi', 'Pending'), volume: shared },
  ])('does nothing for $given', ({ claim: c, volume: v }) => {
    expect(resizeSharedVolume(c, v, now)).toEqual([]);
  });
});
