import { describe, expect, it } from 'vitest';
import { decidePull, type ImagePullPolicy, type PullDecision } from './decide-pull.js';

describe('decidePull', () => {
  it.each<[ImagePullPolicy, boolean, PullDecision]>([
    ['Always', false, 'pull'],
    ['Always', true, 'pull'],
    ['IfNotPresent', false, 'pull'],
    ['IfNotPresent', true, 'use-cached'],
    ['Never', false, 'never-pull'],
    ['Never', true, 'use-cached'],
  ])('%s with cached=%s → %s', (policy, cached, decision) => {
    expect(decidePull(policy, cached)).toBe(decision);
  });
});
