import { describe, expect, it } from 'vitest';
import { nodeUsageReport, workingSetBytes, type ContainerSample, type NodeSample } from './node-usage-report.js';

const at = Date.parse('2025-01-01T12:00:15Z');
const container = (overrides: Partial<ContainerSample> = {}): ContainerSample => ({
  name: 'c', startedAt: at - 60_000, steadyMillicores: 0, busyCoreSeconds: 0, requestsServed: 0, cpuMillisecondsPerRequest: 0,
  requestMillicores: 0, limitMillicores: undefined, memoryMiB: 1, ...overrides,
});
const sample = (containers: ContainerSample[], overrides: Partial<NodeSample> = {}): NodeSample => ({
  node: 'node-1', at, previousAt: at - 15_000, timeScale: 1, capacityMillicores: 4000, freshForMs: 45_000,
  pods: containers.map((c, i) => ({ namespace: 'default', name: `pod-${i}`, uid: `uid-${i}`, containers: [c] })), ...overrides,
});
const cpuOf = (s: NodeSample) => nodeUsageReport(s).pods.map((p) => p.containers[0].cpuNanoCores / 1e6);

describe('nodeUsageReport', () => {
  it.each<[string, ContainerSample, number]>([
    ['an idle shell (sleep 3600)', container(), 0],
    ['an idle nginx', container({ steadyMillicores: 0 }), 0],
    ['an idle redis', container({ steadyMillicores: 2 }), 2],
    ['a busy loop spinning all the window', container({ busyCoreSeconds: 15 }), 1000],
    ['a busy loop under limits.cpu 300m', container({ busyCoreSeconds: 15, limitMillicores: 300 }), 300],
    ['vish/stress -cpus 2 under a limit of one core (the CPU exercise)', container({ steadyMillicores: 2000, limitMillicores: 1000 }), 1000],
    ['php-apache answering 10 requests a second at 10 ms each', container({ requestsServed: 150, cpuMillisecondsPerRequest: 10, steadyMillicores: 1 }), 101],
    ['php-apache under the walkthrough\'s load, at its 500m limit', container({ requestsServed: 1500, cpuMillisecondsPerRequest: 10, limitMillicores: 500 }), 500],
  ])('measures %s', (_, c, millicores) => {
    expect(cpuOf(sample([c]))[0]).toBeCloseTo(millicores, 3);
  });

  it('averages over lab time: at time scale 20 a 15 s window lasts 750 ms', () => {
    const report = nodeUsageReport(sample([container({ busyCoreSeconds: 7.5 })], { previousAt: at - 750, timeScale: 20 }));
    expect(report.window).toBe('15s');
    expect(report.pods[0]).toMatchObject({ window: '15s', containers: [{ cpuNanoCores: 500_000_000 }] });
  });

  it('shares a short node by requests', () => {
    const busy = (requestMillicores: number) => container({ busyCoreSeconds: 30, requestMillicores });
    expect(cpuOf(sample([busy(100), busy(300)], { capacityMillicores: 1025 }))).toEqual([250, 750]);
  });

  it('leaves out a pod until each of its containers has run 10 s, and measures a young one from its start', () => {
    const report = nodeUsageReport({
      ...sample([]),
      pods: [
        { namespace: 'default', name: 'new', uid: 'u1', containers: [container({ startedAt: at - 5_000, busyCoreSeconds: 5 })] },
        { namespace: 'default', name: 'restarted', uid: 'u2', containers: [container({ name: 'old' }), container({ name: 'young', startedAt: at - 12_000, busyCoreSeconds: 6 })] },
      ],
    });
    expect(report.pods.map((p) => [p.name, p.window, p.containers.map((c) => c.cpuNanoCores / 1e6)])).toEqual([['restarted', '12s', [0, 500]]]);
    expect(report.cpuNanoCores / 1e6).toBeCloseTo(25 + 1000 + 500, 6);
  });

  it('counts memory in whole pages, and the node\'s as its pods\' and the system\'s', () => {
    const report = nodeUsageReport(sample([container({ memoryMiB: 3 }), container({ memoryMiB: 150.001 })]));
    expect(report.pods.map((p) => p.containers[0].memoryBytes)).toEqual([3 * 1048576, 150 * 1048576 + 4096]);
    expect(report.memoryBytes).toBe(256 * 1048576 + 3 * 1048576 + 150 * 1048576 + 4096);
    expect(report).toMatchObject({ node: 'node-1', timestamp: '2025-01-01T12:00:15Z', window: '15s', expires: '2025-01-01T12:01:00.000Z' });
  });

  it.each([[0, 0], [0.001, 4096], [1, 1048576], [2.5, 2621440]])('rounds %d MiB up to %d bytes of pages', (mib, bytes) => {
    expect(workingSetBytes(mib)).toBe(bytes);
  });
});
