import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { describe, expect, it } from 'vitest';
import { controllerRevisionPrinter } from './controller-revision-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const owner: OwnerReference = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true };

describe('controllerRevisionPrinter', () => {
  it('declares NAME CONTROLLER REVISION AGE', () => {
    expect(controllerRevisionPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Controller', 'Revision', 'Age']);
  });

  it.each<[string, OwnerReference[] | undefined, unknown[]]>([
    ['a revision owned by a stateful set', [owner], ['web-7b4f9c8d5', 'statefulset.apps/web', 2, '5m']],
    ['one whose only owner is not its controller', [{ ...owner, controller: false }], ['web-7b4f9c8d5', '<none>', 2, '5m']],
    ['an orphan', undefined, ['web-7b4f9c8d5', '<none>', 2, '5m']],
  ])('prints %s', (_name, ownerReferences, cells) => {
    const metadata = { name: 'web-7b4f9c8d5', namespace: 'default', creationTimestamp: '2024-05-01T11:55:00Z', ownerReferences };
    expect(controllerRevisionPrinter.print({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, revision: 2, data: {} }, now).cells).toEqual(cells);
  });
});
