import type { KubeObject, PersistentVolume, PersistentVolumeClaim, Pod } from '@kubelab/api';
import type { PersistentVolumeSpec, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import { ApiRequestError, volumeDataKey } from '@kubelab/bus';
import { decodeUtf8, encodeUtf8, MemoryFs, type Volume as DiskVolume } from '@kubelab/shell';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LabClock } from '../runtime/lab-clock.js';
import { PodStorage, type StorageState } from './pod-storage.js';
import { MemoryVolumeData } from './volume-data.testing.js';
import { VolumeStores } from './volume-stores.js';

const pod = (name: string, volumes: Volume[], mounts: VolumeMount[] = volumes.map((v) => ({ name: v.name, mountPath: `/${v.name}` }))): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `${name}-uid` },
  spec: { nodeName: 'node-1', containers: [{ name: 'c', volumeMounts: mounts }], volumes },
});
const claimVolume = (claimName: string) => ({ name: 'data', persistentVolumeClaim: { claimName } });
const claim = (name: string, phase: string, volumeName = ''): PersistentVolumeClaim => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default', uid: `${name}-uid` }, spec: { volumeName }, status: { phase },
});
const persistentVolume = (name: string, claimName: string, spec: PersistentVolumeSpec): PersistentVolume => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { claimRef: { namespace: 'default', name: claimName, uid: `${claimName}-uid` }, ...spec },
});
const pinnedTo = (node: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } });

