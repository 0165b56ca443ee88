/** `kubectl get statefulsets`: NAME READY AGE, wide CONTAINERS IMAGES (no SELECTOR, as printStatefulSet). */
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './container-cells.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

const columns = [
  nameColumn,
  column('Ready', 'Number of the pod with ready state'),
  ageColumn,
  wideColumn('Containers', containersDescription),
  wideColumn('Images', imagesDescription),
];

/** Prints stateful sets: ready replicas over desired. */
export const statefulSetPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const statefulSet = obj as StatefulSet;
    const [names, images] = containerCells(statefulSet.spec?.template?.spec?.containers);
    return {
      cells: [
        statefulSet.metadata?.name ?? '',
        `${statefulSet.status?.readyReplicas ?? 0}/${statefulSet.spec?.replicas ?? 0}`,
        ageSince(statefulSet.metadata?.creationTimestamp, now),
        names,
        images,
      ],
    };
  },
};
