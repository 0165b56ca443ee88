/** `kubectl get replicationcontrollers`: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
import type { ReplicationController } from 'kubernetes-types/core/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './container-cells.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { labelsCell } from './selector-cells.js';

const columns = [
  nameColumn,
  column('Desired', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller', { type: 'integer' }),
  column('Current', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller', { type: 'integer' }),
  column('Ready', 'The number of ready replicas for this replication controller.', { type: 'integer' }),
  ageColumn,
  wideColumn('Containers', containersDescription),
  wideColumn('Images', imagesDescription),
  wideColumn('Selector', 'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors'),
];

/** Prints ReplicationControllers; their selector is a plain label map. */
export const replicationControllerPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const controller = obj as ReplicationController;
    const [names, images] = containerCells(controller.spec?.template?.spec?.containers);
    return {
      cells: [
        controller.metadata?.name ?? '',
        controller.spec?.replicas ?? 0,
        controller.status?.replicas ?? 0,
        controller.status?.readyReplicas ?? 0,
        ageSince(controller.metadata?.creationTimestamp, now),
        names,
        images,
        labelsCell(controller.spec?.selector),
      ],
    };
  },
};
