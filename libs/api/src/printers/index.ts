/** Server-side printing of Tables for `kubectl get`. */
export type {
  IncludeObject,
  PartialObjectMetadata,
  Table,
  TableCell,
  TableColumnDefinition,
  TableRow,
  TableRowCondition,
} from './table.js';
export { printTable } from './print-table.js';
export { humanDuration } from './human-duration.js';
