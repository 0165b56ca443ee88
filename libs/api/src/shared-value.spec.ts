import { describe, expect, it } from 'vitest';
import { shareConditions, sharedValue, shareStrings } from './shared-value.js';

const parsedPod = (name: string) => JSON.parse(JSON.stringify({
  metadata: { name, labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80 }] }], tolerations: [{ key: 'node.kubernetes.io/not-ready' }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIPs: [{ ip: '10.244.0.5' }] },
}));

describe('sharedValue', () => {
  it('answers an equal value with the one shared before, frozen', () => {
    const first = sharedValue({ app: 'web', tier: ['a'] });
    const second = sharedValue({ app: 'web', tier: ['a'] });
    expect(second).toBe(first);
    expect(Object.isFrozen(first.tier)).toBe(true);
    expect(sharedValue({ tier: ['a'], app: 'web' })).toEqual(first);
    expect(sharedValue(undefined)).toBeUndefined();
  });

  it('keeps what is in use and forgets what is not, so it stays bounded', () => {
    const used = sharedValue({ used: true });
    const unused = sharedValue({ used: false });
    for (let i = 0; i < 3 * 4096; i++) {
      sharedValue({ i });
      if (i % 1000 === 0) expect(sharedValue({ used: true })).toBe(used);
    }
    expect(sharedValue({ used: true })).toBe(used);
    expect(sharedValue({ used: false })).not.toBe(unused);
  });
});

describe('shareStrings', () => {
  it('leaves the object equal, numbers, booleans and nulls included', () => {
    const pod = { ...parsedPod('web-1'), extra: { n: 1, yes: true, none: null, list: [1, 'x', [null]] } };
    expect(shareStrings(structuredClone(pod))).toEqual(pod);
  });

  it('passes over a frozen value inside the object, as one already shared, instead of throwing', () => {
    const entry = Object.freeze({ manager: 'kubectl', fields: Object.freeze(['a']) });
    const object = { metadata: { managedFields: [entry] }, name: 'web' };
    expect(shareStrings(object)).toEqual({ metadata: { managedFields: [{ manager: 'kubectl', fields: ['a'] }] }, name: 'web' });
    expect(object.metadata.managedFields[0]).toBe(entry);
  });
});

describe('shareConditions', () => {
  const at = (time: string) => ({ metadata: { name: 'web' }, status: { phase: 'Running', conditions: [
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: time },
    { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: time },
  ] } });

  it('gives pods whose conditions are equal the same frozen condition objects, and leaves them equal', () => {
    const [a, b, later] = [shareConditions(at('2026-11-26T10:00:00Z')), shareConditions(at('2026-11-26T10:00:00Z')), shareConditions(at('2026-11-26T10:00:01Z'))];
    expect(a).toEqual(at('2026-11-26T10:00:00Z'));
    expect(b.status.conditions[1]).toBe(a.status.conditions[1]);
    expect(Object.isFrozen(a.status.conditions[0])).toBe(true);
    expect(later.status.conditions[0]).not.toBe(a.status.conditions[0]);
  });

  it('leaves an object without conditions as it is', () => {
    expect(shareConditions({ metadata: { name: 'cm' } })).toEqual({ metadata: { name: 'cm' } });
    expect(shareConditions({ status: { phase: 'Pending' } })).toEqual({ status: { phase: 'Pending' } });
  });
});
