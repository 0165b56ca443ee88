/**
 * Volumes whose files outlive pods, on a lab of two nodes (time scale 20) with the real kubectl:
 * a static nfs PersistentVolume and a claim pre-bound to each other (bound by the PV
 * controller), whose files a pod writes and another pod, on the other node, reads after it is
 * gone; pods on two nodes sharing it; its files through a kill -9 of the agent; a pod whose claim
 * is missing, waiting in ContainerCreating; hostPath volumes on one node's disk; a StatefulSet
 * whose claims the default class provisions, its pod back to its own data after a delete. The files live
 * in the lab's NATS (the volume data bucket), which the test reads as the lab's admin.
 */
import { busConnectionOptions, volumeData, volumeStorePrefix } from '@kubelab/bus';
import { startLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type KV, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sleeper = (name: string, node: string, volumes: object[], mounts: object[], script = 'sleep 3600') => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { nodeName: node, terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'busybox:1.28', command: ['sh', '-c', script], volumeMounts: mounts }], volumes },
});
const claimVolume = (claimName: string) => [{ name: 'data', persistentVolumeClaim: { claimName } }];
const atData = [{ name: 'data', mountPath: '/data' }];

/** A static nfs volume (network storage: the same files from every node) and a claim pre-bound to it. */
const nfsVolumeAndClaim = (volume: string, claim: string) => [
  {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: volume },
    spec: {
      capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: '',
      nfs: { server: 'nfs.lab.example', path: `/exports/${volume}` }, claimRef: { namespace: 'default', name: claim },
    },
  },
  {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim },
    spec: { accessModes: ['ReadWriteMany'], storageClassName: '', volumeName: volume, resources: { requests: { storage: '1Gi' } } },
  },
].map((o) => JSON.stringify(o)).join('\n');

