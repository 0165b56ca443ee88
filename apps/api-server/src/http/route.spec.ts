import { describe, expect, it } from 'vitest';
import { ApiError } from '@kubelab/api';
import { parseResourcePath, undecodableUrlRefusal } from './route.js';

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

  it('recognises a group version, and a group', () => {
    expect(parseResourcePath('/apis/apps/v1')).toEqual({ type: 'groupVersion', group: 'apps', version: 'v1' });
    expect(parseResourcePath('/apis/metrics.k8s.io')).toEqual({ type: 'group', group: 'metrics.k8s.io' });
  });

  it.each([
    ['/api/v1/namespaces/default/pods/%zz', 'invalid URL escape "%zz"'],
    ['/api/v1/namespaces/default/pods/a%2', 'invalid URL escape "%2"'],
    ['/api/v1/namespaces/default/pods/%E2%82', 'the URL path "%E2%82" is not UTF-8 once its escapes are decoded'],
  ])('refuses %s with 400 BadRequest', (path, message) => {
    let refusal: unknown;
    try {
      parseResourcePath(path);
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).status).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });

  it('decodes escaped segments', () => {
    expect(parseResourcePath('/api/v1/namespaces/default/pods/a%2Db')).toMatchObject({ type: 'resource', name: 'a-b' });
  });

  it('names the segment of a URL that does not decode', () => {
    expect(undecodableUrlRefusal('/api/v1/namespaces/a%zz/pods?limit=%zz').status).toMatchObject({ code: 400, message: 'invalid URL escape "%zz"' });
  });
});
