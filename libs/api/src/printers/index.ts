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
export { podStatus } from './pod-status.js';
export { podReadiness, podRestarts } from './pod-containers.js';
export { nodeStatus } from './node-printer.js';
export { hpaTargets } from './horizontal-pod-autoscaler-printer.js';
