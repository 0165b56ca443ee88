import { describe, expect, it } from 'vitest';
import { chooseEviction } from './memory-pressure.js';

const pod = (name: string, qosClass: string, request?: string) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'c', image: 'x', resources: request ? { requests: { memory: request } } : {} }] },
  status: { qosClass },
});

describe('chooseEviction', () => {
  it('does nothing while more than 100Mi is left', () => {
    expect(chooseEviction(1024, [{ pod: pod('a', 'BestEffort'), usedMiB: 900 }])).toBeUndefined();
  });

  it('evicts BestEffort pods before Burstable ones, whatever they use', () => {
    const r = chooseEviction(1024, [
      { pod: pod('burst', 'Burstable', '100Mi'), usedMiB: 800 },
      { pod: pod('best', 'BestEffort'), usedMiB: 200 },
    ]);
    expect(r?.pod.metadata.name).toBe('best');
    expect(r?.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+Ki\./);
  });

  it('among Burstable pods, evicts the one furthest over its request', () => {
    const r = chooseEviction(1024, [
      { pod: pod('small', 'Burstable', '400Mi'), usedMiB: 450 },
      { pod: pod('big', 'Burstable', '100Mi'), usedMiB: 500 },
    ]);
    expect(r?.pod.metadata.name).toBe('big');
  });
});
