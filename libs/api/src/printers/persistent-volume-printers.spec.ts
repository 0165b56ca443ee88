import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { accessModesCell, persistentVolumeClaimPrinter, persistentVolumePrinter } from './persistent-volume-printers.js';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string, extra: object = {}) => ({ name, creationTimestamp: '2024-05-01T11:00:00Z', ...extra });

describe('persistentVolumePrinter', () => {
  it('declares the 1.32 columns, VOLUMEMODE only wide', () => {
    expect(persistentVolumePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Capacity:0', 'Access Modes:0', 'Reclaim Policy:0', 'Status:0', 'Claim:0', 'StorageClass:0',
      'VolumeAttributesClass:0', 'Reason:0', 'Age:0', 'VolumeMode:1',
    ]);
    expect(persistentVolumePrinter.columns[1].description).toMatch(/^capacity is the description of the persistent volume's resources/);
  });

  it.each<[string, KubeObject, unknown[]]>([
    [
      'the task-pv-volume of the docs, bound',
      {
        apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta('task-pv-volume', { labels: { type: 'local' } }),
        spec: {
          storageClassName: 'manual', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' },
          persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem', claimRef: { namespace: 'default', name: 'task-pv-claim' },
        },
        status: { phase: 'Bound' },
      },
      ['task-pv-volume', '10Gi', 'RWO', 'Retain', 'Bound', 'default/task-pv-claim', 'manual', '<unset>', '', '60m', 'Filesystem'],
    ],
    [
      'a failed, terminating volume whose beta class annotation wins and whose capacity is not canonical',
      {
        apiVersion: 'v1', kind: 'PersistentVolume',
        metadata: meta('pv0003', { deletionTimestamp: '2024-05-01T11:59:00Z', annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }),
        spec: { storageClassName: 'fast', capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce', 'ReadWriteOnce', 'ReadWriteOncePod'], persistentVolumeReclaimPolicy: 'Recycle', volumeAttributesClassName: 'gold' },
        status: { phase: 'Failed', reason: 'VolumeFailedRecycle' },
      },
      ['pv0003', '1Gi', 'RWO,ROX,RWX,RWOP', 'Recycle', 'Terminating', '', 'slow', 'gold', 'VolumeFailedRecycle', '60m', '<unset>'],
    ],
    [
      'a bare volume',
      { apiVersion: 'v1', kind: 'PersistentVolume', metadata: meta('bare'), spec: {} },
      ['bare', '0', '', '', '', '', '', '<unset>', '', '60m', '<unset>'],
    ],
  ])('prints %s', (_name, obj, cells) => {
    expect(persistentVolumePrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('persistentVolumeClaimPrinter', () => {
  it('declares the 1.32 columns, VOLUMEMODE only wide', () => {
    expect(persistentVolumeClaimPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Status:0', 'Volume:0', 'Capacity:0', 'Access Modes:0', 'StorageClass:0', 'VolumeAttributesClass:0', 'Age:0', 'VolumeMode:1',
    ]);
  });

  it.each<[string, KubeObject, unknown[]]>([
    [
      'the bound task-pv-claim (capacity and modes from status)',
      {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('task-pv-claim'),
        spec: { storageClassName: 'manual', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, volumeName: 'task-pv-volume', volumeMode: 'Filesystem' },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } },
      },
      ['task-pv-claim', 'Bound', 'task-pv-volume', '10Gi', 'RWO', 'manual', '<unset>', '60m', 'Filesystem'],
    ],
    [
      'a pending claim (no capacity or modes before binding)',
      {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('pending'),
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, volumeAttributesClassName: 'silver' },
        status: { phase: 'Pending' },
      },
      ['pending', 'Pending', '', '', '', '', 'silver', '60m', '<unset>'],
    ],
    [
      'a terminating claim classed by the beta annotation',
      {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim',
        metadata: meta('old', { deletionTimestamp: '2024-05-01T11:59:00Z', annotations: { 'volume.beta.kubernetes.io/storage-class': '' } }),
        spec: { storageClassName: 'standard', volumeName: 'pv-1', volumeMode: 'Block' },
        status: { phase: 'Bound' },
      },
      ['old', 'Terminating', 'pv-1', '0', '', '', '<unset>', '60m', 'Block'],
    ],
  ])('prints %s', (_name, obj, cells) => {
    expect(persistentVolumeClaimPrinter.print(obj, now).cells).toEqual(cells);
  });

  it('abbreviates access modes in a fixed order without repeats', () => {
    expect(accessModesCell(['ReadWriteOncePod', 'ReadWriteMany', 'ReadWriteMany'])).toBe('RWX,RWOP');
    expect(accessModesCell(undefined)).toBe('');
  });
});
