import { storedTypeOf } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import type { CommittedChange } from '../store/committed-change.js';
import { WatchHub } from '../store/watch-hub.js';
import { catchUp, visibleEvent, type WatchSources } from './watch-stream.js';

const pods = storedTypeOf('Pod')!;
const watcher = { resource: pods, namespace: 'default', selectors: { labels: [], fields: [] } };
const change = (type: string, watchType: CommittedChange['watchType']): CommittedChange => ({
  seq: 7, time: '2026-11-22T00:00:00.000Z', type, watchType, kind: 'Pod', namespace: 'default', name: 'web', uid: '', actor: 'a', cause: null,
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' } }, json: '{}',
});

describe('visibleEvent', () => {
  it('shows a pod watcher its pods\' changes', () => {
    expect(visibleEvent(change('PodCreated', 'ADDED'), watcher)).toBe('ADDED');
  });

  it('never shows an audit entry, though it names a pod the watcher would see', () => {
    expect(visibleEvent(change('Refused', 'MODIFIED'), watcher)).toBeUndefined();
    expect(visibleEvent(change('ConnectionDropped', 'MODIFIED'), watcher)).toBeUndefined();
  });
});

describe('catchUp', () => {
  /** A log of `count` changes, pods and config maps in turn, whose hub remembers the last 100. */
  function sourcesOf(count: number, horizon: () => number = () => 0): WatchSources & { reads: number } {
    const changes = Array.from({ length: count }, (_, i): CommittedChange => ({ ...change('PodUpdated', 'MODIFIED'), seq: i + 1, kind: i % 2 === 0 ? 'Pod' : 'ConfigMap' }));
    const hub = new WatchHub(100);
    hub.publish(changes);
    const sources = {
      hub, reads: 0, lastSeq: () => count, oldestResumableSeq: horizon, bookmarkIntervalMs: 60_000,
      changesSince: async (after: number, kind: string, through: number) => {
        sources.reads++;
        return changes.filter((c) => c.seq > after && c.seq <= through && c.kind === kind);
      },
    };
    return sources;
  }

  it('reads a resume older than memory from the log a span at a time, then from memory, each change once and in order', async () => {
    const sources = sourcesOf(11_050);
    const delivered: number[] = [];
    expect(await catchUp(1000, 'Pod', sources, (c) => c.kind === 'Pod' && delivered.push(c.seq), () => false)).toBe(true);
    expect(delivered).toEqual(Array.from({ length: 5025 }, (_, i) => 1001 + 2 * i));
    expect(sources.reads).toBe(2);
  });

  it('expires a watch whose rest of the log was compacted while it read', async () => {
    let horizon = 0;
    const sources = sourcesOf(12_001, () => horizon);
    const delivered: number[] = [];
    const caughtUp = catchUp(0, 'Pod', sources, (c) => {
      delivered.push(c.seq);
      horizon = 8000;
    }, () => false);
    expect(await caughtUp).toBe(false);
    expect(delivered.at(-1)).toBe(4999);
  });

  it('stops reading once the watcher has gone', async () => {
    const sources = sourcesOf(12_001);
    expect(await catchUp(0, 'Pod', sources, () => undefined, () => true)).toBe(true);
    expect(sources.reads).toBe(0);
  });
});
