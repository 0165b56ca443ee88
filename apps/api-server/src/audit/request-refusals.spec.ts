import { notAuthorized, unauthorized } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { busRefusal, httpRefusal } from './request-refusals.js';

const alice = { username: 'alice', groups: ['system:authenticated'] };
const forbidden = notAuthorized('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"', { resource: 'pods' }).status;

describe('httpRefusal', () => {
  it('reads what was asked off the URL', () => {
    expect(httpRefusal('GET', '/api/v1/namespaces/default/pods?limit=500', forbidden, alice)).toEqual({
      user: { username: 'alice', groups: ['system:authenticated'] }, verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: '',
      code: 403, reason: 'Forbidden', message: forbidden.message, dryRun: false, via: 'https',
    });
  });

  it('names a refused create by the name it asked for, and notes a dry run', () => {
    const r = httpRefusal('POST', '/apis/apps/v1/namespaces/team/deployments?dryRun=All&fieldManager=kubectl', forbidden, alice, 'web');
    expect(r).toMatchObject({ verb: 'create', group: 'apps', resource: 'deployments', namespace: 'team', name: 'web', dryRun: true });
  });

  it('has no user for a 401', () => {
    expect(httpRefusal('GET', '/api', unauthorized().status, undefined)).toMatchObject({ verb: 'get', path: '/api', code: 401, reason: 'Unauthorized' });
    expect(httpRefusal('GET', '/api', unauthorized().status, undefined).user).toBeUndefined();
  });
});

describe('busRefusal', () => {
  const kubelet = { username: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] };
  it('names the sender\'s user as who, and the bus verb as kube-apiserver\'s verb and subresource', () => {
    const r = busRefusal({ verb: 'updateStatus', group: '', version: 'v1', plural: 'pods', namespace: 'default', name: 'web', actor: 'kubelet/node-1', body: { spec: {} } }, forbidden, kubelet);
    expect(r).toMatchObject({ user: kubelet, verb: 'update', resource: 'pods', subresource: 'status', namespace: 'default', name: 'web', via: 'nats' });
    const create = busRefusal({ verb: 'create', group: '', version: 'v1', plural: 'pods', namespace: 'default', actor: 'replicaset-controller', body: { metadata: { name: 'web-abc' } } }, forbidden, kubelet);
    expect(create).toMatchObject({ verb: 'create', name: 'web-abc' });
    expect(busRefusal({ verb: 'get', group: '', version: 'v1', plural: 'nodes', namespace: 'default', name: 'n', actor: 'x' }, forbidden, kubelet).namespace).toBe('');
  });
});
