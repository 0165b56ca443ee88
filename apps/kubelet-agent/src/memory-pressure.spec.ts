import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { chooseEviction, emptyDirOverLimit, memoryAvailableBytes, memoryPressureCondition, underMemoryPressure, type PodMemory } from './memory-pressure.js';

const Mi = 1048576;
const Ki = 1024;
interface PodOptions { request?: string; limit?: string; priority?: number; annotations?: Record<string, string> }
const pod = (name: string, usedBytes: number, options: PodOptions = {}): PodMemory => ({
  pod: {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...(options.annotations ? { annotations: options.annotations } : {}) },
    spec: {
      ...(options.priority !== undefined ? { priority: options.priority } : {}),
      containers: [{ name, image: 'x', resources: { ...(options.request ? { requests: { memory: options.request } } : {}), ...(options.limit ? { limits: { memory: options.limit } } : {}) } }],
    },
  },
  containers: [{ name, workingSetBytes: usedBytes }],
});
const victim = (capacity: number, pods: PodMemory[]) => chooseEviction(capacity, pods)?.pod.metadata.name;

describe('chooseEviction', () => {
  it('does nothing while memory.available (capacity less the pods\' and the system\'s 256Mi) is at least 100Mi', () => {
    expect(memoryAvailableBytes(1024 * Mi, [pod('a', 600 * Mi)])).toBe(168 * Mi);
    expect(victim(1024 * Mi, [pod('a', 668 * Mi)])).toBeUndefined();
    expect(victim(1024 * Mi, [pod('a', 668 * Mi + 4 * Ki)])).toBe('a');
  });

  it.each<[string, PodMemory[], string | undefined]>([
    ['a BestEffort pod before a Burstable one over its request by less', [pod('burstable', 300 * Mi, { request: '200Mi' }), pod('besteffort', 400 * Mi)], 'besteffort'],
    ['pods over their requests before those within, whatever they use', [pod('within', 500 * Mi, { request: '500Mi', limit: '500Mi' }), pod('over', 250 * Mi, { request: '200Mi' })], 'over'],
    ['among pods over their requests, the larger use above the request (as the kubelet ranks: not by QoS class)', [pod('besteffort', 150 * Mi), pod('burstable', 600 * Mi, { request: '100Mi' })], 'burstable'],
    ['among pods over their requests, the lower priority first', [pod('important', 500 * Mi, { priority: 1000 }), pod('ordinary', 300 * Mi)], 'ordinary'],
    ['a Guaranteed pod last, when nothing else is left', [pod('guaranteed', 800 * Mi, { request: '800Mi', limit: '800Mi' })], 'guaranteed'],
    ['never a mirror pod (critical)', [pod('static-web', 900 * Mi, { annotations: { 'kubernetes.io/config.mirror': 'abc' } })], undefined],
    ['never a pod of system-critical priority', [pod('dns', 900 * Mi, { priority: 2_000_000_000 }), pod('small', 10 * Mi)], 'small'],
  ])('evicts %s', (_, pods, expected) => {
    expect(victim(1024 * Mi, pods)).toBe(expected);
  });

  it('says why as the kubelet does: threshold, what is left, each container using more than it requested', () => {
    const hog = pod('hog', 250 * Mi + 4 * Ki);
    expect(chooseEviction(600 * Mi, [hog])?.message).toBe(
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 96252Ki. Container hog was using 256004Ki, request is 0, has larger consumption of memory. ',
    );
    const twoContainers: PodMemory = {
      pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app' }, spec: { containers: [
        { name: 'web', resources: { requests: { memory: '100M' } } }, { name: 'sidecar', resources: { requests: { memory: '64Mi' } } },
      ] } },
      containers: [{ name: 'web', workingSetBytes: 300 * Mi }, { name: 'sidecar', workingSetBytes: 32 * Mi }],
    };
    expect(chooseEviction(600 * Mi, [twoContainers])?.message).toBe(
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 12Mi. Container web was using 300Mi, request is 100M, has larger consumption of memory. ',
    );
  });
});

