/**
 * `kubectl get daemonsets`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE,
 * wide CONTAINERS IMAGES SELECTOR.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './container-cells.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { labelsCell, selectorCell } from './selector-cells.js';

const integer = { type: 'integer' };

const columns = [
  nameColumn,
  column(
    'Desired',
    'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
    integer,
  ),
  column(
    'Current',
    'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
    integer,
  ),
  column('Ready', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.', integer),
  column('Up-to-date', 'The total number of nodes that are running updated daemon pod', integer),
  column(
    'Available',
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)',
    integer,
  ),
  column(
    'Node Selector',
    "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
  ),
  ageColumn,
  wideColumn('Containers', containersDescription),
  wideColumn('Images', imagesDescription),
  wideColumn(
    'Selector',
    "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
  ),
];

/** Prints daemon sets; the template's node selector prints as labels do (`<none>` when empty). */
export const daemonSetPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const daemonSet = obj as DaemonSet;
    const status = daemonSet.status;
    const [names, images] = containerCells(daemonSet.spec?.template?.spec?.containers);
    return {
      cells: [
        daemonSet.metadata?.name ?? '',
        status?.desiredNumberScheduled ?? 0,
        status?.currentNumberScheduled ?? 0,
        status?.numberReady ?? 0,
        status?.updatedNumberScheduled ?? 0,
        status?.numberAvailable ?? 0,
        labelsCell(daemonSet.spec?.template?.spec?.nodeSelector),
        ageSince(daemonSet.metadata?.creationTimestamp, now),
        names,
        images,
        selectorCell(daemonSet.spec?.selector),
      ],
    };
  },
};
