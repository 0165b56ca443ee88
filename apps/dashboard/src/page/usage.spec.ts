import { describe, expect, it } from 'vitest';
import { boardOf } from './board.js';
import { viewFromLists } from './cluster-view.js';
import { metricsFromLists, nodeUsage, podUsage, usageText } from './usage.js';

const pod = (name: string, containers: any[]): any => ({ metadata: { namespace: 'default', name }, spec: { nodeName: 'node-1', containers }, status: { phase: 'Running' } });
const metrics = (name: string, usage: Record<string, { cpu: string; memory: string }>): any => ({
  metadata: { namespace: 'default', name }, containers: Object.entries(usage).map(([c, u]) => ({ name: c, usage: u })),
});

describe('podUsage', () => {
  const web = pod('web', [{ name: 'a', resources: { requests: { cpu: '200m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } } }, { name: 'b', resources: { requests: { cpu: '100m' }, limits: { cpu: '500m', memory: '128Mi' } } }]);

  it('sums the containers and draws them against the limit, the request marked', () => {
    const [cpu, memory] = podUsage(web, metrics('web', { a: { cpu: '250000000n', memory: '32768Ki' }, b: { cpu: '150m', memory: '16Mi' } }))!;
    expect(cpu).toMatchObject({ used: expect.closeTo(0.4), request: expect.closeTo(0.3), limit: 1, over: true, text: 'cpu 400m · requests 300m · limit 1000m' });
    expect(cpu.fill).toBeCloseTo(0.4);
    expect(cpu.requestMark).toBeCloseTo(0.3);
    expect(memory).toMatchObject({ used: 48 * 1048576, request: 64 * 1048576, limit: 256 * 1048576, over: false, text: 'memory 48Mi · requests 64Mi · limit 256Mi' });
  });

  it('has no limit when a container has none, and then scales to the larger of use and request', () => {
    const half = pod('half', [{ name: 'a', resources: { limits: { cpu: '1' }, requests: { cpu: '1' } } }, { name: 'b' }]);
    const [cpu, memory] = podUsage(half, metrics('half', { a: { cpu: '500m', memory: '0' }, b: { cpu: '1500m', memory: '10Mi' } }))!;
    expect(cpu).toMatchObject({ used: 2, request: 1, fill: 1, requestMark: 0.5, over: true });
    expect(cpu.limit).toBeUndefined();
    expect(memory).toMatchObject({ fill: 1, over: false, text: 'memory 10Mi' });
    expect(memory.requestMark).toBeUndefined();
  });

  it('draws a pod without limits against its node\'s allocatable', () => {
    const node: any = { metadata: { name: 'node-1' }, status: { allocatable: { cpu: '2', memory: '1Gi' } } };
    const [cpu, memory] = podUsage(pod('free', [{ name: 'a' }]), metrics('free', { a: { cpu: '500m', memory: '256Mi' } }), node)!;
    expect([cpu.fill, memory.fill, cpu.text]).toEqual([0.25, 0.25, 'cpu 500m']);
  });

  it('is undefined while metrics-server has nothing for the pod, and an empty use draws nothing', () => {
    expect(podUsage(web, undefined)).toBeUndefined();
    expect(podUsage(pod('idle', [{ name: 'a' }]), metrics('idle', { a: { cpu: '0', memory: '0' } }))!.map((b) => b.fill)).toEqual([0, 0]);
  });
});

describe('nodeUsage', () => {
  const node: any = { metadata: { name: 'node-1' }, status: { allocatable: { cpu: '2', memory: '4Gi' } } };
  const pods = [pod('a', [{ name: 'c', resources: { requests: { cpu: '500m', memory: '1Gi' } } }]), pod('b', [{ name: 'c' }])];

  it('draws the node against its allocatable with its pods requests marked, over past 90%', () => {
    const [cpu, memory] = nodeUsage(node, { metadata: { name: 'node-1' }, usage: { cpu: '1900m', memory: '1Gi' } }, pods)!;
    expect(cpu).toMatchObject({ used: expect.closeTo(1.9), request: 0.5, limit: 2, requestMark: 0.25, over: true, text: 'cpu 1900m · requests 500m · allocatable 2000m' });
    expect(memory).toMatchObject({ fill: 0.25, over: false });
  });
});

describe('usageText', () => {
  it('prints millicores and MiB, as kubectl top does', () => {
    expect([usageText('cpu', 0.0004), usageText('cpu', 1.2345), usageText('memory', 5 * 1048576 + 1)]).toEqual(['0m', '1235m', '5Mi']);
  });
});

describe('boardOf with metrics', () => {
  it('puts bars on the cards and the columns that have metrics, and none elsewhere', () => {
    const node: any = { metadata: { name: 'node-1' }, spec: {}, status: { allocatable: { cpu: '2', memory: '4Gi' }, conditions: [{ type: 'Ready', status: 'True' }] } };
    const view = viewFromLists([node], [pod('a', [{ name: 'c' }]), pod('b', [{ name: 'c' }])]);
    const board = boardOf(view, new Date(), metricsFromLists([metrics('a', { c: { cpu: '10m', memory: '1Mi' } })], [{ metadata: { name: 'node-1' }, usage: { cpu: '100m', memory: '1Gi' } }]));
    expect(board.nodes[0].usage?.map((b) => b.text)).toEqual(['cpu 100m · requests 0m · allocatable 2000m', 'memory 1024Mi · requests 0Mi · allocatable 4096Mi']);
    expect(board.nodes[0].pods.map((p) => [p.name, p.usage?.map((b) => b.text)])).toEqual([['a', ['cpu 10m', 'memory 1Mi']], ['b', undefined]]);
    expect(board.nodes[0].pods[0].usage?.map((b) => b.fill)).toEqual([0.005, 1 / 4096]);
  });
});
