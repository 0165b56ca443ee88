import { describe, expect, it } from 'vitest';
import { ruleAllows } from './rule-allows.js';
import type { PolicyRule, RequestAttributes } from './types.js';

const get = (resource: string, extra: Partial<Extract<RequestAttributes, { resourceRequest: true }>> = {}): RequestAttributes =>
  ({ resourceRequest: true, verb: 'get', apiGroup: '', apiVersion: 'v1', resource, namespace: 'default', ...extra });
const path = (p: string, verb = 'get'): RequestAttributes => ({ resourceRequest: false, verb, path: p });

describe('ruleAllows', () => {
  it.each<[string, PolicyRule, RequestAttributes, boolean]>([
    ['exact verb, group and resource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, get('pods'), true],
    ['another verb', { verbs: ['list'], apiGroups: [''], resources: ['pods'] }, get('pods'), false],
    ['"*" verb', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, get('pods'), true],
    ['another group', { verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }, get('pods'), false],
    ['"*" group and resource', { verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, get('deployments', { apiGroup: 'apps' }), true],
    ['a resource does not grant its subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, get('pods', { subresource: 'log' }), false],
    ['"resource/subresource"', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, get('pods', { subresource: 'log' }), true],
    ['"*/subresource"', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, get('deployments', { apiGroup: 'apps', subresource: 'scale' }), true],
    ['"*/subresource" for another subresource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, get('deployments', { apiGroup: 'apps', subresource: 'status' }), false],
    ['"*/subresource" never grants the resource', { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }, get('deployments', { apiGroup: 'apps' }), false],
    ['a subresource does not grant the resource', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, get('pods'), false],
    ['a listed name', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, get('configmaps', { name: 'a' }), true],
    ['an unlisted name', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, get('configmaps', { name: 'b' }), false],
    ['names against a list (no name)', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }, get('configmaps', { verb: 'list' }), false],
    ['a resource rule never grants a path', { verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, path('/api'), false],
    ['an exact URL', { verbs: ['get'], nonResourceURLs: ['/api'] }, path('/api'), true],
    ['a URL is not a prefix without "*"', { verbs: ['get'], nonResourceURLs: ['/api'] }, path('/api/v1'), false],
    ['a trailing "*" is a prefix', { verbs: ['get'], nonResourceURLs: ['/api/*'] }, path('/api/v1'), true],
    ['"/healthz*" covers "/healthz/etcd"', { verbs: ['get'], nonResourceURLs: ['/healthz*'] }, path('/healthz/etcd'), true],
    ['"*" is every URL', { verbs: ['*'], nonResourceURLs: ['*'] }, path('/metrics', 'post'), true],
    ['a URL rule never grants a resource', { verbs: ['get'], nonResourceURLs: ['*'] }, get('pods'), false],
  ])('%s', (_title, rule, attrs, allowed) => {
    expect(ruleAllows(attrs, rule)).toBe(allowed);
  });
});
