import { describe, expect, it } from 'vitest';
import { applyWatchEvent, emptyView, viewFromLists, viewFromState, type ClusterView, type WatchEvent } from './cluster-view.js';

const node = (name: string, ready = 'True'): any => ({ kind: 'Node', metadata: { name }, status: { conditions: [{ type: 'Ready', status: ready }] } });
const pod = (name: string, nodeName?: string, phase = 'Pending'): any => ({ kind: 'Pod', metadata: { namespace: 'default', name }, spec: { nodeName }, status: { phase } });
const names = (v: ClusterView) => ({ nodes: [...v.nodes.keys()], pods: [...v.pods.entries()].map(([k, p]) => `${k}@${p.spec?.nodeName ?? '-'}`) });

describe('viewFromLists and viewFromState', () => {
  it('keys nodes by name and pods by namespace/name', () => {
    expect(names(viewFromLists([node('node-1')], [pod('web-a', 'node-1')]))).toEqual({ nodes: ['node-1'], pods: ['default/web-a@node-1'] });
  });

  it('takes only nodes and pods from a cluster state', () => {
    const items = [{ kind: 'Deployment', metadata: { name: 'web' } }, node('node-2'), pod('web-b')];
    expect(names(viewFromState(items))).toEqual({ nodes: ['node-2'], pods: ['default/web-b@-'] });
  });
});

describe('applyWatchEvent', () => {
  const start = viewFromLists([node('node-1')], [pod('web-a')]);
  const cases: { name: string; kind: 'Node' | 'Pod'; event: WatchEvent; then: ReturnType<typeof names> }[] = [
    { name: 'ADDED pod', kind: 'Pod', event: { type: 'ADDED', object: pod('web-b') }, then: { nodes: ['node-1'], pods: ['default/web-a@-', 'default/web-b@-'] } },
    { name: 'MODIFIED pod (bound)', kind: 'Pod', event: { type: 'MODIFIED', object: pod('web-a', 'node-1') }, then: { nodes: ['node-1'], pods: ['default/web-a@node-1'] } },
    { name: 'DELETED pod', kind: 'Pod', event: { type: 'DELETED', object: pod('web-a') }, then: { nodes: ['node-1'], pods: [] } },
    { name: 'ADDED node', kind: 'Node', event: { type: 'ADDED', object: node('node-2') }, then: { nodes: ['node-1', 'node-2'], pods: ['default/web-a@-'] } },
    { name: 'DELETED node', kind: 'Node', event: { type: 'DELETED', object: node('node-1') }, then: { nodes: [], pods: ['default/web-a@-'] } },
    { name: 'BOOKMARK', kind: 'Pod', event: { type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } }, then: { nodes: ['node-1'], pods: ['default/web-a@-'] } },
    { name: 'ERROR', kind: 'Node', event: { type: 'ERROR', object: { kind: 'Status', code: 410 } }, then: { nodes: ['node-1'], pods: ['default/web-a@-'] } },
  ];
  it.each(cases)('$name', ({ kind, event, then }) => {
    expect(names(applyWatchEvent(start, kind, event))).toEqual(then);
  });

  it('leaves the view it was given as it was', () => {
    applyWatchEvent(start, 'Pod', { type: 'DELETED', object: pod('web-a') });
    expect(start.pods.size).toBe(1);
    expect(emptyView.pods.size).toBe(0);
  });
});
