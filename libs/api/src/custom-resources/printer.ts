/**
 * Tables of custom resources as apiextensions-apiserver's table convertor builds them:
 * NAME, then the version's additionalPrinterColumns (or AGE when it has none); `date`
 * cells print as ages, a column that finds nothing prints `<none>`.
 */
import type { KubeObject } from '../object.js';
import { ageSince } from '../printers/human-duration.js';
import type { KindPrinter } from '../printers/kind-printer.js';
import type { TableCell } from '../printers/table.js';
import { jsonPathValues } from './json-path.js';
import type { PrinterColumn } from './types.js';

const nameColumn = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names', priority: 0 };
const ageColumn: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' };

function cell(column: PrinterColumn, obj: KubeObject, now: Date): TableCell {
  const value = jsonPathValues(obj, column.jsonPath)[0];
  if (value === undefined || value === null) return '<none>';
  switch (column.type) {
    case 'date':
      return typeof value === 'string' ? ageSince(value, now) : '<none>';
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : '<none>';
    case 'number':
      return typeof value === 'number' ? value : '<none>';
    case 'boolean':
      return typeof value === 'boolean' ? value : '<none>';
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** The printer of one custom resource version. */
export function customResourcePrinter(printerColumns: readonly PrinterColumn[]): KindPrinter {
  const columns = printerColumns.length > 0 ? printerColumns : [ageColumn];
  return {
    columns: [nameColumn, ...columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 }))],
    print(obj, now) {
      return { cells: [obj.metadata.name ?? '', ...columns.map((c) => cell(c, obj, now))] };
    },
  };
}
