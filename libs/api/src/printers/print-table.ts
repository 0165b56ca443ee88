/**
 * Server-side printing: the Table kube-apiserver returns when kubectl asks for
 * `application/json;as=Table;v=v1;g=meta.k8s.io`, every cell formatted by the kind's printer.
 */
import type { KubeObject } from '../object.js';
import { cloneJson } from '../object.js';
import type { ResourceType } from '../registry.js';
import { customResourcePrinter } from '../custom-resources/printer.js';
import { printerFor } from './kind-printers.js';
import { partialObjectMetadata } from './partial-object-metadata.js';
import type { IncludeObject, Table, TableRow } from './table.js';

function rowObject(obj: KubeObject, include: IncludeObject): Pick<TableRow, 'object'> {
  if (include === 'None') return {};
  return { object: include === 'Object' ? cloneJson(obj) : partialObjectMetadata(obj) };
}

/**
 * The Table for a list (or a single object) of one resource type at time `now`. Cells always
 * include the wide columns; kubectl hides priority-1 columns unless asked for `-o wide`.
 * `listMeta` carries the list's resourceVersion and continue token (a single get passes the object's).
 */
export function printTable(
  resource: ResourceType,
  objects: readonly KubeObject[],
  now: Date,
  include: IncludeObject,
  listMeta: { resourceVersion?: string; continue?: string } = {},
): Table {
  const printer = resource.custom ? customResourcePrinter(resource.custom.printerColumns) : printerFor(resource.kind);
  const rows = printer.compare ? [...objects].sort(printer.compare) : objects;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      ...(listMeta.resourceVersion ? { resourceVersion: listMeta.resourceVersion } : {}),
      ...(listMeta.continue ? { continue: listMeta.continue } : {}),
    },
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows: rows.map((obj) => ({ ...printer.print(obj, now), ...rowObject(obj, include) })),
  };
}
