import { describe, expect, it } from 'vitest';
import { randomSchedule } from './random-schedule.js';

const nodes = ['node-1', 'node-2', 'node-3'];

describe('randomSchedule', () => {
  it('gives the same schedule for the same seed and another for another seed', () => {
    const options = { durationSeconds: 60, actions: ['kill-agent', 'pause-agent', 'crash'] as const, nodes };
    const a = randomSchedule({ ...options, seed: 7 });
    expect(randomSchedule({ ...options, seed: 7 })).toEqual(a);
    expect(randomSchedule({ ...options, seed: 8 })).not.toEqual(a);
    expect(a.length).toBeGreaterThan(2);
  });

  it('heals every node disruption before the end, with at most one node disrupted at a time', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const steps = randomSchedule({ seed, durationSeconds: 120, actions: ['kill-agent', 'pause-agent', 'partition'], nodes });
      let down: string | undefined;
      for (const s of steps) {
        expect(s.atSeconds).toBeLessThanOrEqual(108);
        if (['kill-agent', 'pause-agent', 'partition'].includes(s.action)) {
          expect(down).toBeUndefined();
          down = s.node;
        } else {
          expect(s.node).toBe(down);
          down = undefined;
        }
      }
      expect(down).toBeUndefined();
    }
  });

  it('pairs each drill with its own heal', () => {
    const steps = randomSchedule({ seed: 3, durationSeconds: 600, actions: ['kill-agent', 'pause-agent', 'partition'], nodes });
    const pairs = { 'kill-agent': 'start-agent', 'pause-agent': 'resume-agent', partition: 'heal' } as Record<string, string>;
    for (let i = 0; i < steps.length; i += 2) expect(steps[i + 1].action).toBe(pairs[steps[i].action]);
  });

  it('gives pod drills a pick in [0, 1) and no node', () => {
    const steps = randomSchedule({ seed: 11, durationSeconds: 60, actions: ['crash'], nodes });
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) {
      expect(s.node).toBeUndefined();
      expect(s.pick).toBeGreaterThanOrEqual(0);
      expect(s.pick).toBeLessThan(1);
    }
  });
});
