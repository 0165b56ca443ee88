import { describe, expect, it, vi } from 'vitest';
import { LabClock } from './lab-clock.js';
import { LabTime } from './lab-time.js';

describe('LabTime.convert', () => {
  it.each([1, 2.5, 5, 20, 60, 0.5])('brings a wall time the kubelet carries over back out as it came in, at time scale %d', (scale) => {
    vi.useFakeTimers({ now: Date.UTC(2025, 0, 1, 12, 0, 0, 137) });
    try {
      const time = new LabTime(new LabClock(scale));
      vi.setSystemTime(Date.UTC(2025, 0, 1, 12, 5, 0, 0));
      for (let s = 0; s < 600; s += 7) {
        const scheduled = new Date(Date.UTC(2025, 0, 1, 12, 0, s)).toISOString().replace('.000Z', 'Z');
        const status = { conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: scheduled }] };
        expect(time.convert(time.convert(status, 'toLab'), 'toWall')).toEqual(status);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes wall times to the second, as the kubelet reports them, and leaves the epoch (a run that never started) be', () => {
    const time = new LabTime(new LabClock(20));
    const lab = time.now();
    expect(time.convert({ startedAt: lab.toISOString() }, 'toWall').startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(time.convert({ startedAt: '1970-01-01T00:00:00Z' }, 'toLab').startedAt).toBe('1970-01-01T00:00:00Z');
  });
});
