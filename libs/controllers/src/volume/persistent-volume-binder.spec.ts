import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { syncClaim, syncVolume, type ClaimSyncView, type VolumeBinderAction } from './persistent-volume-binder.js';

// Modelled on pkg/controller/volume/persistentvolume/binder_test.go (TestSync): a claim or volume
// as the informers hold it, and the writes and events one sync makes.
type Extra = { annotations?: Record<string, string>; spec?: Record<string, unknown>; status?: Record<string, unknown>; metadata?: Record<string, unknown> };

function newVolume(name: string, size: string, claimRef: { name: string; uid?: string } | undefined, phase: string, policy: string, extra: Extra = {}): PersistentVolume {
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name, uid: `${name}-uid`, resourceVersion: '1', ...(extra.annotations ? { annotations: extra.annotations } : {}), ...extra.metadata },
    spec: {
      capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${name}` }, persistentVolumeReclaimPolicy: policy, volumeMode: 'Filesystem',
      ...(claimRef ? { claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', apiVersion: 'v1', ...claimRef } } : {}), ...extra.spec,
    },
    status: { phase, ...extra.status },
  };
}

function newClaim(name: string, size: string, volumeName: string, phase: string, extra: Extra = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `${name}-uid`, resourceVersion: '1', ...(extra.annotations ? { annotations: extra.annotations } : {}), ...extra.metadata },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, volumeMode: 'Filesystem', ...(volumeName ? { volumeName } : {}), ...extra.spec },
    status: { phase, ...extra.status },
  };
}

const storageClass = (name: string, provisioner: string, mode = 'Immediate', isDefault = false): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner, volumeBindingMode: mode, reclaimPolicy: 'Delete',
  metadata: { name, creationTimestamp: '2025-01-01T00:00:00Z', ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
});
const classes = [storageClass('standard', 'rancher.io/local-path', 'WaitForFirstConsumer'), storageClass('shared', 'kubelab.dev/shared'), storageClass('local', 'kubernetes.io/no-provisioner')];
const bound = { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };

/** One line per step: what is written (and the field that matters) or recorded. */
function summary(actions: VolumeBinderAction[]): string[] {
  return actions.map((a) => {
    switch (a.type) {
      case 'UpdateClaim': return `UpdateClaim ${a.claim.metadata.name} volumeName=${a.claim.spec!.volumeName ?? ''} class=${a.claim.spec!.storageClassName ?? ''}`;
      case 'UpdateClaimStatus': return `UpdateClaimStatus ${a.claim.metadata.name} ${a.claim.status!.phase}`;
      case 'UpdateVolume': return `UpdateVolume ${a.volume.metadata.name} claimRef=${a.volume.spec!.claimRef ? `${a.volume.spec!.claimRef.name}/${a.volume.spec!.claimRef.uid ?? ''}` : ''}`;
      case 'UpdateVolumeStatus': return `UpdateVolumeStatus ${a.volume.metadata.name} ${a.volume.status!.phase}`;
      case 'DeleteVolume': return `DeleteVolume ${a.volume.metadata.name}`;
      case 'SyncClaim': return `SyncClaim ${a.namespace}/${a.name}`;
      case 'RecordEvent': return `${a.eventType} ${a.reason} on ${a.object.metadata.name}: ${a.message}`;
    }
  });
}

const view = (volumes: PersistentVolume[], pods: Pod[] = [], withClasses = classes): ClaimSyncView => ({ volumes, classes: withClasses, pods });

describe('syncClaim, unbound claims (unit test set 1)', () => {
  it.each([
    {
      given: '1-1 a claim binds to an unbound volume', claim: newClaim('claim1-1', '1Gi', '', 'Pending'),
      volumes: [newVolume('volume1-1', '1Gi', undefined, 'Available', 'Retain')],
      expected: ['UpdateVolume volume1-1 claimRef=claim1-1/claim1-1-uid', 'UpdateVolumeStatus volume1-1 Bound', 'UpdateClaim claim1-1 volumeName=volume1-1 class=', 'UpdateClaimStatus claim1-1 Bound'],
    },
    {
      given: '1-2 no volume matches: Pending, FailedBinding', claim: newClaim('claim1-2', '10Gi', '', 'Pending', { status: { phase: '' } }),
      volumes: [newVolume('volume1-2', '1Gi', undefined, 'Available', 'Retain')],
      expected: ['Normal FailedBinding on claim1-2: no persistent volumes available for this claim and no storage class is set', 'UpdateClaimStatus claim1-2 Pending'],
    },
    {
      given: '1-3 a claim binds to the smallest fitting volume', claim: newClaim('claim1-3', '1Gi', '', 'Pending'),
      volumes: [newVolume('volume1-3a', '10Gi', undefined, 'Available', 'Retain'), newVolume('volume1-3b', '2Gi', undefined, 'Available', 'Retain')],
      expected: ['UpdateVolume volume1-3b claimRef=claim1-3/claim1-3-uid', 'UpdateVolumeStatus volume1-3b Bound', 'UpdateClaim claim1-3 volumeName=volume1-3b class=', 'UpdateClaimStatus claim1-3 Bound'],
    },
    {
      given: '1-4 a volume pre-bound to the claim by the user (no uid) binds, no bound-by-controller on it',
      claim: newClaim('claim1-4', '1Gi', '', 'Pending'), volumes: [newVolume('volume1-4', '1Gi', { name: 'claim1-4' }, 'Available', 'Retain')],
      expected: ['UpdateVolume volume1-4 claimRef=claim1-4/claim1-4-uid', 'UpdateVolumeStatus volume1-4 Bound', 'UpdateClaim claim1-4 volumeName=volume1-4 class=', 'UpdateClaimStatus claim1-4 Bound'],
    },
    {
      given: '1-5 a claim whose volume is already bound to it finishes the binding', claim: newClaim('claim1-5', '1Gi', '', 'Pending'),
      volumes: [newVolume('volume1-5', '1Gi', { name: 'claim1-5', uid: 'claim1-5-uid' }, 'Bound', 'Retain')],
      expected: ['UpdateClaim claim1-5 volumeName=volume1-5 class=', 'UpdateClaimStatus claim1-5 Bound'],
    },
    {
      given: '1-6 a volume pre-bound to another claim is not taken', claim: newClaim('claim1-6', '1Gi', '', 'Pending'),
      volumes: [newVolume('volume1-6', '1Gi', { name: 'other' }, 'Available', 'Retain')],
      expected: ['Normal FailedBinding on claim1-6: no persistent volumes available for this claim and no storage class is set'],
    },
    {
      given: '1-7 a WaitForFirstConsumer claim waits with no consumer', claim: newClaim('claim1-7', '1Gi', '', 'Pending', { spec: { storageClassName: 'standard' } }),
      volumes: [newVolume('volume1-7', '1Gi', undefined, 'Available', 'Retain', { spec: { storageClassName: 'standard' } })],
      expected: ['Normal WaitForFirstConsumer on claim1-7: waiting for first consumer to be created before binding'],
    },
    {
      given: '1-8 a claim of a missing class fails provisioning', claim: newClaim('claim1-8', '1Gi', '', 'Pending', { spec: { storageClassName: 'fast' } }),
      volumes: [], expected: ['Warning ProvisioningFailed on claim1-8: storageclass.storage.k8s.io "fast" not found'],
    },
    {
      given: '1-9 a claim of a class with an external provisioner is annotated for it and waits',
      claim: newClaim('claim1-9', '1Gi', '', 'Pending', { spec: { storageClassName: 'shared' } }), volumes: [],
      expected: [
        'UpdateClaim claim1-9 volumeName= class=shared',
        "Normal ExternalProvisioning on claim1-9: Waiting for a volume to be created either by the external provisioner 'kubelab.dev/shared' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      ],
    },
    {
      given: '1-10 a WaitForFirstConsumer claim with its node selected is annotated for provisioning',
      claim: newClaim('claim1-10', '1Gi', '', 'Pending', { spec: { storageClassName: 'standard' }, annotations: { 'volume.kubernetes.io/selected-node': 'node-1', 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' } }),
      volumes: [],
      expected: ["Normal ExternalProvisioning on claim1-10: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."],
    },
    {
      given: '1-11 a class with an in-tree provisioner the lab lacks', claim: newClaim('claim1-11', '1Gi', '', 'Pending', { spec: { storageClassName: 'local' } }),
      volumes: [], expected: ['Warning ProvisioningFailed on claim1-11: no volume plugin matched name: kubernetes.io/no-provisioner'],
    },
  ])('$given', ({ claim, volumes, expected }) => {
    expect(summary(syncClaim(claim, view(volumes)))).toEqual(expected);
  });

  it('names the unscheduled pods a delayed claim waits for (WaitForPodScheduled)', () => {
    const pod = (name: string, nodeName?: string, phase = 'Pending') => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
      spec: { ...(nodeName ? { nodeName } : {}), volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] }, status: { phase },
    }) as Pod;
    const claim = newClaim('data', '1Gi', '', 'Pending', { spec: { storageClassName: 'standard' } });
    expect(summary(syncClaim(claim, view([], [pod('web-b'), pod('web-a'), pod('placed', 'node-1'), pod('done', undefined, 'Succeeded')])))[0])
      .toBe('Normal WaitForPodScheduled on data: waiting for pods web-a,web-b to be scheduled');
    expect(summary(syncClaim(claim, view([], [pod('web-a')])))[0]).toBe('Normal WaitForPodScheduled on data: waiting for pod web-a to be scheduled');
  });

  it('gives a class-less claim the default class created after it (retroactive default)', () => {
    const claim = newClaim('late', '1Gi', '', 'Pending');
    const withDefault = [...classes, storageClass('std', 'rancher.io/local-path', 'WaitForFirstConsumer', true)];
    expect(summary(syncClaim(claim, view([], [], withDefault)))).toEqual(['UpdateClaim late volumeName= class=std']);
  });

  it('binds with the annotations, claimRef and status upstream writes', () => {
    const claim = newClaim('claim1-1', '1Gi', '', 'Pending');
    const actions = syncClaim(claim, view([newVolume('volume1-1', '2Gi', undefined, 'Available', 'Retain')]));
    const [volume, , claimed, status] = actions as any[];
    expect(volume.volume.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(volume.volume.spec.claimRef).toEqual({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'claim1-1', uid: 'claim1-1-uid', apiVersion: 'v1', resourceVersion: '1' });
    expect(claimed.claim.metadata.annotations).toEqual(bound);
    expect(status.claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
  });
});

describe('syncClaim, claims that name a volume (unit test set 2)', () => {
  it.each([
    { given: '2-1 the volume does not exist: Pending', claim: newClaim('claim2-1', '1Gi', 'volume2-1', 'Pending', { status: { phase: '' } }), volumes: [], expected: ['UpdateClaimStatus claim2-1 Pending'] },
    {
      given: '2-2 an unbound volume binds', claim: newClaim('claim2-2', '1Gi', 'volume2-2', 'Pending'), volumes: [newVolume('volume2-2', '1Gi', undefined, 'Available', 'Retain')],
      expected: ['UpdateVolume volume2-2 claimRef=claim2-2/claim2-2-uid', 'UpdateVolumeStatus volume2-2 Bound', 'UpdateClaim claim2-2 volumeName=volume2-2 class=', 'UpdateClaimStatus claim2-2 Bound'],
    },
    {
      given: '2-3 a volume too small is refused', claim: newClaim('claim2-3', '10Gi', 'volume2-3', 'Pending'), volumes: [newVolume('volume2-3', '1Gi', undefined, 'Available', 'Retain')],
      expected: ['Warning VolumeMismatch on claim2-3: Cannot bind to requested volume "volume2-3": requested PV is too small'],
    },
    {
      given: '2-4 a volume bound to another claim by the user', claim: newClaim('claim2-4', '1Gi', 'volume2-4', 'Pending'),
      volumes: [newVolume('volume2-4', '1Gi', { name: 'other', uid: 'other-uid' }, 'Bound', 'Retain')],
      expected: ['Warning FailedBinding on claim2-4: volume "volume2-4" already bound to a different claim.'],
    },
  ])('$given', ({ claim, volumes, expected }) => {
    expect(summary(syncClaim(claim, view(volumes)))).toEqual(expected);
  });
});

describe('syncClaim, bound claims (unit test set 3)', () => {
  it.each([
    { given: '3-1 lost its volume name', claim: newClaim('claim3-1', '1Gi', '', 'Bound', { annotations: bound }), volumes: [], expected: ['UpdateClaimStatus claim3-1 Lost', 'Warning ClaimLost on claim3-1: Bound claim has lost reference to PersistentVolume. Data on the volume is lost!'] },
    { given: '3-2 its volume is gone', claim: newClaim('claim3-2', '1Gi', 'volume3-2', 'Bound', { annotations: bound }), volumes: [], expected: ['UpdateClaimStatus claim3-2 Lost', 'Warning ClaimLost on claim3-2: Bound claim has lost its PersistentVolume. Data on the volume is lost!'] },
    { given: '3-3 already Lost: nothing again', claim: newClaim('claim3-3', '1Gi', 'volume3-3', 'Lost', { annotations: bound }), volumes: [], expected: [] },
    {
      given: '3-4 its volume came unbound: bound again', claim: newClaim('claim3-4', '1Gi', 'volume3-4', 'Bound', { annotations: bound, status: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } }),
      volumes: [newVolume('volume3-4', '1Gi', undefined, 'Available', 'Retain')],
      expected: ['UpdateVolume volume3-4 claimRef=claim3-4/claim3-4-uid', 'UpdateVolumeStatus volume3-4 Bound'],
    },
    {
      given: '3-5 all is well', claim: newClaim('claim3-5', '1Gi', 'volume3-5', 'Bound', { annotations: bound, status: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } }),
      volumes: [newVolume('volume3-5', '1Gi', { name: 'claim3-5', uid: 'claim3-5-uid' }, 'Bound', 'Retain', { annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } })], expected: [],
    },
    {
      given: '3-6 its volume belongs to another claim: misbound', claim: newClaim('claim3-6', '1Gi', 'volume3-6', 'Bound', { annotations: bound }),
      volumes: [newVolume('volume3-6', '1Gi', { name: 'other', uid: 'other-uid' }, 'Bound', 'Retain')],
      expected: ['UpdateClaimStatus claim3-6 Lost', 'Warning ClaimMisbound on claim3-6: Two claims are bound to the same volume, this one is bound incorrectly'],
    },
  ])('$given', ({ claim, volumes, expected }) => {
    expect(summary(syncClaim(claim, view(volumes)))).toEqual(expected);
  });
});

describe('syncVolume (unit test set 4)', () => {
  const provisioned = { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' };
  it.each([
    { given: '4-1 an unused volume becomes Available', volume: newVolume('volume4-1', '1Gi', undefined, 'Pending', 'Retain'), claim: undefined, expected: ['UpdateVolumeStatus volume4-1 Available'] },
    { given: '4-2 a volume pre-bound by name is Available', volume: newVolume('volume4-2', '1Gi', { name: 'claim4-2' }, 'Pending', 'Retain'), claim: undefined, expected: ['UpdateVolumeStatus volume4-2 Available'] },
    { given: '4-3 its claim is gone, Retain: Released and kept', volume: newVolume('volume4-3', '1Gi', { name: 'claim4-3', uid: 'claim4-3-uid' }, 'Bound', 'Retain'), claim: undefined, expected: ['UpdateVolumeStatus volume4-3 Released'] },
    {
      given: '4-4 a claim of the same name but another uid counts as gone', volume: newVolume('volume4-4', '1Gi', { name: 'claim4-4', uid: 'old-uid' }, 'Bound', 'Retain'),
      claim: newClaim('claim4-4', '1Gi', '', 'Pending'), expected: ['UpdateVolumeStatus volume4-4 Released'],
    },
    { given: '4-5 a volume bound to a claim that is bound to it', volume: newVolume('volume4-5', '1Gi', { name: 'claim4-5', uid: 'claim4-5-uid' }, 'Available', 'Retain'), claim: newClaim('claim4-5', '1Gi', 'volume4-5', 'Bound'), expected: ['UpdateVolumeStatus volume4-5 Bound'] },
    { given: '4-6 the claim has not finished binding: it is synced', volume: newVolume('volume4-6', '1Gi', { name: 'claim4-6', uid: 'claim4-6-uid' }, 'Bound', 'Retain'), claim: newClaim('claim4-6', '1Gi', '', 'Pending'), expected: ['SyncClaim default/claim4-6'] },
    {
      given: '4-7 the controller bound it to a claim bound elsewhere: unbound', volume: newVolume('volume4-7', '1Gi', { name: 'claim4-7', uid: 'claim4-7-uid' }, 'Bound', 'Retain', { annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } }),
      claim: newClaim('claim4-7', '1Gi', 'other', 'Bound'), expected: ['UpdateVolume volume4-7 claimRef=', 'UpdateVolumeStatus volume4-7 Available'],
    },
    {
      given: '4-8 the user pre-bound it to a claim bound elsewhere: only the uid goes', volume: newVolume('volume4-8', '1Gi', { name: 'claim4-8', uid: 'claim4-8-uid' }, 'Bound', 'Retain'),
      claim: newClaim('claim4-8', '1Gi', 'other', 'Bound'), expected: ['UpdateVolume volume4-8 claimRef=claim4-8/', 'UpdateVolumeStatus volume4-8 Available'],
    },
    {
      given: '4-9 provisioned for a claim bound elsewhere, Delete: Released for its provisioner', volume: newVolume('volume4-9', '1Gi', { name: 'claim4-9', uid: 'claim4-9-uid' }, 'Bound', 'Delete', { annotations: provisioned }),
      claim: newClaim('claim4-9', '1Gi', 'other', 'Bound'), expected: ['UpdateVolumeStatus volume4-9 Released'],
    },
    {
      given: '4-10 volume mode mismatch: events on both', volume: newVolume('volume4-10', '1Gi', { name: 'claim4-10', uid: 'claim4-10-uid' }, 'Bound', 'Retain', { spec: { volumeMode: 'Block' } }),
      claim: newClaim('claim4-10', '1Gi', '', 'Pending'),
      expected: [
        'Warning VolumeMismatch on volume4-10: Cannot bind PersistentVolume to requested PersistentVolumeClaim "claim4-10" due to incompatible volumeMode.',
        'Warning VolumeMismatch on claim4-10: Cannot bind PersistentVolume "volume4-10" to requested PersistentVolumeClaim due to incompatible volumeMode.',
      ],
    },
  ])('$given', ({ volume, claim, expected }) => {
    expect(summary(syncVolume(volume, claim))).toEqual(expected);
  });
});

describe('syncVolume, reclaiming (the Delete policy; binder_test delete cases)', () => {
  const released = (name: string, extra: Extra = {}) => newVolume(name, '1Gi', { name: 'gone', uid: 'gone-uid' }, 'Released', 'Delete', extra);
  it.each([
    { given: 'a volume of an external provisioner is left to it', volume: released('v1', { annotations: { 'pv.kubernetes.io/provisioned-by': 'kubelab.dev/shared' } }), expected: [] },
    { given: 'a CSI volume is left to its driver', volume: released('v2', { spec: { hostPath: undefined, csi: { driver: 'kubelab.dev/shared', volumeHandle: 'h' } } }), expected: [] },
    { given: 'a hostPath volume under /tmp is deleted', volume: released('v3', { spec: { hostPath: { path: '/tmp/v3' } } }), expected: ['DeleteVolume v3'] },
    {
      given: 'a hostPath volume elsewhere fails', volume: released('v4'),
      expected: ['UpdateVolumeStatus v4 Failed', 'Warning VolumeFailedDelete on v4: host_path deleter only supports /tmp/.+ but received provided /data/v4'],
    },
    {
      given: 'an nfs volume has no deleter', volume: released('v5', { spec: { hostPath: undefined, nfs: { server: 'nfs', path: '/x' } } }),
      expected: ['UpdateVolumeStatus v5 Failed', 'Warning VolumeFailedDelete on v5: error getting deleter volume plugin for volume "v5": no deletable volume plugin matched'],
    },
    { given: 'an already Failed volume is not failed again', volume: released('v6', { status: { phase: 'Failed' } }), expected: [] },
  ])('$given', ({ volume, expected }) => {
    expect(summary(syncVolume(volume, undefined))).toEqual(expected);
  });

  it('records the failure as the volume status message', () => {
    const [failed] = syncVolume(released('v4'), undefined) as any[];
    expect(failed.volume.status).toEqual({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /data/v4' });
  });
});
