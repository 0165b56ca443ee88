/** The contract of a per-kind printer: its columns and the cells of one object's row. */
import type { KubeObject } from '../object.js';
import type { TableCell, TableColumnDefinition, TableRowCondition } from './table.js';

/** The cells (and optional row conditions) of one object, aligned with the printer's columns. */
export interface PrintedRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

/** Prints one kind; cells always include the wide columns, as the api-server prints them. */
export interface KindPrinter {
  columns: readonly TableColumnDefinition[];
  print(obj: KubeObject, now: Date): PrintedRow;
  /** The row order of a list, for kinds whose list printer sorts (FlowSchemas by precedence); storage order otherwise. */
  compare?(a: KubeObject, b: KubeObject): number;
}
