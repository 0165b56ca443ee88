import type { ReplicaSet } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { statusAfterFailedCreate } from './replica-failure.js';

const now = new Date('2026-01-01T10:00:00.123Z');
const refusal = 'pods "web-abc12" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2';
const rs = (status: object) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'ns' }, status }) as ReplicaSet;

describe('statusAfterFailedCreate', () => {
  it('adds a ReplicaFailure condition carrying the refusal to the status this pass computed', () => {
    expect(statusAfterFailedCreate(rs({ replicas: 1 }), { replicas: 2, observedGeneration: 1 }, refusal, now)).toEqual({
      replicas: 2, observedGeneration: 1,
      conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T10:00:00Z', reason: 'FailedCreate', message: refusal }],
    });
  });

  it('keeps a condition already there, so it tells when the failure began', () => {
    const earlier = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T09:00:00Z', reason: 'FailedCreate', message: 'older' };
    const current = rs({ replicas: 2, conditions: [earlier] });
    expect(statusAfterFailedCreate(current, undefined, refusal, now)).toEqual({ replicas: 2, conditions: [earlier] });
    expect(statusAfterFailedCreate(current, { replicas: 2 }, refusal, now)).toEqual({ replicas: 2, conditions: [earlier] });
  });
});
