import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaimSpec, PersistentVolumeClaimStatus } from 'kubernetes-types/core/v1';
import type { KubeObject, ObjectMeta } from '../../object.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../typed-objects.js';
import { admitDefaultStorageClass, admitStorageProtection, claimResizeRefusal } from './storage-admission.js';
import { claimClass, defaultStorageClass } from './storage-classes.js';
import { strategyOfObject } from '../../kinds/registry.js';
import type { KindWrite } from '../../kinds/strategy.js';

const storageClass = (name: string, created: string, extra: Partial<StorageClass> = {}, isDefault = true): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner: 'rancher.io/local-path',
  metadata: { name, creationTimestamp: created, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  ...extra,
});
const claim = (spec: PersistentVolumeClaimSpec = {}, metadata: ObjectMeta = {}, status: PersistentVolumeClaimStatus = {}): PersistentVolumeClaim => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', ...metadata },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec }, status,
});

// Cases of plugin/pkg/admission/storage/storageclass/setdefault/admission_test.go.
describe('DefaultStorageClass', () => {
  const defaultV1 = storageClass('default1', '2025-01-01T00:00:00Z');
  const defaultV1Newer = storageClass('default2', '2025-01-02T00:00:00Z');
  const defaultSameTime = storageClass('aaa', '2025-01-01T00:00:00Z');
  const betaDefault = { ...storageClass('beta', '2025-01-03T00:00:00Z', {}, false), metadata: { name: 'beta', creationTimestamp: '2025-01-03T00:00:00Z', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } } };
  const notDefault = storageClass('nondefault', '2025-01-05T00:00:00Z', {}, false);
  const falseDefault = { ...notDefault, metadata: { name: 'false', creationTimestamp: '2025-01-06T00:00:00Z', annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } } };

  it.each([
    { given: 'no storage class at all', classes: [], input: claim(), expected: undefined },
    { given: 'one default class', classes: [defaultV1, notDefault], input: claim(), expected: 'default1' },
    { given: 'two defaults: the newest wins', classes: [defaultV1, defaultV1Newer], input: claim(), expected: 'default2' },
    { given: 'two defaults created together: the first by name wins', classes: [defaultV1, defaultSameTime], input: claim(), expected: 'aaa' },
    { given: 'the beta annotation marks a default too', classes: [defaultV1, betaDefault], input: claim(), expected: 'beta' },
    { given: 'is-default-class "false" is no default', classes: [falseDefault, notDefault], input: claim(), expected: undefined },
    { given: 'a claim naming its class keeps it', classes: [defaultV1], input: claim({ storageClassName: 'gold' }), expected: 'gold' },
    { given: 'a claim asking for no class ("") keeps it', classes: [defaultV1], input: claim({ storageClassName: '' }), expected: '' },
    { given: 'a claim with the beta class annotation keeps it', classes: [defaultV1], input: claim({}, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'silver' } }), expected: 'silver' },
  ])('$given', ({ classes, input, expected }) => {
    const admitted = admitDefaultStorageClass(input, classes);
    expect(expected === undefined ? admitted.spec?.storageClassName : claimClass(admitted)).toBe(expected);
  });

  it('leaves the beta annotation claim without a spec.storageClassName', () => {
    const input = claim({}, { annotations: { 'volume.beta.kubernetes.io/storage-class': 'silver' } });
    expect(admitDefaultStorageClass(input, [storageClass('default1', '2025-01-01T00:00:00Z')])).toBe(input);
  });

  it('picks no default among classes without the annotation', () => {
    expect(defaultStorageClass([storageClass('a', '2025-01-01T00:00:00Z', {}, false)])).toBeUndefined();
  });
});

// Cases of plugin/pkg/admission/storage/storageobjectinuseprotection/admission_test.go, through each kind's strategy (which names its finalizer).
describe('StorageObjectInUseProtection', () => {
  const noClasses = { view: { list: () => [] } } as unknown as KindWrite;
  const mutatedOnCreate = (obj: KubeObject) => strategyOfObject(obj).mutateOnCreate(obj, noClasses);
  const volume: PersistentVolume = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: {} };
  it.each([
    { given: 'a claim', input: claim(), expected: ['kubernetes.io/pvc-protection'] },
    { given: 'a claim that already has it', input: claim({}, { finalizers: ['kubernetes.io/pvc-protection'] }), expected: ['kubernetes.io/pvc-protection'] },
    { given: 'a claim with another finalizer', input: claim({}, { finalizers: ['example.com/keep'] }), expected: ['example.com/keep', 'kubernetes.io/pvc-protection'] },
    { given: 'a volume', input: volume, expected: ['kubernetes.io/pv-protection'] },
    { given: 'a volume that already has it', input: { ...volume, metadata: { name: 'pv1', finalizers: ['kubernetes.io/pv-protection'] } }, expected: ['kubernetes.io/pv-protection'] },
  ])('$given', ({ input, expected }) => {
    expect(mutatedOnCreate(input).metadata.finalizers).toEqual(expected);
  });

  it('leaves other kinds alone', () => {
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    expect(mutatedOnCreate(configMap)).toBe(configMap);
  });

  it('adds a finalizer once', () => {
    const protectedClaim = claim({}, { finalizers: ['kubernetes.io/pvc-protection'] });
    expect(admitStorageProtection(protectedClaim, 'kubernetes.io/pvc-protection')).toBe(protectedClaim);
  });
});

// Cases of plugin/pkg/admission/storage/persistentvolume/resize/admission_test.go.
describe('PersistentVolumeClaimResize', () => {
  const bound = (size: string, className = 'gold') => claim({ storageClassName: className, volumeName: 'pv1', resources: { requests: { storage: size } } }, {}, { phase: 'Bound', capacity: { storage: '1Gi' } });
  const expandable = storageClass('gold', '2025-01-01T00:00:00Z', { allowVolumeExpansion: true }, false);
  const fixed = storageClass('silver', '2025-01-01T00:00:00Z', { allowVolumeExpansion: false }, false);
  const unsaid = storageClass('bronze', '2025-01-01T00:00:00Z', {}, false);
  const classes = [expandable, fixed, unsaid];
  const notExpandable = 'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

  it.each([
    { given: 'a bound claim of an expandable class grows', next: bound('2Gi'), old: bound('1Gi'), expected: undefined },
    { given: 'the same size', next: bound('1Gi'), old: bound('1Gi'), expected: undefined },
    { given: 'the same size spelled otherwise', next: bound('1024Mi'), old: bound('1Gi'), expected: undefined },
    { given: 'a shrink (left to validation)', next: bound('512Mi'), old: bound('1Gi'), expected: undefined },
    {
      given: 'a pending claim grows', next: claim({ storageClassName: 'gold', resources: { requests: { storage: '2Gi' } } }),
      old: claim({ storageClassName: 'gold' }, {}, { phase: 'Pending' }), expected: 'Only bound persistent volume claims can be expanded',
    },
    { given: 'a class that forbids expansion', next: bound('2Gi', 'silver'), old: bound('1Gi', 'silver'), expected: notExpandable },
    { given: 'a class that does not say', next: bound('2Gi', 'bronze'), old: bound('1Gi', 'bronze'), expected: notExpandable },
    { given: 'a class that does not exist', next: bound('2Gi', 'missing'), old: bound('1Gi', 'missing'), expected: notExpandable },
    { given: 'a claim without a class', next: bound('2Gi', ''), old: bound('1Gi', ''), expected: notExpandable },
  ])('$given', ({ next, old, expected }) => {
    expect(claimResizeRefusal(next, old, classes)).toBe(expected);
  });
});
