/** `kubectl get namespaces`: NAME STATUS AGE. */
import type { Namespace } from 'kubernetes-types/core/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** Prints namespaces. */
export const namespacePrinter: KindPrinter = {
  columns: [nameColumn, column('Status', 'The status of the namespace'), ageColumn],
  print(obj, now) {
    const namespace = obj as Namespace;
    return { cells: [namespace.metadata?.name ?? '', namespace.status?.phase ?? '', ageSince(namespace.metadata?.creationTimestamp, now)] };
  },
};
