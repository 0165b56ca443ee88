import { describe, expect, it } from 'vitest';
import type { LogEntry } from './log-entry.js';
import { previousObjects } from './previous-objects.js';

const entry = (seq: number, name: string, uid: string, phase: string): LogEntry => ({
  seq, time: '2026-11-22T17:57:11.205Z', type: 'PodStatusUpdated', kind: 'Pod', namespace: 'default', name, uid, actor: 'kubelet', cause: null, object: { status: { phase } },
});

describe('previousObjects', () => {
  it('gives each entry the object its predecessor left, per object and incarnation, whatever the order given', () => {
    const before = previousObjects([entry(3, 'web-1', 'a', 'Running'), entry(1, 'web-1', 'a', 'Pending'), entry(2, 'web-2', 'b', 'Pending'), entry(4, 'web-1', 'c', 'Pending')]);
    expect(before.get(3)).toEqual({ status: { phase: 'Pending' } });
    expect([...before.keys()]).toEqual([3]);
  });

  it('skips audit entries: they hold a refusal or a drop, not the object', () => {
    const refused = { ...entry(2, 'web-1', 'a', 'x'), type: 'Refused', object: { code: 403 } };
    expect(previousObjects([entry(1, 'web-1', 'a', 'Pending'), refused, entry(3, 'web-1', 'a', 'Running')]).get(3)).toEqual({ status: { phase: 'Pending' } });
  });
});
