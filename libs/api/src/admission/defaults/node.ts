/**
 * Node defaults (SetDefaults_NodeStatus): allocatable equals capacity until the kubelet
 * reports otherwise; quantities are printed canonically.
 */
import { isPlainObject } from '../../object.js';
import type { Node } from '../../typed-objects.js';
import { canonicalizeResourceList } from './resource-list.js';

/** Fills a Node's defaults in place. */
export function defaultNode(node: Node): void {
  const status = node.status;
  if (!isPlainObject(status)) return;
  canonicalizeResourceList(status.capacity);
  canonicalizeResourceList(status.allocatable);
  if (!isPlainObject(status.allocatable) && isPlainObject(status.capacity)) status.allocatable = { ...status.capacity };
}
