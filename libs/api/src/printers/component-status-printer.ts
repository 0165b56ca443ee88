/** `kubectl get componentstatuses`: NAME STATUS MESSAGE ERROR (no AGE: the statuses are probed on each read). */
import type { ComponentStatus } from 'kubernetes-types/core/v1';
import { column, nameColumn } from './columns.js';
import type { KindPrinter } from './kind-printer.js';

/** Prints ComponentStatuses from their first Healthy condition; "Unknown" without one. */
export const componentStatusPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Status', 'Status of the component conditions'),
    column('Message', 'Message of the component conditions'),
    column('Error', 'Error of the component conditions'),
  ],
  print(obj) {
    const status = obj as ComponentStatus;
    const healthy = status.conditions?.find((c) => c.type === 'Healthy');
    const state = healthy ? (healthy.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return { cells: [status.metadata?.name ?? '', state, healthy?.message ?? '', healthy?.error ?? ''] };
  },
};
