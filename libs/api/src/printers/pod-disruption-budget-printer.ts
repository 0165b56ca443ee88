/** `kubectl get poddisruptionbudgets`: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { intOrStringCell } from './quantity-cells.js';

/** "N/A" for the bound a budget does not set. */
function boundCell(value: string | number | undefined): string {
  return value === undefined || value === null ? 'N/A' : intOrStringCell(value);
}

/** Prints PodDisruptionBudgets. */
export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Min Available', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', { type: 'integer' }),
    ageColumn,
  ],
  print(obj, now) {
    const budget = obj as PodDisruptionBudget;
    return {
      cells: [
        budget.metadata?.name ?? '',
        boundCell(budget.spec?.minAvailable),
        boundCell(budget.spec?.maxUnavailable),
        budget.status?.disruptionsAllowed ?? 0,
        ageSince(budget.metadata?.creationTimestamp, now),
      ],
    };
  },
};
