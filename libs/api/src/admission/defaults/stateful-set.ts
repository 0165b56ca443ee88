/**
 * apps/v1 StatefulSet defaults (SetDefaults_StatefulSet): OrderedReady pod management, a
 * RollingUpdate strategy from partition 0, Retain/Retain PVC retention (StatefulSetAutoDeletePVC
 * is on in 1.32), one replica, ten kept revisions, and template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { StatefulSet } from '../../typed-objects.js';
import { objectField } from './object-field.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a StatefulSet's defaults in place. */
export function defaultStatefulSet(statefulSet: StatefulSet): void {
  const spec = objectField(statefulSet, 'spec');
  spec.podManagementPolicy ||= 'OrderedReady';
  const strategy = objectField(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    objectField(strategy, 'rollingUpdate');
  }
  if (strategy.type === 'RollingUpdate' && isPlainObject(strategy.rollingUpdate)) strategy.rollingUpdate.partition ??= 0;
  const retention = objectField(spec, 'persistentVolumeClaimRetentionPolicy');
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(statefulSet.status)) statefulSet.status = { replicas: 0, availableReplicas: 0 };
}
