import { podReadiness, podStatus as printedStatus } from '@kubelab/api';
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { computePodActions } from './compute-pod-actions.js';
import { deletionRequested } from './deletion-requested.js';
import type { PodAction } from './pod-actions.js';
import { probeResult } from './probe-result.js';
import { ScriptedAgent } from './testing/agent.js';
import { nodeImages } from './testing/images.js';
import { at, container, pod } from './testing/pods.js';

const sidecar = (name: string, extra: Partial<Container> = {}) => container(name, { image: 'busybox:1.36', restartPolicy: 'Always', ...extra });
const startupProbe: Probe = { exec: { command: ['cat', '/ready'] }, periodSeconds: 5, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1 };

/** `TYPE container` for each action, WaitUntil left out. */
const steps = (actions: PodAction[]) => actions.filter((a) => a.type !== 'WaitUntil').map((a) => ('container' in a ? `${a.type} ${a.container}` : a.type));

/** READY and STATUS as `kubectl get pod` prints them. */
const printed = (agent: ScriptedAgent) => {
  const printable = agent.pod as unknown as Pod;
  return `${podReadiness(printable)} ${printedStatus(printable)}`;
};

const state = (agent: ScriptedAgent, name: string) => {
  const s = agent.containerStatus(name).state;
  return s.waiting?.reason ?? (s.running ? 'running' : `exit ${s.terminated.exitCode}`);
};

