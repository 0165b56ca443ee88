import type { Pod } from '@kubelab/api';
import { addImageToCache, completeBehaviour, EMPTY_NODE_IMAGE_CACHE, lookupImage, parseCatalog, removeImageFromCache, type ImageBehaviour, type NodeImageCache, type ResolvedImage } from '@kubelab/images';
import { MemoryFs } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { nodeCri } from './node-cri.js';
import { EmulatedContainer } from './runtime/emulated-container.js';
import { LabClock } from './runtime/lab-clock.js';

/** A lab second lasts a real millisecond. */
const clock = new LabClock(1000);
const current = 'c0ffee'.padEnd(64, '1');
const previous = 'dead00'.padEnd(64, '2');
const nginxDigest = `sha256:${'a8'.repeat(32)}`;

function resolved(behaviour: Partial<ImageBehaviour>): ResolvedImage {
  return {
    reference: { original: 'x', registry: 'docker.io', repository: 'library/x', tag: '1', digest: undefined, name: 'docker.io/library/x', canonical: 'docker.io/library/x:1' },
    image: 'docker.io/library/x:1', imageID: 'docker.io/library/x@sha256:0', tags: ['1'], digest: 'sha256:0', sizeBytes: 1, pullSeconds: 0,
    behaviour: completeBehaviour(behaviour),
  };
}

/** A running container: `sleep 3600` as PID 1, or a server that ends on TERM. */
function running(kind: 'sleep' | 'server'): { container: EmulatedContainer; exit: ReturnType<EmulatedContainer['run']> } {
  const behaviour: Partial<ImageBehaviour> = kind === 'sleep' ? { programs: ['sh', 'sleep'] } : { cmd: ['nginx'], programs: ['nginx'], exitsOnSigterm: true };
  const container = new EmulatedContainer(resolved(behaviour), { name: 'web', ...(kind === 'sleep' ? { command: ['sleep', '3600'] } : {}) }, {
    podName: 'web', namespace: 'default', fs: new MemoryFs(), env: {}, clock, network: { lookup: async () => undefined, http: async () => undefined }, log: () => undefined,
  });
  return { container, exit: container.run() };
}

/** A pod whose container `web` runs its second run, the first one having exited. */
const pod: Pod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u-web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  status: {
    phase: 'Running', podIP: '10.244.1.5', startTime: '2025-01-01T11:00:00Z',
    containerStatuses: [{
      name: 'web', image: 'docker.io/library/nginx:1.27', imageID: `docker.io/library/nginx@${nginxDigest}`, ready: true, restartCount: 1, containerID: `containerd://${current}`,
      state: { running: { startedAt: '2025-01-01T11:58:00Z' } },
      lastState: { terminated: { exitCode: 137, reason: 'Error', containerID: `containerd://${previous}`, startedAt: '2025-01-01T11:00:00Z', finishedAt: '2025-01-01T11:58:00Z' } },
    }],
  },
};

function node(process?: EmulatedContainer, held: NodeImageCache = EMPTY_NODE_IMAGE_CACHE) {
  let images = held;
  const cri = nodeCri({
    pods: () => [{ pod, running: (name) => (name === 'web' ? process : undefined) }],
    images: () => images, imageRemoved: (digest) => (images = removeImageFromCache(images, digest)), now: () => new Date(), sleep: (seconds, stop) => clock.sleep(seconds, stop),
  });
  return { cri, images: () => images };
}

describe('a node\'s containerd, as crictl changes it', () => {
  it('stops a running container with KILL when given no time, and answers once it has exited', async () => {
    const { container, exit } = running('sleep');
    await node(container).cri.stopContainer(current, 0);
    expect(await Promise.race([exit, 'still running'])).toEqual({ exitCode: 137, signal: 9 });
  });

  it('sends TERM first when given time: a server that handles it exits 0; a sleep that does not is killed once the time is up', async () => {
    const server = running('server');
    await node(server.container).cri.stopContainer(current, 30);
    expect(await server.exit).toEqual({ exitCode: 0 });
    const sleeper = running('sleep');
    const started = Date.now();
    await node(sleeper.container).cri.stopContainer(current, 2);
    expect(await sleeper.exit).toEqual({ exitCode: 137, signal: 9 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(clock.realMs(2) - 1);
  });

  it('leaves a run that ended, or an ID it does not hold, as it is', async () => {
    const { container, exit } = running('sleep');
    const { cri } = node(container);
    await cri.stopContainer(previous, 0);
    await cri.stopContainer('0'.repeat(64), 0);
    expect(await Promise.race([exit, new Promise((resolve) => setTimeout(() => resolve('still running'), 20))])).toBe('still running');
    container.kill();
  });

  it('forgets a removed container: no longer listed, no log to read', () => {
    const { cri } = node();
    expect(cri.containers().map((c) => [c.id, c.state])).toEqual([[previous, 'CONTAINER_EXITED'], [current, 'CONTAINER_RUNNING']]);
    cri.removeContainer(previous);
    expect(cri.containers().map((c) => c.id)).toEqual([current]);
    expect(cri.logs(previous)).toBeUndefined();
  });

  it('resolves an image by name or ID prefix, pins pause, and removes an image from the node\'s cache', () => {
    const catalog = parseCatalog({
      repositories: [
        { name: 'nginx', sizeBytes: 100, pullSeconds: 1, tags: [{ tag: '1.27', digest: nginxDigest }] },
        { name: 'registry.k8s.io/pause', sizeBytes: 1, pullSeconds: 1, tags: ['3.10'] },
      ],
    });
    const held = ['nginx:1.27', 'registry.k8s.io/pause:3.10'].reduce((cache, ref) => {
      const found = lookupImage(catalog, ref);
      if (!found.found) throw new Error(found.failure.message);
      return addImageToCache(cache, found.image);
    }, EMPTY_NODE_IMAGE_CACHE);
    const { cri, images } = node(undefined, held);
    expect(cri.imageStatus('nginx:1.27')).toEqual({
      id: 'a8'.repeat(32), repoTags: ['docker.io/library/nginx:1.27'], repoDigests: [`docker.io/library/nginx@${nginxDigest}`], sizeBytes: 100, pinned: false,
    });
    expect(cri.imageStatus('a8a8')).toMatchObject({ id: 'a8'.repeat(32) });
    expect(cri.images().map((image) => [image.repoTags, image.pinned])).toEqual([[['docker.io/library/nginx:1.27'], false], [['registry.k8s.io/pause:3.10'], true]]);
    cri.removeImage('a8'.repeat(32));
    expect(images().images.map((image) => image.repoTags)).toEqual([['registry.k8s.io/pause:3.10']]);
    expect(cri.imageStatus('nginx:1.27')).toBeUndefined();
  });
});
