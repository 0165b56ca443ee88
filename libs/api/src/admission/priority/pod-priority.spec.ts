import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { admitPodPriority, keepPodPriority } from './pod-priority.js';

const priorityClass = (name: string, value: number, extra: object = {}): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, preemptionPolicy: 'PreemptLowerPriority', ...extra,
});
const pod = (spec: object = {}): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }], ...spec },
});
const builtIn = [priorityClass('system-node-critical', 2000001000), priorityClass('system-cluster-critical', 2000000000)];
const high = priorityClass('high', 1000);
const polite = priorityClass('polite', 500, { preemptionPolicy: 'Never' });
const fallback = priorityClass('fallback', 100, { globalDefault: true });
const scheduling = (spec: object, classes: KubeObject[]) => {
  const admitted = admitPodPriority(pod(spec), classes);
  if ('refusal' in admitted) return admitted.refusal;
  const { priorityClassName, priority, preemptionPolicy } = (admitted.pod as Pod).spec!;
  return { priorityClassName, priority, preemptionPolicy };
};

describe('admitPodPriority', () => {
  it.each<[string, object, KubeObject[], unknown]>([
    ['no class and no default: 0', {}, builtIn, { priorityClassName: undefined, priority: 0, preemptionPolicy: 'PreemptLowerPriority' }],
    ['a named class', { priorityClassName: 'high' }, [...builtIn, high], { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' }],
    ['a built-in class', { priorityClassName: 'system-node-critical' }, builtIn, { priorityClassName: 'system-node-critical', priority: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }],
    ['the class\'s preemption policy', { priorityClassName: 'polite' }, [polite], { priorityClassName: 'polite', priority: 500, preemptionPolicy: 'Never' }],
    ['the global default, named in the pod', {}, [high, fallback], { priorityClassName: 'fallback', priority: 100, preemptionPolicy: 'PreemptLowerPriority' }],
    [
      'the lowest of several global defaults',
      {},
      [fallback, priorityClass('other-default', 50, { globalDefault: true, preemptionPolicy: 'Never' })],
      { priorityClassName: 'other-default', priority: 50, preemptionPolicy: 'Never' },
    ],
    ['a priority that agrees with the class', { priorityClassName: 'high', priority: 1000 }, [high], { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' }],
    ['a policy that agrees with the class', { priorityClassName: 'polite', preemptionPolicy: 'Never' }, [polite], { priorityClassName: 'polite', priority: 500, preemptionPolicy: 'Never' }],
  ])('admits %s', (_name, spec, classes, expected) => {
    expect(scheduling(spec, classes)).toEqual(expected);
  });

  it.each<[string, object, KubeObject[], string]>([
    ['an unknown class', { priorityClassName: 'foo' }, builtIn, 'no PriorityClass with name foo was found'],
    [
      'a priority the class does not give',
      { priorityClassName: 'high', priority: 7 },
      [high],
      'the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    ],
    [
      'a priority without a class',
      { priority: 10 },
      [],
      'the integer value of priority (10) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    ],
    [
      'a policy the class does not give',
      { priorityClassName: 'polite', preemptionPolicy: 'PreemptLowerPriority' },
      [polite],
      'the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name',
    ],
    [
      'Never without a class',
      { preemptionPolicy: 'Never' },
      [],
      'the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    ],
  ])('refuses %s', (_name, spec, classes, refusal) => {
    expect(scheduling(spec, classes)).toBe(refusal);
  });

  it('leaves the pod it was given untouched', () => {
    const original = pod({ priorityClassName: 'high' });
    admitPodPriority(original, [high]);
    expect(original.spec!.priority).toBeUndefined();
  });
});

describe('keepPodPriority', () => {
  const current = pod({ priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' });

  it('restores what a replacement left out', () => {
    expect(keepPodPriority(pod({ priorityClassName: 'high' }), current).spec).toMatchObject({ priority: 1000, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('keeps what a replacement says, for validation to judge', () => {
    expect(keepPodPriority(pod({ priorityClassName: 'high', priority: 5, preemptionPolicy: 'Never' }), current).spec).toMatchObject({ priority: 5, preemptionPolicy: 'Never' });
  });
});
