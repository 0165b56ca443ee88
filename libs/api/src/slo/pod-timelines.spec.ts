import { describe, expect, it } from 'vitest';
import type { Pod } from '../typed-objects.js';
import { podTimelines, podTimelinesLine } from './pod-timelines.js';
import { podStartupLatency, schedulingThroughput } from './slo.js';

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, s)).toISOString().replace('.000Z', 'Z');
const t = (s: number) => Date.UTC(2025, 0, 1, 12, 0, s);

interface Shape {
  created?: number;
  scheduled?: number;
  /** When each container started running; undefined: that one does not run. */
  started?: (number | undefined)[];
  restarts?: number;
  init?: boolean;
  mirror?: boolean;
}

function pod(name: string, s: Shape): Pod {
  const started = s.started ?? [];
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: at(s.created ?? 0), ...(s.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'hash' } } : {}) },
    spec: {
      containers: started.map((_, i) => ({ name: `c${i}`, image: 'nginx' })),
      ...(s.init ? { initContainers: [{ name: 'init', image: 'busybox' }] } : {}),
    },
    status: {
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: at(0) },
        ...(s.scheduled === undefined ? [] : [{ type: 'PodScheduled', status: 'True', lastTransitionTime: at(s.scheduled) }]),
      ],
      containerStatuses: started.map((st, i) => ({
        name: `c${i}`, image: 'nginx', imageID: '', ready: st !== undefined, restartCount: s.restarts ?? 0,
        state: st === undefined ? { waiting: { reason: 'ContainerCreating' } } : { running: { startedAt: at(st) } },
      })),
    },
  } as Pod;
}

describe('podTimelines', () => {
  it('times a pod from its creationTimestamp to PodScheduled to its last container running', () => {
    const r = podTimelines([pod('web', { created: 1, scheduled: 2, started: [4, 5] })]);
    expect(r.timelines).toEqual([{ created: t(1), scheduled: t(2), running: t(5) }]);
    expect(r.finished).toBe(1);
    expect(podTimelinesLine(r)).toBe('1 of 1 pods finished');
  });

  it.each([
    ['init containers', { scheduled: 1, started: [3], init: true }, { initContainers: 1 }, { created: t(0), scheduled: t(1) }],
    ['a container not running yet', { scheduled: 1, started: [3, undefined] }, { notRunning: 1 }, { created: t(0), scheduled: t(1) }],
    ['no scheduling yet', { started: [] }, { notRunning: 1 }, { created: t(0) }],
    ['a restarted container', { scheduled: 1, started: [30], restarts: 2 }, { restarted: 1 }, { created: t(0), scheduled: t(1) }],
  ])('leaves a pod with %s out of the finished, keeping its creation and scheduling', (_, shape, leftOut, timeline) => {
    const r = podTimelines([pod('p', shape)]);
    expect(r.finished).toBe(0);
    expect(r.leftOut).toEqual({ initContainers: 0, notRunning: 0, restarted: 0, mirrors: 0, ...leftOut });
    expect(r.timelines).toEqual([timeline]);
  });

  it('leaves a static pod\'s mirror out of every phase, and says how many of each were left out', () => {
    const r = podTimelines([
      pod('a', { scheduled: 1, started: [2] }),
      pod('b', { scheduled: 1, started: [3] }),
      pod('etcd-controlplane', { created: 9, started: [1], mirror: true }),
      pod('job', { scheduled: 1, started: [3], init: true }),
      pod('pending', {}),
      pod('crashy', { scheduled: 1, started: [40], restarts: 3 }),
    ]);
    expect(r.timelines).toHaveLength(5);
    expect(podTimelinesLine(r)).toBe('2 of 6 pods finished; left out: 1 with init containers, 1 not (or no longer) running, 1 whose containers restarted, 1 static pods\' mirrors');
    const latency = podStartupLatency(r.timelines);
    expect(latency.podStartup).toEqual({ count: 2, p50: 2000, p90: 3000, p99: 3000 });
    expect(latency.createToSchedule?.count).toBe(4);
    expect(schedulingThroughput(r.timelines.flatMap((p) => (p.scheduled === undefined ? [] : [p.scheduled])))).toEqual({ windows: 1, averagePerSecond: 0.8, maxPerSecond: 0.8 });
  });
});