describe('volumes that outlive pods (two nodes, time scale 20, the real kubectl)', () => {
  let lab: TestLab;
  let nats: NatsConnection;
  let bucket: KV;
  const apply = async (manifest: string) => expect((await lab.kubectl(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');
  const jsonpath = async (kind: string, name: string, path: string) => (await lab.kubectl(['get', kind, name, '-o', `jsonpath=${path}`])).stdout;
  const running = (pod: string) => waitFor(async () => (await jsonpath('pod', pod, '{.status.phase}')) === 'Running', `${pod} Running`, 20_000, 100);
  const exec = async (pod: string, script: string) => (await lab.kubectl(['exec', pod, '--', 'sh', '-c', script])).stdout;
  const bound = (claim: string) => waitFor(async () => (await jsonpath('pvc', claim, '{.status.phase}')) === 'Bound', `claim ${claim} Bound`, 20_000, 100);
  const storedKeys = async (prefix: string) => {
    const keys: string[] = [];
    for await (const key of await bucket.keys(`${prefix}.>`)) keys.push(key);
    return keys;
  };
  const deleted = (pod: string) => lab.kubectl(['delete', 'pod', pod, '--wait=true', '--timeout=20s']);
  const events = async (pod: string, reason: string) => (await lab.kubectl(['get', 'events', '--field-selector', `involvedObject.name=${pod},reason=${reason}`, '-o', 'jsonpath={.items[*].message}'])).stdout;

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale: 20 });
    nats = await connect({ servers: lab.state().natsUrl, ...busConnectionOptions({ kind: 'admin' }, lab.natsUser('admin', [])) });
    bucket = await volumeData(nats);
  }, 120_000);
  afterAll(async () => {
    await nats?.close();
    lab?.stop();
  });

  it('keeps what a pod wrote after it is deleted: a new pod on the other node reads it, with kubectl exec and kubectl cp', async () => {
    await apply(nfsVolumeAndClaim('nfs-data', 'data'));
    await bound('data');
    await apply(sleeper('writer', 'node-1', claimVolume('data'), atData, 'echo "written on node-1" > /data/hello.txt; sleep 3600'));
    await running('writer');
    await waitFor(async () => (await exec('writer', 'cat /data/hello.txt')) === 'written on node-1\n', 'the file in the writer');
    expect((await deleted('writer')).code).toBe(0);
    await apply(sleeper('reader', 'node-2', claimVolume('data'), atData));
    await running('reader');
    expect(await exec('reader', 'cat /data/hello.txt')).toBe('written on node-1\n');
    const local = join(tempDir('cp'), 'hello.txt');
    expect((await lab.kubectl(['cp', 'reader:/data/hello.txt', local])).code).toBe(0);
    expect(readFileSync(local, 'utf8')).toBe('written on node-1\n');
    writeFileSync(local, 'uploaded\n');
    expect((await lab.kubectl(['cp', local, 'reader:/data/uploaded.txt'])).code).toBe(0);
    expect(await exec('reader', 'cat /data/uploaded.txt')).toBe('uploaded\n');
  });

  it('shows each of two pods on two nodes what the other writes to a ReadWriteMany volume, within a second', async () => {
    await apply(sleeper('left', 'node-1', claimVolume('data'), atData));
    await running('left');
    await running('reader');
    await exec('left', 'echo ping > /data/ping');
    await waitFor(async () => (await exec('reader', 'cat /data/ping 2>/dev/null')) === 'ping\n', 'the reader to see the ping', 1_500, 50);
    await exec('reader', 'echo pong >> /data/ping; rm /data/uploaded.txt');
    await waitFor(async () => (await exec('left', 'cat /data/ping; ls /data')) === 'ping\npong\nhello.txt\nping\n', 'the writer to see the pong', 1_500, 50);
  });

  it('keeps the files through a kill -9 of the agent: the restarted container finds them', async () => {
    await apply(sleeper('boots', 'node-1', claimVolume('data'), atData, 'echo boot >> /data/boots; sleep 3600'));
    await running('boots');
    const prefix = volumeStorePrefix({ kind: 'persistent-volume', name: 'nfs-data' });
    const key = `${prefix}.${Buffer.from('/boots').toString('base64url')}`;
    await waitFor(async () => (await storedKeys(prefix)).includes(key), 'the file in the volume data bucket');
    expect(lab.kubelab(['chaos', 'kill-agent', 'node-1']).status).toBe(0);
    expect(lab.kubelab(['chaos', 'start-agent', 'node-1']).status).toBe(0);
    await waitFor(async () => (await jsonpath('pod', 'boots', '{.status.containerStatuses[0].restartCount} {.status.phase}')) === '1 Running', 'boots running again', 30_000, 200);
    await waitFor(async () => (await exec('boots', 'cat /data/boots')) === 'boot\nboot\n', 'both boots in the file');
  });

  it('takes a Delete volume\'s files with it when the volume is deleted', async () => {
    for (const pod of ['boots', 'left', 'reader']) expect((await deleted(pod)).code).toBe(0);
    await lab.kubectl(['delete', 'pvc', 'data', '--wait=false']);
    // Released, the PV controller may delete it first (reclaim policy Delete); the protection finalizers let it go then.
    await lab.kubectl(['delete', 'pv', 'nfs-data', '--wait=false', '--ignore-not-found']);
    await waitFor(async () => (await lab.kubectl(['get', 'pv', 'nfs-data'])).code !== 0, 'the volume to be gone', 20_000, 100);
    await waitFor(async () => (await storedKeys('pv.nfs-data')).length === 0, 'the volume\'s files to go', 10_000, 100);
  });

  it('keeps a pod whose claim is missing in ContainerCreating, saying why, and tries again as the claim changes', async () => {
    await apply(sleeper('orphan', 'node-2', claimVolume('missing'), atData));
    const notFound = 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: '
      + 'error processing PVC default/missing: failed to fetch PVC from API server: persistentvolumeclaims "missing" not found';
    await waitFor(async () => (await events('orphan', 'FailedMount')) === notFound, 'the FailedMount event');
    expect(await jsonpath('pod', 'orphan', '{.status.phase} {.status.containerStatuses[0].state.waiting.reason}')).toBe('Pending ContainerCreating');
    expect((await lab.kubectl(['get', 'pod', 'orphan', '--no-headers'])).stdout).toMatch(/^orphan\s+0\/1\s+ContainerCreating\s+0\s/);
    await apply(JSON.stringify({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'missing' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'no-such-class', resources: { requests: { storage: '1Gi' } } },
    }));
    await waitFor(async () => (await events('orphan', 'FailedMount')).includes('error processing PVC default/missing: PVC is not bound'), 'the claim Pending, said so');
    expect((await lab.kubectl(['describe', 'pod', 'orphan'])).stdout).toContain('FailedMount');
  });

  it('shares a hostPath DirectoryOrCreate between two pods of one node, and fails a Directory that is not there', async () => {
    const hostData = [{ name: 'host', hostPath: { path: '/var/local/shared', type: 'DirectoryOrCreate' } }];
    const atHost = [{ name: 'host', mountPath: '/host' }];
    await apply(sleeper('host-a', 'node-1', hostData, atHost, 'echo from-a > /host/a.txt; sleep 3600'));
    await apply(sleeper('host-b', 'node-1', hostData, atHost));
    await apply(sleeper('host-elsewhere', 'node-2', hostData, atHost));
    await Promise.all([running('host-a'), running('host-b'), running('host-elsewhere')]);
    await waitFor(async () => (await exec('host-b', 'cat /host/a.txt')) === 'from-a\n', 'host-b to read what host-a wrote');
    expect(await exec('host-elsewhere', 'ls /host')).toBe('');
    const disk = [{ name: 'disk', hostPath: { path: '/var/local', type: 'Directory' } }];
    await apply(sleeper('host-parent', 'node-1', disk, [{ name: 'disk', mountPath: '/disk' }]));
    await running('host-parent');
    expect(await exec('host-parent', 'cat /disk/shared/a.txt')).toBe('from-a\n');
    await apply(sleeper('host-missing', 'node-1', [{ name: 'host', hostPath: { path: '/nope', type: 'Directory' } }], atHost));
    await waitFor(async () => (await events('host-missing', 'FailedMount')) === 'MountVolume.SetUp failed for volume "host" : hostPath type check failed: /nope is not a directory', 'the type check to fail');
    expect(await jsonpath('pod', 'host-missing', '{.status.containerStatuses[0].state.waiting.reason}')).toBe('ContainerCreating');
  });

  it('gives a StatefulSet pod a claim of the default class, and brings the pod back to its own data after a delete', async () => {
    const set = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: {
        replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [{ name: 'c', image: 'busybox:1.28', command: ['sh', '-c', '[ -f /data/id ] || hostname > /data/id; sleep 3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
          },
        },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    };
    await apply(JSON.stringify(set));
    await Promise.all([bound('data-db-0'), bound('data-db-1')]);
    expect(await jsonpath('pvc', 'data-db-0', '{.spec.storageClassName}')).toBe('standard');
    await Promise.all([running('db-0'), running('db-1')]);
    const node = await jsonpath('pod', 'db-0', '{.spec.nodeName}');
    const volume = await jsonpath('pvc', 'data-db-0', '{.spec.volumeName}');
    expect(await jsonpath('pv', volume, '{.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}')).toBe(node);
    await waitFor(async () => (await exec('db-0', 'cat /data/id')) === 'db-0\n', 'db-0 to write its id');
    await exec('db-0', 'echo kept > /data/state');
    const uid = await jsonpath('pod', 'db-0', '{.metadata.uid}');
    expect((await deleted('db-0')).code).toBe(0);
    await waitFor(async () => {
      const again = await jsonpath('pod', 'db-0', '{.metadata.uid}');
      return again !== '' && again !== uid && (await jsonpath('pod', 'db-0', '{.status.phase}')) === 'Running';
    }, 'db-0 back under a new uid', 30_000, 100);
    expect(await jsonpath('pod', 'db-0', '{.spec.nodeName}')).toBe(node);
    expect(await exec('db-0', 'cat /data/id /data/state')).toBe('db-0\nkept\n');
    expect(await exec('db-1', 'cat /data/id; ls /data')).toBe('db-1\nid\n');
  });

  it('read claims and volumes only as a kubelet may: no refusal of an agent in the log', async () => {
    const refused = lab.kubelab(['events', '--type', 'Refused']);
    expect(refused.status, refused.stderr).toBe(0);
    expect(refused.stdout.split('\n').filter((line) => line.includes('kubelet') || line.includes('system:node:'))).toEqual([]);
  });
});
