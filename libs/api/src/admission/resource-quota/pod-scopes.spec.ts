import { describe, expect, it } from 'vitest';
import type { Pod } from '../../typed-objects.js';
import { podMatchesScope } from './pod-scopes.js';

const pod = (spec: object): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }], ...spec } });
const exists = (scopeName: string) => ({ scopeName, operator: 'Exists', values: [] });
const burstable = { containers: [{ name: 'c', image: 'x', resources: { requests: { cpu: '1' } } }] };
const crossNamespace = { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'k', namespaceSelector: {} } }] } } };

describe('podMatchesScope', () => {
  it.each([
    ['Terminating', { activeDeadlineSeconds: 30 }, true],
    ['Terminating', {}, false],
    ['NotTerminating', {}, true],
    ['NotTerminating', { activeDeadlineSeconds: 0 }, false],
    ['BestEffort', {}, true],
    ['BestEffort', burstable, false],
    ['NotBestEffort', burstable, true],
    ['CrossNamespacePodAffinity', crossNamespace, true],
    ['CrossNamespacePodAffinity', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k' }] } } }, false],
    ['PriorityClass', { priorityClassName: 'high' }, true],
    ['PriorityClass', {}, false],
  ])('%s (Exists) on %j is %s', (scope, spec, expected) => {
    expect(podMatchesScope(exists(scope), pod(spec))).toBe(expected);
  });

  it.each([
    ['In', ['high'], 'high', true],
    ['In', ['high'], '', false],
    ['NotIn', ['high'], 'low', true],
    ['NotIn', ['high'], '', true],
    ['NotIn', ['high'], 'high', false],
    ['DoesNotExist', [], '', true],
    ['DoesNotExist', [], 'low', false],
  ])('PriorityClass %s %j on class "%s" is %s', (operator, values, className, expected) => {
    expect(podMatchesScope({ scopeName: 'PriorityClass', operator, values }, pod(className ? { priorityClassName: className } : {}))).toBe(expected);
  });
});
