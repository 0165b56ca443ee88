/**
 * apps/v1 ReplicaSet defaults (SetDefaults_ReplicaSet): one replica and template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a ReplicaSet's defaults in place. */
export function defaultReplicaSet(replicaSet: KubeObject): void {
  if (!isPlainObject(replicaSet.spec)) replicaSet.spec = {};
  replicaSet.spec.replicas ??= 1;
  defaultPodTemplate(replicaSet.spec.template);
  if (!isPlainObject(replicaSet.status)) replicaSet.status = { replicas: 0 };
}
