import { storedTypeOf } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import type { CommittedChange } from '../store/committed-change.js';
import { visibleEvent } from './watch-stream.js';

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
