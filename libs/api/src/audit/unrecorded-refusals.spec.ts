import { describe, expect, it } from 'vitest';
import type { Refusal } from './refusal.js';
import { isUnauthenticatedRefusal, UnrecordedRefusals, type UnrecordedRefusal } from './unrecorded-refusals.js';

const refusal = (name: string, user?: Refusal['user']): Refusal => ({
  ...(user ? { user } : {}), verb: 'delete', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name, code: user ? 403 : 401,
  reason: user ? 'Forbidden' : 'Unauthorized', message: '', dryRun: false, via: 'https',
});
const at = (second: number, name: string): UnrecordedRefusal => ({ ...refusal(name), time: new Date(second * 1000).toISOString(), cause: 'Unauthenticated', count: 1, remoteAddress: '127.0.0.1' });

describe('isUnauthenticatedRefusal', () => {
  it.each([
    ['a 401, which has no user', undefined, true],
    ['system:anonymous', { username: 'system:anonymous', groups: ['system:unauthenticated'] }, true],
    ['a user of system:unauthenticated', { username: 'x', groups: ['system:unauthenticated'] }, true],
    ['an authenticated user', { username: 'alice', groups: ['system:authenticated'] }, false],
  ])('%s', (_, user, expected) => expect(isUnauthenticatedRefusal(refusal('cm', user))).toBe(expected));
});

describe('UnrecordedRefusals', () => {
  it('keeps the newest up to its capacity, oldest first, and counts all it was handed', () => {
    const recent = new UnrecordedRefusals(3);
    for (let i = 0; i < 5; i++) recent.note(at(i, `cm-${i}`));
    const { total, items } = recent.list();
    expect(total).toBe(5);
    expect(items.map((r) => r.name)).toEqual(['cm-2', 'cm-3', 'cm-4']);
  });

  it('hands out a copy: what a reader holds does not change under it', () => {
    const recent = new UnrecordedRefusals(2);
    recent.note(at(0, 'a'));
    const before = recent.list().items;
    recent.note(at(1, 'b'));
    recent.note(at(2, 'c'));
    expect(before.map((r) => r.name)).toEqual(['a']);
  });
});
