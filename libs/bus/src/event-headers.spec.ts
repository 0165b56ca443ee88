import { headers } from 'nats';
import { describe, expect, it } from 'vitest';
import { eventHeaders, eventSummary } from './event-headers.js';

describe("an event's headers", () => {
  it('say what a pod event is, and the nodes it concerns, moved or not', () => {
    const moved = eventHeaders({ seq: 42, type: 'PodBound', kind: 'Pod', namespace: 'default', name: 'web-1', nodeName: 'node-2', previousNodeName: 'node-1' });
    expect(eventSummary(moved)).toEqual({ seq: 42, type: 'PodBound', kind: 'Pod', namespace: 'default', name: 'web-1', nodeNames: ['node-2', 'node-1'] });
    const stayed = eventHeaders({ seq: 43, type: 'PodUpdated', kind: 'Pod', namespace: 'default', name: 'web-1', nodeName: 'node-2', previousNodeName: 'node-2' });
    expect(eventSummary(stayed)?.nodeNames).toEqual(['node-2']);
  });

  it('of a cluster-scoped object have no namespace and no nodes', () => {
    expect(eventSummary(eventHeaders({ seq: 7, type: 'NodeCreated', kind: 'Node', namespace: '', name: 'node-1' }))).toEqual({ seq: 7, type: 'NodeCreated', kind: 'Node', namespace: '', name: 'node-1', nodeNames: [] });
  });

  it('tell nothing without a seq: the body must be read', () => {
    const other = headers();
    other.set('Kubelab-Kind', 'Pod');
    expect(eventSummary(other)).toBeUndefined();
    expect(eventSummary(undefined)).toBeUndefined();
  });
});
