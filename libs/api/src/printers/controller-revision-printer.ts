/** `kubectl get controllerrevisions`: NAME CONTROLLER REVISION AGE. */
import type { ControllerRevision } from '../typed-objects.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

const columns = [
  nameColumn,
  column('Controller', 'Controller of the object'),
  column('Revision', 'Revision indicates the revision of the state represented by Data.'),
  ageColumn,
];

/** The controller as `statefulset.apps/web` (kind lower-cased, qualified by group), or `<none>`. */
export function controllerCell(revision: ControllerRevision): string {
  const owner = revision.metadata?.ownerReferences?.find((ref) => ref.controller === true);
  if (!owner) return '<none>';
  const group = owner.apiVersion.includes('/') ? owner.apiVersion.slice(0, owner.apiVersion.indexOf('/')) : '';
  return `${owner.kind.toLowerCase()}${group ? `.${group}` : ''}/${owner.name}`;
}

/** Prints controller revisions. */
export const controllerRevisionPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const revision = obj as ControllerRevision;
    return {
      cells: [revision.metadata?.name ?? '', controllerCell(revision), revision.revision ?? 0, ageSince(revision.metadata?.creationTimestamp, now)],
    };
  },
};
