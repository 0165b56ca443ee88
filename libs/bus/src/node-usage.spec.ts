import { describe, expect, it } from 'vitest';
import type { NodeUsageReport } from '@kubelab/api';
import { FollowedNodeUsage } from './node-usage.js';

const report = (node: string, cpuNanoCores: number): NodeUsageReport => ({ node, timestamp: '2026-11-28T10:00:00Z', window: '15s', cpuNanoCores, memoryBytes: 1024, pods: [], expires: '2026-11-28T10:00:30.000Z' });
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('FollowedNodeUsage', () => {
  it("reads each node's latest report", () => {
    const reports = new FollowedNodeUsage();
    reports.put('node-1', bytes(report('node-1', 5)));
    expect(reports.get('node-1')?.cpuNanoCores).toBe(5);
    reports.put('node-1', bytes(report('node-1', 7)));
    expect(reports.get('node-1')?.cpuNanoCores).toBe(7);
    expect(reports.get('node-2')).toBeUndefined();
  });

  it('reads a deleted report as none', () => {
    const reports = new FollowedNodeUsage();
    reports.put('node-1', bytes(report('node-1', 5)));
    reports.delete('node-1');
    expect(reports.get('node-1')).toBeUndefined();
  });

  it("reads a report filed under another node's key, or one that is no report, as none", () => {
    const reports = new FollowedNodeUsage();
    reports.put('node-1', bytes(report('node-2', 5)));
    reports.put('node-3', new TextEncoder().encode('{not json'));
    reports.put('node-4', bytes({ node: 'node-4' }));
    expect([reports.get('node-1'), reports.get('node-3'), reports.get('node-4')]).toEqual([undefined, undefined, undefined]);
  });
});
