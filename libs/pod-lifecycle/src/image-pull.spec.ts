import { describe, expect, it } from 'vitest';
import { containerCreateFailed } from './container-create-failed.js';
import { containerExited } from './container-exited.js';
import { computePodActions } from './compute-pod-actions.js';
import { imagePulled, imagePullFailed, imagePulling, type PullFailure } from './image-pull.js';
import { newPodRuntime } from './new-pod-runtime.js';
import { sandboxReady } from './sandbox-ready.js';
import { ScriptedAgent } from './testing/agent.js';
import { nodeImages } from './testing/images.js';
import { at, container, pod } from './testing/pods.js';

const badImage = () => pod({ containers: [container('nginx', { image: 'nginx:nope', imagePullPolicy: 'Always' })] });
const registryError = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": not found';

function readyRuntime(p = badImage()) {
  return sandboxReady(newPodRuntime(p, { hostIP: '172.18.0.2', now: at(0) }), { podIP: '10.244.0.5' }).runtime;
}

describe('image resolution', () => {
  it('asks to pull before starting, and waits while the pull runs', () => {
    const p = badImage();
    let runtime = readyRuntime(p);
    const lookup = { found: false, failure: { code: 'NotFound', message: `${registryError.replace('": not found', '": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found')}` } };
    expect(computePodActions(p, runtime, at(0), nodeImages())).toEqual([{ type: 'PullImage', container: 'nginx', kind: 'app', image: 'nginx:nope', decision: { action: 'pull', lookup, backoffKey: 'uid-1_nginx:nope' } }]);
    const pulling = imagePulling(runtime, 'nginx');
    expect(pulling.events).toEqual([{ type: 'Normal', reason: 'Pulling', message: 'Pulling image "nginx:nope"', fieldPath: 'spec.containers{nginx}' }]);
    runtime = pulling.runtime;
    expect(computePodActions(p, runtime, at(1), nodeImages())).toEqual([]);
    const pulled = imagePulled(runtime, 'nginx', { imageID: 'docker.io/library/nginx@sha256:1', pulled: { pullMs: 1234, totalMs: 1500, sizeBytes: 72099410 } });
    expect(pulled.events[0].message).toBe('Successfully pulled image "nginx:nope" in 1.234s (1.5s including waiting). Image size: 72099410 bytes.');
    expect(computePodActions(p, pulled.runtime, at(2), nodeImages())).toEqual([{ type: 'StartContainer', container: 'nginx', kind: 'app' }]);
  });

  const failures: [string, PullFailure, string, string[]][] = [
    ['a failed pull', { reason: 'ErrImagePull', message: registryError, now: at(1) }, registryError, [`Failed: Failed to pull image "nginx:nope": ${registryError}`, 'Failed: Error: ErrImagePull']],
    ['the pull back-off', { reason: 'ImagePullBackOff', now: at(1) }, 'Back-off pulling image "nginx:nope"', ['BackOff: Back-off pulling image "nginx:nope"', 'Failed: Error: ImagePullBackOff']],
    [
      'a missing image under policy Never',
      { reason: 'ErrImageNeverPull', now: at(1) },
      'Container image "nginx:nope" is not present with pull policy of Never',
      ['ErrImageNeverPull: Container image "nginx:nope" is not present with pull policy of Never', 'Failed: Error: ErrImageNeverPull'],
    ],
    [
      'an unparsable image name',
      { reason: 'InvalidImageName', now: at(1) },
      'Failed to apply default image tag "nginx:nope": couldn\'t parse image name "nginx:nope": invalid reference format',
      ['InspectFailed: Failed to apply default image tag "nginx:nope": couldn\'t parse image name "nginx:nope": invalid reference format', 'Failed: Error: InvalidImageName'],
    ],
  ];
  it.each(failures)('reports %s as the waiting reason and retries at the next pod sync', (_, failure, message, events) => {
    const p = badImage();
    const update = imagePullFailed(readyRuntime(p), 'nginx', failure);
    expect(update.events.map((e) => `${e.reason}: ${e.message}`)).toEqual(events);
    const agent = new ScriptedAgent(p);
    agent.runtime = update.runtime;
    expect(computePodActions(p, update.runtime, at(10), nodeImages())).toEqual([{ type: 'WaitUntil', at: at(11) }]);
    expect(computePodActions(p, update.runtime, at(11), nodeImages())).toMatchObject([{ type: 'PullImage' }]);
    agent.sync(10.5);
    expect(agent.containerStatus('nginx').state).toEqual({ waiting: { reason: failure.reason, message } });
    expect(agent.status.phase).toBe('Pending');
  });

  it('alternates ErrImagePull and ImagePullBackOff as the agent reports them', () => {
    const p = badImage();
    const agent = new ScriptedAgent(p);
    agent.runtime = readyRuntime(p);
    const reported: [number, PullFailure][] = [
      [1, { reason: 'ErrImagePull', message: registryError, now: at(1) }],
      [11, { reason: 'ImagePullBackOff', now: at(11) }],
      [21, { reason: 'ErrImagePull', message: registryError, now: at(21) }],
    ];
    const shown: string[] = [];
    for (const [seconds, failure] of reported) {
      expect(computePodActions(agent.pod, agent.runtime, at(seconds), nodeImages())).toMatchObject([{ type: 'PullImage' }]);
      agent.apply(imagePullFailed(agent.runtime, 'nginx', failure));
      agent.sync(seconds);
      shown.push(agent.containerStatus('nginx').state.waiting.reason);
    }
    expect(shown).toEqual(['ErrImagePull', 'ImagePullBackOff', 'ErrImagePull']);
  });

  it('keeps the previous run as lastState when a restart cannot pull, and ignores failures of a running container', () => {
    const agent = new ScriptedAgent(pod());
    agent.sync(0);
    const running = agent.runtime;
    expect(imagePullFailed(running, 'nginx', { reason: 'ErrImagePull', message: registryError, now: at(1) }).runtime).toBe(running);
    agent.apply(containerExited(agent.runtime, 'nginx', { exitCode: 1, now: at(5) }));
    expect(computePodActions(agent.pod, agent.runtime, at(5), nodeImages())).toMatchObject([{ type: 'PullImage' }]);
    agent.apply(imagePullFailed(agent.runtime, 'nginx', { reason: 'ErrImagePull', message: registryError, now: at(5) }));
    agent.sync(5);
    expect(agent.containerStatus('nginx')).toMatchObject({
      state: { waiting: { reason: 'ErrImagePull' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
      restartCount: 0,
      containerID: 'containerd://nginx-1',
    });
    expect(agent.status.phase).toBe('Running');
    agent.sync(15);
    expect(agent.containerStatus('nginx')).toMatchObject({ restartCount: 1, state: { running: {} }, lastState: { terminated: { exitCode: 1 } } });
  });

  it('reports CreateContainerConfigError and resolves the image again on retry', () => {
    const p = pod();
    const pulled = imagePulled(readyRuntime(p), 'nginx', { imageID: 'sha256:1' });
    expect(pulled.events[0].message).toBe('Container image "nginx:1.27" already present on machine');
    const failed = containerCreateFailed(pulled.runtime, 'nginx', { message: 'configmap "app-config" not found', now: at(2) });
    expect(failed.events).toEqual([{ type: 'Warning', reason: 'Failed', message: 'Error: configmap "app-config" not found', fieldPath: 'spec.containers{nginx}' }]);
    expect(failed.runtime.containers.nginx.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    expect(computePodActions(p, failed.runtime, at(12), nodeImages())).toMatchObject([{ type: 'PullImage', container: 'nginx' }]);
  });
});
