import { describe, expect, it } from 'vitest';
import { parseResourcePath } from './route.js';

describe('parseResourcePath', () => {
  it.each([
    ['/api/v1/namespaces/default/pods', { kind: 'Pod', namespace: 'default', name: undefined, subresource: undefined }],
    ['/api/v1/namespaces/default/pods/web/status', { kind: 'Pod', namespace: 'default', name: 'web', subresource: 'status' }],
    ['/api/v1/pods', { kind: 'Pod', namespace: '', allNamespaces: true }],
    ['/api/v1/namespaces', { kind: 'Namespace', namespace: '', allNamespaces: false }],
    ['/api/v1/namespaces/kube-system', { kind: 'Namespace', name: 'kube-system' }],
    ['/api/v1/namespaces/kube-system/status', { kind: 'Namespace', name: 'kube-system', subresource: 'status' }],
    ['/apis/apps/v1/namespaces/a/deployments/web/scale', { kind: 'Deployment', namespace: 'a', name: 'web', subresource: 'scale' }],
    ['/api/v1/nodes/node-1', { kind: 'Node', name: 'node-1' }],
  ])('%s', (path, expected) => {
    const route = parseResourcePath(path);
    expect(route.type).toBe('resource');
    if (route.type !== 'resource') return;
    const { kind, ...rest } = expected as any;
    expect(route.resource.kind).toBe(kind);
    expect(route).toMatchObject(rest);
  });

  it.each(['/api/v1/namespaces/default/gizmos', '/apis/app/v1/deployments', '/healthz', '/api/v1/namespaces/x/nodes'])('%s is unknown', (path) => {
    expect(parseResourcePath(path).type).toBe('unknown');
  });

  it('recognises a group version', () => {
    expect(parseResourcePath('/apis/apps/v1')).toEqual({ type: 'groupVersion', group: 'apps', version: 'v1' });
  });
});
