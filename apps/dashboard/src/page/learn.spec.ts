import type { LearnStatus } from '@kubelab/learn';
import { describe, expect, it } from 'vitest';
import { nextHint, noScenario, withStatus } from './learn.js';

const status = (scenario: string, hints: number): Extract<LearnStatus, { scenario: string }> => ({ scenario, title: 'T', goal: 'G', namespace: `learn-${scenario}`, checks: [], passed: false, hints });

describe('the scenario panel', () => {
  it('reveals the hints one by one, up to the scenario\'s last', () => {
    const panel = withStatus(noScenario, status('first-pod', 2));
    expect(nextHint(panel)).toBe(1);
    expect(nextHint({ ...panel, hints: ['one'] })).toBe(2);
    expect(nextHint({ ...panel, hints: ['one', 'two'] })).toBeUndefined();
    expect(nextHint(noScenario)).toBeUndefined();
  });

  it('keeps the revealed hints while the scenario stays, and forgets them when another starts', () => {
    const shown = { ...withStatus(noScenario, status('first-pod', 2)), hints: ['one'], error: 'the api-server is down' };
    expect(withStatus(shown, { ...status('first-pod', 2), passed: true })).toMatchObject({ hints: ['one'], error: undefined, status: { passed: true } });
    expect(withStatus(shown, status('crashloop', 3)).hints).toEqual([]);
    expect(withStatus(shown, { scenario: null }).hints).toEqual([]);
  });
});
