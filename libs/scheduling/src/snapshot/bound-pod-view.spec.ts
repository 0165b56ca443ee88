import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { findPreemption } from '../preemption/find-preemption.js';
import { schedulePod } from '../schedule/schedule-pod.js';
import { makeNode, makePod, seededRandom } from '../test-fixtures.js';
import { boundPodView } from './bound-pod-view.js';
import { boundPod } from './bound-pod.js';
import { ClusterSnapshot } from './cluster-snapshot.js';

const rs = { kind: 'ReplicaSet', name: 'web-5d4f', uid: 'rs-1' };

/** A bound pod with something of everything the scheduler reads, and much it does not. */
function richPod(name: string, nodeName: string, extra: Partial<Pod['spec']> = {}): Pod {
  const pod = makePod(name, {
    nodeName, priority: 10, labels: { app: 'web', 'pod-template-hash': '5d4f' }, owner: rs,
    spec: {
      containers: [
        { name: 'app', image: 'nginx:1.14.2', env: [{ name: 'A', value: 'b' }], resources: { requests: { cpu: '250m' }, limits: { cpu: '1' } },
          ports: [{ containerPort: 80 }, { containerPort: 8080, hostPort: 8080 }, { containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }] },
        { name: 'log', image: 'busybox', ports: [{ containerPort: 9000, hostPort: 0 }] },
      ],
      initContainers: [
        { name: 'sidecar', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
        { name: 'migrate', image: 'migrate', resources: { requests: { memory: '1Gi' } }, ports: [{ containerPort: 1, hostPort: 7000 }] },
      ],
      overhead: { cpu: '10m' },
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] } },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] }] },
      },
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'data-0' } },
        { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } },
        { name: 'disk', gcePersistentDisk: { pdName: 'pd-1' } },
        { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      ...extra,
    },
  });
  pod.metadata.ownerReferences!.push({ apiVersion: 'v1', kind: 'ConfigMap', name: 'not-a-controller', uid: 'cm-1' });
  pod.metadata.resourceVersion = '42';
  pod.metadata.annotations = { note: 'x'.repeat(1000) };
  pod.status = {
    phase: 'Running', startTime: '2025-01-01T00:00:05Z', podIP: '10.244.0.5',
    conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx:1.14.2', imageID: 'sha256:x' }],
  };
  return pod;
}

const digest = (pod: Pod) => {
  const { pod: _pod, ...rest } = boundPod(pod);
  return rest;
};

describe('boundPodView', () => {
  it('keeps everything the BoundPod digest reads, and drops the rest', () => {
    const full = richPod('web-1', 'a');
    const terminating = { ...full, metadata: { ...full.metadata, deletionTimestamp: '2025-01-01T00:01:00Z' } };
    const finished = { ...full, status: { ...full.status, phase: 'Succeeded' } };
    for (const pod of [full, terminating, finished]) expect(digest(boundPodView(structuredClone(pod)))).toEqual(digest(pod));
    const view = boundPodView(structuredClone(full));
    expect(view.spec?.containers).toEqual([
      { name: 'app', resources: { requests: { cpu: '250m' } }, ports: [{ containerPort: 8080, hostPort: 8080 }, { containerPort: 53, hostPort: 53, protocol: 'UDP', hostIP: '10.0.0.1' }] },
      { name: 'log' },
    ]);
    expect(view.spec?.volumes?.map((v) => v.name)).toEqual(['data', 'disk']);
    expect(view.spec?.affinity?.nodeAffinity).toBeUndefined();
    expect([view.metadata.annotations, view.spec?.tolerations]).toEqual([undefined, undefined]);
    expect(view.status).toEqual({ phase: 'Running', startTime: '2025-01-01T00:00:05Z' });
  });

  it('keeps what an Event and an eviction name', () => {
    const view = boundPodView(richPod('web-1', 'a'));
    expect({ apiVersion: view.apiVersion, kind: view.kind, ...view.metadata }).toMatchObject({
      apiVersion: 'v1', kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'uid-web-1', resourceVersion: '42',
    });
  });

  it("shares the replicas' equal parts, frozen", () => {
    const [one, two] = [boundPodView(richPod('web-1', 'a')), boundPodView(richPod('web-2', 'b'))];
    expect(two.metadata.labels).toBe(one.metadata.labels);
    expect(two.metadata.ownerReferences).toBe(one.metadata.ownerReferences);
    expect(two.spec?.containers).toBe(one.spec?.containers);
    expect(two.spec?.affinity).toBe(one.spec?.affinity);
    expect(Object.isFrozen(one.spec?.containers[0].resources?.requests)).toBe(true);
  });

  it('schedules and preempts exactly as the whole pods do', () => {
    const bound = [
      richPod('web-1', 'a'),
      richPod('web-2', 'b', { priority: 0, volumes: [] }),
      makePod('batch', { nodeName: 'c', cpu: '3500m', priority: 1, owner: { kind: 'Job', name: 'j', uid: 'job-1' } }),
      { ...makePod('late', { nodeName: 'c', cpu: '100m', priority: 1 }), status: { phase: 'Running', startTime: '2025-01-01T00:09:00Z' } },
    ];
    const snapshotOf = (pods: Pod[]) => {
      const snapshot = new ClusterSnapshot();
      for (const name of ['a', 'b', 'c']) snapshot.upsertNode(makeNode(name, { cpu: '4', labels: { x: '1' } }));
      for (const pod of pods) snapshot.upsertPod(pod);
      return snapshot;
    };
    const whole = snapshotOf(bound.map((p) => structuredClone(p)));
    const viewed = snapshotOf(bound.map((p) => boundPodView(structuredClone(p))));
    const incoming = [
      makePod('web-3', { labels: { app: 'web', 'pod-template-hash': '5d4f' }, priority: 100, cpu: '1',
        spec: { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '1' } }, ports: [{ containerPort: 80, hostPort: 8080 }] }],
          volumes: [{ name: 'disk', gcePersistentDisk: { pdName: 'pd-1' } }] } }),
      makePod('big', { cpu: '3', priority: 5 }),
      makePod('huge', { cpu: '4', priority: 1000 }),
    ];
    for (const pod of incoming) {
      expect(schedulePod(viewed, pod, { random: seededRandom(7) })).toEqual(schedulePod(whole, pod, { random: seededRandom(7) }));
      const names = (snapshot: ClusterSnapshot) => {
        const outcome = findPreemption(snapshot, pod);
        return 'none' in outcome ? outcome : { nodeName: outcome.nodeName, victims: outcome.victims.map((v) => v.metadata.name) };
      };
      expect(names(viewed)).toEqual(names(whole));
      if (pod === incoming[2]) expect(names(viewed)).toEqual({ nodeName: 'b', victims: ['web-2'] });
    }
  });
});
