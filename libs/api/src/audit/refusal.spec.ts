import { describe, expect, it } from 'vitest';
import type { RequestAttributes } from '../rbac/index.js';
import { isRecordedRefusal, refusalKey, refusalOf, refusalTarget } from './refusal.js';

const alice = { username: 'alice', groups: ['system:authenticated'] };
const listPods: RequestAttributes = { resourceRequest: true, verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'pods', namespace: 'default' };
const forbidden = { code: 403, reason: 'Forbidden', message: 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"' };

describe('refusalOf', () => {
  it('names who, what and why, and nothing of a body', () => {
    expect(refusalOf(listPods, forbidden, alice, false, 'https')).toEqual({
      user: { username: 'alice', groups: ['system:authenticated'] }, verb: 'list', group: '', version: 'v1', resource: 'pods',
      namespace: 'default', name: '', code: 403, reason: 'Forbidden', message: forbidden.message, dryRun: false, via: 'https',
    });
  });

  it('leaves the user out for a 401, and keeps the path of a non-resource request', () => {
    const r = refusalOf({ resourceRequest: false, verb: 'get', path: '/version' }, { code: 401, reason: 'Unauthorized', message: 'Unauthorized' }, undefined, false, 'https');
    expect(r.user).toBeUndefined();
    expect(r).toMatchObject({ verb: 'get', resource: '', path: '/version', code: 401 });
  });

  it('keeps the subresource and the dry run', () => {
    const exec: RequestAttributes = { ...listPods, verb: 'create', name: 'web', subresource: 'exec' };
    expect(refusalOf(exec, forbidden, alice, true, 'https')).toMatchObject({ subresource: 'exec', name: 'web', dryRun: true });
  });
});

describe('refusalTarget', () => {
  it('is the kind the store names, with the namespace only for a namespaced kind', () => {
    expect(refusalTarget(refusalOf({ ...listPods, verb: 'create', name: 'web' }, forbidden, alice, false, 'https'))).toEqual({ kind: 'Pod', namespace: 'default', name: 'web' });
    const nodes: RequestAttributes = { resourceRequest: true, verb: 'get', apiGroup: '', apiVersion: 'v1', resource: 'nodes', name: 'node-1' };
    expect(refusalTarget(refusalOf(nodes, forbidden, alice, false, 'https'))).toEqual({ kind: 'Node', namespace: '', name: 'node-1' });
    expect(refusalTarget(refusalOf({ resourceRequest: false, verb: 'get', path: '/api' }, forbidden, undefined, false, 'https'))).toEqual({ kind: '', namespace: '', name: '' });
  });
});

describe('refusalKey', () => {
  it('is the same for a retried request and differs by user, target or message', () => {
    const key = refusalKey(refusalOf(listPods, forbidden, alice, false, 'https'));
    expect(refusalKey(refusalOf(listPods, forbidden, alice, false, 'https'))).toBe(key);
    expect(refusalKey(refusalOf(listPods, forbidden, { username: 'bob', groups: [] }, false, 'https'))).not.toBe(key);
    expect(refusalKey(refusalOf({ ...listPods, namespace: 'dev' }, forbidden, alice, false, 'https'))).not.toBe(key);
    expect(refusalKey(refusalOf(listPods, { ...forbidden, message: 'other' }, alice, false, 'https'))).not.toBe(key);
  });
});

describe('isRecordedRefusal', () => {
  it('records 401, 403 and 422 only', () => {
    expect([200, 400, 401, 403, 404, 409, 422, 500].filter(isRecordedRefusal)).toEqual([401, 403, 422]);
  });
});
