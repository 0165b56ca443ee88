/**
 * apps/v1 ReplicaSet defaults (SetDefaults_ReplicaSet): one replica and template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { ReplicaSet } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a ReplicaSet's defaults in place. */
export function defaultReplicaSet(replicaSet: ReplicaSet): void {
  const spec = objectField(replicaSet, 'spec');
  spec.replicas ??= 1;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(replicaSet.status)) replicaSet.status = { replicas: 0 };
}
