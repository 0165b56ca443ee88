/**
 * `kubectl get runtimeclasses`: NAME HANDLER AGE. kube-apiserver looks HANDLER's description up
 * among ObjectMeta's field docs, where there is none, so it is empty.
 */
import type { RuntimeClass } from '../typed-objects.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** Prints RuntimeClasses. */
export const runtimeClassPrinter: KindPrinter = {
  columns: [nameColumn, column('Handler', ''), ageColumn],
  print(obj, now) {
    const runtimeClass = obj as RuntimeClass;
    return { cells: [runtimeClass.metadata?.name ?? '', runtimeClass.handler ?? '', ageSince(runtimeClass.metadata?.creationTimestamp, now)] };
  },
};
