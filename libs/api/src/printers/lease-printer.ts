/** `kubectl get leases`: NAME HOLDER AGE. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** Prints leases. */
export const leasePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column(
      'Holder',
      'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.',
    ),
    ageColumn,
  ],
  print(obj, now) {
    const lease = obj as Lease;
    return { cells: [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', ageSince(lease.metadata?.creationTimestamp, now)] };
  },
};
