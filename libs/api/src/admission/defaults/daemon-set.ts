/**
 * apps/v1 DaemonSet defaults (SetDefaults_DaemonSet): a RollingUpdate strategy replacing one
 * pod at a time without surge, ten kept revisions, and template defaults.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { defaultPodTemplate } from './pod-template.js';

/** Fills a DaemonSet's defaults in place. */
export function defaultDaemonSet(daemonSet: KubeObject): void {
  if (!isPlainObject(daemonSet.spec)) daemonSet.spec = {};
  const spec = daemonSet.spec;
  if (!isPlainObject(spec.updateStrategy)) spec.updateStrategy = {};
  const strategy = spec.updateStrategy;
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    if (!isPlainObject(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    strategy.rollingUpdate.maxUnavailable ??= 1;
    strategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplate(spec.template);
  if (!isPlainObject(daemonSet.status)) {
    daemonSet.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
  }
}
