import type { Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { provisionClaim, shouldDeleteVolume, type Provisioning, type ProvisionView } from './lab-provisioners.js';

const standard: StorageClass = {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' },
  provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
};
const retained: StorageClass = { ...standard, metadata: { name: 'local-retain' }, reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate' };
const shared: StorageClass = {
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'shared' },
  provisioner: 'kubelab.dev/shared', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', allowVolumeExpansion: true, mountOptions: ['noatime'],
};
const node = (name: string, hostname = name): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': hostname } } });
const view: ProvisionView = { classes: [standard, retained, shared], nodes: [node('node-1'), node('node-2', 'host-two')], volumes: [] };

function claim(className: string, extra: { annotations?: Record<string, string>; spec?: Record<string, unknown> } = {}): PersistentVolumeClaim {
  const provisioner = [standard, retained, shared].find((c) => c.metadata.name === className)?.provisioner;
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: {
      name: 'data', namespace: 'default', uid: 'c0ffee', resourceVersion: '7',
      annotations: { ...(provisioner ? { 'volume.kubernetes.io/storage-provisioner': provisioner, 'volume.beta.kubernetes.io/storage-provisioner': provisioner } : {}), ...extra.annotations },
    },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: className, volumeMode: 'Filesystem', ...extra.spec },
    status: { phase: 'Pending' },
  };
}
const onNode = (name: string) => ({ annotations: { 'volume.kubernetes.io/selected-node': name } });
const events = (p: Provisioning | undefined) => p?.events.map((e) => `${e.eventType} ${e.reason}: ${e.message}`);
const provisioning = 'Normal Provisioning: External provisioner is provisioning volume for claim "default/data"';

