/** NAME AGE, for a kind this package has no printer for. */
import { ageColumn, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** Prints any object by name and age. */
export const fallbackPrinter: KindPrinter = {
  columns: [nameColumn, ageColumn],
  print(obj, now) {
    return { cells: [obj.metadata.name ?? '', ageSince(obj.metadata.creationTimestamp, now)] };
  },
};
