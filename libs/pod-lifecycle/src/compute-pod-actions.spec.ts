import type { KubeletPod } from './kubelet-pod.js';
import { describe, expect, it } from 'vitest';
import { computePodActions } from './compute-pod-actions.js';
import { newPodRuntime } from './new-pod-runtime.js';
import type { PodAction } from './pod-actions.js';
import type { PodRuntime } from './runtime-model.js';
import { sandboxReady } from './sandbox-ready.js';
import { ScriptedAgent } from './testing/agent.js';
import { nodeImages, resolved } from './testing/images.js';
import { at, container, pod } from './testing/pods.js';

const fresh = (p: KubeletPod) => newPodRuntime(p, { hostIP: '172.18.0.2', now: at(0) });
const withSandbox = (p: KubeletPod) => sandboxReady(fresh(p), { podIP: '10.244.0.5' }).runtime;
const pull = (name: string, image = 'nginx:1.27'): PodAction => ({ type: 'PullImage', container: name, kind: 'app', image, decision: { action: 'use-cached', image: resolved(image) } });

describe('computePodActions', () => {
  const cases: [string, KubeletPod, (p: KubeletPod) => PodRuntime, number, PodAction[]][] = [
    ['a new pod gets its sandbox first', pod(), fresh, 0, [{ type: 'CreateSandbox' }]],
    ['a deadline is a time to wake up for', pod({ activeDeadlineSeconds: 600 }), fresh, 0, [{ type: 'CreateSandbox' }, { type: 'WaitUntil', at: at(600) }]],
    ['with a sandbox, the image is resolved', pod(), withSandbox, 0, [pull('nginx')]],
    [
      'all app containers are resolved together, in spec order',
      pod({ containers: [container('web'), container('log', { image: 'busybox:1.36' })] }),
      withSandbox,
      0,
      [pull('web'), pull('log', 'busybox:1.36')],
    ],
    ['a pod the api already reports Succeeded is left alone', pod({}, { phase: 'Succeeded' }), withSandbox, 0, []],
    ['a pod past its deadline before starting is failed', pod({ activeDeadlineSeconds: 5 }), fresh, 5, [{ type: 'FailPod', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' }]],
  ];
  it.each(cases)('%s', (_, p, runtime, seconds, expected) => {
    expect(computePodActions(p, runtime(p), at(seconds), nodeImages())).toEqual(expected);
  });

  it('has nothing to do for a running pod without probes or deadline', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    expect(computePodActions(agent.pod, agent.runtime, at(3600), nodeImages())).toEqual([]);
  });
});

describe('newPodRuntime', () => {
  it('records the pod, its policy, and every container waiting with probe thresholds', () => {
    const p = pod({
      initContainers: [container('setup')],
      containers: [container('nginx', { readinessProbe: { tcpSocket: { port: 80 }, successThreshold: 2, failureThreshold: 4 } })],
      restartPolicy: 'OnFailure',
    });
    expect(fresh(p)).toEqual({
      pod: { namespace: 'default', name: 'web', uid: 'uid-1' },
      restartPolicy: 'OnFailure',
      sandbox: 'none',
      hostIP: '172.18.0.2',
      startTime: '2024-05-01T10:00:00.000Z',
      containers: {
        setup: expect.objectContaining({ kind: 'init', state: 'waiting', waiting: { reason: 'PodInitializing' }, probes: {} }),
        nginx: {
          name: 'nginx',
          kind: 'app',
          image: 'nginx:1.27',
          state: 'waiting',
          waiting: { reason: 'PodInitializing' },
          restartCount: 0,
          started: false,
          ready: false,
          imageID: '',
          containerID: '',
          pull: { phase: 'none' },
          probes: { readiness: { successThreshold: 2, failureThreshold: 4, run: 0 } },
        },
      },
    });
  });
});
