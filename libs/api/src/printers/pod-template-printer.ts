/** `kubectl get podtemplates`: NAME CONTAINERS IMAGES POD LABELS (containers shown by default here). */
import type { PodTemplate } from 'kubernetes-types/core/v1';
import { column, containersDescription, imagesDescription, nameColumn } from './columns.js';
import { containerCells } from './container-cells.js';
import type { KindPrinter } from './kind-printer.js';
import { labelsCell } from './selector-cells.js';

/** Prints PodTemplates: their containers, images and the template's labels. */
export const podTemplatePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Containers', containersDescription),
    column('Images', imagesDescription),
    column('Pod Labels', 'The labels for the pod template.'),
  ],
  print(obj) {
    const template = obj as PodTemplate;
    const [names, images] = containerCells(template.template?.spec?.containers);
    return { cells: [template.metadata?.name ?? '', names, images, labelsCell(template.template?.metadata?.labels)] };
  },
};
