import type { PersistentVolumeClaim, Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import {
  boundVolumeProblem, claimProblem, claimProcessingError, ephemeralClaimProblem, fetchError, storageVolumes, unableToAttachOrMount, volumeModeProblem,
} from './storage-volumes.js';

const pod: Pod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'pod-uid' },
  spec: {
    initContainers: [{ name: 'init', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] }],
    containers: [{ name: 'c', volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cfg', mountPath: '/etc/cfg' }], volumeDevices: [{ name: 'raw', devicePath: '/dev/xvda' }] }],
    ephemeralContainers: [{ name: 'debug', volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: 'www-web-0', readOnly: true } },
      { name: 'unused', persistentVolumeClaim: { claimName: 'nobody-mounts-it' } },
      { name: 'cfg', configMap: { name: 'cfg' } },
      { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'raw', persistentVolumeClaim: { claimName: 'block' } },
      { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } },
    ],
  },
};

const claim = (extra: { metadata?: object; spec?: object; status?: object } = {}): PersistentVolumeClaim => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default', uid: 'claim-uid', ...extra.metadata },
  spec: { volumeName: 'pv-1', ...extra.spec }, status: { phase: 'Bound', ...extra.status },
});

describe('the volumes the volume store backs', () => {
  it('are the claims, ephemeral claims and hostPaths some container uses, in spec order', () => {
    expect(storageVolumes(pod)).toEqual([
      { kind: 'claim', name: 'data', claimName: 'www-web-0', readOnly: true, ephemeral: false, usage: 'mount' },
      { kind: 'hostPath', name: 'logs', path: '/var/log', type: 'Directory' },
      { kind: 'claim', name: 'raw', claimName: 'block', readOnly: false, ephemeral: false, usage: 'device' },
      { kind: 'claim', name: 'scratch', claimName: 'web-scratch', readOnly: false, ephemeral: true, usage: 'mount' },
    ]);
  });
});

describe('the populator\'s judgement of a claim', () => {
  it.each([
    ['bound', claim(), undefined],
    ['Pending', claim({ status: { phase: 'Pending' }, spec: { volumeName: '' } }), 'PVC is not bound'],
    ['Lost', claim({ status: { phase: 'Lost' } }), 'PVC is not bound'],
    ['Bound without a volume', claim({ spec: { volumeName: '' } }), 'PVC has empty pvc.Spec.VolumeName'],
    ['being deleted', claim({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' } }), 'PVC is being deleted'],
    ['being deleted, held by pvc-protection for a pod using it', claim({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['kubernetes.io/pvc-protection'] } }), 'PVC is being deleted'],
  ])('a claim %s', (_, c, expected) => expect(claimProblem(c)).toBe(expected));

  it.each([
    ['controlled by the pod', [{ uid: 'pod-uid', controller: true }], undefined],
    ['owned but not controlled', [{ uid: 'pod-uid' }], 'PVC default/web-scratch was not created for pod default/web (pod is not owner)'],
    ['controlled by another pod', [{ uid: 'other', controller: true }], 'PVC default/web-scratch was not created for pod default/web (pod is not owner)'],
  ])('an ephemeral volume\'s claim %s', (_, ownerReferences, expected) => {
    expect(ephemeralClaimProblem(pod, claim({ metadata: { name: 'web-scratch', ownerReferences } }))).toBe(expected);
  });

  it.each([
    ['pointing back at the claim', { claimRef: { name: 'data', uid: 'claim-uid' } }, undefined],
    ['without a claimRef', {}, 'found PV object pv-1 but it has a nil pv.Spec.ClaimRef indicating it is not yet bound to the claim'],
    ['bound to another claim', { claimRef: { name: 'data', uid: 'old-uid' } }, 'found PV object pv-1 but its pv.Spec.ClaimRef.UID old-uid does not point to claim.UID claim-uid'],
  ])('the volume %s', (_, spec, expected) => {
    expect(boundVolumeProblem({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec }, claim())).toBe(expected);
  });

  it.each([
    ['mount', 'Filesystem', undefined],
    ['mount', undefined, undefined],
    ['mount', 'Block', 'volume data has volumeMode Block, but is specified in volumeMounts'],
    ['device', 'Block', undefined],
    ['device', 'Filesystem', 'volume data has volumeMode Filesystem, but is specified in volumeDevices'],
  ] as const)('a volume used as a %s of mode %s', (usage, volumeMode, expected) => {
    const volume = { kind: 'claim' as const, name: 'data', claimName: 'data', readOnly: false, ephemeral: false, usage };
    expect(volumeModeProblem(volume, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec: { volumeMode } })).toBe(expected);
  });
});

describe('the FailedMount event of a pod whose claims cannot be processed', () => {
  it('lists the volumes as Go prints slices, and joins the errors', () => {
    const notFound = claimProcessingError('default', 'missing', fetchError('PVC', 'persistentvolumeclaims "missing" not found'));
    const pending = claimProcessingError('default', 'data', 'PVC is not bound');
    expect(unableToAttachOrMount(['data', 'cache'], ['data', 'cache'], [notFound, pending])).toBe(
      'Unable to attach or mount volumes: unmounted volumes=[cache data], unattached volumes=[], failed to process volumes=[cache data]: '
      + 'error processing PVC default/missing: failed to fetch PVC from API server: persistentvolumeclaims "missing" not found; '
      + 'error processing PVC default/data: PVC is not bound',
    );
    expect(unableToAttachOrMount(['data'], [], ['x'])).toBe('Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[]: x');
  });
});
