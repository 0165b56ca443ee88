import type { PersistentVolume, PersistentVolumeClaim, Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { protectClaim, protectVolume } from './storage-protection.js';

// Cases of pkg/controller/volume/pvcprotection/pvc_protection_controller_test.go and pvprotection's.
const deleting = '2025-01-01T00:00:00Z';
const claim = (finalizers: string[], deletionTimestamp?: string, ownerUid?: string, name = 'pvc1'): PersistentVolumeClaim => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default', finalizers, ...(deletionTimestamp ? { deletionTimestamp } : {}), ...(ownerUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'pod1', uid: ownerUid, controller: true }] } : {}) },
});
const pod = (extra: { nodeName?: string; phase?: string; namespace?: string; volumes?: object[]; deletion?: { at: string; grace: number } } = {}) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'pod1', uid: 'pod-uid', namespace: extra.namespace ?? 'default', ...(extra.deletion ? { deletionTimestamp: extra.deletion.at, deletionGracePeriodSeconds: extra.deletion.grace } : {}) },
  spec: { ...(extra.nodeName ? { nodeName: extra.nodeName } : {}), volumes: extra.volumes ?? [{ name: 'data', persistentVolumeClaim: { claimName: 'pvc1' } }] },
  status: { phase: extra.phase ?? 'Running' },
}) as Pod;
const protectedBy = ['kubernetes.io/pvc-protection'];
const ephemeral = [{ name: 'data', ephemeral: { volumeClaimTemplate: {} } }];

describe('protectClaim', () => {
  it.each([
    { given: 'a claim without the finalizer gets it', claim: claim([]), pods: [], expected: ['AddFinalizer', ['kubernetes.io/pvc-protection']] },
    { given: 'a claim with it is left', claim: claim(protectedBy), pods: [], expected: undefined },
    { given: 'a deleted claim no pod uses loses it', claim: claim(protectedBy, deleting), pods: [], expected: ['RemoveFinalizer', []] },
    { given: 'a deleted claim a scheduled pod uses keeps it', claim: claim(protectedBy, deleting), pods: [pod({ nodeName: 'node-1' })], expected: undefined },
    { given: 'a deleted claim a completed pod still refers to keeps it (1.32)', claim: claim(protectedBy, deleting), pods: [pod({ nodeName: 'node-1', phase: 'Succeeded' })], expected: undefined },
    { given: 'an unscheduled pod does not count', claim: claim(protectedBy, deleting), pods: [pod()], expected: ['RemoveFinalizer', []] },
    { given: 'a pod of another namespace does not count', claim: claim(protectedBy, deleting), pods: [pod({ nodeName: 'node-1', namespace: 'other' })], expected: ['RemoveFinalizer', []] },
    { given: 'a pod of another claim does not count', claim: claim(protectedBy, deleting), pods: [pod({ nodeName: 'node-1', volumes: [{ name: 'x', persistentVolumeClaim: { claimName: 'other' } }] })], expected: ['RemoveFinalizer', []] },
    { given: 'another finalizer stays', claim: claim(['example.com/keep', ...protectedBy], deleting), pods: [], expected: ['RemoveFinalizer', ['example.com/keep']] },
    { given: 'a deleted claim without it is left', claim: claim([], deleting), pods: [], expected: undefined },
    { given: 'the pod owning its ephemeral claim uses it', claim: claim(protectedBy, deleting, 'pod-uid', 'pod1-data'), pods: [pod({ nodeName: 'node-1', volumes: ephemeral })], expected: undefined },
    { given: 'an ephemeral claim owned by another pod is unused', claim: claim(protectedBy, deleting, 'other-uid', 'pod1-data'), pods: [pod({ nodeName: 'node-1', volumes: ephemeral })], expected: ['RemoveFinalizer', []] },
    {
      given: 'a shut-down pod no longer uses its ephemeral claim', claim: claim(protectedBy, deleting, 'pod-uid', 'pod1-data'),
      pods: [pod({ nodeName: 'node-1', volumes: ephemeral, deletion: { at: deleting, grace: 0 } })], expected: ['RemoveFinalizer', []],
    },
  ])('$given', ({ claim: c, pods, expected }) => {
    const write = protectClaim(c, pods);
    expect(write ? [write.type, write.object.metadata.finalizers] : undefined).toEqual(expected);
  });
});

describe('protectVolume', () => {
  const volume = (finalizers: string[], phase: string, deletionTimestamp?: string): PersistentVolume => ({
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1', finalizers, ...(deletionTimestamp ? { deletionTimestamp } : {}) }, status: { phase },
  });
  const pvProtection = ['kubernetes.io/pv-protection'];
  it.each([
    { given: 'a volume without the finalizer gets it', volume: volume([], 'Available'), expected: ['AddFinalizer', pvProtection] },
    { given: 'a deleted Bound volume keeps it', volume: volume(pvProtection, 'Bound', deleting), expected: undefined },
    { given: 'a deleted Available volume loses it', volume: volume(pvProtection, 'Available', deleting), expected: ['RemoveFinalizer', []] },
    { given: 'a deleted Released volume loses it', volume: volume(pvProtection, 'Released', deleting), expected: ['RemoveFinalizer', []] },
    { given: 'a volume with it is left', volume: volume(pvProtection, 'Bound'), expected: undefined },
  ])('$given', ({ volume: v, expected }) => {
    const write = protectVolume(v);
    expect(write ? [write.type, write.object.metadata.finalizers] : undefined).toEqual(expected);
  });
});
