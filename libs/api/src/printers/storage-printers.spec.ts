import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { csiDriverPrinter, csiNodePrinter, storageClassPrinter, volumeAttachmentPrinter } from './storage-printers.js';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string, annotations?: Record<string, string>) => ({ name, creationTimestamp: '2024-04-29T12:00:00Z', annotations });

describe('storageClassPrinter', () => {
  it('declares PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE', () => {
    expect(storageClassPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
  });

  it.each<[string, KubeObject, unknown[]]>([
    [
      'the default class of a kind cluster',
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta('standard', { 'storageclass.kubernetes.io/is-default-class': 'true' }), provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' },
      ['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '2d'],
    ],
    [
      'a class marked default by the beta annotation, expandable and retained',
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta('low-latency', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }), provisioner: 'csi-driver.example-vendor.example', reclaimPolicy: 'Retain', allowVolumeExpansion: true },
      ['low-latency (default)', 'csi-driver.example-vendor.example', 'Retain', 'Immediate', true, '2d'],
    ],
    [
      'a class whose annotation is not "true"',
      { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: meta('slow', { 'storageclass.kubernetes.io/is-default-class': 'false' }), provisioner: 'kubernetes.io/no-provisioner' },
      ['slow', 'kubernetes.io/no-provisioner', 'Delete', 'Immediate', false, '2d'],
    ],
  ])('prints %s', (_name, obj, cells) => {
    expect(storageClassPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('volumeAttachmentPrinter', () => {
  it('declares ATTACHER with the name format and ATTACHED as a boolean', () => {
    expect(volumeAttachmentPrinter.columns.map((c) => `${c.name}:${c.type}:${c.format}`)).toEqual([
      'Name:string:name', 'Attacher:string:name', 'PV:string:', 'Node:string:', 'Attached:boolean:', 'Age:string:',
    ]);
  });

  it.each<[string, object, object, unknown[]]>([
    ['an attached CSI volume', { attacher: 'ebs.csi.aws.com', nodeName: 'node-1', source: { persistentVolumeName: 'pvc-0a1b' } }, { attached: true }, ['csi-1234', 'ebs.csi.aws.com', 'pvc-0a1b', 'node-1', true, '2d']],
    ['an inline volume not yet attached', { attacher: 'ebs.csi.aws.com', nodeName: 'node-1', source: { inlineVolumeSpec: {} } }, {}, ['csi-1234', 'ebs.csi.aws.com', '', 'node-1', false, '2d']],
  ])('prints %s', (_name, spec, status, cells) => {
    const obj = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: meta('csi-1234'), spec, status } as KubeObject;
    expect(volumeAttachmentPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('csiDriverPrinter', () => {
  it('declares the flag columns as booleans', () => {
    expect(csiDriverPrinter.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Name:string', 'AttachRequired:boolean', 'PodInfoOnMount:boolean', 'StorageCapacity:boolean', 'TokenRequests:string', 'RequiresRepublish:boolean', 'Modes:string', 'Age:string',
    ]);
  });

  it.each<[string, object, unknown[]]>([
    [
      'the mycsidriver example of the docs',
      { attachRequired: true, podInfoOnMount: true, fsGroupPolicy: 'File', volumeLifecycleModes: ['Persistent', 'Ephemeral'], tokenRequests: [{ audience: 'gcp' }, { audience: '', expirationSeconds: 3600 }], requiresRepublish: true, seLinuxMount: true },
      ['mycsidriver.example.com', true, true, false, 'gcp,', true, 'Persistent,Ephemeral', '2d'],
    ],
    ['a driver that sets nothing', {}, ['mycsidriver.example.com', true, false, false, '<unset>', false, '<none>', '2d']],
    ['a driver that attaches nothing and tracks capacity', { attachRequired: false, storageCapacity: true, tokenRequests: [] }, ['mycsidriver.example.com', false, false, true, '', false, '<none>', '2d']],
  ])('prints %s', (_name, spec, cells) => {
    const obj = { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: meta('mycsidriver.example.com'), spec } as KubeObject;
    expect(csiDriverPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('csiNodePrinter', () => {
  it('counts the registered drivers', () => {
    const obj = {
      apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: meta('node-1'),
      spec: { drivers: [{ name: 'ebs.csi.aws.com', nodeID: 'i-0abc', topologyKeys: ['topology.ebs.csi.aws.com/zone'] }, { name: 'efs.csi.aws.com', nodeID: 'i-0abc' }] },
    } as KubeObject;
    expect(csiNodePrinter.print(obj, now).cells).toEqual(['node-1', 2, '2d']);
    expect(csiNodePrinter.print({ ...obj, spec: { drivers: [] } } as KubeObject, now).cells).toEqual(['node-1', 0, '2d']);
    expect(csiNodePrinter.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Drivers:integer', 'Age:string']);
  });
});
