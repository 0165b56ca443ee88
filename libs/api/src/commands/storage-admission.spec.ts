import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../typed-objects.js';
import { refusal } from '../refusal.testing.js';
import { resourceTypes } from '../registry.js';
import type { Command } from './command.js';
import { decide } from './decide.js';
import type { CommandContext, StateView } from './types.js';

const type = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
const now = new Date('2026-11-22T10:00:00.000Z');
const ctx: CommandContext = {
  actor: 'test', cause: null, now, newUid: () => 'uid-1', randomSuffix: () => 'x7k2p', randomInt: () => 0,
  options: { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' },
};

function given(...objects: KubeObject[]): StateView {
  return {
    get: (kind, namespace, name) => objects.find((o) => o.kind === kind && (o.metadata.namespace ?? '') === namespace && o.metadata.name === name),
    list: (kind, namespace) => objects.filter((o) => o.kind === kind && (namespace === undefined || (o.metadata.namespace ?? '') === namespace)),
  };
}

const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } };
const standard: KubeObject = {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
  metadata: { name: 'standard', creationTimestamp: '2026-11-22T09:00:00Z', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
};
const shared: KubeObject = {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner: 'kubelab.dev/shared', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate',
  allowVolumeExpansion: true, metadata: { name: 'shared', creationTimestamp: '2026-11-22T09:00:00Z' },
};
const claimBody = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const createClaim = (body: KubeObject, dryRun = false): Command => ({
  type: 'Create', resource: type('PersistentVolumeClaim'), namespace: 'default', body, options: { fieldValidation: 'Strict', dryRun },
});
const stored = (className: string, size: string, phase: string): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default', uid: 'c1', resourceVersion: '5', finalizers: ['kubernetes.io/pvc-protection'] },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, storageClassName: className, volumeMode: 'Filesystem', ...(phase === 'Bound' ? { volumeName: 'pvc-c1' } : {}) },
  status: phase === 'Bound' ? { phase, accessModes: ['ReadWriteOnce'], capacity: { storage: size } } : { phase },
});
const resize = (size: string): Command => ({
  type: 'Patch', resource: type('PersistentVolumeClaim'), namespace: 'default', name: 'data', patchType: 'merge',
  patch: { spec: { resources: { requests: { storage: size } } } }, options: { fieldValidation: 'Strict' },
});

describe('storage admission on the write path', () => {
  it('gives a class-less claim the default class and the pvc-protection finalizer, and starts it Pending whatever status it sent', () => {
    const body = { ...claimBody(), status: { phase: 'Bound' } };
    const claim = decide(createClaim(body), given(namespace, standard, shared), ctx).changes[0].object as PersistentVolumeClaim;
    expect(claim.spec!.storageClassName).toBe('standard');
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(claim.status).toEqual({ phase: 'Pending' });
  });

  it('answers a dry run with the same admitted claim', () => {
    const claim = decide(createClaim(claimBody(), true), given(namespace, standard), ctx).changes[0].object as PersistentVolumeClaim;
    expect(claim.spec!.storageClassName).toBe('standard');
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('keeps an explicit "" class and leaves a claim class-less when no class is default', () => {
    expect((decide(createClaim(claimBody({ storageClassName: '' })), given(namespace, standard), ctx).changes[0].object as PersistentVolumeClaim).spec!.storageClassName).toBe('');
    expect((decide(createClaim(claimBody()), given(namespace, shared), ctx).changes[0].object as PersistentVolumeClaim).spec!.storageClassName).toBeUndefined();
  });

  it('creates a volume Pending since now, with the pv-protection finalizer', () => {
    const body: KubeObject = {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data/pv1' } }, status: { phase: 'Bound' },
    };
    const volume = decide({ type: 'Create', resource: type('PersistentVolume'), namespace: '', body, options: { fieldValidation: 'Strict' } }, given(), ctx).changes[0].object as PersistentVolume;
    expect(volume.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2026-11-22T10:00:00Z' });
    expect(volume.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(volume.spec!.persistentVolumeReclaimPolicy).toBe('Retain');
  });

  it('stamps a volume phase change, and keeps the stamp of a status write that does not change the phase', () => {
    const volume: KubeObject = {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1', uid: 'v1', resourceVersion: '3' },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data/pv1' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' },
      status: { phase: 'Pending', lastPhaseTransitionTime: '2026-11-22T09:00:00Z' },
    };
    const write = (status: object): Command => ({
      type: 'Update', resource: type('PersistentVolume'), namespace: '', name: 'pv1', subresource: 'status', body: { ...volume, status }, options: { fieldValidation: 'Strict' },
    });
    expect(decide(write({ phase: 'Available' }), given(volume), ctx).changes[0].object.status).toEqual({ phase: 'Available', lastPhaseTransitionTime: '2026-11-22T10:00:00Z' });
    expect(decide(write({ phase: 'Pending', message: 'm' }), given(volume), ctx).changes[0].object.status).toEqual({ phase: 'Pending', message: 'm', lastPhaseTransitionTime: '2026-11-22T09:00:00Z' });
  });

  it('lets a bound claim of an expandable class grow', () => {
    const grown = decide(resize('2Gi'), given(namespace, shared, stored('shared', '1Gi', 'Bound')), ctx).changes[0].object as PersistentVolumeClaim;
    expect(grown.spec!.resources!.requests!.storage).toBe('2Gi');
  });

  it('refuses growth as PersistentVolumeClaimResize words it: unbound claims, classes without expansion', () => {
    expect(refusal(() => decide(resize('2Gi'), given(namespace, standard, stored('standard', '1Gi', 'Bound')), ctx))).toBe(
      '403 Forbidden: persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
    expect(refusal(() => decide(resize('2Gi'), given(namespace, shared, stored('shared', '1Gi', 'Pending')), ctx))).toMatch(
      /^422 Invalid: PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims/,
    );
  });

  it('refuses a shrink below the capacity by validation, with upstream words', () => {
    expect(refusal(() => decide(resize('512Mi'), given(namespace, shared, stored('shared', '1Gi', 'Bound')), ctx))).toBe(
      '422 Invalid: PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
  });
});
