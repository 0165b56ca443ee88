/**
 * Column definitions as kube-apiserver declares them, including the OpenAPI descriptions it
 * copies from the API types' documentation, so `kubectl get -o json` of a Table matches.
 */
import type { TableColumnDefinition } from './table.js';

/** ObjectMeta.name's documentation. */
export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** ObjectMeta.creationTimestamp's documentation. */
export const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** The wide CONTAINERS and IMAGES columns' descriptions. */
export const containersDescription = 'Names of each container in the template.';
export const imagesDescription = 'Images referenced by each container in the template.';

interface ColumnOptions {
  type?: string;
  format?: string;
  priority?: number;
}

/** A column with Kubernetes' defaults: string type, no format, shown by default. */
export function column(name: string, description: string, options: ColumnOptions = {}): TableColumnDefinition {
  return { name, type: options.type ?? 'string', format: options.format ?? '', description, priority: options.priority ?? 0 };
}

/** A column only `-o wide` shows. */
export function wideColumn(name: string, description: string, options: ColumnOptions = {}): TableColumnDefinition {
  return column(name, description, { ...options, priority: 1 });
}

/** The NAME column every printer starts with. */
export const nameColumn = column('Name', nameDescription, { format: 'name' });

/** The AGE column. */
export const ageColumn = column('Age', creationTimestampDescription);
