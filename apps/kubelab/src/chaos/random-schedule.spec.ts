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

describe('randomSchedule: services and long runs', () => {
  it('brings each killed service back soon, with at most one service down at a time', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const steps = randomSchedule({ seed, durationSeconds: 2400, actions: ['kill-api-server', 'kill-scheduler', 'kill-controller-manager', 'kill-nats'], nodes });
      expect(steps.length).toBeGreaterThan(10);
      let down: { service: string; at: number } | undefined;
      for (const s of steps) {
        expect(s.node).toBeUndefined();
        if (s.action === 'kill') {
          expect(down).toBeUndefined();
          down = { service: s.service!, at: s.atSeconds };
        } else {
          expect(s).toMatchObject({ action: 'start', service: down?.service });
          expect(s.atSeconds - down!.at).toBeLessThanOrEqual(40);
          down = undefined;
        }
      }
      expect(down).toBeUndefined();
    }
  });

  it('gives a long run more drills, each node outage no longer than in a 12-minute run', () => {
    const long = randomSchedule({ seed: 5, durationSeconds: 3600, actions: ['kill-agent', 'crash'], nodes });
    expect(long.filter((s) => s.action !== 'start-agent').length).toBeGreaterThan(20);
    const kills = long.filter((s) => s.action === 'kill-agent');
    for (const k of kills) {
      const start = long.find((s) => s.action === 'start-agent' && s.node === k.node && s.atSeconds > k.atSeconds)!;
      expect(start.atSeconds - k.atSeconds).toBeLessThanOrEqual(0.4 * 720 + 0.1);
    }
  });
});
