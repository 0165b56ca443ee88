import { describe, expect, it } from 'vitest';
import { newPodRuntime } from './new-pod-runtime.js';
import { podStatus } from './pod-status.js';
import { NGINX_DIGEST } from './testing/images.js';
import { ScriptedAgent } from './testing/agent.js';
import { at, container, pod } from './testing/pods.js';

const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T09:59:59Z' };
const condition = (type: string, status: string, time: string, extra: Record<string, string> = {}) => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime: time,
  ...extra,
});

describe('podStatus: nginx from admission to Running', () => {
  it('reports a pod without sandbox as Pending, ContainerCreating', () => {
    const nginx = pod();
    const status = podStatus(nginx, newPodRuntime(nginx, { hostIP: '172.18.0.2', now: at(0) }), at(0));
    expect(status).toEqual({
      phase: 'Pending',
      conditions: [
        condition('PodReadyToStartContainers', 'False', '2024-05-01T10:00:00Z'),
        condition('Initialized', 'True', '2024-05-01T10:00:00Z'),
        condition('Ready', 'False', '2024-05-01T10:00:00Z', { reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' }),
        condition('ContainersReady', 'False', '2024-05-01T10:00:00Z', { reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' }),
        scheduled,
      ],
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      startTime: '2024-05-01T10:00:00Z',
      containerStatuses: [
        { name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', started: false },
      ],
      qosClass: 'BestEffort',
    });
  });

  it('reports the started container as Running and Ready, keeping unchanged transition times', () => {
    const agent = new ScriptedAgent(pod());
    agent.pod = { ...agent.pod, status: podStatus(agent.pod, agent.runtime, at(0)) };
    agent.sync(2.4);
    expect(agent.status).toEqual({
      phase: 'Running',
      conditions: [
        condition('PodReadyToStartContainers', 'True', '2024-05-01T10:00:02Z'),
        condition('Initialized', 'True', '2024-05-01T10:00:00Z'),
        condition('Ready', 'True', '2024-05-01T10:00:02Z'),
        condition('ContainersReady', 'True', '2024-05-01T10:00:02Z'),
        scheduled,
      ],
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      podIP: '10.244.0.5',
      podIPs: [{ ip: '10.244.0.5' }],
      startTime: '2024-05-01T10:00:00Z',
      containerStatuses: [
        {
          name: 'nginx',
          state: { running: { startedAt: '2024-05-01T10:00:02Z' } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: 'docker.io/library/nginx:1.27',
          imageID: `docker.io/library/nginx@${NGINX_DIGEST}`,
          containerID: 'containerd://nginx-1',
          started: true,
        },
      ],
      qosClass: 'BestEffort',
    });
    expect(Object.keys(agent.status)).toEqual(['phase', 'conditions', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'containerStatuses', 'qosClass']);
    expect(agent.events.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Pulled: Container image "nginx:1.27" already present on machine',
      'Created: Created container: nginx',
      'Started: Started container nginx',
    ]);
    expect(agent.events[0].fieldPath).toBe('spec.containers{nginx}');
  });
});

describe('podStatus: phases by restartPolicy', () => {
  const cases: [string, string, number, string, string[]][] = [
    ['Always, exit 0: restarted, still Running', 'Always', 0, 'Running', ['Ready=True']],
    ['OnFailure, exit 0: Succeeded, not restarted', 'OnFailure', 0, 'Succeeded', ['Ready=False/PodCompleted', 'Initialized=True/PodCompleted']],
    ['OnFailure, exit 1: restarted, Running', 'OnFailure', 1, 'Running', ['Ready=True']],
    ['Never, exit 0: Succeeded', 'Never', 0, 'Succeeded', ['Ready=False/PodCompleted']],
    ['Never, exit 1: Failed', 'Never', 1, 'Failed', ['Ready=False/PodFailed', 'ContainersReady=False/PodFailed']],
  ];
  it.each(cases)('%s', (_, restartPolicy, exitCode, phase, conditions) => {
    const agent = new ScriptedAgent(pod({ restartPolicy }));
    agent.sync(1);
    agent.exit('nginx', 5, { exitCode });
    expect(agent.status.phase).toBe(phase);
    for (const c of conditions) expect(agent.conditions()).toContain(c);
  });

  it('keeps the finished run of a Succeeded pod and stops reporting its sandbox', () => {
    const agent = new ScriptedAgent(pod({ restartPolicy: 'OnFailure' }));
    agent.sync(1);
    expect(agent.exit('nginx', 5, { exitCode: 0 })).toEqual([]);
    expect(agent.containerStatus('nginx')).toMatchObject({
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2024-05-01T10:00:01Z', finishedAt: '2024-05-01T10:00:05Z', containerID: 'containerd://nginx-1' } },
      ready: false,
      started: false,
      restartCount: 0,
    });
    expect(agent.conditions()[0]).toBe('PodReadyToStartContainers=False');
    expect(agent.status.podIP).toBe('10.244.0.5');
  });

  it('reports Never / exit 1 as Error with the exit code and an OOM kill as OOMKilled', () => {
    const agent = new ScriptedAgent(pod({ restartPolicy: 'Never', containers: [container('a'), container('b')] }));
    agent.sync(1);
    agent.exit('a', 3, { exitCode: 1 });
    agent.exit('b', 4, { exitCode: 137, reason: 'OOMKilled' });
    expect(agent.status.phase).toBe('Failed');
    expect(agent.containerStatus('a').state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(agent.containerStatus('b').state.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('sorts app container statuses by name, as the kubelet does', () => {
    const agent = new ScriptedAgent(pod({ containers: [container('web'), container('app'), container('sidecar')] }));
    agent.sync(1);
    expect(agent.status.containerStatuses.map((s: any) => s.name)).toEqual(['app', 'sidecar', 'web']);
  });

  it('lists unready containers in spec order', () => {
    const agent = new ScriptedAgent(pod({ containers: [container('web'), container('app')] }));
    expect(podStatus(agent.pod, agent.runtime, at(0)).conditions[3]).toMatchObject({ message: 'containers with unready status: [web app]' });
  });

  it('reports read-only volume mounts with their recursiveReadOnly mode', () => {
    const mounts = [
      { name: 'data', mountPath: '/data' },
      { name: 'kube-api-access-x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
    ];
    const agent = new ScriptedAgent(pod({ containers: [container('nginx', { volumeMounts: mounts })] }));
    expect(podStatus(agent.pod, agent.runtime, at(0)).containerStatuses?.[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/data' },
      { name: 'kube-api-access-x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' },
    ]);
  });
});

describe('podStatus: readiness gates', () => {
  const gate = (status?: string) => (status ? [{ type: 'example.com/lb-ready', status, lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z' }] : []);
  const cases: [string, string | undefined, string, string | undefined][] = [
    ['gate condition True: Ready', 'True', 'True', undefined],
    ['gate condition False: not Ready', 'False', 'False', 'the status of pod readiness gate "example.com/lb-ready" is not "True", but False'],
    ['gate condition missing: not Ready', undefined, 'False', 'corresponding condition of pod readiness gate "example.com/lb-ready" does not exist.'],
  ];
  it.each(cases)('%s', (_, gateStatus, ready, message) => {
    const gated = pod({ readinessGates: [{ conditionType: 'example.com/lb-ready' }] });
    const agent = new ScriptedAgent(gated);
    agent.pod = { ...agent.pod, status: { ...agent.pod.status, conditions: [...gate(gateStatus), ...agent.status.conditions] } };
    agent.sync(1);
    const readyCondition = agent.status.conditions.find((c: any) => c.type === 'Ready');
    expect(readyCondition.status).toBe(ready);
    expect(readyCondition.message).toBe(message);
    if (message) expect(readyCondition.reason).toBe('ReadinessGatesNotReady');
    expect(agent.conditions()).toContain('ContainersReady=True');
    expect(agent.status.conditions[0].type).toBe(gateStatus ? 'example.com/lb-ready' : 'PodReadyToStartContainers');
  });
});