describe('the eviction decision kept with the Evicted event', () => {
  it('lists every candidate in the kubelet\'s order, critical pods left out, the first the one evicted', () => {
    const pods = [
      pod('guaranteed', 300 * Mi, { request: '300Mi', limit: '300Mi' }),
      pod('besteffort', 150 * Mi),
      pod('burstable', 500 * Mi, { request: '100Mi', priority: 10 }),
      pod('static-web', 10 * Mi, { annotations: { 'kubernetes.io/config.mirror': 'abc' } }),
    ];
    const eviction = chooseEviction(1024 * Mi, pods)!;
    expect(eviction.pod.metadata.name).toBe('besteffort');
    expect(eviction.decision).toEqual({
      signal: 'memory.available', threshold: '100Mi', observed: '-192Mi',
      ranked: [
        { pod: 'default/besteffort', qosClass: 'BestEffort', priority: 0, usage: '150Mi', request: '0', exceedsRequest: true },
        { pod: 'default/burstable', qosClass: 'BestEffort', priority: 10, usage: '500Mi', request: '100Mi', exceedsRequest: true },
        { pod: 'default/guaranteed', qosClass: 'BestEffort', priority: 0, usage: '300Mi', request: '300Mi', exceedsRequest: false },
      ],
    });
  });
});

describe('emptyDirOverLimit', () => {
  const withVolumes = (volumes: object[]): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], volumes } }) as Pod;
  it.each<[string, object[], [string, number][], string | undefined]>([
    ['an emptyDir past its sizeLimit', [{ name: 'cache', emptyDir: { sizeLimit: '1Mi' } }], [['cache', 2 * Mi]], 'Usage of EmptyDir volume "cache" exceeds the limit "1Mi". '],
    ['a memory-backed emptyDir past its sizeLimit', [{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '512Ki' } }], [['shm', 600 * Ki]], 'Usage of EmptyDir volume "shm" exceeds the limit "512Ki". '],
    ['an emptyDir just at its sizeLimit', [{ name: 'cache', emptyDir: { sizeLimit: '1Mi' } }], [['cache', Mi]], undefined],
    ['an emptyDir without a sizeLimit', [{ name: 'cache', emptyDir: {} }], [['cache', 500 * Mi]], undefined],
    ['a volume that is no emptyDir', [{ name: 'config', configMap: { name: 'c' } }], [['config', 500 * Mi]], undefined],
  ])('finds %s', (_, volumes, used, message) => {
    expect(emptyDirOverLimit(withVolumes(volumes), new Map(used))).toBe(message);
  });
});

describe('the MemoryPressure condition', () => {
  const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, seconds));
  it.each([
    ['met now', at(0), at(0), true],
    ['met 299 s ago', at(0), at(299), true],
    ['met 300 s ago (the transition period is over)', at(0), at(300), false],
    ['never met', undefined, at(0), false],
  ])('is True while the threshold was %s', (_, lastMet, now, pressure) => {
    expect(underMemoryPressure(lastMet, now)).toBe(pressure);
  });

  it('is written as the kubelet writes it, keeping lastTransitionTime while the status stays', () => {
    const sufficient = { type: 'MemoryPressure', status: 'False', lastTransitionTime: '2025-01-01T11:00:00Z' };
    expect(memoryPressureCondition(sufficient, true, at(5))).toEqual({
      type: 'MemoryPressure', status: 'True', lastHeartbeatTime: '2025-01-01T12:00:05Z', lastTransitionTime: '2025-01-01T12:00:05Z',
      reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available',
    });
    expect(memoryPressureCondition(sufficient, false, at(5))).toMatchObject({ status: 'False', lastTransitionTime: '2025-01-01T11:00:00Z', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' });
  });
});
