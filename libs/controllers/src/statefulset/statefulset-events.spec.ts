import type { StatefulSet } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { failedStatefulPodEvent, statefulPodEvent } from './statefulset-events.js';

const set = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'ns' } } as StatefulSet;

describe('StatefulSet pod events', () => {
  it('words a success and a refusal as stateful_pod_control.go does', () => {
    expect(statefulPodEvent('Create', 'web-0', set).message).toBe('create Pod web-0 in StatefulSet web successful');
    const refusal = 'pods "web-2" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2';
    expect(failedStatefulPodEvent('Create', 'web-2', set, refusal)).toEqual({
      type: 'RecordEvent', eventType: 'Warning', reason: 'FailedCreate', message: `create Pod web-2 in StatefulSet web failed error: ${refusal}`,
    });
  });
});
