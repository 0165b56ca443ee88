/**
 * apps/v1 StatefulSet defaults (SetDefaults_StatefulSet): OrderedReady pod management, a
 * RollingUpdate strategy from partition 0, Retain/Retain PVC retention (StatefulSetAutoDeletePVC
 * is on in 1.32), one replica, ten kept revisions, and template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a StatefulSet's defaults in place. */
export function defaultStatefulSet(statefulSet: KubeObject): void {
  if (!isPlainObject(statefulSet.spec)) statefulSet.spec = {};
  const spec = statefulSet.spec;
  spec.podManagementPolicy ||= 'OrderedReady';
  if (!isPlainObject(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = spec.updateStrategy;
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    if (!isPlainObject(strategy.rollingUpdate)) strategy.rollingUpdate = {};
  }
  if (strategy.type === 'RollingUpdate' && isPlainObject(strategy.rollingUpdate)) strategy.rollingUpdate.partition ??= 0;
  if (!isPlainObject(spec.persistentVolumeClaimRetentionPolicy)) spec.persistentVolumeClaimRetentionPolicy = {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ||= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(statefulSet.status)) statefulSet.status = { replicas: 0, availableReplicas: 0 };
}
