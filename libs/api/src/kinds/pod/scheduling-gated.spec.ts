import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { withSchedulingGatedCondition } from './scheduling-gated.js';

const pod = (spec: Record<string, unknown>, status: Record<string, unknown> = { phase: 'Pending' }): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec }, status,
});

describe('withSchedulingGatedCondition', () => {
  it('says a gated pod waits for its gates, with both times null as kube-apiserver leaves them', () => {
    expect((withSchedulingGatedCondition(pod({ schedulingGates: [{ name: 'example.com/quota' }] })) as Pod).status?.conditions).toEqual([{
      type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: null,
      reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
    }]);
  });

  it('leaves a pod without gates, or one that already has a PodScheduled condition, as it is', () => {
    const free = pod({});
    expect(withSchedulingGatedCondition(free)).toBe(free);
    expect(withSchedulingGatedCondition(pod({ schedulingGates: [] }))).toEqual(pod({ schedulingGates: [] }));
    const told = pod({ schedulingGates: [{ name: 'g' }] }, { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Other' }] });
    expect(withSchedulingGatedCondition(told)).toBe(told);
  });
});
