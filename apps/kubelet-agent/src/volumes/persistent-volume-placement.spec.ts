import type { PersistentVolume } from '@kubelab/api';
import type { PersistentVolumeSpec } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { filesOfDeletedVolume, persistentVolumePlacement } from './persistent-volume-placement.js';

const pinnedTo = (node: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } });
const volume = (name: string, spec: PersistentVolumeSpec): PersistentVolume => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { persistentVolumeReclaimPolicy: 'Retain', ...spec } });
const node1 = { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } };
const node2 = { name: 'node-2', labels: { 'kubernetes.io/hostname': 'node-2' } };

const localPath = volume('pvc-1b2c', {
  hostPath: { path: '/var/local-path-provisioner/pvc-1b2c_default_data', type: 'DirectoryOrCreate' }, nodeAffinity: pinnedTo('node-1'), persistentVolumeReclaimPolicy: 'Delete',
});
const shared = volume('pvc-9f8e', { csi: { driver: 'kubelab.dev/shared', volumeHandle: 'pvc-9f8e' }, persistentVolumeReclaimPolicy: 'Delete' });

describe('where a PersistentVolume\'s files are for a pod on a node', () => {
  it.each([
    ['a local-path volume on its node: a directory of the node\'s disk', localPath, node1,
      { ok: true, store: { kind: 'node', node: 'node-1' }, path: '/var/local-path-provisioner/pvc-1b2c_default_data', nodeDisk: { hostPathType: 'DirectoryOrCreate' } }],
    ['a local-path volume on another node', localPath, node2, { ok: false, message: 'MountVolume.NodeAffinity check failed for volume "pvc-1b2c" : no matching NodeSelectorTerms' }],
    ['a hostPath volume without affinity: whichever node mounts it', volume('task-pv-volume', { hostPath: { path: '/mnt/data' } }), node2,
      { ok: true, store: { kind: 'node', node: 'node-2' }, path: '/mnt/data', nodeDisk: { hostPathType: '' } }],
    ['a local volume', volume('local-pv', { local: { path: '/mnt/disks/ssd1' }, nodeAffinity: pinnedTo('node-2') }), node2,
      { ok: true, store: { kind: 'node', node: 'node-2' }, path: '/mnt/disks/ssd1', nodeDisk: { local: true } }],
    ['a shared (network) volume: its own store, from any node', shared, node2, { ok: true, store: { kind: 'persistent-volume', name: 'pvc-9f8e' }, path: '/' }],
    ['an nfs volume', volume('nfs', { nfs: { server: 'nfs.example.com', path: '/exports' } }), node1, { ok: true, store: { kind: 'persistent-volume', name: 'nfs' }, path: '/' }],
  ])('%s', (_, pv, node, expected) => {
    expect(persistentVolumePlacement(pv, node)).toEqual(expected);
  });
});

describe('the files a deleted PersistentVolume takes with it', () => {
  it.each([
    ['a network volume reclaimed with Delete: its store', shared, [node1], [{ store: { kind: 'persistent-volume', name: 'pvc-9f8e' }, path: '/' }]],
    ['a network volume, Retain: none (the asset stays)', volume('nfs', { nfs: { server: 'x', path: '/' } }), [node1], []],
    ['a local-path volume: its directory on its node', localPath, [node1, node2], [{ store: { kind: 'node', node: 'node-1' }, path: '/var/local-path-provisioner/pvc-1b2c_default_data' }]],
    ['a local-path volume, by an agent of other nodes: none', localPath, [node2], []],
    ['a hostPath volume without affinity: none (no deleter)', volume('h', { hostPath: { path: '/mnt/data' }, persistentVolumeReclaimPolicy: 'Delete' }), [node1], []],
  ])('%s', (_, pv, nodes, expected) => {
    expect(filesOfDeletedVolume(pv, nodes)).toEqual(expected);
  });
});
