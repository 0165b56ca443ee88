import { ApiError, type LogEventMeta } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { actorMatches, entryMatches, parseEventLogQuery } from './event-log-query.js';

const entry = (over: Partial<LogEventMeta> = {}): LogEventMeta => ({
  seq: 7, time: '2026-11-22T00:00:00.000Z', type: 'PodBound', kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1', actor: 'default-scheduler', cause: 6, ...over,
});

describe('parseEventLogQuery', () => {
  it('reads every filter', () => {
    expect(parseEventLogQuery({ since: '5', until: '9', type: 'PodBound, PodCreated', actor: 'user', kind: 'Pod', namespace: '', sinceTime: '2026-11-22T10:00:00Z', follow: 'true' })).toEqual({
      since: 5, until: 9, types: ['PodBound', 'PodCreated'], actor: 'user', kind: 'Pod', namespace: '', name: undefined, sinceTime: '2026-11-22T10:00:00.000Z', follow: true,
    });
    expect(parseEventLogQuery({})).toMatchObject({ since: 0, follow: false, types: undefined, until: undefined });
  });

  it.each([
    [{ since: '-1' }, 'since must be a seq number (0 or more), got "-1"'],
    [{ until: 'x' }, 'until must be a seq number (0 or more), got "x"'],
    [{ since: '' }, 'since must be a seq number (0 or more), got ""'],
    [{ sinceTime: 'yesterday' }, 'sinceTime must be an RFC 3339 time such as 2026-11-22T10:00:00Z, got "yesterday"'],
  ])('%j is a 400 Status', (query, message) => {
    let error: unknown;
    try {
      parseEventLogQuery(query);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });
});

describe('actorMatches', () => {
  it.each([
    ['user', 'user:kubectl delete', true],
    ['kubelet', 'kubelet/node-1', true],
    ['kubelet/node-1', 'kubelet/node-1', true],
    ['kubelet/node-1', 'kubelet/node-10', false],
    ['user', 'username', false],
    ['default-scheduler', 'default-scheduler', true],
  ])('%s ~ %s → %s', (wanted, actor, expected) => {
    expect(actorMatches(wanted, actor)).toBe(expected);
  });
});

describe('entryMatches', () => {
  it.each([
    [{}, true],
    [{ kind: 'Node' }, false],
    [{ namespace: 'kube-system' }, false],
    [{ name: 'web-1', types: ['PodBound'] }, true],
    [{ types: ['PodCreated'] }, false],
    [{ actor: 'user' }, false],
    [{ until: 7 }, true],
    [{ until: 6 }, false],
  ])('%j → %s', (filter, expected) => {
    expect(entryMatches({ since: 0, follow: false, ...filter }, entry())).toBe(expected);
  });
});
