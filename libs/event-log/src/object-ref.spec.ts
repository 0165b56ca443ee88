import { describe, expect, it } from 'vitest';
import type { LogEntry } from './log-entry.js';
import { objectRef } from './object-ref.js';

const entry = (e: Partial<LogEntry>): LogEntry => ({
  seq: 1, time: '2026-11-22T17:57:11.205Z', type: 'PodCreated', kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u', actor: 'admin', cause: null, object: {}, ...e,
});

describe('objectRef', () => {
  it('names a namespaced object and a cluster-scoped one', () => {
    expect(objectRef(entry({}))).toBe('Pod default/web-1');
    expect(objectRef(entry({ kind: 'Node', namespace: '', name: 'node-2' }))).toBe('Node node-2');
  });

  it('names the object an Event is about (core involvedObject or events.k8s.io regarding), else the Event', () => {
    const event = { kind: 'Event', name: 'web-1.18ea' };
    expect(objectRef(entry({ ...event, object: { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' } } }))).toBe('Pod default/web-1');
    expect(objectRef(entry({ ...event, object: { regarding: { kind: 'Node', name: 'node-3' } } }))).toBe('Node node-3');
    expect(objectRef(entry({ ...event, object: {} }))).toBe('Event default/web-1.18ea');
  });
});
