import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@kubelab/event-log';
import { addEntry, lastSeq, matchesFilter, noFilter, timelineRows, visibleEntries } from './timeline.js';

const entry = (seq: number, over: Partial<LogEntry> = {}): LogEntry => ({
  seq, time: '2026-11-22T10:00:00.000Z', type: 'PodCreated', kind: 'Pod', namespace: 'default', name: `web-${seq}`, uid: `u${seq}`, actor: 'replicaset-controller', cause: null, object: {}, ...over,
});
const seqs = (t: readonly LogEntry[]) => t.map((e) => e.seq);

describe('addEntry', () => {
  it.each([
    { name: 'newest goes on top', before: [2, 1], add: 3, after: [3, 2, 1] },
    { name: 'a late older entry finds its place', before: [5, 2], add: 3, after: [5, 3, 2] },
    { name: 'the oldest goes last', before: [5], add: 1, after: [5, 1] },
    { name: 'a seq already there is not repeated', before: [3, 2], add: 2, after: [3, 2] },
  ])('$name', ({ before, add, after }) => {
    expect(seqs(addEntry(before.map((s) => entry(s)), entry(add)))).toEqual(after);
  });

  it('keeps at most the limit, dropping the oldest', () => {
    expect(seqs(addEntry([entry(2), entry(1)], entry(3), 2))).toEqual([3, 2]);
  });
});

describe('matchesFilter', () => {
  const e = entry(7, { kind: 'Node', namespace: '', name: 'node-2', type: 'NodeStatusReported', actor: 'kubelet/node-2' });
  it.each([
    [noFilter, true],
    [{ ...noFilter, kind: 'node' }, true],
    [{ ...noFilter, kind: 'Pod' }, false],
    [{ ...noFilter, name: 'node-2', actor: 'kubelet' }, true],
    [{ ...noFilter, type: 'Status ' }, true],
    [{ ...noFilter, namespace: 'default' }, false],
    [{ ...noFilter, actor: 'scheduler' }, false],
  ])('%j → %s', (filter, expected) => {
    expect(matchesFilter(e, filter)).toBe(expected);
  });
});

describe('visibleEntries and lastSeq', () => {
  it('keeps the order and finds where to resume', () => {
    const timeline = [entry(9, { kind: 'Event' }), entry(8), entry(4, { kind: 'Event' })];
    expect(seqs(visibleEntries(timeline, { ...noFilter, kind: 'Event' }))).toEqual([9, 4]);
    expect(lastSeq(timeline)).toBe(9);
    expect(lastSeq([])).toBe(0);
  });
});

describe('timelineRows', () => {
  const pod = (phase: string) => ({ kind: 'Pod', metadata: { namespace: 'default', name: 'web-1' }, status: { phase } });
  const timeline = [
    entry(4, { kind: 'Event', type: 'EventCreated', name: 'node-2.17', namespace: '', actor: 'chaos', object: { type: 'Warning', reason: 'ChaosKillAgent', message: 'chaos: kill -KILL kubelet-agent/node-2', involvedObject: { kind: 'Node', name: 'node-2' } } }),
    entry(3, { type: 'PodStatusReported', name: 'web-1', uid: 'p1', actor: 'kubelet/node-2', object: pod('Running') }),
    entry(2, { kind: 'Event', type: 'EventCreated', name: 'web-1.16', actor: 'kubelet/node-2', object: { type: 'Normal', reason: 'Pulling', message: 'Pulling image "nginx:9.9"', involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' } } }),
    entry(1, { name: 'web-1', uid: 'p1', object: pod('Pending') }),
  ];

  it('tells each entry in one line as kubelab log does, newest first, chaos drills marked', () => {
    expect(timelineRows(timeline, timeline).map((r) => [r.seq, r.actor, r.object, r.summary, r.chaos, r.warning])).toEqual([
      [4, 'chaos', 'Node node-2', 'ChaosKillAgent: chaos: kill -KILL kubelet-agent/node-2', true, true],
      [3, 'kubelet/node-2', 'Pod default/web-1', 'Pending → Running', false, false],
      [2, 'kubelet/node-2', 'Pod default/web-1', 'Pulling: Pulling image "nginx:9.9"', false, false],
      [1, 'replicaset-controller', 'Pod default/web-1', 'created', false, false],
    ]);
  });

  it('tells a filtered entry against the whole timeline', () => {
    expect(timelineRows([timeline[1]], timeline).map((r) => r.summary)).toEqual(['Pending → Running']);
  });
});
