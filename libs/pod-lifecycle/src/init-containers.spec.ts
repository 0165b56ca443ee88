import { describe, expect, it } from 'vitest';
import { computePodActions } from './compute-pod-actions.js';
import { podStatus } from './pod-status.js';
import { ScriptedAgent } from './testing/agent.js';
import { nodeImages } from './testing/images.js';
import { at, container, pod } from './testing/pods.js';

const withInits = (restartPolicy = 'Always') =>
  pod({ restartPolicy, initContainers: [container('init-a', { image: 'busybox:1.36' }), container('init-b', { image: 'busybox:1.36' })] });

const states = (agent: ScriptedAgent) =>
  ['init-a', 'init-b', 'nginx'].map((name) => {
    const state = agent.containerStatus(name).state;
    return state.waiting?.reason ?? (state.running ? 'running' : `exit ${state.terminated.exitCode}`);
  });

describe('init containers', () => {
  it('waits with PodInitializing before anything ran', () => {
    const agent = new ScriptedAgent(withInits());
    const status = podStatus(agent.pod, agent.runtime, at(0));
    expect(status.phase).toBe('Pending');
    expect(status.initContainerStatuses?.map((s) => s.state?.waiting?.reason)).toEqual(['PodInitializing', 'PodInitializing']);
    expect(status.containerStatuses?.[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(status.conditions[1]).toMatchObject({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]' });
  });

  it('runs them one at a time in order, each after the previous exited 0, then the app containers', () => {
    const agent = new ScriptedAgent(withInits());
    const steps: [string, () => unknown, string[], string[], string][] = [
      ['sync', () => agent.sync(1), ['CreateSandbox', 'PullImage init-a', 'StartContainer init-a'], ['running', 'PodInitializing', 'PodInitializing'], 'Pending'],
      ['init-a exits 0', () => agent.exit('init-a', 3, { exitCode: 0 }), ['PullImage init-b', 'StartContainer init-b'], ['exit 0', 'running', 'PodInitializing'], 'Pending'],
      ['init-b exits 0', () => agent.exit('init-b', 5, { exitCode: 0 }), ['PullImage nginx', 'StartContainer nginx'], ['exit 0', 'exit 0', 'running'], 'Running'],
    ];
    for (const [, happen, actions, expectedStates, phase] of steps) {
      const before = agent.done.length;
      happen();
      expect(agent.done.slice(before).map((a) => ('container' in a ? `${a.type} ${a.container}` : a.type))).toEqual(actions);
      expect(states(agent)).toEqual(expectedStates);
      expect(agent.status.phase).toBe(phase);
    }
    expect(agent.containerStatus('init-a')).toMatchObject({ ready: true, started: false, state: { terminated: { reason: 'Completed' } } });
    expect(agent.conditions()).toContain('Initialized=True');
    expect(agent.conditions()).toContain('Ready=True');
  });

  it('lists the init containers still to complete', () => {
    const agent = new ScriptedAgent(withInits());
    agent.sync(1);
    agent.exit('init-a', 3, { exitCode: 0 });
    expect(agent.status.conditions[1]).toMatchObject({ status: 'False', message: 'containers with incomplete status: [init-b]' });
  });

  it('fails the pod when an init container fails under restartPolicy Never', () => {
    const agent = new ScriptedAgent(withInits('Never'));
    agent.sync(1);
    expect(agent.exit('init-a', 3, { exitCode: 2 })).toEqual([]);
    expect(agent.status.phase).toBe('Failed');
    expect(states(agent)).toEqual(['exit 2', 'PodInitializing', 'PodInitializing']);
    expect(computePodActions(agent.pod, agent.runtime, at(100), nodeImages())).toEqual([]);
  });

  it('restarts a failed init container with back-off otherwise, staying Pending', () => {
    const agent = new ScriptedAgent(withInits('OnFailure'));
    agent.sync(1);
    expect(agent.exit('init-a', 2, { exitCode: 1 }).map((a) => a.type)).toEqual(['PullImage', 'StartContainer']);
    agent.exit('init-a', 3, { exitCode: 1 });
    expect(states(agent)).toEqual(['exit 1', 'PodInitializing', 'PodInitializing']);
    agent.sync(4);
    expect(states(agent)).toEqual(['CrashLoopBackOff', 'PodInitializing', 'PodInitializing']);
    expect(agent.containerStatus('init-a')).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 1 } } });
    expect(agent.status.phase).toBe('Pending');
    expect(agent.wakeAt).toEqual(at(13));
    expect(agent.sync(13).map((a) => ('container' in a ? `${a.type} ${a.container}` : a.type))).toEqual(['PullImage init-a', 'StartContainer init-a']);
    expect(agent.containerStatus('init-a').restartCount).toBe(2);
  });
});
