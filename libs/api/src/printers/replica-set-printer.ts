/** `kubectl get replicasets`: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './container-cells.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { selectorCell } from './selector-cells.js';

const columns = [
  nameColumn,
  column(
    'Desired',
    'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
    { type: 'integer' },
  ),
  column(
    'Current',
    'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller',
    { type: 'integer' },
  ),
  column('Ready', 'The number of ready replicas for this replica set.', { type: 'integer' }),
  ageColumn,
  wideColumn('Containers', containersDescription),
  wideColumn('Images', imagesDescription),
  wideColumn(
    'Selector',
    'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  ),
];

/** Prints replica sets. */
export const replicaSetPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const replicaSet = obj as ReplicaSet;
    const [names, images] = containerCells(replicaSet.spec?.template?.spec?.containers);
    return {
      cells: [
        replicaSet.metadata?.name ?? '',
        replicaSet.spec?.replicas ?? 0,
        replicaSet.status?.replicas ?? 0,
        replicaSet.status?.readyReplicas ?? 0,
        ageSince(replicaSet.metadata?.creationTimestamp, now),
        names,
        images,
        selectorCell(replicaSet.spec?.selector),
      ],
    };
  },
};