describe('rancher.io/local-path (rancher/local-path-provisioner)', () => {
  it('provisions a hostPath directory on the selected node, as kind does', () => {
    const outcome = provisionClaim('rancher.io/local-path', claim('standard', onNode('node-1')), view);
    expect(events(outcome)).toEqual([provisioning]);
    expect(outcome?.volume).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: 'pvc-c0ffee', annotations: { 'local.path.provisioner/selected-node': 'node-1', 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' } },
      spec: {
        persistentVolumeReclaimPolicy: 'Delete', accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', capacity: { storage: '1Gi' },
        hostPath: { path: '/var/local-path-provisioner/pvc-c0ffee_default_data', type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] }] } },
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'c0ffee', apiVersion: 'v1', resourceVersion: '7' },
        storageClassName: 'standard',
      },
    });
    expect(outcome?.retry).toBe(false);
  });

  it('takes the node affinity value from the node\'s hostname label, and the policy from the class', () => {
    const outcome = provisionClaim('rancher.io/local-path', claim('local-retain', onNode('node-2')), view);
    expect(outcome?.volume?.spec?.nodeAffinity?.required?.nodeSelectorTerms[0].matchExpressions?.[0].values).toEqual(['host-two']);
    expect(outcome?.volume?.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
  });

  it.each([
    { given: 'a WaitForFirstConsumer claim without a selected node', claim: claim('standard') },
    { given: 'a claim not annotated for this provisioner', claim: { ...claim('standard', onNode('node-1')), metadata: { name: 'data', namespace: 'default', uid: 'c0ffee', annotations: onNode('node-1').annotations } } },
    { given: 'a claim of another provisioner\'s class', claim: claim('shared') },
    { given: 'a claim already bound', claim: claim('standard', { ...onNode('node-1'), spec: { volumeName: 'pv1' } }) },
    { given: 'a claim of a missing class', claim: claim('gone', { annotations: { 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path', ...onNode('node-1').annotations } }) },
  ])('leaves alone $given', ({ claim: c }) => {
    expect(provisionClaim('rancher.io/local-path', c, view)).toBeUndefined();
  });

  it('does nothing once its volume exists', () => {
    const existing: PersistentVolume = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-c0ffee' } };
    expect(provisionClaim('rancher.io/local-path', claim('standard', onNode('node-1')), { ...view, volumes: [existing] })).toBeUndefined();
  });

  it.each([
    { given: 'ReadWriteMany', spec: { accessModes: ['ReadWriteMany'] }, message: 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes' },
    { given: 'ReadOnlyMany', spec: { accessModes: ['ReadOnlyMany'] }, message: 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes' },
    { given: 'a selector', spec: { selector: { matchLabels: { a: 'b' } } }, message: 'claim.Spec.Selector is not supported' },
  ])('refuses $given, and tries again later', ({ spec, message }) => {
    const outcome = provisionClaim('rancher.io/local-path', claim('standard', { ...onNode('node-1'), spec }), view);
    expect(events(outcome)).toEqual([provisioning, `Warning ProvisioningFailed: failed to provision volume with StorageClass "standard": ${message}`]);
    expect(outcome?.retry).toBe(true);
  });

  it('accepts ReadWriteOncePod', () => {
    expect(provisionClaim('rancher.io/local-path', claim('standard', { ...onNode('node-1'), spec: { accessModes: ['ReadWriteOncePod'] } }), view)?.volume).toBeDefined();
  });

  it('needs a node even for an Immediate class', () => {
    const outcome = provisionClaim('rancher.io/local-path', claim('local-retain'), view);
    expect(events(outcome)).toEqual([provisioning, 'Warning ProvisioningFailed: failed to provision volume with StorageClass "local-retain": configuration error, no node was specified']);
  });

  it('gives a selected node that does not exist back to the scheduler', () => {
    const outcome = provisionClaim('rancher.io/local-path', claim('standard', onNode('node-9')), view);
    expect(events(outcome)).toEqual(['Warning ProvisioningFailed: node "node-9" not found']);
    expect(outcome?.reschedule?.metadata.annotations).toEqual({ 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path', 'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path' });
    expect(outcome?.retry).toBe(false);
  });

  it('refuses a Block claim once, before provisioning', () => {
    const outcome = provisionClaim('rancher.io/local-path', claim('standard', { ...onNode('node-1'), spec: { volumeMode: 'Block' } }), view);
    expect(events(outcome)).toEqual(['Warning ProvisioningFailed: rancher.io/local-path does not support block volume provisioning']);
    expect(outcome?.retry).toBe(false);
  });
});

describe('kubelab.dev/shared (as nfs-subdir-external-provisioner)', () => {
  it('provisions at once a volume with no node affinity, any access mode, the class\'s mount options', () => {
    const outcome = provisionClaim('kubelab.dev/shared', claim('shared', { spec: { accessModes: ['ReadWriteMany'] } }), view);
    expect(events(outcome)).toEqual([provisioning]);
    expect(outcome?.volume).toEqual({
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { name: 'pvc-c0ffee', annotations: { 'pv.kubernetes.io/provisioned-by': 'kubelab.dev/shared' } },
      spec: {
        persistentVolumeReclaimPolicy: 'Delete', accessModes: ['ReadWriteMany'], mountOptions: ['noatime'], capacity: { storage: '1Gi' },
        nfs: { server: 'shared.kubelab.dev', path: '/shared/default-data-pvc-c0ffee' },
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: 'c0ffee', apiVersion: 'v1', resourceVersion: '7' },
        storageClassName: 'shared',
      },
    });
  });

  it('refuses a selector as nfs-subdir-external-provisioner words it', () => {
    const outcome = provisionClaim('kubelab.dev/shared', claim('shared', { spec: { selector: { matchLabels: { a: 'b' } } } }), view);
    expect(events(outcome)?.[1]).toBe('Warning ProvisioningFailed: failed to provision volume with StorageClass "shared": claim Selector is not supported');
  });
});

describe('shouldDeleteVolume', () => {
  const volume = (annotations: Record<string, string>, phase: string, policy: string, deleting = false): PersistentVolume => ({
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-1', annotations, ...(deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: { persistentVolumeReclaimPolicy: policy }, status: { phase },
  });
  const mine = { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' };
  it.each([
    { given: 'a Released Delete volume it made', volume: volume(mine, 'Released', 'Delete'), expected: true },
    { given: 'a Bound one', volume: volume(mine, 'Bound', 'Delete'), expected: false },
    { given: 'a Retain one', volume: volume(mine, 'Released', 'Retain'), expected: false },
    { given: 'one being deleted', volume: volume(mine, 'Released', 'Delete', true), expected: false },
    { given: 'another provisioner\'s', volume: volume({ 'pv.kubernetes.io/provisioned-by': 'kubelab.dev/shared' }, 'Released', 'Delete'), expected: false },
    { given: 'a static volume', volume: volume({}, 'Released', 'Delete'), expected: false },
  ])('$given → $expected', ({ volume: v, expected }) => {
    expect(shouldDeleteVolume('rancher.io/local-path', v)).toBe(expected);
  });
});
