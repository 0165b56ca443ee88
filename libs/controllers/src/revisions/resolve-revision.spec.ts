import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@kubelab/api';
import { newRevision, templateOf, type Revision } from './controller-revision.js';
import { revisionsToPrune } from './prune-revisions.js';
import { resolveUpdateRevision } from './resolve-revision.js';

const KIND = { hashLabel: 'controller.kubernetes.io/hash' };
const owner: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default', uid: 'owner-uid' } };
const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } });
const revision = (image: string, number: number): Revision => newRevision(owner, template(image), number, 0, KIND);

describe('resolveUpdateRevision', () => {
  const v1 = revision('a:1', 1);
  const v2 = revision('a:2', 2);
  it.each([
    { name: 'first template: revision 1 is created', image: 'a:1', owned: [], outcome: 'create', number: 1, collisions: 0 },
    { name: 'unchanged template: the newest revision, no write', image: 'a:2', owned: [v1, v2], outcome: 'none', number: 2, collisions: 0 },
    { name: 'new template: the next number', image: 'a:3', owned: [v1, v2], outcome: 'create', number: 3, collisions: 0 },
    { name: 'back to an old template: it is renumbered', image: 'a:1', owned: [v1, v2], outcome: 'renumber', number: 3, collisions: 0 },
  ])('$name', ({ image, owned, outcome, number, collisions }) => {
    const decision = resolveUpdateRevision(owner, template(image), owned, owned, 0, KIND);
    expect(decision.create ? 'create' : decision.renumber ? 'renumber' : 'none').toBe(outcome);
    expect(decision.revision.revision).toBe(number);
    expect(decision.collisionCount).toBe(collisions);
    expect(templateOf(decision.revision)).toEqual(template(image));
  });

  it('counts a collision for every taken name and names the revision past them', () => {
    const taken = [0, 1].map((count) => newRevision(owner, template('a:1'), 1, count, KIND));
    const decision = resolveUpdateRevision(owner, template('a:1'), [], taken, 0, KIND);
    expect(decision.collisionCount).toBe(2);
    expect(decision.create?.metadata.name).toBe(newRevision(owner, template('a:1'), 1, 2, KIND).metadata.name);
    expect(decision.create?.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});

describe('newRevision', () => {
  it('carries the owner\'s annotations, such as the change cause, and none when it has none', () => {
    const annotated = { ...owner, metadata: { ...owner.metadata, annotations: { 'kubernetes.io/change-cause': 'kubectl set image sts/web c=a:2' } } };
    expect(newRevision(annotated, template('a:2'), 2, 0, KIND).metadata.annotations).toEqual({ 'kubernetes.io/change-cause': 'kubectl set image sts/web c=a:2' });
    expect(newRevision(owner, template('a:2'), 2, 0, KIND).metadata).not.toHaveProperty('annotations');
  });

  it('names a revision after its template only, whatever the annotations', () => {
    const annotated = { ...owner, metadata: { ...owner.metadata, annotations: { note: 'x' } } };
    expect(newRevision(annotated, template('a:2'), 2, 0, KIND).metadata.name).toBe(revision('a:2', 2).metadata.name);
  });
});

describe('revisionsToPrune', () => {
  const history = [1, 2, 3, 4].map((n) => revision(`a:${n}`, n));
  const names = (revisions: Revision[]) => revisions.map((r) => r.revision);
  it.each([
    { name: 'within the limit: nothing', limit: 10, live: [], pruned: [] },
    { name: 'oldest first past the limit', limit: 2, live: [], pruned: [1, 2] },
    { name: 'live revisions are kept and not counted', limit: 1, live: [1, 4], pruned: [2] },
    { name: 'the default limit is 10', limit: undefined, live: [], pruned: [] },
  ])('$name', ({ limit, live, pruned }) => {
    const liveNames = new Set(live.map((n) => history[n - 1].metadata.name!));
    expect(names(revisionsToPrune(history, liveNames, limit))).toEqual(pruned);
  });
});
