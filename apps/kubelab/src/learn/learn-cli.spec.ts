import type { LogEntry } from '@kubelab/event-log';
import { describe, expect, it } from 'vitest';
import { timeline } from './learn-cli.js';

const t0 = '2026-11-23T10:00:00.000Z';
let seq = 0;
const event = (seconds: number, type: string, count: number) => ({
  seq: ++seq, time: new Date(Date.parse(t0) + seconds * 1000).toISOString(), type, kind: 'Event', namespace: 'default', name: 'node-2.1', uid: 'e1', actor: 'node-controller', cause: null,
  object: { type: 'Normal', reason: 'NodeNotReady', count, message: 'Node node-2 status is now: NodeNotReady', involvedObject: { kind: 'Node', name: 'node-2' } },
}) as LogEntry;

describe('timeline', () => {
  it('shows an Event when it is created and when its count goes up, at lab seconds since the start', () => {
    const lines = timeline([event(1, 'EventCreated', 1), event(1.5, 'EventUpdated', 1), event(3, 'EventUpdated', 2)], t0, 20);
    expect(lines).toEqual([
      '     +20s  Normal  NodeNotReady           Node/node-2: Node node-2 status is now: NodeNotReady',
      '     +60s  Normal  NodeNotReady           Node/node-2: Node node-2 status is now: NodeNotReady',
    ]);
  });
});
