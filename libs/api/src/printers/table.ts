/**
 * The meta.k8s.io/v1 Table that kubectl asks for (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`):
 * column definitions plus one row of pre-formatted cells per object.
 */
import type { KubeObject, ObjectMeta } from '../object.js';

/** One column; priority 0 shows by default, 1 only with `-o wide`. */
export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** A cell is text, a number (Go int64) or a boolean. */
export type TableCell = string | number | boolean;

/** A row condition; pods mark `Completed` when they have succeeded or failed. */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The metadata-only form of an object that rows carry by default (includeObject=Metadata). */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

/** One object's row. */
export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  object?: KubeObject | PartialObjectMetadata;
}

/** The whole Table response body. */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** How much of each object a row carries: `?includeObject=None|Metadata|Object`. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';
