import { describe, expect, it } from 'vitest';
import { forbiddenMessage } from './forbidden-message.js';
import type { RequestAttributes, UserInfo } from './types.js';

const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };
const resource = (extra: Partial<Extract<RequestAttributes, { resourceRequest: true }>>): RequestAttributes =>
  ({ resourceRequest: true, verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'pods', ...extra });

describe('forbiddenMessage', () => {
  it.each<[string, UserInfo, RequestAttributes, string]>([
    ['a list in a namespace', alice, resource({ namespace: 'default' }),
      'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"'],
    ['a named object', alice, resource({ verb: 'get', name: 'web', namespace: 'default' }),
      'pods "web" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"'],
    ['a subresource, named by the resource alone before "is forbidden"', alice, resource({ verb: 'create', name: 'web', subresource: 'exec', namespace: 'default' }),
      'pods "web" is forbidden: User "alice" cannot create resource "pods/exec" in API group "" in the namespace "default"'],
    ['a group resource', alice, resource({ verb: 'create', apiGroup: 'apps', resource: 'deployments', namespace: 'team-a' }),
      'deployments.apps is forbidden: User "alice" cannot create resource "deployments" in API group "apps" in the namespace "team-a"'],
    ['the cluster scope', alice, resource({ resource: 'nodes' }),
      'nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope'],
    ['a cluster-scoped named object of a group', alice, resource({ verb: 'delete', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'admin' }),
      'clusterroles.rbac.authorization.k8s.io "admin" is forbidden: User "alice" cannot delete resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope'],
    ['a non-resource path', { username: 'system:anonymous', groups: ['system:unauthenticated'] }, { resourceRequest: false, verb: 'get', path: '/api/v1/foo' },
      'forbidden: User "system:anonymous" cannot get path "/api/v1/foo"'],
    ['a ServiceAccount', { username: 'system:serviceaccount:default:builder', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] },
      resource({ verb: 'watch', namespace: 'default' }),
      'pods is forbidden: User "system:serviceaccount:default:builder" cannot watch resource "pods" in API group "" in the namespace "default"'],
    ['a path escaped as the api-server sanitizes it', alice, { resourceRequest: false, verb: 'get', path: '/a<b>&c' },
      'forbidden: User "alice" cannot get path "/a&lt;b&gt;&amp;c"'],
  ])('%s', (_title, user, attrs, message) => {
    expect(forbiddenMessage(user, attrs)).toBe(message);
  });

  it('appends the authorizer\'s reason after a colon', () => {
    expect(forbiddenMessage(alice, resource({ namespace: 'dev' }), 'RBAC: role.rbac.authorization.k8s.io "gone" not found'))
      .toBe('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "dev": RBAC: role.rbac.authorization.k8s.io "gone" not found');
  });
});
