/** The PartialObjectMetadata a Table row carries by default (`includeObject=Metadata`, kubectl's choice). */
import type { KubeObject } from '../object.js';
import { cloneJson } from '../object.js';
import type { PartialObjectMetadata } from './table.js';

/** The object's metadata alone, without managedFields. */
export function partialObjectMetadata(obj: KubeObject): PartialObjectMetadata {
  // The managedFields are left before the copy: they are most of a pod's metadata, and a row never shows them.
  const { managedFields: _managedFields, ...metadata } = obj.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: cloneJson(metadata) };
}
