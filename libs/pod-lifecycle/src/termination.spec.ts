import { describe, expect, it } from 'vitest';
import { computePodActions } from './compute-pod-actions.js';
import { deletionRequested } from './deletion-requested.js';
import { podFailed } from './pod-failed.js';
import { ScriptedAgent } from './testing/agent.js';
import { nodeImages } from './testing/images.js';
import { at, container, pod } from './testing/pods.js';

function deleteAt(agent: ScriptedAgent, seconds: number, graceSeconds: number) {
  agent.apply(deletionRequested(agent.runtime, { graceSeconds, now: at(seconds) }));
  return agent.sync(seconds);
}

describe('deletion', () => {
  it('kills every running container with the deletion grace, then confirms once all stopped', () => {
    const agent = new ScriptedAgent(pod({ containers: [container('nginx'), container('sidecar')] }));
    agent.sync(0);
    expect(deleteAt(agent, 10, 30)).toEqual([
      { type: 'KillContainer', container: 'nginx', kind: 'app', reason: 'Deleting', message: 'Stopping container nginx', graceSeconds: 30 },
      { type: 'KillContainer', container: 'sidecar', kind: 'app', reason: 'Deleting', message: 'Stopping container sidecar', graceSeconds: 30 },
    ]);
    expect(agent.events.slice(-2).map((e) => `${e.reason}: ${e.message}`)).toEqual(['Killing: Stopping container nginx', 'Killing: Stopping container sidecar']);
    expect(agent.sync(11)).toEqual([]);
    expect(agent.exit('nginx', 12, { exitCode: 0 })).toEqual([]);
    expect(agent.status.phase).toBe('Running');
    expect(agent.exit('sidecar', 13, { exitCode: 143 })).toEqual([{ type: 'ConfirmDeletion' }]);
    expect(agent.status.phase).toBe('Failed');
    expect(agent.conditions().slice(0, 1)).toEqual(['PodReadyToStartContainers=False']);
    expect(agent.containerStatus('sidecar').state.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
  });

  it('kills once when the agent acts a moment after it saw the request', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    agent.apply(deletionRequested(agent.runtime, { graceSeconds: 30, now: at(10) }));
    expect(agent.sync(10.01)).toMatchObject([{ type: 'KillContainer', container: 'nginx', graceSeconds: 30 }]);
    expect(agent.sync(10.02)).toEqual([]);
    expect(agent.events.filter((e) => e.reason === 'Killing')).toHaveLength(1);
  });

  it('reports Succeeded when every container exits 0 on SIGTERM', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    deleteAt(agent, 10, 30);
    expect(agent.exit('nginx', 11, { exitCode: 0 })).toEqual([{ type: 'ConfirmDeletion' }]);
    expect(agent.status.phase).toBe('Succeeded');
  });

  it('kills again when a later request shortens the grace (force delete gets 1 s)', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    deleteAt(agent, 10, 30);
    expect(deleteAt(agent, 12, 0)).toMatchObject([{ type: 'KillContainer', container: 'nginx', graceSeconds: 1 }]);
    expect(deleteAt(agent, 13, 20)).toEqual([]);
  });

  const notRunning: [string, (agent: ScriptedAgent) => void][] = [
    ['still creating', () => undefined],
    [
      'in CrashLoopBackOff',
      (agent) => {
        agent.sync(0);
        agent.exit('nginx', 1, { exitCode: 1 });
        agent.exit('nginx', 2, { exitCode: 1 });
      },
    ],
  ];
  it.each(notRunning)('confirms at once a pod %s, without starting anything', (_, before) => {
    const agent = new ScriptedAgent(pod());
    before(agent);
    expect(deleteAt(agent, 5, 30)).toEqual([{ type: 'ConfirmDeletion' }]);
    expect(agent.status.phase).toBe('Failed');
  });

  it('marks a container that never ran as lost when the deleted pod finishes', () => {
    const agent = new ScriptedAgent(pod());
    deleteAt(agent, 5, 30);
    expect(agent.containerStatus('nginx').state).toEqual({
      terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', startedAt: null, finishedAt: null },
    });
  });
});

describe('activeDeadlineSeconds', () => {
  it('fails the pod once startTime + deadline has passed, stopping its containers first', () => {
    const agent = new ScriptedAgent(pod({ activeDeadlineSeconds: 30, terminationGracePeriodSeconds: 10 }));
    agent.sync(0);
    expect(agent.wakeAt).toEqual(at(30));
    expect(agent.sync(29)).toEqual([]);
    expect(agent.sync(30)).toEqual([
      { type: 'FailPod', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' },
      { type: 'KillContainer', container: 'nginx', kind: 'app', reason: 'DeadlineExceeded', message: 'Stopping container nginx', graceSeconds: 10 },
    ]);
    expect(agent.events.slice(-2)).toEqual([
      { type: 'Normal', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' },
      { type: 'Normal', reason: 'Killing', message: 'Stopping container nginx', fieldPath: 'spec.containers{nginx}' },
    ]);
    expect(agent.status.phase).toBe('Running');
    expect(agent.status.reason).toBeUndefined();
    expect(agent.conditions()).toContain('Ready=False/PodFailed');

    expect(agent.exit('nginx', 33, { exitCode: 137 })).toEqual([]);
    expect(agent.status).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(agent.containerStatus('nginx').state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(computePodActions(agent.pod, agent.runtime, at(100), nodeImages())).toEqual([]);
  });

  it('counts from status.startTime kept from the api', () => {
    const agent = new ScriptedAgent(pod({ activeDeadlineSeconds: 60 }, { startTime: '2024-05-01T09:59:30Z' }));
    agent.sync(0);
    expect(agent.wakeAt).toEqual(at(30));
  });
});

describe('node-pressure eviction', () => {
  it('stops the containers and ends the pod Failed with reason Evicted', () => {
    const agent = new ScriptedAgent(pod({ containers: [container('hog')] }));
    agent.sync(0);
    const message = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 64Mi.';
    agent.apply(podFailed(agent.runtime, { type: 'FailPod', reason: 'Evicted', message }, at(5)));
    expect(agent.events.at(-1)).toMatchObject({ type: 'Warning', reason: 'Evicted', message });
    expect(agent.sync(5).map((a) => a.type)).toEqual(['KillContainer']);
    agent.exit('hog', 6, { exitCode: 137 });
    expect(agent.status).toMatchObject({ phase: 'Failed', reason: 'Evicted', message });
    const conditions = agent.status.conditions!;
    expect(conditions.map((c: { type: string }) => c.type)).toEqual(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'DisruptionTarget']);
    expect(conditions.at(-1)).toEqual({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: at(5).toISOString().replace('.000Z', 'Z'), reason: 'TerminationByKubelet', message });
  });
});