describe('sidecar containers (init containers with restartPolicy Always)', () => {
  it('start the app containers once the sidecar has started, and count in READY', () => {
    const agent = new ScriptedAgent(pod({ initContainers: [sidecar('logshipper')], containers: [container('myapp')] }));
    expect(steps(agent.sync(1))).toEqual(['CreateSandbox', 'PullImage logshipper', 'StartContainer logshipper', 'PullImage myapp', 'StartContainer myapp']);
    expect(agent.status.phase).toBe('Running');
    expect(agent.containerStatus('logshipper')).toMatchObject({ started: true, ready: true, restartCount: 0, state: { running: {} } });
    expect(agent.conditions()).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    expect(printed(agent)).toBe('2/2 Running');
  });

  it('hold the next init container and the app containers until the startup probe passes', () => {
    const agent = new ScriptedAgent(pod({
      initContainers: [sidecar('proxy', { startupProbe }), container('migrate', { image: 'busybox:1.36' })],
      containers: [container('myapp')],
    }));
    expect(steps(agent.sync(1))).toEqual(['CreateSandbox', 'PullImage proxy', 'StartContainer proxy']);
    expect(agent.status.phase).toBe('Pending');
    expect(agent.status.conditions[1]).toMatchObject({ type: 'Initialized', status: 'False', message: 'containers with incomplete status: [proxy migrate]' });
    expect(printed(agent)).toBe('0/2 Init:0/2');
    agent.apply(probeResult(agent.runtime, 'proxy', 'startup', { success: true, now: at(6) }));
    expect(steps(agent.sync(6))).toEqual(['PullImage migrate', 'StartContainer migrate']);
    expect(printed(agent)).toBe('1/2 Init:1/2');
    expect(steps(agent.exit('migrate', 8, { exitCode: 0 }))).toEqual(['PullImage myapp', 'StartContainer myapp']);
    expect(agent.status.phase).toBe('Running');
    expect(printed(agent)).toBe('2/2 Running');
  });

  it('restart an exited sidecar with back-off even under restartPolicy Never', () => {
    const agent = new ScriptedAgent(pod({ restartPolicy: 'Never', initContainers: [sidecar('logshipper')], containers: [container('myapp')] }));
    agent.sync(1);
    expect(steps(agent.exit('logshipper', 2, { exitCode: 1 }))).toEqual(['PullImage logshipper', 'StartContainer logshipper']);
    expect(steps(agent.exit('logshipper', 3, { exitCode: 1 }))).toEqual([]);
    agent.sync(4);
    expect(agent.containerStatus('logshipper')).toMatchObject({ restartCount: 1, ready: false, state: { waiting: { reason: 'CrashLoopBackOff' } } });
    expect(agent.status.phase).toBe('Running');
    expect(agent.conditions()).toContain('Ready=False/ContainersNotReady');
    expect(agent.status.conditions[2].message).toBe('containers with unready status: [logshipper]');
    // kubectl's printPod: a sidecar that is not started holds STATUS at its waiting reason, as a 1.32 cluster shows it.
    expect(printed(agent)).toBe('1/2 Init:CrashLoopBackOff');
    expect(agent.wakeAt).toEqual(at(13));
    expect(steps(agent.sync(13))).toEqual(['PullImage logshipper', 'StartContainer logshipper']);
    expect(agent.containerStatus('logshipper').restartCount).toBe(2);
  });

  it('count the readiness probe of a sidecar in the pod Ready condition', () => {
    const readinessProbe: Probe = { tcpSocket: { port: 80 }, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1 };
    const agent = new ScriptedAgent(pod({ initContainers: [sidecar('proxy', { readinessProbe })], containers: [container('myapp')] }));
    agent.sync(1);
    expect(agent.containerStatus('proxy')).toMatchObject({ started: true, ready: false });
    expect(agent.status.conditions[2]).toMatchObject({ type: 'Ready', status: 'False', message: 'containers with unready status: [proxy]' });
    expect(printed(agent)).toBe('1/2 Running');
    agent.apply(probeResult(agent.runtime, 'proxy', 'readiness', { success: true, now: at(2) }));
    agent.sync(2);
    expect(agent.conditions()).toContain('Ready=True');
    expect(printed(agent)).toBe('2/2 Running');
  });

  it('restart a sidecar whose liveness probe failed, as the kubelet words it for an init container', () => {
    const livenessProbe: Probe = { tcpSocket: { port: 80 }, periodSeconds: 10, successThreshold: 1, failureThreshold: 1, timeoutSeconds: 1 };
    const agent = new ScriptedAgent(pod({ initContainers: [sidecar('proxy', { livenessProbe })], containers: [container('myapp')] }));
    agent.sync(1);
    agent.apply(probeResult(agent.runtime, 'proxy', 'liveness', { success: false, output: 'dial tcp: connection refused', now: at(11) }));
    expect(agent.sync(11)).toMatchObject([{ type: 'KillContainer', container: 'proxy', kind: 'init', reason: 'Unhealthy', message: 'Init container proxy failed liveness probe', graceSeconds: 30 }]);
    expect(steps(agent.exit('proxy', 12, { exitCode: 137 }))).toEqual(['PullImage proxy', 'StartContainer proxy']);
    expect(agent.containerStatus('proxy').restartCount).toBe(1);
  });

  it('do not keep a Job pod from completing: once the main container exits, the sidecar is stopped and the pod Succeeds', () => {
    const agent = new ScriptedAgent(pod({ restartPolicy: 'Never', initContainers: [sidecar('logshipper')], containers: [container('myjob')] }));
    agent.sync(1);
    expect(agent.exit('myjob', 2, { exitCode: 0 })).toEqual([
      { type: 'KillContainer', container: 'logshipper', kind: 'init', reason: 'PodFinished', message: 'Stopping container logshipper', graceSeconds: 30 },
    ]);
    expect(agent.status.phase).toBe('Running');
    expect(agent.exit('logshipper', 3, { exitCode: 143 })).toEqual([]);
    expect(agent.status.phase).toBe('Succeeded');
    expect(state(agent, 'logshipper')).toBe('exit 143');
    expect(agent.containerStatus('logshipper').restartCount).toBe(0);
    expect(agent.conditions()).toEqual(['PodReadyToStartContainers=False', 'Initialized=True/PodCompleted', 'Ready=False/PodCompleted', 'ContainersReady=False/PodCompleted', 'PodScheduled=True']);
    expect(printed(agent)).toBe('0/2 Completed');
    expect(computePodActions(agent.pod, agent.runtime, at(100), nodeImages())).toEqual([]);
  });

  it('let a failed main container decide the phase: Failed under Never', () => {
    const agent = new ScriptedAgent(pod({ restartPolicy: 'Never', initContainers: [sidecar('logshipper')], containers: [container('myjob')] }));
    agent.sync(1);
    expect(steps(agent.exit('myjob', 2, { exitCode: 1 }))).toEqual(['KillContainer logshipper']);
    agent.exit('logshipper', 3, { exitCode: 0 });
    expect(agent.status.phase).toBe('Failed');
    expect(printed(agent)).toBe('0/2 Error');
  });

  it('are stopped when a regular init container after them fails under Never', () => {
    const agent = new ScriptedAgent(pod({ restartPolicy: 'Never', initContainers: [sidecar('proxy'), container('migrate', { image: 'busybox:1.36' })] }));
    agent.sync(1);
    expect(steps(agent.exit('migrate', 2, { exitCode: 1 }))).toEqual(['KillContainer proxy']);
    expect(agent.status.phase).toBe('Pending');
    agent.exit('proxy', 3, { exitCode: 143 });
    expect(agent.status.phase).toBe('Failed');
  });

  describe('on deletion', () => {
    const twoSidecars = () => {
      const agent = new ScriptedAgent(pod({ initContainers: [sidecar('first'), sidecar('second')], containers: [container('app')] }));
      agent.sync(1);
      agent.apply(deletionRequested(agent.runtime, { graceSeconds: 30, now: at(10) }));
      return agent;
    };

    it('stop after the main containers, the last declared first', () => {
      const agent = twoSidecars();
      expect(agent.sync(10)).toMatchObject([{ type: 'KillContainer', container: 'app', reason: 'Deleting', graceSeconds: 30 }]);
      expect(agent.wakeAt).toEqual(at(40));
      expect(agent.exit('app', 14, { exitCode: 0 })).toMatchObject([{ type: 'KillContainer', container: 'second', message: 'Stopping container second', graceSeconds: 26 }]);
      expect(agent.exit('second', 15, { exitCode: 143 })).toMatchObject([{ type: 'KillContainer', container: 'first', graceSeconds: 25 }]);
      expect(agent.exit('first', 16, { exitCode: 143 })).toEqual([{ type: 'ConfirmDeletion' }]);
      expect(agent.events.filter((e) => e.reason === 'Killing').map((e) => e.fieldPath)).toEqual(['spec.containers{app}', 'spec.initContainers{second}', 'spec.initContainers{first}']);
    });

    it('stop anyway, with the kubelet\'s 2 s, once the grace is spent', () => {
      const agent = twoSidecars();
      agent.sync(10);
      expect(steps(agent.sync(40))).toEqual(['KillContainer first', 'KillContainer second']);
      expect(agent.done.slice(-2)).toMatchObject([{ graceSeconds: 2 }, { graceSeconds: 2 }]);
    });
  });
});
