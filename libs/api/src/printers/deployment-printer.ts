/** `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
import type { Deployment } from 'kubernetes-types/apps/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './container-cells.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { selectorText } from './selector-cells.js';

const columns = [
  nameColumn,
  column('Ready', 'Number of the pod with ready state'),
  column('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
  column('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
  ageColumn,
  wideColumn('Containers', containersDescription),
  wideColumn('Images', imagesDescription),
  wideColumn(
    'Selector',
    'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
  ),
];

/** Prints deployments; an empty selector prints as "" and an invalid one as "<invalid>", as printDeployment does. */
export const deploymentPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const deployment = obj as Deployment;
    const status = deployment.status ?? {};
    const [names, images] = containerCells(deployment.spec?.template?.spec?.containers);
    return {
      cells: [
        deployment.metadata?.name ?? '',
        `${status.readyReplicas ?? 0}/${deployment.spec?.replicas ?? 0}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        ageSince(deployment.metadata?.creationTimestamp, now),
        names,
        images,
        selectorText(deployment.spec?.selector, '<invalid>'),
      ],
    };
  },
};