describe('the store-backed volumes of a pod', () => {
  let objects: Map<string, KubeObject>;
  let data: MemoryVolumeData;
  let stores: VolumeStores;
  let changes: number;
  const reads: string[] = [];
  const reader = {
    get: async (r: { plural: string }, namespace: string, name: string) => {
      reads.push(`${r.plural}/${name}`);
      const found = objects.get(`${r.plural}/${namespace}/${name}`);
      if (!found) throw new ApiRequestError(404, { reason: 'NotFound', message: `${r.plural} "${name}" not found` });
      return structuredClone(found);
    },
  };
  const add = (o: KubeObject) => objects.set(`${o.kind === 'PersistentVolume' ? 'persistentvolumes' : 'persistentvolumeclaims'}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
  const storageOf = (p: Pod, node = 'node-1') => new PodStorage({
    pod: () => p, node: () => ({ name: node, labels: { 'kubernetes.io/hostname': node } }), reader, stores, clock: new LabClock(1), changed: () => changes++,
  });
  /** Checks, lets what was started finish, and checks again. */
  const settle = async (storage: PodStorage): Promise<StorageState> => {
    storage.check();
    await vi.advanceTimersByTimeAsync(0);
    return storage.check();
  };

  beforeEach(() => {
    vi.useFakeTimers();
    objects = new Map();
    data = new MemoryVolumeData();
    stores = new VolumeStores(async () => data, { writeDelayMs: 50, retryMs: 500, readTimeoutMs: 1000, warn: () => undefined, cluster: { clusterDns: '10.96.0.10', clusterDomain: 'cluster.local', clusterCa: () => '-----BEGIN CERTIFICATE-----\nlab\n-----END CERTIFICATE-----\n' } });
    changes = 0;
    reads.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('open a node\'s disk only once the cluster CA is known, so that it holds /etc/kubernetes/pki/ca.crt', async () => {
    let ca: string | undefined = undefined;
    const waiting = new VolumeStores(async () => data, { writeDelayMs: 50, retryMs: 500, readTimeoutMs: 1000, warn: () => undefined, cluster: { clusterDns: '10.96.0.10', clusterDomain: 'cluster.local', clusterCa: () => ca } });
    let opened: DiskVolume | undefined;
    void waiting.acquire({ kind: 'node', node: 'controlplane' }).then((held) => (opened = held.volume));
    await vi.advanceTimersByTimeAsync(1000);
    expect(opened).toBeUndefined();
    ca = '-----BEGIN CERTIFICATE-----\nlab\n-----END CERTIFICATE-----\n';
    await vi.advanceTimersByTimeAsync(200);
    expect(opened && decodeUtf8(opened.readFile(encodeUtf8('/etc/kubernetes/pki/ca.crt')))).toBe(ca);
  });

  it('open a node\'s disk without the CA once 30 s have passed, as in a lab that runs no controller-manager to publish it', async () => {
    const waiting = new VolumeStores(async () => data, { writeDelayMs: 50, retryMs: 500, readTimeoutMs: 1000, warn: () => undefined, cluster: { clusterDns: '10.96.0.10', clusterDomain: 'cluster.local', clusterCa: () => undefined } });
    let opened: DiskVolume | undefined;
    void waiting.acquire({ kind: 'node', node: 'node-1' }).then((held) => (opened = held.volume));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(opened).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(opened?.stat(encodeUtf8('/etc/kubernetes/pki/ca.crt'))).toBeUndefined();
    expect(opened?.stat(encodeUtf8('/var/lib/kubelet/config.yaml'))?.kind).toBe('file');
  });

  it('wait for a missing claim, say why every 10 s, and mount once it is bound', async () => {
    const storage = storageOf(pod('web', [claimVolume('data')]));
    expect(await settle(storage)).toEqual({
      ready: false,
      failures: ['Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: '
        + 'error processing PVC default/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found'],
    });
    add(claim('data', 'Pending'));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(storage.check()).toEqual({ ready: false, failures: [] });
    await vi.advanceTimersByTimeAsync(1);
    expect(await settle(storage)).toEqual({ ready: false, failures: [expect.stringMatching(/failed to process volumes=\[data\]: error processing PVC default\/data: PVC is not bound$/)] });
    add(claim('data', 'Bound', 'pv-data'));
    add(persistentVolume('pv-data', 'data', { nfs: { server: 'nfs', path: '/' } }));
    storage.changedObject('PersistentVolumeClaim', 'default', 'data');
    await vi.advanceTimersByTimeAsync(0);
    const state = storage.check();
    expect(state.ready).toBe(true);
    expect(reads).toEqual(['persistentvolumeclaims/data', 'persistentvolumeclaims/data', 'persistentvolumeclaims/data', 'persistentvolumes/pv-data']);
  });

  it.each([
    ['a volume bound to another claim', persistentVolume('pv-data', 'someone-else', {}),
      'error processing PVC default/data: found PV object pv-data but its pv.Spec.ClaimRef.UID someone-else-uid does not point to claim.UID data-uid'],
    ['a Block volume in volumeMounts', persistentVolume('pv-data', 'data', { volumeMode: 'Block' }), 'volume data has volumeMode Block, but is specified in volumeMounts'],
    ['a volume that is gone', undefined, 'error processing PVC default/data: failed to fetch PV pv-data from API server: persistentvolumes "pv-data" not found'],
  ])('do not mount %s', async (_, volume, error) => {
    add(claim('data', 'Bound', 'pv-data'));
    if (volume) add(volume);
    const state = await settle(storageOf(pod('web', [claimVolume('data')])));
    expect(state).toEqual({ ready: false, failures: [`Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: ${error}`] });
  });

  it('keep a network volume\'s files in its store: another pod, on another node, sees them, and they outlive both', async () => {
    add(claim('data', 'Bound', 'pvc-9f8e'));
    add(persistentVolume('pvc-9f8e', 'data', { csi: { driver: 'kubelab.dev/shared', volumeHandle: 'pvc-9f8e' } }));
    const writer = storageOf(pod('writer', [claimVolume('data')]));
    const state = await settle(writer);
    if (!state.ready) throw new Error('not mounted');
    const fs = new MemoryFs();
    fs.mount('/data', state.mounts.get('data')!.volume);
    fs.write('/data/greeting', 'hello');
    writer.stop();
    await stores.stop();
    expect(data.keys('pv.pvc-9f8e')).toEqual([volumeDataKey({ kind: 'persistent-volume', name: 'pvc-9f8e' }, '/greeting')]);
    const reader2 = await settle(storageOf(pod('reader', [claimVolume('data')]), 'node-2'));
    expect(reader2.ready && reader2.mounts.get('data')!.volume.readFile('/greeting')).toBe('hello');
  });

  it('refuse a volume whose node affinity leaves the node out, and try again every 2 s', async () => {
    add(claim('data', 'Bound', 'pvc-1b2c'));
    add(persistentVolume('pvc-1b2c', 'data', { hostPath: { path: '/var/local-path-provisioner/pvc-1b2c_default_data', type: 'DirectoryOrCreate' }, nodeAffinity: pinnedTo('node-2') }));
    const storage = storageOf(pod('web', [claimVolume('data')]));
    expect(await settle(storage)).toEqual({ ready: false, failures: ['MountVolume.NodeAffinity check failed for volume "pvc-1b2c" : no matching NodeSelectorTerms'] });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await settle(storage)).toEqual({ ready: false, failures: ['MountVolume.NodeAffinity check failed for volume "pvc-1b2c" : no matching NodeSelectorTerms'] });
  });

  it('make a local-path volume\'s directory on the node\'s disk, where a hostPath pod sees it', async () => {
    add(claim('data', 'Bound', 'pvc-1b2c'));
    add(persistentVolume('pvc-1b2c', 'data', { hostPath: { path: '/var/local-path-provisioner/pvc-1b2c_default_data', type: 'DirectoryOrCreate' }, nodeAffinity: pinnedTo('node-1') }));
    const state = await settle(storageOf(pod('web', [claimVolume('data')])));
    if (!state.ready) throw new Error('not mounted');
    const mount = state.mounts.get('data')!;
    expect(mount.subPath).toBe('/var/local-path-provisioner/pvc-1b2c_default_data');
    mount.volume.writeFile('/var/local-path-provisioner/pvc-1b2c_default_data/db', 'rows', false, new Date(0));
    const admin = await settle(storageOf(pod('admin', [{ name: 'all', hostPath: { path: '/var/local-path-provisioner', type: 'Directory' } }])));
    expect(admin.ready && admin.mounts.get('all')!.volume).toBe(mount.volume);
  });

  it.each([
    [{ path: '/x', type: 'Directory' }, 'MountVolume.SetUp failed for volume "host" : hostPath type check failed: /x is not a directory'],
    [{ path: '/var/local/aaa/1.txt', type: 'FileOrCreate' }, 'MountVolume.SetUp failed for volume "host" : open /var/local/aaa/1.txt: no such file or directory'],
  ])('fail a hostPath %j', async (hostPath, failure) => {
    expect(await settle(storageOf(pod('web', [{ name: 'host', hostPath }])))).toEqual({ ready: false, failures: [failure] });
  });

  it('make hostPath directories and files as their types say, shared by the node\'s pods', async () => {
    const volumes = [{ name: 'mydir', hostPath: { path: '/var/local/aaa', type: 'DirectoryOrCreate' } }, { name: 'myfile', hostPath: { path: '/var/local/aaa/1.txt', type: 'FileOrCreate' } }];
    const state = await settle(storageOf(pod('test-webserver', volumes)));
    if (!state.ready) throw new Error('not mounted');
    expect(state.mounts.get('myfile')).toMatchObject({ subPath: '/var/local/aaa/1.txt', readOnly: false });
    const fs = new MemoryFs();
    fs.mount('/mydir', state.mounts.get('mydir')!.volume, { subPath: state.mounts.get('mydir')!.subPath });
    fs.mount('/mydir/1.txt', state.mounts.get('myfile')!.volume, { subPath: state.mounts.get('myfile')!.subPath });
    fs.write('/mydir/1.txt', 'one');
    expect(fs.list('/mydir')).toEqual(['1.txt']);
    await stores.stop();
    expect(data.keys('node.node-1')).toEqual(['/var/local', '/var/local/aaa', '/var/local/aaa/1.txt'].map((p) => volumeDataKey({ kind: 'node', node: 'node-1' }, p)).sort());
  });
});
