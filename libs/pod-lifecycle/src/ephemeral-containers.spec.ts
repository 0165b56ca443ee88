import type { EphemeralContainer } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { computePodActions } from './compute-pod-actions.js';
import { deletionRequested } from './deletion-requested.js';
import { ephemeralContainerExited, ephemeralContainerFailed, ephemeralContainerStarted } from './ephemeral-containers.js';
import type { KubeletPod } from './kubelet-pod.js';
import type { PodAction } from './pod-actions.js';
import { podFailed } from './pod-failed.js';
import { podStatus } from './pod-status.js';
import type { PodRuntime } from './runtime-model.js';
import { ScriptedAgent } from './testing/agent.js';
import { nodeImages, resolved } from './testing/images.js';
import { at, pod } from './testing/pods.js';

const debug = (name: string, image = 'busybox:1.36'): EphemeralContainer => ({ name, image, targetContainerName: 'nginx', stdin: true, tty: true });
const withDebug = (agent: ScriptedAgent, ...containers: EphemeralContainer[]): KubeletPod => ({ ...agent.pod, spec: { containers: [], ...agent.pod.spec, ephemeralContainers: containers } });
const start = (name: string, image = 'busybox:1.36'): PodAction => ({ type: 'StartEphemeralContainer', container: name, image: resolved(image) });
const started = (runtime: PodRuntime, name: string) => ephemeralContainerStarted(runtime, name, { image: 'docker.io/library/busybox:1.36', imageID: resolved('busybox:1.36').imageID, containerID: 'containerd://d1', now: at(12) }).runtime;

/** A running nginx pod at t=10. */
function runningAgent(): ScriptedAgent {
  const agent = new ScriptedAgent(pod());
  agent.sync(0);
  return agent;
}

describe('computePodActions: debug containers', () => {
  const cases: [string, (agent: ScriptedAgent) => [KubeletPod, PodRuntime], PodAction[]][] = [
    ['none in the spec: nothing to start', (a) => [a.pod, a.runtime], []],
    ['one the spec gained is started with the image the registry has', (a) => [withDebug(a, debug('debugger')), a.runtime], [start('debugger')]],
    ['each one the spec gained, in spec order', (a) => [withDebug(a, debug('one'), debug('two', 'nginx:1.28')), a.runtime], [start('one'), start('two', 'nginx:1.28')]],
    ['one already started is not started again', (a) => [withDebug(a, debug('debugger')), started(a.runtime, 'debugger')], []],
    [
      'one that ended is never restarted',
      (a) => [withDebug(a, debug('debugger')), ephemeralContainerExited(started(a.runtime, 'debugger'), 'debugger', { exitCode: 1, now: at(20) }).runtime],
      [],
    ],
    [
      'one whose image the registry lacks fails with the registry’s answer',
      (a) => [withDebug(a, debug('debugger', 'busybox:nope')), a.runtime],
      [
        {
          type: 'FailEphemeralContainer', container: 'debugger', image: 'busybox:nope', reason: 'ErrImagePull',
          message: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/busybox:nope": failed to resolve reference "docker.io/library/busybox:nope": docker.io/library/busybox:nope: not found',
        },
      ],
    ],
    ['one with an unparsable image fails as InvalidImageName', (a) => [withDebug(a, debug('debugger', 'BusyBox')), a.runtime], [expect.objectContaining({ type: 'FailEphemeralContainer', reason: 'InvalidImageName' })]],
    ['one that failed is not tried again', (a) => [withDebug(a, debug('debugger', 'busybox:nope')), ephemeralContainerFailed(a.runtime, 'debugger', { image: 'busybox:nope', reason: 'ErrImagePull', message: 'no' }).runtime], []],
    ['none while the pod is being deleted', (a) => [withDebug(a, debug('debugger')), deletionRequested(a.runtime, { graceSeconds: 30, now: at(10) }).runtime], [{ type: 'KillContainer', container: 'nginx', kind: 'app', reason: 'Deleting', message: 'Stopping container nginx', graceSeconds: 30 }]],
    [
      'in a pod the kubelet failed, as before its containers are stopped',
      (a) => [withDebug(a, debug('debugger')), podFailed(a.runtime, { type: 'FailPod', reason: 'Evicted', message: 'evicted' }, at(10)).runtime],
      [start('debugger'), { type: 'KillContainer', container: 'nginx', kind: 'app', reason: 'DeadlineExceeded', message: 'Stopping container nginx', graceSeconds: 30 }],
    ],
  ];
  it.each(cases)('%s', (_, given, expected) => {
    const [p, runtime] = given(runningAgent());
    expect(computePodActions(p, runtime, at(12), nodeImages())).toEqual(expected);
  });
});

describe('debug container statuses', () => {
  it('are reported after the pod’s own, running then terminated, with a Started event', () => {
    const agent = runningAgent();
    const p = withDebug(agent, debug('debugger'));
    const update = ephemeralContainerStarted(agent.runtime, 'debugger', { image: 'docker.io/library/busybox:1.36', imageID: 'docker.io/library/busybox@sha256:1', containerID: 'containerd://d1', now: at(12) });
    expect(update.events).toEqual([{ type: 'Normal', reason: 'Started', message: 'Started container debugger', fieldPath: 'spec.ephemeralContainers{debugger}' }]);
    const base = { name: 'debugger', image: 'docker.io/library/busybox:1.36', imageID: 'docker.io/library/busybox@sha256:1', containerID: 'containerd://d1', ready: false, restartCount: 0 };
    expect(podStatus(p, update.runtime, at(12)).ephemeralContainerStatuses).toEqual([{ ...base, state: { running: { startedAt: '2024-05-01T10:00:12Z' } } }]);
    const exited = ephemeralContainerExited(update.runtime, 'debugger', { exitCode: 0, now: at(30) });
    expect(podStatus(p, exited.runtime, at(30)).ephemeralContainerStatuses).toEqual([
      { ...base, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2024-05-01T10:00:12Z', finishedAt: '2024-05-01T10:00:30Z', containerID: 'containerd://d1' } } },
    ]);
  });

  it('are left out of a pod without any', () => {
    const agent = runningAgent();
    expect(podStatus(agent.pod, agent.runtime, at(12))).not.toHaveProperty('ephemeralContainerStatuses');
  });
});
