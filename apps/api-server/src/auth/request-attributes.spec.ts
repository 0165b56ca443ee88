import { describe, expect, it } from 'vitest';
import { requestAttributes } from './request-attributes.js';

describe('requestAttributes', () => {
  it.each([
    ['GET', '/api/v1/namespaces/default/pods', {}, { resourceRequest: true, verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'pods', namespace: 'default' }],
    ['GET', '/api/v1/namespaces/default/pods', { watch: 'true' }, { verb: 'watch', resource: 'pods', namespace: 'default' }],
    ['GET', '/api/v1/namespaces/default/pods', { fieldSelector: 'metadata.name=web' }, { verb: 'list', name: 'web' }],
    ['GET', '/api/v1/pods', {}, { verb: 'list', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/default/pods/web/log', {}, { verb: 'get', resource: 'pods', name: 'web', subresource: 'log', namespace: 'default' }],
    ['POST', '/api/v1/namespaces/default/pods/web/exec', {}, { verb: 'create', subresource: 'exec' }],
    ['DELETE', '/apis/apps/v1/namespaces/ns/deployments', {}, { verb: 'deletecollection', apiGroup: 'apps', resource: 'deployments', namespace: 'ns' }],
    ['PATCH', '/apis/apps/v1/namespaces/ns/deployments/web/scale', {}, { verb: 'patch', subresource: 'scale', name: 'web' }],
    ['GET', '/api/v1/namespaces/kube-system', {}, { verb: 'get', resource: 'namespaces', name: 'kube-system', namespace: 'kube-system' }],
    ['PUT', '/api/v1/namespaces/gone/finalize', {}, { verb: 'update', resource: 'namespaces', name: 'gone', subresource: 'finalize', namespace: 'gone' }],
    ['GET', '/api/v1/nodes/node-1', {}, { verb: 'get', resource: 'nodes', name: 'node-1' }],
    ['GET', '/api/v1/watch/namespaces/d/pods', {}, { verb: 'watch', resource: 'pods', namespace: 'd' }],
  ])('%s %s %j', (method, path, query, expected) => {
    expect(requestAttributes(method, path, query)).toMatchObject(expected);
  });

  it('reads a path outside the resource tree as a non-resource request', () => {
    expect(requestAttributes('GET', '/healthz', {})).toEqual({ resourceRequest: false, verb: 'get', path: '/healthz' });
    expect(requestAttributes('GET', '/api', {})).toEqual({ resourceRequest: false, verb: 'get', path: '/api' });
    expect(requestAttributes('GET', '/apis/apps/v1', {})).toEqual({ resourceRequest: false, verb: 'get', path: '/apis/apps/v1' });
    expect(requestAttributes('POST', '/kubelab/v1/events', {})).toEqual({ resourceRequest: false, verb: 'post', path: '/kubelab/v1/events' });
  });

  it('has no namespace for a cluster-wide request, and no name for a list', () => {
    const list = requestAttributes('GET', '/api/v1/pods', {});
    expect(list).not.toHaveProperty('namespace');
    expect(list).not.toHaveProperty('name');
  });
});
