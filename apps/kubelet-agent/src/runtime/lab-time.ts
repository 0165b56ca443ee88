/**
 * The pod lifecycle runs on lab time: Kubernetes seconds that pass `scale` times
 * faster than wall-clock seconds. Statuses leave the agent in wall-clock time (so AGE
 * and "15s ago" read right) and come back into lab time when read.
 */
import { kubeTime } from '@kubelab/api';
import type { LabClock } from './lab-clock.js';

const timeFields = new Set(['startTime', 'startedAt', 'finishedAt', 'lastTransitionTime', 'lastProbeTime']);

export class LabTime {
  private readonly origin = Date.now();

  constructor(private readonly clock: LabClock) {}

  now(): Date {
    return this.toLab(new Date());
  }

  toLab(wall: Date): Date {
    return new Date(this.origin + (wall.getTime() - this.origin) * this.clock.scale);
  }

  toWall(lab: Date): Date {
    return new Date(this.origin + (lab.getTime() - this.origin) / this.clock.scale);
  }

  /** Real milliseconds until a lab instant. */
  msUntil(lab: Date): number {
    return Math.max(0, this.toWall(lab).getTime() - Date.now());
  }

  /**
   * A copy of a status-like value with its timestamps mapped (lab → wall or back). Into lab time they are kept to the
   * millisecond, rounded up, so a wall time that goes back out unchanged (PodScheduled's, which the api-server set when it
   * bound the pod and the kubelet carries over) leaves as the second it came in as: truncated on the way in, it came back a
   * second early whenever the time scale is not 1, and the pod was scheduled before it was created.
   */
  convert<T>(value: T, direction: 'toWall' | 'toLab'): T {
    const map = (text: string) => {
      const at = Date.parse(text);
      // The Unix epoch is no instant of the lab: it marks a run that never started (StartError).
      if (Number.isNaN(at) || at === 0) return text;
      if (direction === 'toWall') return kubeTime(this.toWall(new Date(at)));
      return new Date(Math.ceil(this.origin + (at - this.origin) * this.clock.scale)).toISOString();
    };
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, timeFields.has(k) && typeof x === 'string' ? map(x) : walk(x)]));
      }
      return v;
    };
    return walk(value) as T;
  }
}
