import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const manifest = (...objects: object[]) => objects.map((o) => JSON.stringify(o)).join('\n');

const pod = (name: string, claimName: string) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: {
    containers: [{ name: 'c', image: 'nginx:1.14.2', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }], terminationGracePeriodSeconds: 0,
  },
});

const storageClass = (name: string, provisioner: string) => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: 'WaitForFirstConsumer',
});

// StorageClasses and volumes are cluster-scoped: on the shared lab they carry the suite's name.
const localStorage = 'volume-binding-local-storage';
const unserved = 'volume-binding-unserved';
const localPv = 'volume-binding-local-pv-2';

/** A local volume on one node, as an administrator creates it for a no-provisioner class. */
const localVolume = (name: string, node: string) => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name },
  spec: {
    capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: localStorage,
    local: { path: '/mnt/disks/vol1' },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
  },
});

const claim = (name: string, className: string) => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: className, resources: { requests: { storage: '1Gi' } } },
});

describe('volume binding: the scheduler, the StatefulSet controller and the real kubectl (time scale 20)', () => {
  let lab: TestLab;
  const apply = async (text: string) => expect((await lab.kubectl(['apply', '-f', '-'], { stdin: text })).stderr).toBe('');
  const jsonpath = async (args: string[], path: string) => (await lab.kubectl(['get', ...args, '-o', `jsonpath=${path}`])).stdout;
  const described = (name: string, pattern: RegExp) => waitFor(async () => {
    const out = (await lab.kubectl(['describe', 'pod', name])).stdout;
    return pattern.test(out) ? out : undefined;
  }, `${pattern} in kubectl describe pod ${name}`, 60_000);

  beforeAll(async () => {
    lab = await sharedLab('volume-binding');
  });
  afterAll(async () => {
    if (lab) await lab.kubectl(['delete', `pv/${localPv}`, `storageclass/${localStorage}`, `storageclass/${unserved}`, '--ignore-not-found', '--wait=false']);
    lab?.stop();
  });

  it('keeps a pod whose claim is missing Pending; once the claim exists the scheduler promises it the local volume on node-2, the PV controller binds them and the pod lands there', async () => {
    await apply(manifest(pod('needs-data', 'data')));
    expect(await described('needs-data', /FailedScheduling/)).toContain(
      '0/4 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
    expect(await jsonpath(['pod', 'needs-data'], '{.status.conditions[?(@.type=="PodScheduled")].reason}')).toBe('Unschedulable');

    await apply(manifest(storageClass(localStorage, 'kubernetes.io/no-provisioner'), localVolume(localPv, 'node-2')));
    await waitFor(async () => (await jsonpath(['pv', localPv], '{.status.phase}')) === 'Available' || undefined, `the PV controller to make ${localPv} Available`, 30_000);
    await apply(manifest(claim('data', localStorage)));

    // BindPodVolumes: the scheduler promises the volume to the claim; the PV controller completes the binding.
    const claimUid = await jsonpath(['pvc', 'data'], '{.metadata.uid}');
    expect(await waitFor(async () => (await jsonpath(['pv', localPv], '{.spec.claimRef.uid}')) || undefined, 'the claimRef written by the scheduler', 30_000)).toBe(claimUid);
    expect(await jsonpath(['pv', localPv], '{.spec.claimRef.name}')).toBe('data');
    expect(await jsonpath(['pv', localPv], '{.metadata.annotations.pv\\.kubernetes\\.io/bound-by-controller}')).toBe('yes');
    // The PV controller completes the binding the scheduler started.
    expect(await waitFor(async () => (await jsonpath(['pvc', 'data'], '{.status.phase}')) === 'Bound' || undefined, 'the claim to be Bound', 30_000)).toBe(true);
    expect(await jsonpath(['pvc', 'data'], '{.spec.volumeName}')).toBe(localPv);

    expect(await waitFor(async () => (await jsonpath(['pod', 'needs-data'], '{.spec.nodeName}')) || undefined, 'needs-data to be placed', 30_000)).toBe('node-2');
  });

  it('creates a StatefulSet pod\'s claim first, then the scheduler selects a node for it and waits for a provisioner', async () => {
    const set = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
      spec: {
        replicas: 1, serviceName: 'web', selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: unserved, resources: { requests: { storage: '1Gi' } } } }],
      },
    };
    await apply(manifest(storageClass(unserved, 'example.com/nobody'), set));

    const messages = await waitFor(async () => {
      const out = await jsonpath(['events', '--field-selector', 'involvedObject.name=web,reason=SuccessfulCreate'], '{range .items[*]}{.message}{"\\n"}{end}');
      return out.includes('create Pod web-0') ? out : undefined;
    }, 'the StatefulSet\'s SuccessfulCreate events', 30_000);
    expect(messages.split('\n').filter(Boolean)).toEqual(['create Claim data-web-0 Pod web-0 in StatefulSet web success', 'create Pod web-0 in StatefulSet web successful']);
    expect(await jsonpath(['pvc', 'data-web-0'], '{.metadata.labels.app}')).toBe('web');
    expect(await jsonpath(['pod', 'web-0'], '{.spec.volumes[0].persistentVolumeClaim.claimName}')).toBe('data-web-0');

    // No provisioner serves the class: the claim names the node the scheduler chose, and the pod waits in PreBind.
    const selected = await waitFor(
      async () => (await jsonpath(['pvc', 'data-web-0'], '{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}')) || undefined,
      'the selected-node annotation', 30_000,
    );
    expect(['node-1', 'node-2', 'node-3']).toContain(selected);
    expect(await jsonpath(['pod', 'web-0'], '{.spec.nodeName}')).toBe('');
    // The bind timeout (600 s, 30 s at time scale 20) sends the pod back to the queue, in kube-scheduler's words.
    expect(await described('web-0', /binding volumes: context deadline exceeded/)).toContain(
      'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded',
    );
    expect(await jsonpath(['pod', 'web-0'], '{.status.conditions[?(@.type=="PodScheduled")].reason}')).toBe('SchedulerError');
    expect(await jsonpath(['pod', 'web-0'], '{.spec.nodeName}')).toBe('');
  });
});
